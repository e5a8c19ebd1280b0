/**
 * On « Mes Factures & Paiements » (issues 13 and 17): a payment still waiting for the bank, with « Abandonner ce
 * paiement » so that the family can pay again at once; the bookings suspended by the unpaid-invoices rule, why and
 * how to settle; the way to direct debit and to the certificates.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentView } from '../../shared/payment-contracts.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { Link } from '../app/router.js';
import { formatDateTime, formatDay } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { formatEuros } from '../ui/money.js';
import { StatusMessage } from '../ui/status-message.js';
import { errorsOf } from '../ui/use-form.js';

export function MoneyPanel({ payments, canPay, onChanged }: { payments: PaymentView[]; canPay: boolean; onChanged: () => void }) {
  const { t } = useTranslation('money');
  const money = useResource('money.family');
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const pending = payments.filter((p) => p.status === 'pending');

  async function abandon(id: string) {
    if (busy) return;
    setBusy(id);
    setProblem(null);
    try {
      await call('payments.abandon', { params: { paymentId: id } });
      setDone(t('panel.abandoned'));
      onChanged();
    } catch (e) {
      setProblem(errorsOf(e)[0]?.message ?? null);
      onChanged();
    } finally {
      setBusy(null);
    }
  }

  const debt = money.data?.debt;
  return (
    <>
      {done && <StatusMessage>{done}</StatusMessage>}
      {problem && (
        <StatusMessage tone="warning">
          <p>{problem}</p>
        </StatusMessage>
      )}
      {pending.map((p) => (
        <StatusMessage key={p.id} tone="info" title={t('panel.inProgressTitle')}>
          <p>
            {t('panel.inProgress', { amount: formatEuros(p.amountCents), date: formatDateTime(p.createdAt), invoices: p.lines.map((l) => l.number).join(', ') })}
          </p>
          <p>{t('panel.inProgressHelp')}</p>
          {canPay && (
            <Button variant="secondary" busy={busy === p.id} onClick={() => void abandon(p.id)}>
              {t('panel.abandon')}
            </Button>
          )}
        </StatusMessage>
      ))}
      {debt?.blocked && (
        <StatusMessage tone="warning" title={t('panel.debtTitle')}>
          <p>{t('panel.debt', { amount: formatEuros(debt.overdueCents), date: debt.oldestDueOn ? formatDay(debt.oldestDueOn) : '' })}</p>
          <p>{t('panel.debtHow')}</p>
        </StatusMessage>
      )}
      <nav aria-labelledby="money-more" className="money-links">
        <h2 id="money-more">{t('panel.more')}</h2>
        <ul>
          <li>
            <Link to="/famille/prelevement">{t('panel.mandateLink')}</Link>
          </li>
          <li>
            <Link to="/famille/attestations">{t('panel.certificatesLink')}</Link>
          </li>
        </ul>
      </nav>
    </>
  );
}
