/**
 * « Enregistrer un règlement »: a payment received at the cash office (cheque, cash, CESU, transfer, direct debit),
 * allocated to the family's unpaid invoices; what is not allocated stays as the family's credit.
 */
import { useState, type FormEvent } from 'react';
import { formatEuros, MANUAL_PAYMENT_METHODS, PAYMENT_METHOD_LABELS_FR, type ManualPaymentMethod } from '../../shared/billing-labels.js';
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
  usePageTitle('Enregistrer un règlement', form.errors.length > 0);
  const unpaid = (invoices.data ?? []).filter((i) => i.balanceCents > 0);
  // a family given in the address but not in the list (no balance) is not chosen
  const known = (balances.data ?? []).some((b) => b.familyId === familyId);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problems: SummaryError[] = [];
    if (!familyId || !known) problems.push({ path: 'familyId', message: 'Choisissez la famille.' });
    if (!method) problems.push({ path: 'method', message: 'Choisissez le mode de règlement.' });
    const cents = parseEuros(amount);
    if (!amount.trim()) problems.push({ path: 'amountCents', message: 'Saisissez le montant reçu.' });
    else if (cents === null || cents === 0) problems.push({ path: 'amountCents', message: 'Saisissez un montant en euros supérieur à zéro, par exemple 12,50.' });
    if (!receivedOn) problems.push({ path: 'receivedOn', message: 'Saisissez la date de réception.' });
    const allocations: { invoiceId: number; amountCents: number }[] = [];
    unpaid.forEach((inv, i) => {
      const text = allocated[inv.id]?.trim() ?? '';
      if (!text) return;
      const c = parseEuros(text);
      if (c === null) problems.push({ path: `allocations.${i}.amountCents`, message: `Montant affecté à la facture n° ${inv.number} : saisissez un montant en euros, par exemple 12,50.` });
      else if (c > 0) allocations.push({ invoiceId: inv.id, amountCents: c });
    });
    // allocations are sent without the blank ones: the server's allocations.N is the form's row sent[N]
    const sent = allocations.map((a) => unpaid.findIndex((u) => u.id === a.invoiceId));
    void form.submit(
      async () => {
        // unanswered: the server says « obligatoire »
        const p = await call('staffBilling.recordPayment', { body: { familyId, method: method as ManualPaymentMethod, amountCents: cents as number, reference, receivedOn, allocations } });
        navigate('/agent/facturation/reglements', {
          flash: `${PAYMENT_METHOD_LABELS_FR[p.method]} de ${formatEuros(p.amountCents)} enregistré pour ${p.familyName}${
            p.unallocatedCents > 0 ? ` ; ${formatEuros(p.unallocatedCents)} restent en avoir pour la famille` : ''
          }.`,
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
        Règlements
      </Link>
      <PageHeading>Enregistrer un règlement</PageHeading>
      <BillingNav />
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary {...form.summary} />
        <LoadState loading={balances.loading && !balances.data} error={balances.error} />
        <SelectField
          name="familyId"
          label="Famille"
          hint="Les familles qui ont une facture à régler ou un avoir."
          required
          placeholder="Choisissez la famille"
          options={(balances.data ?? []).map((b) => ({ value: b.familyId, label: `${b.familyName} — reste à payer ${formatEuros(b.outstandingCents)}` }))}
          value={known ? familyId : ''}
          onValueChange={(v) => {
            setFamilyId(v);
            setAllocated({});
          }}
          error={errorFor('familyId')}
        />
        <Radios
          name="method"
          legend="Mode de règlement"
          required
          options={MANUAL_PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS_FR[m] }))}
          value={method}
          onValueChange={setMethod}
          error={errorFor('method')}
        />
        <Field name="amountCents" label="Montant reçu (en euros)" hint="Par exemple 45,60." required inputMode="decimal" width="short" value={amount} onValueChange={setAmount} error={errorFor('amountCents')} />
        <Field name="reference" label="Référence (numéro de chèque, de virement…)" width="medium" value={reference} onValueChange={setReference} error={errorFor('reference')} />
        <DateInput name="receivedOn" label="Reçu le" required value={receivedOn} onValueChange={setReceivedOn} error={errorFor('receivedOn')} />
        {familyId && known && (
          <Fieldset legend="Affectation aux factures" hint="Le montant non affecté reste en avoir pour la famille.">
            <LoadState loading={invoices.loading && !invoices.data} error={invoices.error} />
            {invoices.data && unpaid.length === 0 && <p className="empty">Cette famille n’a aucune facture à régler.</p>}
            {unpaid.map((inv, i) => (
              <div className="allocation-row" key={inv.id}>
                <Field
                  name={`allocations.${i}.amountCents`}
                  label={`Facture n° ${inv.number} (${monthLabel(inv.month)}, ${inv.officeName}) — montant affecté en euros`}
                  hint={`Reste à payer : ${formatEuros(inv.balanceCents)}, échéance le ${formatDay(inv.dueOn)}.`}
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
            Enregistrer le règlement
          </Button>
          <Link to="/agent/facturation/reglements" className="button button--secondary">
            Annuler
          </Link>
        </ButtonGroup>
      </form>
    </>
  );
}
