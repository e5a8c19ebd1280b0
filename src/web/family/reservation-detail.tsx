/** The detail of one reservation (guide §5.2), with the button back to the home page. */
import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { ButtonLink } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { Legend } from '../ui/legend.js';
import { planningLineLegend } from './reservation-legend.js';
import { ReservationFacts, ReservationLines, reservationTitle } from '../views/reservation-view.js';
import '../ui/booking.css';

export function ReservationDetailPage({ number }: { number: string }) {
  const { t } = useTranslation(['family', 'labels']);
  const r = useResource('booking.reservation', { params: { reservationId: number } });
  const title = r.data ? reservationTitle(r.data) : r.status === 404 ? t('reservation.notFound') : t('reservation.loadingTitle');
  usePageTitle(title);
  return (
    <>
      <Link to="/famille" className="back-link">
        {t('reservation.back')}
      </Link>
      <PageHeading>{title}</PageHeading>
      {r.status === 404 ? (
        <p>{t('reservation.notFoundText')}</p>
      ) : (
        <LoadState loading={r.loading && !r.data} error={r.error} />
      )}
      {r.data && (
        <>
          <ReservationFacts reservation={r.data} />
          <div className="planning-toolbar">
            <h2>{t('reservation.days')}</h2>
            <Legend items={planningLineLegend(t)} />
          </div>
          <ReservationLines reservation={r.data} />
        </>
      )}
      <ButtonLink to="/famille">{t('reservation.home')}</ButtonLink>
    </>
  );
}
