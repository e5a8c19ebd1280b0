/**
 * The monthly invoicing run (issue 5): choose the collection office and the month, run it (a draft to review, the
 * month's attendance locked meanwhile; computed by a background job whose progress the run's page shows), and the
 * list of past runs with their state.
 */
import { useEffect, type FormEvent } from 'react';
import { formatEuros, RUN_STATE_LABELS_FR } from '../../shared/billing-labels.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { monthLabel, pastMonths } from '../i18n/fr.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { SelectField } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusTag } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { BillingNav } from './billing-nav.js';

export function BillingRunsPage() {
  const offices = useResource('staffBilling.offices');
  const runs = useResource('staffBilling.runs');
  // a run being computed: the list refreshes every 2 s until it is done
  const anyComputing = !!runs.data?.some((r) => r.computing);
  useEffect(() => {
    if (!anyComputing) return undefined;
    const timer = setTimeout(runs.reload, 2000);
    return () => clearTimeout(timer);
  }, [anyComputing, runs.data, runs.reload]);
  const months = pastMonths(12);
  const form = useForm({ officeId: '', month: months[0] });
  usePageTitle('Facturation du mois', form.errors.length > 0);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await form.submit(
      async () => {
        const run = await call('staffBilling.startRun', { body: { officeId: form.values.officeId, month: form.values.month } });
        navigate(`/agent/facturation/mois/${run.id}`, {
          flash: run.computing
            ? `La facturation de ${monthLabel(run.month)} est lancée : le calcul se poursuit, sa progression s’affiche ci-dessous.`
            : `Le brouillon de ${monthLabel(run.month)} est prêt : vérifiez-le avant de le publier.`,
        });
      },
      { required: ['officeId', 'month'] },
    );
  }

  return (
    <>
      <PageHeading>Facturation du mois</PageHeading>
      <BillingNav />
      <form noValidate onSubmit={onSubmit} className="card">
        <h2>Lancer la facturation</h2>
        <p>
          Le portail calcule un brouillon à partir des réservations et du pointage du mois : une facture par famille, chaque ligne avec son calcul, et les
          alertes à vérifier. Le pointage du mois est verrouillé jusqu’à la publication ou l’abandon du brouillon.
        </p>
        <ErrorSummary {...form.summary} />
        <LoadState loading={offices.loading && !offices.data} error={offices.error} />
        {offices.data && offices.data.length === 0 && <p className="empty">Aucune régie n’est configurée : un administrateur doit d’abord en créer une.</p>}
        {offices.data && offices.data.length > 0 && (
          <>
            <SelectField
              {...form.field('officeId')}
              label="Régie"
              required
              placeholder="Choisissez la régie"
              options={offices.data.map((o) => ({ value: o.id, label: `${o.name} (${o.code})` }))}
            />
            <SelectField
              {...form.field('month')}
              label="Mois à facturer"
              hint="Seul un mois terminé peut être facturé."
              required
              options={months.map((m) => ({ value: m, label: monthLabel(m) }))}
            />
            <ButtonGroup>
              <Button type="submit" busy={form.busy}>
                Lancer la facturation
              </Button>
            </ButtonGroup>
          </>
        )}
      </form>

      <h2>Facturations</h2>
      <LoadState loading={runs.loading && !runs.data} error={runs.error} />
      {runs.data && runs.data.length === 0 && <p className="empty">Aucune facturation pour le moment.</p>}
      {runs.data && runs.data.length > 0 && (
        <Table caption="Facturations par régie et par mois" captionHidden head={['Mois', 'Régie', 'État', 'Factures', 'Total', 'Alertes', 'Créée le']}>
          {runs.data.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/agent/facturation/mois/${r.id}`}>
                  {monthLabel(r.month)}
                  <span className="visually-hidden"> — {r.officeName}</span>
                </Link>
              </td>
              <td>{r.officeName}</td>
              <td>
                <StatusTag tone={r.state === 'published' ? 'success' : r.state === 'draft' ? 'warning' : 'neutral'}>
                  {r.computing ? `Calcul en cours${r.familiesTotal ? ` (${Math.floor((100 * r.familiesDone) / Math.max(r.familiesTotal, 1))} %)` : ''}` : RUN_STATE_LABELS_FR[r.state]}
                </StatusTag>
              </td>
              <td className="num">{r.invoiceCount}</td>
              <td className="num">{formatEuros(r.totalCents)}</td>
              <td className="num">{r.warningCount}</td>
              <td>{formatDateTime(r.createdAt)}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
