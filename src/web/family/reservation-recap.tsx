/** The recap after « Valider » (guide §5.1 and §5.3): child, reservation number, period, state; « Terminer ». */
import { useTranslation } from 'react-i18next';
import type { Reservation } from '../../shared/booking-contracts.js';
import { PageHeading } from '../app/page.js';
import { Button } from '../ui/button.js';
import { StatusMessage } from '../ui/status-message.js';
import { ReservationFacts, ReservationLines, reservationTitle } from '../views/reservation-view.js';

export function ReservationRecap({ reservation: r, onFinish }: { reservation: Reservation; onFinish: () => void }) {
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
      <h2>{t('reservation.recap')}</h2>
      <ReservationFacts reservation={r} />
      <ReservationLines reservation={r} />
      <Button onClick={onFinish}>{t('reservation.finish')}</Button>
    </>
  );
}
