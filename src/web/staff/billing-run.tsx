/**
 * One invoicing run: the draft to review — each family's invoice with every line's computation (tariff band,
 * residence, sibling rank, surcharge) and the warnings (missing quotient, attendance not taken…) — then
 * « Publier » (numbers, due dates, one e-mail per family) or « Abandonner le brouillon » (attendance unlocked).
 */
import { useEffect, useRef, useState } from 'react';
import { formatEuros, LINE_KIND_LABELS_FR, RUN_STATE_LABELS_FR, RUN_WARNING_LABELS_FR } from '../../shared/billing-labels.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime, formatDay } from '../i18n/format.js';
import { monthLabel, plural, shortDayLabel } from '../i18n/fr.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { invoiceName, invoiceTitle } from '../ui/invoice-detail.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage, StatusTag } from '../ui/status-message.js';
import { SummaryList } from '../ui/summary-list.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { BillingNav } from './billing-nav.js';

type Action = 'publish' | 'discard';

export function BillingRunPage({ runId }: { runId: string }) {
  const run = useResource('staffBilling.run', { params: { runId } });
  const flash = useFlash();
  const [asking, setAsking] = useState<Action | null>(null);
  const form = useForm();
  const [done, setDone] = useState<string | null>(null);
  const r = run.data;
  // computed by a background job: the page asks again every second while it runs, then shows the result
  const computing = !!r?.computing;
  const wasComputing = useRef(false);
  const [computed, setComputed] = useState(false);
  useEffect(() => {
    if (computing) {
      wasComputing.current = true;
      const timer = setTimeout(run.reload, 1000);
      return () => clearTimeout(timer);
    }
    if (r && wasComputing.current) {
      wasComputing.current = false;
      setComputed(true);
    }
    return undefined;
  }, [computing, r, run.reload]);
  const title = r ? `Facturation de ${monthLabel(r.month)} — ${r.officeName}` : run.status === 404 ? 'Facturation introuvable' : 'Facturation';
  usePageTitle(title, form.errors.length > 0);

  async function act(action: Action) {
    await form.submit(async () => {
      if (action === 'publish') {
        const d = await call('staffBilling.publishRun', { params: { runId } });
        setDone(`La facturation est publiée : ${plural(d.invoiceCount, 'facture numérotée', 'factures numérotées')}, les familles sont prévenues par courriel.`);
      } else {
        await call('staffBilling.discardRun', { params: { runId } });
        setDone('Le brouillon est abandonné : le pointage du mois est de nouveau modifiable.');
      }
      run.reload();
    });
    setAsking(null);
  }

  return (
    <>
      <Link to="/agent/facturation" className="back-link">
        Facturation du mois
      </Link>
      <PageHeading>{title}</PageHeading>
      <BillingNav />
      {flash && !done && !computed && <StatusMessage>{flash}</StatusMessage>}
      {computed && !done && r?.state === 'draft' && <StatusMessage>Le calcul est terminé : vérifiez le brouillon avant de le publier.</StatusMessage>}
      {done && <StatusMessage>{done}</StatusMessage>}
      <ErrorSummary {...form.summary} />
      {run.status === 404 ? <p>Cette facturation n’existe pas.</p> : <LoadState loading={run.loading && !r} error={r ? null : run.error} />}
      {r && (
        <>
          <SummaryList
            rows={[
              [
                'État',
                <StatusTag key="s" tone={r.state === 'published' ? 'success' : r.state === 'draft' ? 'warning' : 'neutral'}>
                  {r.computing ? 'Calcul en cours' : RUN_STATE_LABELS_FR[r.state]}
                </StatusTag>,
              ],
              ['Régie', r.officeName],
              ['Mois', monthLabel(r.month)],
              ['Factures', String(r.invoiceCount)],
              ['Total', formatEuros(r.totalCents)],
              ['Calculée le', formatDateTime(r.createdAt)],
              ['Publiée le', r.publishedAt ? formatDateTime(r.publishedAt) : ''],
            ]}
          />
          {r.computing && <RunProgress done={r.familiesDone} total={r.familiesTotal} />}
          {r.state === 'draft' && (
            <ButtonGroup>
              {!r.computing && <Button onClick={() => setAsking('publish')}>Publier la facturation</Button>}
              <Button variant="secondary" onClick={() => setAsking('discard')}>
                Abandonner le brouillon
              </Button>
            </ButtonGroup>
          )}

          <h2 id="alertes">Alertes ({r.warnings.length})</h2>
          {r.warnings.length === 0 ? (
            <p className="empty">Aucune alerte.</p>
          ) : (
            <ul className="billing-list" aria-labelledby="alertes">
              {r.warnings.map((w, i) => (
                <li key={i} className="billing-list__item">
                  <div className="billing-list__body">
                    <p>
                      <strong>{RUN_WARNING_LABELS_FR[w.code]}</strong>
                    </p>
                    <p className="billing-list__meta">
                      {w.familyName && <>{w.familyName} — </>}
                      {w.detail}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}

          <h2>Factures ({r.invoices.length})</h2>
          {r.invoices.length < r.invoiceCount && (
            <p className="muted">Seules les {r.invoices.length} premières factures sont affichées ici ; toutes figurent dans l’export CSV une fois publiées.</p>
          )}
          {r.invoices.map((inv) => (
            <section key={inv.id} className="run-invoice" aria-labelledby={`facture-${inv.id}`}>
              <h3 id={`facture-${inv.id}`}>
                {inv.familyName} — {invoiceTitle(inv)} — {formatEuros(inv.totalCents)}
              </h3>
              <p className="billing-list__meta">
                Payeur : {inv.payer.name}. Quotient familial : {inv.quotient === null ? 'non déclaré (tranche la plus haute)' : inv.quotient}.{' '}
                {inv.resident ? 'Résident.' : 'Hors commune.'}
                {inv.dueOn && ` À régler avant le ${formatDay(inv.dueOn)}.`}
              </p>
              <Table caption={`Lignes de la facture de ${inv.familyName}`} captionHidden head={['Enfant', 'Activité', 'Jours', 'Qté', 'Prix unitaire', 'Montant', 'Calcul']}>
                {inv.lines.map((l, i) => (
                  <tr key={i}>
                    <td>{l.childName}</td>
                    <td>
                      {l.activityName} — {l.unitLabel}
                      <span className="line-reason">{LINE_KIND_LABELS_FR[l.kind]}</span>
                    </td>
                    <td>{l.days.map((d) => shortDayLabel(d)).join(', ')}</td>
                    <td className="num">{l.quantity}</td>
                    <td className="num">{formatEuros(l.unitPriceCents)}</td>
                    <td className="num">{formatEuros(l.amountCents)}</td>
                    <td>{l.computation}</td>
                  </tr>
                ))}
              </Table>
              {inv.number && <Link to={`/agent/facturation/factures/${inv.id}`}>Voir la {invoiceName(inv)}</Link>}
            </section>
          ))}
        </>
      )}
      <ConfirmDialog
        title={asking === 'discard' ? 'Abandonner le brouillon ?' : 'Publier la facturation ?'}
        isOpen={asking !== null}
        confirmLabel={asking === 'discard' ? 'Abandonner le brouillon' : 'Publier'}
        tone={asking === 'discard' ? 'warning' : 'primary'}
        busy={form.busy}
        onConfirm={() => asking && act(asking)}
        onCancel={() => setAsking(null)}
      >
        {asking === 'discard' ? (
          <p>Le brouillon est supprimé et le pointage du mois redevient modifiable. Vous pourrez relancer la facturation.</p>
        ) : (
          <p>
            {r && plural(r.invoiceCount, 'facture sera numérotée', 'factures seront numérotées')} et chaque famille recevra un courriel. Une facture publiée ne se
            modifie plus : les corrections se font par avoir.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

const frNumber = new Intl.NumberFormat('fr-FR');

/**
 * The computation's progress: a native <progress> named by its label and described by « 1 250 familles sur 5 000 »
 * written next to it. Not a live region: it changes every second (the end is announced by a status message).
 */
function RunProgress({ done, total }: { done: number; total: number | null }) {
  const words =
    total === null ? 'Recherche des familles à facturer…' : `${frNumber.format(done)} ${done > 1 ? 'familles' : 'famille'} sur ${frNumber.format(total)}`;
  return (
    <div className="upload-progress run-progress">
      <label className="upload-progress__label" htmlFor="run-progress">
        Calcul des factures en cours
      </label>
      <div className="upload-progress__row">
        {total === null ? (
          <progress id="run-progress" className="upload-progress__bar" aria-describedby="run-progress-words"></progress>
        ) : (
          <progress id="run-progress" className="upload-progress__bar" max={Math.max(total, 1)} value={done} aria-describedby="run-progress-words"></progress>
        )}
        <span id="run-progress-words" className="upload-progress__value">
          {words}
        </span>
      </div>
      <p className="muted">Vous pouvez quitter cette page : le calcul se poursuit. Le brouillon pourra être vérifié puis publié une fois le calcul terminé.</p>
    </div>
  );
}
