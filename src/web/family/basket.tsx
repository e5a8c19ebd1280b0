/**
 * « Paiement à la réservation » (issue 13, docs/money.md): the basket of days held while the family pays — on the
 * booking's recap (BasketNotice) and on its own page (/famille/paniers/:basketId). The time left is written out
 * (not only shown), refreshed every 15 seconds; « Payer maintenant » leads to the bank (demo bank or PayFiP).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BasketView } from '../../shared/pay-at-booking-contracts.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDay } from '../i18n/format.js';
import { Button, ButtonLink } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { formatEuros } from '../ui/money.js';
import { StatusMessage } from '../ui/status-message.js';
import { SummaryList } from '../ui/summary-list.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import '../ui/billing.css';

/** « 10 h 42 » in French, « 10:42 » in English — Paris time, as the town hall's clock. */
function clockTime(iso: string, language: string): string {
  const parts = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Paris' }).formatToParts(new Date(iso));
  const h = parts.find((p) => p.type === 'hour')?.value ?? '';
  const m = parts.find((p) => p.type === 'minute')?.value ?? '';
  return language.startsWith('fr') ? `${Number(h)} h ${m}` : `${h}:${m}`;
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The held basket's message: until when, how long is left, and « Payer maintenant ». */
function HeldMessage({ basket, onExpired }: { basket: BasketView; onExpired?: () => void }) {
  const { t, i18n } = useTranslation('money');
  const now = useNow(15_000);
  const form = useForm();
  const leftMs = Date.parse(basket.expiresAt) - now;
  const minutes = Math.ceil(leftMs / 60_000);
  const time = clockTime(basket.expiresAt, i18n.language);
  useEffect(() => {
    if (leftMs <= 0) onExpired?.();
  }, [leftMs <= 0]); // eslint-disable-line react-hooks/exhaustive-deps

  function pay() {
    void form.submit(
      async () => {
        const started = await call('baskets.pay', { params: { basketId: basket.id } });
        // full navigation to the bank's page; the button stays busy until the browser leaves
        window.location.assign(started.redirectUrl);
        await new Promise(() => {});
      },
      { mapErrors: (l) => l.map((x) => ({ message: x.message })) },
    );
  }

  return (
    <StatusMessage tone="warning" title={t('payAtBooking.holdTitle', { time })}>
      <ErrorSummary {...form.summary} />
      <p>{t('payAtBooking.holdText', { time })}</p>
      <p role="timer" aria-live="off">
        <strong>{minutes >= 1 ? t('payAtBooking.left', { count: minutes }) : t('payAtBooking.leftLessThanOne')}</strong>
      </p>
      <Button onClick={pay} busy={form.busy}>
        {t('payAtBooking.pay', { amount: formatEuros(basket.balanceCents) })}
      </Button>
    </StatusMessage>
  );
}

/** On the booking's recap: the basket the reservation just made, if its activity is paid at booking. */
export function BasketNotice({ reservationNumber }: { reservationNumber: number }) {
  const { t } = useTranslation('money');
  const baskets = useResource('baskets.list');
  const basket = baskets.data?.find((b) => b.reservationId === reservationNumber);
  if (!basket) return null;
  if (basket.state !== 'held') return <BasketOutcome basket={basket} />;
  return (
    <>
      <HeldMessage basket={basket} onExpired={baskets.reload} />
      <p>
        <Link to={`/famille/paniers/${basket.id}`}>{t('payAtBooking.see')}</Link>
      </p>
    </>
  );
}

function BasketOutcome({ basket }: { basket: BasketView }) {
  const { t } = useTranslation('money');
  const n = { number: basket.invoiceNumber };
  if (basket.state === 'paid')
    return (
      <StatusMessage title={t('payAtBooking.paidTitle')}>
        <p>{t('payAtBooking.paidText', n)}</p>
      </StatusMessage>
    );
  if (basket.state === 'expired')
    return (
      <StatusMessage tone="warning" title={t('payAtBooking.expiredTitle')}>
        <p>{t('payAtBooking.expiredText', n)}</p>
      </StatusMessage>
    );
  return (
    <StatusMessage tone="info" title={t('payAtBooking.cancelledTitle')}>
      <p>{t('payAtBooking.cancelledText', n)}</p>
    </StatusMessage>
  );
}

/** The basket's page: its state, its days with their price, the time left and « Payer maintenant ». */
export function BasketPage({ basketId }: { basketId: string }) {
  const { t, i18n } = useTranslation('money');
  const b = useResource('baskets.get', { params: { basketId } });
  const title = b.data ? t('payAtBooking.title', { activity: b.data.activityName }) : t('payAtBooking.facts');
  usePageTitle(title);
  const basket = b.data;
  return (
    <>
      <Link to="/famille/factures" className="back-link">
        {t('payAtBooking.back')}
      </Link>
      <PageHeading>{title}</PageHeading>
      <LoadState loading={b.loading && !basket} error={basket ? null : b.error} />
      {basket && (
        <>
          {basket.state === 'held' ? <HeldMessage basket={basket} onExpired={b.reload} /> : <BasketOutcome basket={basket} />}
          <h2>{t('payAtBooking.facts')}</h2>
          <SummaryList
            rows={[
              [t('payAtBooking.child'), basket.childName],
              [t('payAtBooking.activity'), basket.activityName],
              [t('payAtBooking.state'), t(`payAtBooking.states.${basket.state}`)],
              [t('payAtBooking.invoice'), basket.invoiceNumber],
              ...(basket.state === 'held' ? [[t('payAtBooking.heldUntil'), `${formatDay(basket.expiresAt.slice(0, 10))} ${clockTime(basket.expiresAt, i18n.language)}`] as [string, string]] : []),
              [t('payAtBooking.toPay'), formatEuros(basket.balanceCents)],
            ]}
          />
          <Table caption={t('payAtBooking.caption')} head={[t('payAtBooking.day'), t('payAtBooking.unit'), t('payAtBooking.dayState'), t('payAtBooking.price')]}>
            {basket.days.map((d) => (
              <tr key={`${d.unitId}|${d.day}`}>
                <td>{formatDay(d.day)}</td>
                <td>{d.unitLabel}</td>
                <td>{t(`payAtBooking.dayStates.${d.state}`)}</td>
                <td className="num">{formatEuros(d.priceCents)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" colSpan={3}>
                {t('payAtBooking.total')}
              </th>
              <td className="num billing-total">{formatEuros(basket.totalCents)}</td>
            </tr>
          </Table>
          {basket.state !== 'held' && <ButtonLink to="/famille/factures">{t('payAtBooking.back')}</ButtonLink>}
        </>
      )}
    </>
  );
}

/** « Mes Factures & Paiements »: the family's baskets (held first), each linked to its page. */
export function BasketsList() {
  const { t } = useTranslation('money');
  const baskets = useResource('baskets.list');
  const list = baskets.data ?? [];
  if (!list.length) return null;
  return (
    <section aria-labelledby="baskets-title">
      <h2 id="baskets-title">{t('payAtBooking.listTitle')}</h2>
      <Table caption={t('payAtBooking.listCaption')} captionHidden head={[t('payAtBooking.activity'), t('payAtBooking.child'), t('payAtBooking.state'), t('payAtBooking.total'), t('payAtBooking.open')]}>
        {list.map((b) => (
          <tr key={b.id}>
            <td>{b.activityName}</td>
            <td>{b.childName}</td>
            <td>{t(`payAtBooking.states.${b.state}`)}</td>
            <td className="num">{formatEuros(b.totalCents)}</td>
            <td>
              <Link to={`/famille/paniers/${b.id}`}>
                {t('payAtBooking.open')}
                <span className="visually-hidden"> — {b.activityName}, {b.invoiceNumber}</span>
              </Link>
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
