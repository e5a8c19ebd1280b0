/** The recap after « Valider » (guide §5.1 and §5.3): child, reservation number, period, state; « Terminer ». */
import { useTranslation } from 'react-i18next';
import type { Reservation } from '../../shared/booking-contracts.js';
import { PageHeading } from '../app/page.js';
import { Button } from '../ui/button.js';
import { StatusMessage } from '../ui/status-message.js';
import { ReservationFacts, ReservationLines, reservationTitle } from '../views/reservation-view.js';
import { BasketNotice } from './basket.js';

/** `more`: the reservations of the brothers and sisters booked in the same request (issue 17). */
export function ReservationRecap({ reservation: r, onFinish, more = [] }: { reservation: Reservation; onFinish: () => void; more?: Reservation[] }) {
  const { t } = useTranslation('family');
  const cancellation = r.kind === 'cancellation';
  return (
    <>
      <PageHeading autoFocus>{cancellation ? t('planning.recapCancellation') : t('planning.recapBooking')}</PageHeading>
      <StatusMessage title={t('reservation.recapTitle', { title: reservationTitle(r) })}>
        <p>
          {r.state === 'pending'
            ? t('reservation.recapPending')
            : t('reservation.recapDone')}
        </p>
      </StatusMessage>
      {/* « paiement à la réservation » (issue 13): the held days to pay now */}
      {!cancellation && <BasketNotice reservationNumber={r.number} />}
      <h2>{t('reservation.recap')}</h2>
      <ReservationFacts reservation={r} />
      <ReservationLines reservation={r} />
      {more.map((o) => (
        <section key={o.number} aria-labelledby={`recap-${o.number}`}>
          <h2 id={`recap-${o.number}`}>{t('reservation.recapTitle', { title: reservationTitle(o) })}</h2>
          <ReservationFacts reservation={o} />
          <ReservationLines reservation={o} />
        </section>
      ))}
      <Button onClick={onFinish}>{t('reservation.finish')}</Button>
    </>
  );
}
