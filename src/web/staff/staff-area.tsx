import { lazy, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, navigate, useLocation } from '../app/router.js';
import { useSession } from '../app/session.js';
import { NotFoundPage } from '../app/pages/not-found.js';
import { PasswordChangePage } from '../app/pages/password-change.js';
import { DashboardPage } from './dashboard.js';
import { PendingAccountsPage } from './pending-accounts.js';
import { FamilySearchPage } from './family-search.js';
import { StaffFamilyPage } from './staff-family.js';
import { AuditPage } from './audit.js';
import { OutboxPage } from './outbox.js';
import { OutboxMessagePage } from './outbox-message.js';
import { StaffAccountsPage } from './staff-accounts.js';
import { SecurityPage } from './security.js';

// Children's records, the emergency sheet and the reference lists load on demand.
const ChildSearchPage = lazy(() => import('./child-search.js').then((m) => ({ default: m.ChildSearchPage })));
const StaffChildPage = lazy(() => import('./child-record.js').then((m) => ({ default: m.StaffChildPage })));
const EmergencySheetPage = lazy(() => import('./child-sheet.js').then((m) => ({ default: m.EmergencySheetPage })));
const ListsPage = lazy(() => import('./lists.js').then((m) => ({ default: m.ListsPage })));
// Bookings (issue 4): requests, occupancy, attendance, and the catalog's configuration, on demand too.
const BookingRequestsPage = lazy(() => import('./booking-requests.js').then((m) => ({ default: m.BookingRequestsPage })));
const OccupancyPage = lazy(() => import('./occupancy.js').then((m) => ({ default: m.OccupancyPage })));
const AttendancePage = lazy(() => import('./attendance.js').then((m) => ({ default: m.AttendancePage })));
// issue 15: attendance on a phone or tablet, offline (the installable app of pointage.webmanifest)
const AttendanceOfflinePage = lazy(() => import('./attendance-offline.js').then((m) => ({ default: m.AttendanceOfflinePage })));
const CatalogPage = lazy(() => import('./catalog.js').then((m) => ({ default: m.CatalogPage })));
const CatalogActivityPage = lazy(() => import('./catalog-activity.js').then((m) => ({ default: m.CatalogActivityPage })));
const CatalogCalendarPage = lazy(() => import('./catalog-calendar.js').then((m) => ({ default: m.CatalogCalendarPage })));
// Supporting documents (issue 6): the review queue, on demand.
const DocumentQueuePage = lazy(() => import('./document-review.js').then((m) => ({ default: m.DocumentQueuePage })));
const DocumentReviewPage = lazy(() => import('./document-review.js').then((m) => ({ default: m.DocumentReviewPage })));
const DocumentTypesPage = lazy(() => import('./document-types.js').then((m) => ({ default: m.DocumentTypesPage })));
const FamilyDocumentsPage = lazy(() => import('./document-family.js').then((m) => ({ default: m.FamilyDocumentsPage })));
const ClosureRequestsPage = lazy(() => import('./document-closures.js').then((m) => ({ default: m.ClosureRequestsPage })));
// Billing (issue 5): invoicing runs, invoices and credit notes, payments, balances, on demand.
const BillingRunsPage = lazy(() => import('./billing-runs.js').then((m) => ({ default: m.BillingRunsPage })));
const BillingRunPage = lazy(() => import('./billing-run.js').then((m) => ({ default: m.BillingRunPage })));
const StaffInvoicesPage = lazy(() => import('./invoices.js').then((m) => ({ default: m.InvoicesPage })));
const StaffInvoicePage = lazy(() => import('./invoice-detail.js').then((m) => ({ default: m.StaffInvoicePage })));
const PaymentsPage = lazy(() => import('./payments.js').then((m) => ({ default: m.PaymentsPage })));
const PaymentFormPage = lazy(() => import('./payment-form.js').then((m) => ({ default: m.PaymentFormPage })));
const BillingBalancesPage = lazy(() => import('./billing-balances.js').then((m) => ({ default: m.BillingBalancesPage })));
// Request campaigns (issue 12), on demand.
const CampaignsPage = lazy(() => import('./campaigns.js').then((m) => ({ default: m.CampaignsPage })));
const CampaignPage = lazy(() => import('./campaigns.js').then((m) => ({ default: m.CampaignPage })));
const BillingSettingsPage = lazy(() => import('./billing-settings.js').then((m) => ({ default: m.BillingSettingsPage })));
const SepaPage = lazy(() => import('./sepa.js').then((m) => ({ default: m.SepaPage })));
const FamilyMoneyPage = lazy(() => import('./debt-family.js').then((m) => ({ default: m.FamilyMoneyPage })));

// Messages, announcements and news (issue 14), on demand.
const InboxPage = lazy(() => import('./inbox.js').then((m) => ({ default: m.InboxPage })));
const InboxThreadPage = lazy(() => import('./inbox-thread.js').then((m) => ({ default: m.InboxThreadPage })));
const InboxTemplatesPage = lazy(() => import('./inbox-templates.js').then((m) => ({ default: m.InboxTemplatesPage })));
const InboxTopicsPage = lazy(() => import('./inbox-topics.js').then((m) => ({ default: m.InboxTopicsPage })));
const AnnouncementsPage = lazy(() => import('./announcements.js').then((m) => ({ default: m.AnnouncementsPage })));
const NewsPage = lazy(() => import('./news.js').then((m) => ({ default: m.NewsPage })));
// issue 15: statistics for the CAF and the city (its own chunk)
const StatisticsPage = lazy(() => import('./statistics.js').then((m) => ({ default: m.StatisticsPage })));

/** The back office (« espace agent »): agents see the first pages, administrators all of them. */
export function StaffArea() {
  const { t } = useTranslation('staff');
  const { pathname } = useLocation();
  const { account } = useSession();
  const isAdmin = account?.role === 'admin';
  const adminOnly = (page: ReactNode) => (isAdmin ? page : <NotFoundPage title={t('area.adminOnlyTitle')} message={t('area.adminOnlyMessage')} />);

  // issue 11: a staff member who must enrol a second factor is led to the security page, and sees only it until done
  const mustEnrol = account?.enrolmentRequired === true;
  useEffect(() => {
    if (mustEnrol && pathname !== '/agent/securite') navigate('/agent/securite', { replace: true });
  }, [mustEnrol, pathname]);
  if (mustEnrol || pathname === '/agent/securite') return <SecurityPage />;
  if (pathname === '/agent') return <DashboardPage />;
  if (pathname === '/agent/comptes-a-valider') return <PendingAccountsPage />;
  if (pathname === '/agent/familles') return <FamilySearchPage />;
  if (pathname === '/agent/messagerie') return <InboxPage />;
  if (pathname === '/agent/messagerie/modeles') return <InboxTemplatesPage />;
  if (pathname === '/agent/messagerie/sujets') return <InboxTopicsPage />;
  const inboxThread = matchPath('/agent/messagerie/:threadId', pathname);
  if (inboxThread) return <InboxThreadPage key={inboxThread.threadId} threadId={inboxThread.threadId} />;
  if (pathname === '/agent/annonces') return <AnnouncementsPage />;
  if (pathname === '/agent/actualites') return <NewsPage />;
  const familyDocuments = matchPath('/agent/familles/:familyId/documents', pathname);
  if (familyDocuments) return <FamilyDocumentsPage key={familyDocuments.familyId} familyId={familyDocuments.familyId} />;
  const familyMoney = matchPath('/agent/familles/:familyId/recouvrement', pathname);
  if (familyMoney) return <FamilyMoneyPage key={familyMoney.familyId} familyId={familyMoney.familyId} />;
  const family = matchPath('/agent/familles/:familyId', pathname);
  if (family) return <StaffFamilyPage familyId={family.familyId} />;
  if (pathname === '/agent/enfants') return <ChildSearchPage />;
  const sheet = matchPath('/agent/enfants/:childId/fiche-urgence', pathname);
  if (sheet) return <EmergencySheetPage key={sheet.childId} childId={sheet.childId} />;
  const child = matchPath('/agent/enfants/:childId', pathname);
  if (child) return <StaffChildPage key={child.childId} childId={child.childId} />;
  if (pathname === '/agent/listes') return adminOnly(<ListsPage />);
  if (pathname === '/agent/demandes') return <BookingRequestsPage />;
  if (pathname === '/agent/occupation') return <OccupancyPage />;
  if (pathname === '/agent/statistiques') return <StatisticsPage />;
  if (pathname === '/agent/campagnes') return <CampaignsPage />;
  const campaign = matchPath('/agent/campagnes/:campaignId', pathname);
  if (campaign) return <CampaignPage key={campaign.campaignId} campaignId={campaign.campaignId} />;
  if (pathname === '/agent/pointage') return <AttendancePage />;
  if (pathname === '/agent/pointage/tablette') return <AttendanceOfflinePage />;
  if (pathname === '/agent/catalogue') return adminOnly(<CatalogPage />);
  if (pathname === '/agent/calendrier') return adminOnly(<CatalogCalendarPage />);
  if (pathname === '/agent/catalogue/activites/nouvelle')
    return adminOnly(<CatalogActivityPage key="new" activityId={null} establishmentId={new URLSearchParams(window.location.search).get('etablissement')} />);
  const activity = matchPath('/agent/catalogue/activites/:activityId', pathname);
  if (activity) return adminOnly(<CatalogActivityPage key={activity.activityId} activityId={activity.activityId} />);
  if (pathname === '/agent/documents') return <DocumentQueuePage />;
  if (pathname === '/agent/documents-demandes') return adminOnly(<DocumentTypesPage />);
  if (pathname === '/agent/fermetures') return adminOnly(<ClosureRequestsPage />);
  const review = matchPath('/agent/documents/:submissionId', pathname);
  if (review) return <DocumentReviewPage key={review.submissionId} submissionId={review.submissionId} />;
  if (pathname === '/agent/facturation') return <BillingRunsPage />;
  const billingRun = matchPath('/agent/facturation/mois/:runId', pathname);
  if (billingRun) return <BillingRunPage key={billingRun.runId} runId={billingRun.runId} />;
  if (pathname === '/agent/facturation/factures') return <StaffInvoicesPage />;
  const invoice = matchPath('/agent/facturation/factures/:invoiceId', pathname);
  if (invoice) return <StaffInvoicePage key={invoice.invoiceId} invoiceId={invoice.invoiceId} />;
  if (pathname === '/agent/facturation/reglements') return <PaymentsPage />;
  if (pathname === '/agent/facturation/reglements/nouveau') return <PaymentFormPage />;
  if (pathname === '/agent/facturation/soldes') return <BillingBalancesPage />;
  if (pathname === '/agent/facturation/recouvrement') return <SepaPage />;
  if (pathname === '/agent/facturation/regies') return adminOnly(<BillingSettingsPage />);
  if (pathname === '/agent/mot-de-passe')
    return <PasswordChangePage endpoint="staff.password" backTo="/agent" backLabel={t('shared.dashboard')} />;
  if (pathname === '/agent/journal') return adminOnly(<AuditPage />);
  if (pathname === '/agent/courriels') return adminOnly(<OutboxPage />);
  const message = matchPath('/agent/courriels/:messageId', pathname);
  if (message) return adminOnly(<OutboxMessagePage messageId={message.messageId} />);
  if (pathname === '/agent/agents') return adminOnly(<StaffAccountsPage />);
  return <NotFoundPage />;
}
