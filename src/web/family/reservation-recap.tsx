/** The recap after « Valider » (guide §5.1 and §5.3): child, reservation number, period, state; « Terminer ». */
import type { Reservation } from '../../shared/booking-contracts.js';
import { PageHeading } from '../app/page.js';
import { Button } from '../ui/button.js';
import { StatusMessage } from '../ui/status-message.js';
import { ReservationFacts, ReservationLines, reservationTitle } from '../views/reservation-view.js';

export function ReservationRecap({ reservation: r, onFinish }: { reservation: Reservation; onFinish: () => void }) {
  const cancellation = r.kind === 'cancellation';
  return (
    <>
      <PageHeading autoFocus>{cancellation ? 'Demande d’annulation enregistrée' : 'Réservation enregistrée'}</PageHeading>
      <StatusMessage title={`${reservationTitle(r)} enregistrée.`}>
        <p>
          {r.state === 'pending'
            ? 'Le service Enfance doit encore traiter au moins un jour : vous recevrez un courriel dès sa décision.'
            : 'Le détail de chaque jour figure ci-dessous.'}
        </p>
      </StatusMessage>
      <h2>Récapitulatif</h2>
      <ReservationFacts reservation={r} />
      <ReservationLines reservation={r} />
      <Button onClick={onFinish}>Terminer</Button>
    </>
  );
}
