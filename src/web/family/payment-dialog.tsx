/**
 * « Payer en ligne » (guide §6.3): the window that lists the unpaid invoices to tick, then the recap — each invoice
 * number and the amount that will be debited — with « Retour » and « Continuer ». « Continuer » records the payment
 * and sends the browser to the provider's secure page (a full page navigation: the portal never sees card data).
 * The amounts always come from the server.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentRecap } from '../../shared/payment-contracts.js';
import { call, errorMessage } from '../api/client.js';
import { formatEuros } from '../ui/money.js';
import { useResource } from '../api/use-resource.js';
import { formatDay } from '../i18n/format.js';
import { monthLabel } from '../i18n/fr.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary, type SummaryError } from '../ui/error-summary.js';
import { InlineError } from '../ui/field.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';

export function PaymentDialog({ isOpen, onClose, preselected }: { isOpen: boolean; onClose: () => void; preselected: number[] }) {
  const { t } = useTranslation('family');
  return (
    <Dialog title={t('payment.title')} isOpen={isOpen} onOpenChange={(open) => !open && onClose()}>
      {isOpen && <PaymentSteps onClose={onClose} preselected={preselected} />}
    </Dialog>
  );
}

function PaymentSteps({ onClose, preselected }: { onClose: () => void; preselected: number[] }) {
  const { t } = useTranslation('family');
  const unpaid = useResource('billing.unpaid');
  const [selected, setSelected] = useState<number[]>(preselected);
  const [recap, setRecap] = useState<PaymentRecap | null>(null);
  const form = useForm();
  const { busy } = form;
  const list = unpaid.data ?? [];
  // the server's problems are about the whole selection: shown as general messages
  const general = (l: SummaryError[]) => l.map((x) => ({ message: x.message }));

  async function toRecap(e: FormEvent) {
    e.preventDefault();
    const ids = list.filter((i) => selected.includes(i.id)).map((i) => i.id);
    const ok = await form.submit(async () => setRecap(await call('payments.recap', { body: { invoiceIds: ids } })), {
      check: () => (ids.length === 0 ? [{ path: 'invoiceIds', message: errorMessage('payment.no_invoice') }] : []),
      mapErrors: general,
    });
    if (!ok && ids.length > 0) unpaid.reload();
  }

  function toBank() {
    if (!recap) return;
    void form.submit(
      async () => {
        const started = await call('payments.start', { body: { invoiceIds: recap.lines.map((l) => l.invoiceId), totalCents: recap.totalCents } });
        // Full navigation to the provider's secure page; the button stays busy until the browser leaves.
        window.location.assign(started.redirectUrl);
        await new Promise(() => {});
      },
      { mapErrors: general },
    );
  }

  if (recap)
    return (
      <>
        <ErrorSummary {...form.summary} />
        <h4>{t('payment.recap')}</h4>
        <p>{t('payment.check')}</p>
        <Table caption={t('payment.caption')} captionHidden head={[t('payment.number'), t('payment.debited')]}>
          {recap.lines.map((l) => (
            <tr key={l.invoiceId}>
              <td>{l.number}</td>
              <td className="num">{formatEuros(l.amountCents)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('payment.total')}</th>
            <td className="num billing-total">{formatEuros(recap.totalCents)}</td>
          </tr>
        </Table>
        <p>{t('payment.leave')}</p>
        <ButtonGroup>
          <Button busy={busy} onClick={toBank}>
            {t('payment.continue')}
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              setRecap(null);
              form.clear();
            }}
          >
            {t('payment.back')}
          </Button>
        </ButtonGroup>
      </>
    );

  const error = form.errorFor('invoiceIds');
  return (
    <form noValidate onSubmit={toRecap}>
      <ErrorSummary {...form.summary} />
      {unpaid.error && <p>{unpaid.error}</p>}
      {unpaid.loading && !unpaid.data && <p className="loading">{t('payment.loading')}</p>}
      {unpaid.data && list.length === 0 && <p className="empty">{t('payment.nothing')}</p>}
      {list.length > 0 && (
        <div className={error ? 'field field--error' : 'field'}>
          <fieldset className="fieldset fieldset--question" aria-describedby={error ? 'invoiceIds-error' : 'invoiceIds-hint'}>
            <legend className="fieldset__legend">{t('payment.legend')}</legend>
            <p className="field__hint" id="invoiceIds-hint">
              {t('payment.hint')}
            </p>
            {error && <InlineError id="invoiceIds-error" message={error} />}
            <div className="choices">
              {list.map((inv, i) => {
                const id = i === 0 ? 'invoiceIds' : `invoiceIds-${inv.id}`;
                return (
                  <div className="choice" key={inv.id}>
                    <input
                      className="choice__input"
                      type="checkbox"
                      id={id}
                      name="invoiceIds"
                      value={inv.id}
                      checked={selected.includes(inv.id)}
                      onChange={(e) => setSelected((s) => (e.target.checked ? [...s, inv.id] : s.filter((x) => x !== inv.id)))}
                    />
                    <label className="choice__label" htmlFor={id}>
                      {t('payment.invoice', {
                        number: inv.number,
                        month: monthLabel(inv.month),
                        amount: formatEuros(inv.balanceCents),
                        date: formatDay(inv.dueOn),
                      })}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
      )}
      <ButtonGroup>
        {list.length > 0 && (
          <Button type="submit" busy={busy}>
            {t('payment.submit')}
          </Button>
        )}
        <Button variant="secondary" onClick={onClose}>
          {t('payment.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
