/** The detail of one reservation (guide §5.2), with the button back to the home page. */
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { ButtonLink } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { Legend } from '../ui/legend.js';
import { PLANNING_LINE_LEGEND } from './reservation-legend.js';
import { ReservationFacts, ReservationLines, reservationTitle } from '../views/reservation-view.js';
import '../ui/booking.css';

export function ReservationDetailPage({ number }: { number: string }) {
  const r = useResource('booking.reservation', { params: { reservationId: number } });
  const title = r.data ? reservationTitle(r.data) : r.status === 404 ? 'Réservation introuvable' : 'Détail de la réservation';
  usePageTitle(title);
  return (
    <>
      <Link to="/famille" className="back-link">
        Mon compte famille
      </Link>
      <PageHeading>{title}</PageHeading>
      {r.status === 404 ? (
        <p>Cette réservation n’existe pas ou n’appartient pas à votre famille.</p>
      ) : (
        <LoadState loading={r.loading && !r.data} error={r.error} />
      )}
      {r.data && (
        <>
          <ReservationFacts reservation={r.data} />
          <div className="planning-toolbar">
            <h2>Jours</h2>
            <Legend items={PLANNING_LINE_LEGEND} />
          </div>
          <ReservationLines reservation={r.data} />
        </>
      )}
      <ButtonLink to="/famille">Retour à l’accueil</ButtonLink>
    </>
  );
}
