/** One invoice for the staff: its detail with each line's computation, the PDF, and a credit note (avoir) form. */
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuros } from '../ui/money.js';
import { call, fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field, TextArea } from '../ui/field.js';
import { InvoiceDetailView, invoiceTitle } from '../ui/invoice-detail.js';
import { LoadState } from '../ui/loading.js';
import { parseEuros } from '../ui/money.js';
import { StatusMessage } from '../ui/status-message.js';
import { useForm } from '../ui/use-form.js';
import { useState } from 'react';
import { BillingNav } from './billing-nav.js';

export function StaffInvoicePage({ invoiceId }: { invoiceId: string }) {
  const inv = useResource('staffBilling.invoice', { params: { invoiceId } });
  const form = useForm({ amountCents: '', reason: '' });
  const [done, setDone] = useState<string | null>(null);
  const { t } = useTranslation('staffAdmin');
  const title = inv.data ? `${invoiceTitle(inv.data)} — ${inv.data.familyName}` : inv.status === 404 ? t('invoice.notFound') : t('invoice.titleDefault');
  usePageTitle(title, form.errors.length > 0);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const cents = parseEuros(form.values.amountCents);
    if (form.values.amountCents.trim() !== '' && (cents === null || cents === 0)) {
      form.fail([{ path: 'amountCents', message: t('invoice.amountInvalid') }]);
      return;
    }
    await form.submit(
      async () => {
        // no amount: the server says « obligatoire »
        const c = await call('staffBilling.createCreditNote', { params: { invoiceId }, body: { amountCents: cents as number, reason: form.values.reason } });
        setDone(t('invoice.created', { number: c.number, amount: formatEuros(c.amountCents) }));
        form.setValues({ amountCents: '', reason: '' });
        inv.reload();
      },
      { required: ['amountCents', 'reason'] },
    );
  }

  return (
    <>
      <Link to="/agent/facturation/factures" className="back-link">
        {t('invoice.back')}
      </Link>
      <PageHeading>{title}</PageHeading>
      <BillingNav />
      {done && <StatusMessage>{done}</StatusMessage>}
      {inv.status === 404 ? <p>{t('invoice.missing')}</p> : <LoadState loading={inv.loading && !inv.data} error={inv.data ? null : inv.error} />}
      {inv.data && (
        <>
          <p>
            <a className="button button--secondary" href={fileUrl('staffBilling.invoicePdf', { params: { invoiceId } })} download>
              {t('invoice.pdf')}
            </a>
          </p>
          <InvoiceDetailView invoice={inv.data} showComputation headingLevel={2} />
          {inv.data.number && inv.data.totalCents > inv.data.creditedCents && (
            <form noValidate onSubmit={onSubmit} className="card">
              <h2>{t('invoice.creditNote')}</h2>
              <p>{t('invoice.creditNoteHelp')}</p>
              <ErrorSummary {...form.summary} />
              <Field
                {...form.field('amountCents')}
                label={t('invoice.amount')}
                hint={t('invoice.amountHint', { amount: formatEuros(inv.data.totalCents - inv.data.creditedCents) })}
                required
                inputMode="decimal"
                width="short"
              />
              <TextArea {...form.field('reason')} label={t('invoice.reason')} required rows={3} />
              <ButtonGroup>
                <Button type="submit" busy={form.busy}>
                  {t('invoice.create')}
                </Button>
              </ButtonGroup>
            </form>
          )}
        </>
      )}
    </>
  );
}
