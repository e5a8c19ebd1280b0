/**
 * The monthly invoicing run (issue 5): choose the collection office and the month, run it (a draft to review, the
 * month's attendance locked meanwhile; computed by a background job whose progress the run's page shows), and the
 * list of past runs with their state.
 */
import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuros } from '../ui/money.js';
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
  const { t } = useTranslation('staffAdmin');
  const { t: tl } = useTranslation('labels');
  usePageTitle(t('runs.title'), form.errors.length > 0);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await form.submit(
      async () => {
        const run = await call('staffBilling.startRun', { body: { officeId: form.values.officeId, month: form.values.month } });
        navigate(`/agent/facturation/mois/${run.id}`, {
          flash: run.computing
            ? t('runs.startedFlash', { month: monthLabel(run.month) })
            : t('runs.readyFlash', { month: monthLabel(run.month) }),
        });
      },
      { required: ['officeId', 'month'] },
    );
  }

  return (
    <>
      <PageHeading>{t('runs.title')}</PageHeading>
      <BillingNav />
      <form noValidate onSubmit={onSubmit} className="card">
        <h2>{t('runs.start')}</h2>
        <p>{t('runs.startHelp')}</p>
        <ErrorSummary {...form.summary} />
        <LoadState loading={offices.loading && !offices.data} error={offices.error} />
        {offices.data && offices.data.length === 0 && <p className="empty">{t('runs.noOffice')}</p>}
        {offices.data && offices.data.length > 0 && (
          <>
            <SelectField
              {...form.field('officeId')}
              label={t('runs.office')}
              required
              placeholder={t('runs.chooseOffice')}
              options={offices.data.map((o) => ({ value: o.id, label: `${o.name} (${o.code})` }))}
            />
            <SelectField
              {...form.field('month')}
              label={t('runs.month')}
              hint={t('runs.monthHint')}
              required
              options={months.map((m) => ({ value: m, label: monthLabel(m) }))}
            />
            <ButtonGroup>
              <Button type="submit" busy={form.busy}>
                {t('runs.start')}
              </Button>
            </ButtonGroup>
          </>
        )}
      </form>

      <h2>{t('runs.list')}</h2>
      <LoadState loading={runs.loading && !runs.data} error={runs.error} />
      {runs.data && runs.data.length === 0 && <p className="empty">{t('runs.empty')}</p>}
      {runs.data && runs.data.length > 0 && (
        <Table
          caption={t('runs.caption')}
          captionHidden
          head={[
            t('runs.head.month'),
            t('runs.head.office'),
            t('runs.head.state'),
            t('runs.head.invoices'),
            t('runs.head.total'),
            t('runs.head.warnings'),
            t('runs.head.createdAt'),
          ]}
        >
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
                  {r.computing
                    ? r.familiesTotal
                      ? t('runs.computingPercent', { percent: Math.floor((100 * r.familiesDone) / Math.max(r.familiesTotal, 1)) })
                      : t('runs.computing')
                    : tl(`runState.${r.state}`)}
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
