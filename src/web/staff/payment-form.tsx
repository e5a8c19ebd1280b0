/**
 * « Enregistrer un règlement »: a payment received at the cash office (cheque, cash, CESU, transfer, direct debit),
 * allocated to the family's unpaid invoices; what is not allocated stays as the family's credit.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MANUAL_PAYMENT_METHODS, type ManualPaymentMethod } from '../../shared/billing-labels.js';
import { formatEuros } from '../ui/money.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate, useSearchParam } from '../app/router.js';
import { formatDay } from '../i18n/format.js';
import { monthLabel } from '../i18n/fr.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { DateInput } from '../ui/date-input.js';
import { ErrorSummary, type SummaryError } from '../ui/error-summary.js';
import { Field, SelectField } from '../ui/field.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { LoadState } from '../ui/loading.js';
import { parseEuros } from '../ui/money.js';
import { useForm } from '../ui/use-form.js';
import { BillingNav } from './billing-nav.js';

function todayInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

export function PaymentFormPage() {
  const balances = useResource('staffBilling.balances');
  const [familyId, setFamilyId] = useState(useSearchParam('famille') ?? '');
  const invoices = useResource('staffBilling.invoices', familyId ? { query: { familyId } } : null);
  const [method, setMethod] = useState<ManualPaymentMethod | ''>('');
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [receivedOn, setReceivedOn] = useState(todayInParis());
  const [allocated, setAllocated] = useState<Record<number, string>>({});
  const form = useForm();
  const { errorFor } = form;
  const { t } = useTranslation('staffAdmin');
  const { t: tl } = useTranslation('labels');
  usePageTitle(t('paymentForm.title'), form.errors.length > 0);
  const unpaid = (invoices.data ?? []).filter((i) => i.balanceCents > 0);
  // a family given in the address but not in the list (no balance) is not chosen
  const known = (balances.data ?? []).some((b) => b.familyId === familyId);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problems: SummaryError[] = [];
    if (!familyId || !known) problems.push({ path: 'familyId', message: t('paymentForm.chooseFamily') });
    if (!method) problems.push({ path: 'method', message: t('paymentForm.chooseMethod') });
    const cents = parseEuros(amount);
    if (!amount.trim()) problems.push({ path: 'amountCents', message: t('paymentForm.amountMissing') });
    else if (cents === null || cents === 0) problems.push({ path: 'amountCents', message: t('paymentForm.amountInvalid') });
    if (!receivedOn) problems.push({ path: 'receivedOn', message: t('paymentForm.dateMissing') });
    const allocations: { invoiceId: number; amountCents: number }[] = [];
    unpaid.forEach((inv, i) => {
      const text = allocated[inv.id]?.trim() ?? '';
      if (!text) return;
      const c = parseEuros(text);
      if (c === null) problems.push({ path: `allocations.${i}.amountCents`, message: t('paymentForm.allocationInvalid', { number: inv.number }) });
      else if (c > 0) allocations.push({ invoiceId: inv.id, amountCents: c });
    });
    // allocations are sent without the blank ones: the server's allocations.N is the form's row sent[N]
    const sent = allocations.map((a) => unpaid.findIndex((u) => u.id === a.invoiceId));
    void form.submit(
      async () => {
        // unanswered: the server says « obligatoire »
        const p = await call('staffBilling.recordPayment', { body: { familyId, method: method as ManualPaymentMethod, amountCents: cents as number, reference, receivedOn, allocations } });
        navigate('/agent/facturation/reglements', {
          flash:
            p.unallocatedCents > 0
              ? t('paymentForm.flashCredit', {
                  method: tl(`paymentMethod.${p.method}`),
                  amount: formatEuros(p.amountCents),
                  family: p.familyName,
                  credit: formatEuros(p.unallocatedCents),
                })
              : t('paymentForm.flash', { method: tl(`paymentMethod.${p.method}`), amount: formatEuros(p.amountCents), family: p.familyName }),
        });
      },
      {
        check: () => problems,
        mapErrors: (list) =>
          list.map((x) => {
            const m = x.path ? /^allocations\.(\d+)\.(.*)$/.exec(x.path) : null;
            return m ? { ...x, path: `allocations.${sent[Number(m[1])] ?? 0}.amountCents` } : x;
          }),
      },
    );
  }

  return (
    <>
      <Link to="/agent/facturation/reglements" className="back-link">
        {t('paymentForm.back')}
      </Link>
      <PageHeading>{t('paymentForm.title')}</PageHeading>
      <BillingNav />
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary {...form.summary} />
        <LoadState loading={balances.loading && !balances.data} error={balances.error} />
        <SelectField
          name="familyId"
          label={t('paymentForm.family')}
          hint={t('paymentForm.familyHint')}
          required
          placeholder={t('paymentForm.familyPlaceholder')}
          options={(balances.data ?? []).map((b) => ({ value: b.familyId, label: t('paymentForm.familyOption', { name: b.familyName, amount: formatEuros(b.outstandingCents) }) }))}
          value={known ? familyId : ''}
          onValueChange={(v) => {
            setFamilyId(v);
            setAllocated({});
          }}
          error={errorFor('familyId')}
        />
        <Radios
          name="method"
          legend={t('paymentForm.method')}
          required
          options={MANUAL_PAYMENT_METHODS.map((m) => ({ value: m, label: tl(`paymentMethod.${m}`) }))}
          value={method}
          onValueChange={setMethod}
          error={errorFor('method')}
        />
        <Field name="amountCents" label={t('paymentForm.amount')} hint={t('paymentForm.amountHint')} required inputMode="decimal" width="short" value={amount} onValueChange={setAmount} error={errorFor('amountCents')} />
        <Field name="reference" label={t('paymentForm.reference')} width="medium" value={reference} onValueChange={setReference} error={errorFor('reference')} />
        <DateInput name="receivedOn" label={t('paymentForm.receivedOn')} required value={receivedOn} onValueChange={setReceivedOn} error={errorFor('receivedOn')} />
        {familyId && known && (
          <Fieldset legend={t('paymentForm.allocation')} hint={t('paymentForm.allocationHint')}>
            <LoadState loading={invoices.loading && !invoices.data} error={invoices.error} />
            {invoices.data && unpaid.length === 0 && <p className="empty">{t('paymentForm.noUnpaid')}</p>}
            {unpaid.map((inv, i) => (
              <div className="allocation-row" key={inv.id}>
                <Field
                  name={`allocations.${i}.amountCents`}
                  label={t('paymentForm.allocationLabel', { number: inv.number, month: monthLabel(inv.month), office: inv.officeName })}
                  hint={t('paymentForm.allocationRowHint', { amount: formatEuros(inv.balanceCents), day: formatDay(inv.dueOn) })}
                  inputMode="decimal"
                  width="short"
                  value={allocated[inv.id] ?? ''}
                  onValueChange={(v) => setAllocated((a) => ({ ...a, [inv.id]: v }))}
                  error={errorFor(`allocations.${i}.amountCents`)}
                />
              </div>
            ))}
          </Fieldset>
        )}
        <ButtonGroup>
          <Button type="submit" busy={form.busy}>
            {t('paymentForm.submit')}
          </Button>
          <Link to="/agent/facturation/reglements" className="button button--secondary">
            {t('paymentForm.cancel')}
          </Link>
        </ButtonGroup>
      </form>
    </>
  );
}
