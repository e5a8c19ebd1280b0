/**
 * A family's collection page (issue 13; the one-off charge of issue 17): the unpaid-invoices rule and its lift, the
 * reminders' pause, the credit used on an invoice or refunded, a one-off invoice, the certificates, the mandates.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDay } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { DateInput } from '../ui/date-input.js';
import { Field, SelectField } from '../ui/field.js';
import { formatEuros } from '../ui/money.js';
import { StatusMessage } from '../ui/status-message.js';
import { StaffBaskets } from './staff-baskets.js';
import { errorsOf, prefixed, useForm } from '../ui/use-form.js';

/** « 12,50 » or « 12.50 » → 1250; NaN when it is not an amount. */
function cents(s: string): number {
  const v = s.trim().replace(/\s/g, '').replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(v) ? Math.round(Number(v) * 100) : Number.NaN;
}

export function FamilyMoneyPage({ familyId }: { familyId: string }) {
  const { t } = useTranslation(['money', 'errors', 'labels']);
  usePageTitle(t('staffFamily.title'));
  const money = useResource('staffMoney.family', { params: { familyId } });
  const invoices = useResource('staffBilling.invoices', { query: { familyId } });
  const offices = useResource('staffBilling.offices');
  const [flash, setFlash] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const lift = useForm({ until: '', reason: '' }, { prefix: 'lift' });
  const alloc = useForm({ invoiceId: '', amount: '' }, { prefix: 'alloc' });
  const refund = useForm({ amount: '', method: 'transfer', reference: '' }, { prefix: 'refund' });
  const charge = useForm({ officeId: '', label: '', quantity: '1', unitPrice: '' }, { prefix: 'charge' });
  const m = money.data;
  const unpaid = (invoices.data ?? []).filter((i) => i.balanceCents > 0);
  const amountProblem = (prefix: string, v: string) => (Number.isNaN(cents(v)) || cents(v) <= 0 ? [{ path: `${prefix}.amount`, message: t('errors:money.amount_invalid') }] : []);

  async function act(run: () => Promise<string>) {
    setFlash(null);
    setProblem(null);
    try {
      setFlash(await run());
      money.reload();
      invoices.reload();
    } catch (e) {
      setProblem(errorsOf(e)[0]?.message ?? null);
    }
  }

  return (
    <>
      <Link to={`/agent/familles/${familyId}`} className="back-link">
        {t('staffFamily.back')}
      </Link>
      <PageHeading>{t('staffFamily.title')}</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      {problem && (
        <StatusMessage tone="warning">
          <p>{problem}</p>
        </StatusMessage>
      )}
      {m && (
        <>
          <h2>{t('staffFamily.debtTitle')}</h2>
          <p>
            {m.debt.blocked
              ? t('staffFamily.blocked', { amount: formatEuros(m.debt.overdueCents), date: m.debt.oldestDueOn ? formatDay(m.debt.oldestDueOn) : '' })
              : t('staffFamily.notBlocked')}{' '}
            {m.debt.liftedUntil && t('staffFamily.liftedUntil', { date: formatDay(m.debt.liftedUntil) })}
          </p>
          {m.debt.liftedUntil ? (
            <Button variant="secondary" onClick={() => void act(async () => (await call('staffMoney.endLift', { params: { familyId } }), t('staffFamily.notBlocked')))}>
              {t('staffFamily.endLift')}
            </Button>
          ) : (
            <>
              <ErrorSummary {...lift.summary} />
              <form
                noValidate
                onSubmit={(e: FormEvent) => {
                  e.preventDefault();
                  void lift.submit(
                    async () => {
                      await call('staffMoney.liftDebt', { params: { familyId }, body: lift.values });
                      setFlash(t('staffFamily.lifted'));
                      money.reload();
                    },
                    { required: ['until', 'reason'], mapErrors: prefixed('lift.') },
                  );
                }}
              >
                <fieldset className="fieldset">
                  <legend>{t('staffFamily.liftTitle')}</legend>
                  <DateInput {...lift.field('until')} label={t('staffFamily.until')} required />
                  <Field {...lift.field('reason')} label={t('staffFamily.reason')} required />
                  <Button type="submit" busy={lift.busy}>
                    {t('staffFamily.lift')}
                  </Button>
                </fieldset>
              </form>
            </>
          )}

          <h2>{t('staffFamily.pauseTitle')}</h2>
          {m.debt.remindersPaused && <p>{t('staffFamily.paused')}</p>}
          <Button
            variant="secondary"
            onClick={() =>
              void act(async () => {
                if (m.debt.remindersPaused) await call('staffMoney.resumeReminders', { params: { familyId } });
                else await call('staffMoney.pauseReminders', { params: { familyId }, body: { reason: 'Pause décidée par la régie' } });
                return m.debt.remindersPaused ? t('staffFamily.resume') : t('staffFamily.paused');
              })
            }
          >
            {m.debt.remindersPaused ? t('staffFamily.resume') : t('staffFamily.pause')}
          </Button>

          <h2>{t('staffFamily.creditTitle')}</h2>
          <p>{t('staffFamily.credit', { amount: formatEuros(m.creditCents) })}</p>
          {m.creditCents > 0 && unpaid.length > 0 && (
            <>
              <ErrorSummary {...alloc.summary} />
              <form
                noValidate
                onSubmit={(e: FormEvent) => {
                  e.preventDefault();
                  void alloc.submit(
                    async () => {
                      const r = await call('staffMoney.allocateCredit', { body: { familyId, invoiceId: Number(alloc.values.invoiceId), amountCents: cents(alloc.values.amount) } });
                      setFlash(t('staffFamily.allocated', { amount: formatEuros(r.allocatedCents) }));
                      money.reload();
                      invoices.reload();
                    },
                    { required: ['invoiceId', 'amount'], check: (v) => amountProblem('alloc', v.amount) },
                  );
                }}
              >
                <fieldset className="fieldset">
                  <legend>{t('staffFamily.allocate')}</legend>
                  <SelectField
                    {...alloc.field('invoiceId')}
                    label={t('staffFamily.allocateInvoice')}
                    placeholder="—"
                    options={unpaid.map((i) => ({ value: String(i.id), label: `${i.number ?? ''} (${formatEuros(i.balanceCents)})` }))}
                    required
                  />
                  <Field {...alloc.field('amount')} label={t('staffFamily.amount')} width="short" inputMode="decimal" required />
                  <Button type="submit" busy={alloc.busy}>
                    {t('staffFamily.allocate')}
                  </Button>
                </fieldset>
              </form>
            </>
          )}
          {m.creditCents > 0 && (
            <>
              <ErrorSummary {...refund.summary} />
              <form
                noValidate
                onSubmit={(e: FormEvent) => {
                  e.preventDefault();
                  void refund.submit(
                    async () => {
                      await call('staffMoney.refund', { body: { familyId, amountCents: cents(refund.values.amount), method: refund.values.method as 'transfer', reference: refund.values.reference || null } });
                      setFlash(t('staffFamily.refunded'));
                      money.reload();
                    },
                    { required: ['amount'], check: (v) => amountProblem('refund', v.amount) },
                  );
                }}
              >
                <fieldset className="fieldset">
                  <legend>{t('staffFamily.refundTitle')}</legend>
                  <Field {...refund.field('amount')} label={t('staffFamily.amount')} width="short" inputMode="decimal" required />
                  <SelectField
                    {...refund.field('method')}
                    label={t('staffFamily.refundMethod')}
                    options={(['transfer', 'cheque', 'cash'] as const).map((x) => ({ value: x, label: t(`labels:paymentMethod.${x}`) }))}
                  />
                  <Button type="submit" busy={refund.busy}>
                    {t('staffFamily.refund')}
                  </Button>
                </fieldset>
              </form>
            </>
          )}

          <h2>{t('staffFamily.chargeTitle')}</h2>
          <p>{t('staffFamily.chargeIntro')}</p>
          <ErrorSummary {...charge.summary} />
          <form
            noValidate
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              void charge.submit(
                async () => {
                  const officeId = charge.values.officeId || offices.data?.[0]?.id || '';
                  const r = await call('staffMoney.manualInvoice', {
                    body: { officeId, familyId, lines: [{ label: charge.values.label, quantity: Number(charge.values.quantity), unitPriceCents: cents(charge.values.unitPrice) }] },
                  });
                  setFlash(t('staffFamily.charged', { number: r.number, amount: formatEuros(r.totalCents) }));
                  charge.setValues({ officeId: charge.values.officeId, label: '', quantity: '1', unitPrice: '' });
                  invoices.reload();
                },
                {
                  required: ['label', 'unitPrice'],
                  check: (v) => (Number.isNaN(cents(v.unitPrice)) || cents(v.unitPrice) <= 0 ? [{ path: 'charge.unitPrice', message: t('errors:money.amount_invalid') }] : []),
                  mapErrors: (list) => list.map((x) => (x.path === 'lines.0.label' ? { ...x, path: 'charge.label' } : x.path?.startsWith('lines.0.unitPrice') ? { ...x, path: 'charge.unitPrice' } : x.path === 'lines.0.quantity' ? { ...x, path: 'charge.quantity' } : x)),
                },
              );
            }}
          >
            {(offices.data ?? []).length > 1 && (
              <SelectField {...charge.field('officeId')} label={t('staffFamily.office')} options={(offices.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />
            )}
            <Field {...charge.field('label')} label={t('staffFamily.label')} required />
            <Field {...charge.field('quantity')} label={t('staffFamily.quantity')} width="short" inputMode="numeric" required />
            <Field {...charge.field('unitPrice')} label={t('staffFamily.unitPrice')} width="short" inputMode="decimal" required />
            <Button type="submit" busy={charge.busy}>
              {t('staffFamily.charge')}
            </Button>
          </form>

          <h2>{t('staffFamily.certificatesTitle')}</h2>
          <ul>
            <li>
              <a href={fileUrl('staffMoney.paymentCertificate', { params: { familyId }, query: { from: `${new Date().getFullYear()}-01-01`, to: new Date().toISOString().slice(0, 10) } })}>
                {t('certificatesPage.paymentTitle')} ({new Date().getFullYear()})
              </a>
            </li>
            <li>
              <a href={fileUrl('staffMoney.taxCertificate', { params: { familyId }, query: { year: new Date().getFullYear() - 1 } })}>
                {t('certificatesPage.downloadTax', { year: new Date().getFullYear() - 1 })}
              </a>
            </li>
          </ul>

          <h2>{t('staffFamily.mandatesTitle')}</h2>
          {m.mandates.length === 0 ? (
            <p className="empty">{t('mandatePage.none')}</p>
          ) : (
            <ul>
              {m.mandates.map((x) => (
                <li key={x.id}>
                  {x.rum} — {x.ibanMasked} — {t(`mandateState.${x.state}`)} —{' '}
                  <a href={fileUrl('staffMoney.mandatePdf', { params: { mandateId: x.id } })} aria-label={t('mandatePage.pdfOf', { rum: x.rum })}>
                    PDF
                  </a>
                </li>
              ))}
            </ul>
          )}
          {/* « paiement à la réservation » (issue 13) */}
          <StaffBaskets familyId={familyId} />
        </>
      )}
    </>
  );
}
