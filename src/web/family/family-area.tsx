import { lazy, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, useLocation } from '../app/router.js';
import { useSession } from '../app/session.js';
import { NotFoundPage } from '../app/pages/not-found.js';
import { StatusMessage } from '../ui/status-message.js';
import { FamilyHomePage } from './family-home.js';

// The children's pages load on demand (they carry the « Enfant » form and its widgets).
const FamilyInfoPage = lazy(() => import('./family-info.js').then((m) => ({ default: m.FamilyInfoPage })));
const FamilyEditPage = lazy(() => import('./family-edit.js').then((m) => ({ default: m.FamilyEditPage })));
const EmailChangePage = lazy(() => import('./email-change.js').then((m) => ({ default: m.EmailChangePage })));
const FamilySessionsPage = lazy(() => import('./sessions.js').then((m) => ({ default: m.FamilySessionsPage })));
const PasswordChangePage = lazy(() => import('../app/pages/password-change.js').then((m) => ({ default: m.PasswordChangePage })));
const ChildrenPage = lazy(() => import('./children.js').then((m) => ({ default: m.ChildrenPage })));
const ChildDetailPage = lazy(() => import('./child-detail.js').then((m) => ({ default: m.ChildDetailPage })));
const ChildFormPage = lazy(() => import('./child-form.js').then((m) => ({ default: m.ChildFormPage })));
const ChildAccessesPage = lazy(() => import('./child-accesses.js').then((m) => ({ default: m.ChildAccessesPage })));
// The planning and the reservations' detail load on demand too (guide §5).
const PlanningPage = lazy(() => import('./planning-page.js').then((m) => ({ default: m.PlanningPage })));
const ReservationDetailPage = lazy(() => import('./reservation-detail.js').then((m) => ({ default: m.ReservationDetailPage })));
// Supporting documents (guide §7) and the family's own data, on demand too.
const DocumentsPage = lazy(() => import('./documents.js').then((m) => ({ default: m.DocumentsPage })));
const DocumentAddPage = lazy(() => import('./document-add.js').then((m) => ({ default: m.DocumentAddPage })));
const PrivacyPage = lazy(() => import('./privacy.js').then((m) => ({ default: m.PrivacyPage })));
// Invoices and online payment (guide §6), on demand too.
const InvoicesPage = lazy(() => import('./invoices.js').then((m) => ({ default: m.InvoicesPage })));
const MandatePage = lazy(() => import('./mandate.js').then((m) => ({ default: m.MandatePage })));
const CertificatesPage = lazy(() => import('./certificates.js').then((m) => ({ default: m.CertificatesPage })));
// Linking the account to FranceConnect (issue 11), on demand too.
const FranceConnectAccountPage = lazy(() => import('./franceconnect.js').then((m) => ({ default: m.FranceConnectAccountPage })));
const PaymentReturnPage = lazy(() => import('./payment-return.js').then((m) => ({ default: m.PaymentReturnPage })));
// The household's members and its log (issue 11), on demand too.
const MembersPage = lazy(() => import('./members.js').then((m) => ({ default: m.MembersPage })));
// Request campaigns (issue 12): the outcome of the family's requests.
const CampaignOutcomesPage = lazy(() => import('./campaign-outcomes.js').then((m) => ({ default: m.CampaignOutcomesPage })));
const JournalPage = lazy(() => import('./journal.js').then((m) => ({ default: m.JournalPage })));
// Messages, notifications and the calendar feed (issue 14), on demand too.
const MessagesPage = lazy(() => import('./messages.js').then((m) => ({ default: m.MessagesPage })));
const NewMessagePage = lazy(() => import('./messages-new.js').then((m) => ({ default: m.NewMessagePage })));
const MessageThreadPage = lazy(() => import('./messages-thread.js').then((m) => ({ default: m.MessageThreadPage })));
const NotificationsPage = lazy(() => import('./notifications.js').then((m) => ({ default: m.NotificationsPage })));
const ChildBookingsPage = lazy(() => import('./child-bookings.js').then((m) => ({ default: m.ChildBookingsPage })));
const CalendarPage = lazy(() => import('./calendar.js').then((m) => ({ default: m.CalendarPage })));
// « paiement à la réservation » (issue 13): a basket of held days to pay
const BasketPage = lazy(() => import('./basket.js').then((m) => ({ default: m.BasketPage })));
// The family quotient from the CAF (issue 15), on demand too.
const QuotientPage = lazy(() => import('./quotient.js').then((m) => ({ default: m.QuotientPage })));

/** The signed-in family's space: « Mon compte famille » and its pages. */
export function FamilyArea() {
  const { pathname } = useLocation();
  const { account } = useSession();
  const { t } = useTranslation('family');
  let page: ReactNode;
  switch (pathname) {
    case '/famille':
      page = <FamilyHomePage />;
      break;
    case '/famille/informations':
      page = <FamilyInfoPage />;
      break;
    case '/famille/quotient':
      page = <QuotientPage />;
      break;
    case '/famille/informations/modifier':
      page = <FamilyEditPage />;
      break;
    case '/famille/identifiant':
      page = <EmailChangePage />;
      break;
    case '/famille/sessions':
      page = <FamilySessionsPage />;
      break;
    case '/famille/mot-de-passe':
      page = <PasswordChangePage endpoint="account.password" backTo="/famille" backLabel={t('area.backLabel')} />;
      break;
    case '/famille/enfants':
      page = <ChildrenPage />;
      break;
    case '/famille/enfants/ajouter':
      page = <ChildFormPage childId={null} />;
      break;
    case '/famille/enfants/acces':
      page = <ChildAccessesPage />;
      break;
    case '/famille/documents':
      page = <DocumentsPage />;
      break;
    case '/famille/documents/ajouter':
      page = <DocumentAddPage />;
      break;
    case '/famille/mes-donnees':
      page = <PrivacyPage />;
      break;
    case '/famille/franceconnect':
      page = <FranceConnectAccountPage />;
      break;
    case '/famille/factures':
      page = <InvoicesPage />;
      break;
    case '/famille/prelevement':
      page = <MandatePage />;
      break;
    case '/famille/attestations':
      page = <CertificatesPage />;
      break;
    case '/famille/membres':
      page = <MembersPage />;
      break;
    case '/famille/demandes':
      page = <CampaignOutcomesPage />;
      break;
    case '/famille/journal':
      page = <JournalPage />;
      break;
    case '/famille/messages':
      page = <MessagesPage />;
      break;
    case '/famille/messages/ecrire':
      page = <NewMessagePage />;
      break;
    case '/famille/notifications':
      page = <NotificationsPage />;
      break;
    case '/famille/calendrier':
      page = <CalendarPage />;
      break;
    default: {
      const edit = matchPath('/famille/enfants/:childId/modifier', pathname);
      const detail = matchPath('/famille/enfants/:childId', pathname);
      const childDays = matchPath('/famille/enfants/:childId/reservations', pathname); // issue 17
      const planning = matchPath('/famille/reservations/planning/:childId/:activityId/:periodId', pathname);
      const reservation = matchPath('/famille/reservations/:number', pathname);
      const payment = matchPath('/famille/paiements/:paymentId', pathname);
      const basket = matchPath('/famille/paniers/:basketId', pathname);
      const thread = matchPath('/famille/messages/:threadId', pathname);
      if (thread) page = <MessageThreadPage key={thread.threadId} threadId={thread.threadId} />;
      else if (planning) page = <PlanningPage key={pathname} childId={planning.childId} activityId={planning.activityId} periodId={planning.periodId} />;
      else if (payment) page = <PaymentReturnPage key={payment.paymentId} paymentId={payment.paymentId} />;
      else if (basket) page = <BasketPage key={basket.basketId} basketId={basket.basketId} />;
      else if (reservation) page = <ReservationDetailPage key={reservation.number} number={reservation.number} />;
      else if (edit) page = <ChildFormPage key={edit.childId} childId={edit.childId} />;
      else if (childDays) page = <ChildBookingsPage key={childDays.childId} childId={childDays.childId} />;
      else if (detail) page = <ChildDetailPage key={detail.childId} childId={detail.childId} />;
      else page = <NotFoundPage />;
    }
  }
  return (
    <>
      {account?.status === 'pending' && (
        <StatusMessage tone="warning" title={t('area.pendingTitle')}>
          <p>{t('area.pendingText')}</p>
        </StatusMessage>
      )}
      {page}
    </>
  );
}
