/**
 * One invoicing run: the draft to review — each family's invoice with every line's computation (tariff band,
 * residence, sibling rank, surcharge) and the warnings (missing quotient, attendance not taken…) — then
 * « Publier » (numbers, due dates, one e-mail per family) or « Abandonner le brouillon » (attendance unlocked).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuros } from '../ui/money.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime, formatDay } from '../i18n/format.js';
import { monthLabel, shortDayLabel } from '../i18n/fr.js';
import { currentLocale } from '../i18n/i18n.js';
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
  const { t } = useTranslation('staffAdmin');
  const { t: tl } = useTranslation('labels');
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
  const title = r ? t('run.title', { month: monthLabel(r.month), office: r.officeName }) : run.status === 404 ? t('run.notFound') : t('run.titleDefault');
  usePageTitle(title, form.errors.length > 0);

  async function act(action: Action) {
    await form.submit(async () => {
      if (action === 'publish') {
        const d = await call('staffBilling.publishRun', { params: { runId } });
        setDone(t('run.published', { count: d.invoiceCount }));
      } else {
        await call('staffBilling.discardRun', { params: { runId } });
        setDone(t('run.discarded'));
      }
      run.reload();
    });
    setAsking(null);
  }

  return (
    <>
      <Link to="/agent/facturation" className="back-link">
        {t('run.back')}
      </Link>
      <PageHeading>{title}</PageHeading>
      <BillingNav />
      {flash && !done && !computed && <StatusMessage>{flash}</StatusMessage>}
      {computed && !done && r?.state === 'draft' && <StatusMessage>{t('run.computed')}</StatusMessage>}
      {done && <StatusMessage>{done}</StatusMessage>}
      <ErrorSummary {...form.summary} />
      {run.status === 404 ? <p>{t('run.missing')}</p> : <LoadState loading={run.loading && !r} error={r ? null : run.error} />}
      {r && (
        <>
          <SummaryList
            rows={[
              [
                t('run.state'),
                <StatusTag key="s" tone={r.state === 'published' ? 'success' : r.state === 'draft' ? 'warning' : 'neutral'}>
                  {r.computing ? t('run.computing') : tl(`runState.${r.state}`)}
                </StatusTag>,
              ],
              [t('run.office'), r.officeName],
              [t('run.month'), monthLabel(r.month)],
              [t('run.invoices'), String(r.invoiceCount)],
              [t('run.total'), formatEuros(r.totalCents)],
              [t('run.createdAt'), formatDateTime(r.createdAt)],
              [t('run.publishedAt'), r.publishedAt ? formatDateTime(r.publishedAt) : ''],
            ]}
          />
          {r.computing && <RunProgress done={r.familiesDone} total={r.familiesTotal} />}
          {r.state === 'draft' && (
            <ButtonGroup>
              {!r.computing && <Button onClick={() => setAsking('publish')}>{t('run.publish')}</Button>}
              <Button variant="secondary" onClick={() => setAsking('discard')}>
                {t('run.discard')}
              </Button>
            </ButtonGroup>
          )}

          <h2 id="alertes">{t('run.warnings', { count: r.warnings.length })}</h2>
          {r.warnings.length === 0 ? (
            <p className="empty">{t('run.noWarning')}</p>
          ) : (
            <ul className="billing-list" aria-labelledby="alertes">
              {r.warnings.map((w, i) => (
                <li key={i} className="billing-list__item">
                  <div className="billing-list__body">
                    <p>
                      <strong>{tl(`runWarning.${w.code}`)}</strong>
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

          <h2>{t('run.invoiceList', { count: r.invoices.length })}</h2>
          {r.invoices.length < r.invoiceCount && (
            <p className="muted">{t('run.firstOnly', { count: r.invoices.length })}</p>
          )}
          {r.invoices.map((inv) => (
            <section key={inv.id} className="run-invoice" aria-labelledby={`facture-${inv.id}`}>
              <h3 id={`facture-${inv.id}`}>
                {inv.familyName} — {invoiceTitle(inv)} — {formatEuros(inv.totalCents)}
              </h3>
              <p className="billing-list__meta">
                {t('run.payer', { name: inv.payer.name })}{' '}
                {t('run.quotient', { quotient: inv.quotient === null ? t('run.quotientMissing') : inv.quotient })}{' '}
                {inv.resident ? t('run.resident') : t('run.nonResident')}
                {inv.dueOn && ` ${t('run.dueOn', { day: formatDay(inv.dueOn) })}`}
              </p>
              <Table
                caption={t('run.linesCaption', { family: inv.familyName })}
                captionHidden
                head={[
                  t('run.head.child'),
                  t('run.head.activity'),
                  t('run.head.days'),
                  t('run.head.quantity'),
                  t('run.head.unitPrice'),
                  t('run.head.amount'),
                  t('run.head.computation'),
                ]}
              >
                {inv.lines.map((l, i) => (
                  <tr key={i}>
                    <td>{l.childName}</td>
                    <td>
                      {l.activityName} — {l.unitLabel}
                      <span className="line-reason">{tl(`lineKind.${l.kind}`)}</span>
                    </td>
                    <td>{l.days.map((d) => shortDayLabel(d)).join(', ')}</td>
                    <td className="num">{l.quantity}</td>
                    <td className="num">{formatEuros(l.unitPriceCents)}</td>
                    <td className="num">{formatEuros(l.amountCents)}</td>
                    <td>{l.computation}</td>
                  </tr>
                ))}
              </Table>
              {inv.number && <Link to={`/agent/facturation/factures/${inv.id}`}>{t('run.seeInvoice', { invoice: invoiceName(inv) })}</Link>}
            </section>
          ))}
        </>
      )}
      <ConfirmDialog
        title={asking === 'discard' ? t('run.confirmDiscardTitle') : t('run.confirmPublishTitle')}
        isOpen={asking !== null}
        confirmLabel={asking === 'discard' ? t('run.discard') : t('run.confirmPublish')}
        tone={asking === 'discard' ? 'warning' : 'primary'}
        busy={form.busy}
        onConfirm={() => asking && act(asking)}
        onCancel={() => setAsking(null)}
      >
        {asking === 'discard' ? (
          <p>{t('run.confirmDiscardText')}</p>
        ) : (
          <p>{t('run.confirmPublishText', { count: r?.invoiceCount ?? 0 })}</p>
        )}
      </ConfirmDialog>
    </>
  );
}


/**
 * The computation's progress: a native <progress> named by its label and described by « 1 250 familles sur 5 000 »
 * written next to it. Not a live region: it changes every second (the end is announced by a status message).
 */
function RunProgress({ done, total }: { done: number; total: number | null }) {
  const { t } = useTranslation('staffAdmin');
  const numbers = new Intl.NumberFormat(currentLocale());
  const words =
    total === null ? t('run.progress.searching') : t('run.progress.count', { count: done, done: numbers.format(done), total: numbers.format(total) });
  return (
    <div className="upload-progress run-progress">
      <label className="upload-progress__label" htmlFor="run-progress">
        {t('run.progress.label')}
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
      <p className="muted">{t('run.progress.help')}</p>
    </div>
  );
}
