/**
 * Every route of the portal, classified in one place. A route missing here makes the app refuse to start
 * (see plugins/access.ts), and tests/integration/route-table.test.ts walks Fastify's route table against it.
 *
 * - public:  anyone; state-changing requests still need the CSRF token
 * - family:  a signed-in family account (pending or active)
 * - staff:   a signed-in active staff account (agent or admin)
 * - admin:   a signed-in active staff admin
 * - webhook: server-to-server calls (payment notifications): no session, no CSRF; authenticated by the module
 * - family:book / family:pay / family:edit: a family member holding that right (issue 11: book and cancel, pay,
 *   edit the family and children's records; the holder has them all); family:holder: the family's holder only
 */
export type Access = 'public' | 'family' | 'staff' | 'admin' | 'webhook' | FamilyRight;
export type FamilyRight = 'family:book' | 'family:pay' | 'family:edit' | 'family:holder';
export const FAMILY_RIGHTS: readonly FamilyRight[] = ['family:book', 'family:pay', 'family:edit', 'family:holder'];

export const ROUTE_ACCESS: Record<string, Access> = {
  // static web app and operations
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  // the module lets in a signed-in admin or `Authorization: Bearer <METRICS_TOKEN>`, and answers 404 to anyone else
  'GET /metrics': 'public',
  'GET /*': 'public',
  'HEAD /*': 'public',
  'GET /api/openapi.json': 'public',

  // session & public pages
  'GET /api/config': 'public',
  'GET /api/session': 'public',
  'GET /api/postal-codes': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'POST /api/accounts': 'public',
  'POST /api/auth/password-reset/request': 'public',
  'POST /api/auth/password-reset/confirm': 'public',
  'POST /api/auth/email-change/confirm': 'public',
  'POST /api/auth/token-check': 'public',
  // any signed-in account (family or staff); the route answers 401 without a session
  'PUT /api/account/language': 'public',

  // family
  'GET /api/family': 'family',
  'PUT /api/family': 'family:edit',
  'POST /api/account/email-change': 'family',
  'POST /api/account/password': 'family',
  'GET /api/reference-lists': 'family',
  'GET /api/children': 'family',
  'POST /api/children': 'family:edit',
  'GET /api/children/:childId': 'family',
  'GET /api/children/:childId/custody': 'family',
  'GET /api/children/:childId/other-household': 'family',
  'PUT /api/children/:childId': 'family:edit',
  'GET /api/family/health-accesses': 'family',
  // the family quotient (issue 15, docs/quotient.md)
  'GET /api/family/quotient': 'family',
  'POST /api/family/quotient/fetch': 'family:edit',
  'DELETE /api/family/quotient/consent': 'family:edit',
  'GET /api/staff/families/:familyId/quotient': 'staff',
  'POST /api/staff/families/:familyId/quotient/fetch': 'staff',
  'POST /api/staff/families/:familyId/quotient': 'staff',

  // FranceConnect (issue 11): the sign-in and its callbacks are public (the callback is FranceConnect's redirect,
  // without the Strict session cookie); link, unlink and status are the signed-in family account's own
  'GET /api/franceconnect/login': 'public',
  'GET /api/franceconnect/callback': 'public',
  'GET /api/franceconnect/registration': 'public',
  'POST /api/franceconnect/registration': 'public',
  'POST /api/franceconnect/logout': 'public',
  'GET /api/franceconnect/logout-callback': 'public',
  'GET /api/franceconnect/status': 'family',
  'POST /api/franceconnect/link': 'family',
  'POST /api/franceconnect/unlink': 'family',

  // back-office
  'POST /api/staff/password': 'staff',
  'GET /api/staff/accounts/pending': 'staff',
  'POST /api/staff/accounts/:accountId/validate': 'staff',
  'POST /api/staff/accounts/:accountId/reject': 'staff',
  'GET /api/staff/families': 'staff',
  'GET /api/staff/families/:familyId': 'staff',
  'GET /api/staff/audit': 'admin',
  'GET /api/staff/outbox': 'admin',
  'GET /api/staff/outbox/:messageId': 'admin',
  'POST /api/staff/outbox/:messageId/retry': 'admin',
  'GET /api/staff/staff-accounts': 'admin',
  'POST /api/staff/staff-accounts': 'admin',
  'PATCH /api/staff/staff-accounts/:accountId': 'admin',
  'GET /api/staff/children': 'staff',
  'GET /api/staff/children/:childId': 'staff',
  'GET /api/staff/children/:childId/history': 'staff',
  'GET /api/staff/children/:childId/emergency-sheet': 'staff',
  'GET /api/staff/children/:childId/households': 'staff',
  'POST /api/staff/children/:childId/households': 'staff',
  'DELETE /api/staff/children/:childId/households/:familyId': 'staff',
  'PUT /api/staff/children/:childId/custody': 'staff',
  'PUT /api/staff/children/:childId/households/:familyId/sharing': 'staff',
  'GET /api/staff/lists': 'admin',
  'POST /api/staff/lists/:kind': 'admin',
  'PUT /api/staff/lists/:kind/order': 'admin',
  'PATCH /api/staff/lists/:kind/:itemId': 'admin',
  'DELETE /api/staff/lists/:kind/:itemId': 'admin',
  // catalog (issue 4): agents read, admins configure
  'GET /api/staff/catalog': 'staff',
  'POST /api/staff/catalog/establishments': 'admin',
  'PATCH /api/staff/catalog/establishments/:establishmentId': 'admin',
  'POST /api/staff/catalog/activities': 'admin',
  'PATCH /api/staff/catalog/activities/:activityId': 'admin',
  'POST /api/staff/catalog/activities/:activityId/units': 'admin',
  'PATCH /api/staff/catalog/units/:unitId': 'admin',
  'PUT /api/staff/catalog/units/:unitId/capacity': 'admin',
  'POST /api/staff/catalog/activities/:activityId/periods': 'admin',
  'PATCH /api/staff/catalog/periods/:periodId': 'admin',
  'GET /api/staff/catalog/closures': 'staff',
  'POST /api/staff/catalog/closures': 'admin',
  'DELETE /api/staff/catalog/closures/:closureId': 'admin',
  'GET /api/staff/catalog/school-holidays': 'staff',
  'POST /api/staff/catalog/school-holidays': 'admin',
  'DELETE /api/staff/catalog/school-holidays/:holidayId': 'admin',
  'POST /api/staff/catalog/school-holidays/import': 'admin',

  // bookings (issue 4)
  'GET /api/booking/catalog': 'family',
  'GET /api/booking/planning/:childId/:activityId/:periodId': 'family',
  'POST /api/booking/reservations': 'family:book',
  // issue 17: one planning for several children at once (booking.siblings.ts)
  'POST /api/booking/reservations/siblings': 'family:book',
  // request campaigns (issue 12): a child's wishes (the right to book), the outcomes (any member)
  'GET /api/campaigns/for-planning/:childId/:activityId/:periodId': 'family',
  'PUT /api/campaigns/:campaignId/wishes/:childId': 'family:book',
  'GET /api/campaigns/outcomes': 'family',
  'GET /api/booking/reservations': 'family',
  'GET /api/booking/glance': 'family',
  'GET /api/booking/children/:childId/days': 'family',
  'GET /api/booking/reservations/:reservationId': 'family',
  'GET /api/staff/booking/requests': 'staff',
  'POST /api/staff/booking/requests/:reservationId/decide': 'staff',
  'GET /api/staff/booking/occupancy': 'staff',
  'GET /api/staff/booking/waiting-list': 'staff',
  'POST /api/staff/booking/waiting-list/:bookingId/promote': 'staff',
  // request campaigns (issue 12): configuration and publication by admins, simulation and categories by agents
  'GET /api/staff/campaigns': 'staff',
  'POST /api/staff/campaigns': 'admin',
  'GET /api/staff/campaigns/:campaignId': 'staff',
  'PUT /api/staff/campaigns/:campaignId': 'admin',
  'POST /api/staff/campaigns/:campaignId/simulate': 'staff',
  'POST /api/staff/campaigns/:campaignId/publish': 'admin',
  'PUT /api/staff/campaigns/flags/:familyId': 'staff',
  'GET /api/staff/booking/attendance': 'staff',
  'PUT /api/staff/booking/attendance': 'staff',
  'GET /api/staff/booking/attendance.csv': 'staff',
  'GET /api/staff/booking/attendance.pdf': 'staff',
  // issue 15: the day's lists for a phone or tablet, and the marks it queued offline
  'GET /api/staff/attendance/day': 'staff',
  'POST /api/staff/attendance/sync': 'staff',

  // supporting documents and the family's own data (issue 6)
  'GET /api/documents': 'family',
  'POST /api/documents': 'family:edit',
  'GET /api/documents/files/:fileId': 'family',

  // messages, notifications, calendar feed (issue 14, docs/messages.md)
  'GET /api/messages': 'family',
  'POST /api/messages': 'family',
  'GET /api/messages/:threadId': 'family',
  'POST /api/messages/:threadId/replies': 'family',
  'GET /api/messages/files/:fileId': 'family',
  'GET /api/news': 'family',
  'GET /api/notifications': 'family',
  // the family's choices and its calendar addresses are the family's settings: the edit right
  'PUT /api/notifications': 'family:edit',
  'POST /api/notifications/push-subscriptions': 'family',
  'POST /api/notifications/push-subscriptions/remove': 'family',
  'GET /api/calendar-feeds': 'family',
  'POST /api/calendar-feeds': 'family:edit',
  'POST /api/calendar-feeds/revoke': 'family:edit',
  // a calendar application polls the secret URL without a session: the token is the key (rate-limited)
  'GET /api/calendar/:token': 'public',
  'GET /api/staff/inbox': 'staff',
  'GET /api/staff/inbox/:threadId': 'staff',
  'POST /api/staff/inbox/:threadId/replies': 'staff',
  'POST /api/staff/inbox/:threadId/assign': 'staff',
  'POST /api/staff/inbox/:threadId/state': 'staff',
  'GET /api/staff/inbox/files/:fileId': 'staff',
  'GET /api/staff/message-templates': 'staff',
  'POST /api/staff/message-templates': 'staff',
  'PUT /api/staff/message-templates/:templateId': 'staff',
  'POST /api/staff/message-templates/:templateId/remove': 'staff',
  'GET /api/staff/message-topics': 'staff',
  'POST /api/staff/message-topics': 'admin',
  'PUT /api/staff/message-topics/:topicId': 'admin',
  'GET /api/staff/announcements': 'staff',
  'GET /api/staff/announcements/audiences': 'staff',
  'POST /api/staff/announcements/preview': 'staff',
  'POST /api/staff/announcements': 'staff',
  'GET /api/staff/news': 'staff',
  'POST /api/staff/news': 'staff',
  'PUT /api/staff/news/:newsId': 'staff',
  'POST /api/staff/news/:newsId/remove': 'staff',
  'GET /api/staff/sms-outbox': 'admin',
  'GET /api/family/export': 'family',
  'GET /api/family/closure-request': 'family',
  'POST /api/family/closure-request': 'family:edit',
  'GET /api/staff/document-types': 'staff',
  'POST /api/staff/document-types': 'admin',
  'PATCH /api/staff/document-types/:typeId': 'admin',
  'GET /api/staff/documents/queue': 'staff',
  'GET /api/staff/documents/:submissionId': 'staff',
  'GET /api/staff/documents/files/:fileId': 'staff',
  'POST /api/staff/documents/:submissionId/review': 'staff',
  'GET /api/staff/families/:familyId/documents': 'staff',
  'GET /api/staff/closure-requests': 'admin',
  'POST /api/staff/families/:familyId/close': 'admin',

  // online payment (issue 5, §6.3)
  'POST /api/payments/recap': 'family:pay',
  'POST /api/payments': 'family:pay',
  'GET /api/payments': 'family',
  'GET /api/payments/:paymentId': 'family',
  // issue 17: the family leaves a payment it did not finish at the bank, and can pay again
  'POST /api/payments/:paymentId/abandon': 'family:pay',
  // « paiement à la réservation » (issue 13): the family's baskets, paying one; staff see a family's
  'GET /api/baskets': 'family',
  'GET /api/baskets/:basketId': 'family',
  'POST /api/baskets/:basketId/payment': 'family:pay',
  'GET /api/staff/families/:familyId/baskets': 'staff',
  // the provider's server-to-server notification: only an operation id, verified by asking the provider back
  'POST /api/payments/notify/:provider': 'webhook',
  // the browser back from the bank's site (a cross-site POST or GET, without the strict session cookie): its
  // parameters are ignored, the provider is asked, and the browser is sent to the family's page
  'GET /api/payments/return/:paymentId': 'webhook',
  'POST /api/payments/return/:paymentId': 'webhook',
  // the demo provider's simulated bank (another "site": its form cannot carry the portal's CSRF header; the
  // operation id, 144 random bits, is the capability)
  'GET /demo-bank/assets/bank.css': 'public',
  'GET /demo-bank/:opId': 'public',
  'POST /demo-bank/:opId': 'webhook',

  // billing (issue 5): agents run invoicing and record payments, admins configure offices and tariffs
  'GET /api/billing/account': 'family',
  'GET /api/billing/unpaid': 'family',
  'GET /api/billing/invoices/:invoiceId': 'family',
  'GET /api/billing/invoices/:invoiceId/pdf': 'family',
  'GET /api/staff/billing/offices': 'staff',
  'POST /api/staff/billing/offices': 'admin',
  'PATCH /api/staff/billing/offices/:officeId': 'admin',
  'GET /api/staff/billing/tariffs': 'staff',
  'PUT /api/staff/billing/tariffs/:unitId': 'admin',
  'GET /api/staff/billing/runs': 'staff',
  'POST /api/staff/billing/runs': 'staff',
  'GET /api/staff/billing/runs/:runId': 'staff',
  'POST /api/staff/billing/runs/:runId/publish': 'staff',
  'POST /api/staff/billing/runs/:runId/discard': 'staff',
  'GET /api/staff/billing/invoices': 'staff',
  'GET /api/staff/billing/invoices/:invoiceId': 'staff',
  'GET /api/staff/billing/invoices/:invoiceId/pdf': 'staff',
  'POST /api/staff/billing/invoices/:invoiceId/credit-notes': 'staff',
  'POST /api/staff/billing/payments': 'staff',
  'GET /api/staff/billing/payments': 'staff',
  'GET /api/staff/billing/balances': 'staff',
  'GET /api/staff/billing/invoices.csv': 'staff',
  'GET /api/staff/billing/payments.csv': 'staff',
  // statistics for the CAF and the city (issue 15, docs/statistics.md)
  'GET /api/staff/stats/overview': 'staff',
  'GET /api/staff/stats/hours': 'staff',
  'GET /api/staff/stats/hours.csv': 'staff',
  'GET /api/staff/stats/hours.xlsx': 'staff',
  'GET /api/staff/stats/summary.pdf': 'staff',
  // money (issue 13, docs/money.md): direct debit, reminders, debt rules, credit, certificates, one-off charges
  'GET /api/money/family': 'family',
  'GET /api/money/offices': 'family',
  'POST /api/money/mandates': 'family:pay',
  'POST /api/money/mandates/:mandateId/revoke': 'family:pay',
  'GET /api/money/mandates/:mandateId/pdf': 'family',
  'GET /api/money/certificates/payments.pdf': 'family',
  'GET /api/money/certificates/tax.pdf': 'family',
  'GET /api/staff/money/offices/:officeId/settings': 'staff',
  'PUT /api/staff/money/offices/:officeId/settings': 'admin',
  'GET /api/staff/money/mandates': 'staff',
  'POST /api/staff/money/mandates/:mandateId/activate': 'staff',
  'POST /api/staff/money/mandates/:mandateId/refuse': 'staff',
  'POST /api/staff/money/mandates/:mandateId/revoke': 'staff',
  'GET /api/staff/money/mandates/:mandateId/pdf': 'staff',
  'GET /api/staff/money/batches': 'staff',
  'POST /api/staff/money/batches': 'staff',
  'GET /api/staff/money/batches/:batchId': 'staff',
  'GET /api/staff/money/batches/:batchId/pain008': 'staff',
  'POST /api/staff/money/returns': 'staff',
  'GET /api/staff/money/reminders': 'staff',
  'POST /api/staff/money/reminders/run': 'staff',
  'GET /api/staff/money/families/:familyId': 'staff',
  'PUT /api/staff/money/families/:familyId/reminder-pause': 'staff',
  'DELETE /api/staff/money/families/:familyId/reminder-pause': 'staff',
  'PUT /api/staff/money/families/:familyId/debt-lift': 'staff',
  'DELETE /api/staff/money/families/:familyId/debt-lift': 'staff',
  'GET /api/staff/money/families/:familyId/certificates/payments.pdf': 'staff',
  'GET /api/staff/money/families/:familyId/certificates/tax.pdf': 'staff',
  'GET /api/staff/money/invoices/:invoiceId/reminder-letter.pdf': 'staff',
  'GET /api/staff/money/debt-policies': 'staff',
  'PUT /api/staff/money/debt-policies/:activityId': 'admin',
  'PUT /api/staff/money/establishments/:establishmentId/identifier': 'admin',
  'GET /api/staff/money/unpaid.csv': 'staff',
  'POST /api/staff/money/credit-allocations': 'staff',
  'POST /api/staff/money/refunds': 'staff',
  'POST /api/staff/money/invoices': 'staff',

  // family members: one login per guardian, rights, invitations, the family's log (issue 11)
  'GET /api/family/members': 'family',
  'POST /api/family/members/leave': 'family',
  'GET /api/family/journal': 'family',
  'POST /api/family/invitations': 'family:holder',
  'DELETE /api/family/invitations/:invitationId': 'family:holder',
  'PUT /api/family/members/:accountId/rights': 'family:holder',
  'DELETE /api/family/members/:accountId': 'family:holder',
  // the invitee's link: checked on opening, then accepted with the invitee's own password (rate-limited)
  'POST /api/invitations/check': 'public',
  'POST /api/invitations/accept': 'public',
  'GET /api/staff/families/:familyId/members': 'staff',
  'POST /api/staff/families/:familyId/invitations': 'staff',
  'DELETE /api/staff/families/:familyId/invitations/:invitationId': 'staff',
  'PUT /api/staff/families/:familyId/members/:accountId/rights': 'staff',
  'DELETE /api/staff/families/:familyId/members/:accountId': 'staff',
};

// staff two-factor login and the session list (issue 11, docs/staff-security.md)
Object.assign(ROUTE_ACCESS, {
  // the second step of a staff login (a pending login's cookie) and the passkey sign-in; rate-limited
  'POST /api/auth/second-step/totp': 'public',
  'POST /api/auth/second-step/recovery': 'public',
  'POST /api/auth/passkey/options': 'public',
  'POST /api/auth/passkey/verify': 'public',
  // any signed-in account (family or staff): its own sessions; the route answers 401 without a session
  'GET /api/account/sessions': 'public',
  'DELETE /api/account/sessions/:sessionId': 'public',
  'POST /api/account/sessions/end-all': 'public',
  'GET /api/staff/security': 'staff',
  'POST /api/staff/security/totp': 'staff',
  'POST /api/staff/security/totp/confirm': 'staff',
  'DELETE /api/staff/security/totp': 'staff',
  'POST /api/staff/security/recovery-codes': 'staff',
  'POST /api/staff/security/passkeys/options': 'staff',
  'POST /api/staff/security/passkeys': 'staff',
  'PATCH /api/staff/security/passkeys/:passkeyId': 'staff',
  'DELETE /api/staff/security/passkeys/:passkeyId': 'staff',
  'GET /api/staff/staff-security': 'admin',
  'PUT /api/staff/staff-accounts/:accountId/mfa-requirement': 'admin',
  'POST /api/staff/staff-accounts/:accountId/mfa-reset': 'admin',
} satisfies Record<string, Access>);

/**
 * The staff routes a session restricted to enrolment (a staff member who must have a second factor and has none yet)
 * may call; every other staff route answers 403 « mfa.enrolment_required » (plugins/access.ts).
 */
export const ENROLMENT_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/staff/security',
  'POST /api/staff/security/totp',
  'POST /api/staff/security/totp/confirm',
  'POST /api/staff/security/passkeys/options',
  'POST /api/staff/security/passkeys',
]);

export function routeKey(method: string, url: string): string {
  return `${method} ${url}`;
}
