/**
 * Every API route the web app calls, by name: its method and path (`:name` marks a path parameter). Plain strings,
 * no zod: the browser bundle imports this table as a value. The schemas of each route (params, query, body,
 * response) are in `endpoints.ts`, keyed by the same names; tests/integration/endpoint-map.test.ts checks both
 * against the server's route table.
 */
export const ROUTES = {
  // session & public pages
  'system.config': 'GET /api/config',
  'system.session': 'GET /api/session',
  'system.postalCodes': 'GET /api/postal-codes',
  'auth.login': 'POST /api/auth/login',
  'auth.logout': 'POST /api/auth/logout',
  'auth.register': 'POST /api/accounts',
  'auth.passwordResetRequest': 'POST /api/auth/password-reset/request',
  'auth.passwordResetConfirm': 'POST /api/auth/password-reset/confirm',
  'auth.emailChangeConfirm': 'POST /api/auth/email-change/confirm',
  'auth.tokenCheck': 'POST /api/auth/token-check',
  // staff two-factor login and the session list (issue 11)
  'auth.totp': 'POST /api/auth/second-step/totp',
  'auth.recovery': 'POST /api/auth/second-step/recovery',
  'auth.passkeyOptions': 'POST /api/auth/passkey/options',
  'auth.passkeyVerify': 'POST /api/auth/passkey/verify',
  'sessions.list': 'GET /api/account/sessions',
  'sessions.end': 'DELETE /api/account/sessions/:sessionId',
  'sessions.endAll': 'POST /api/account/sessions/end-all',
  'security.get': 'GET /api/staff/security',
  'security.totpStart': 'POST /api/staff/security/totp',
  'security.totpConfirm': 'POST /api/staff/security/totp/confirm',
  'security.totpRemove': 'DELETE /api/staff/security/totp',
  'security.recoveryCodes': 'POST /api/staff/security/recovery-codes',
  'security.passkeyOptions': 'POST /api/staff/security/passkeys/options',
  'security.passkeyAdd': 'POST /api/staff/security/passkeys',
  'security.passkeyRename': 'PATCH /api/staff/security/passkeys/:passkeyId',
  'security.passkeyRemove': 'DELETE /api/staff/security/passkeys/:passkeyId',
  'security.staffFactors': 'GET /api/staff/staff-security',
  'security.setRequirement': 'PUT /api/staff/staff-accounts/:accountId/mfa-requirement',
  'security.reset': 'POST /api/staff/staff-accounts/:accountId/mfa-reset',

  // family: account, record, children
  'family.get': 'GET /api/family',
  'family.update': 'PUT /api/family',
  'account.emailChange': 'POST /api/account/email-change',
  'account.language': 'PUT /api/account/language',
  'account.password': 'POST /api/account/password',
  'lists.reference': 'GET /api/reference-lists',
  'children.list': 'GET /api/children',
  'children.create': 'POST /api/children',
  'children.get': 'GET /api/children/:childId',
  'children.update': 'PUT /api/children/:childId',
  'children.custody': 'GET /api/children/:childId/custody',
  'children.otherHousehold': 'GET /api/children/:childId/other-household',
  'family.healthAccesses': 'GET /api/family/health-accesses',

  // FranceConnect (issue 11)
  'franceconnect.login': 'GET /api/franceconnect/login',
  'franceconnect.registration': 'GET /api/franceconnect/registration',
  'franceconnect.register': 'POST /api/franceconnect/registration',
  'franceconnect.status': 'GET /api/franceconnect/status',
  'franceconnect.link': 'POST /api/franceconnect/link',
  'franceconnect.unlink': 'POST /api/franceconnect/unlink',
  'franceconnect.logout': 'POST /api/franceconnect/logout',

  // family: bookings
  'booking.catalog': 'GET /api/booking/catalog',
  'booking.planning': 'GET /api/booking/planning/:childId/:activityId/:periodId',
  // request campaigns (issue 12)
  'campaigns.forPlanning': 'GET /api/campaigns/for-planning/:childId/:activityId/:periodId',
  'campaigns.saveWishes': 'PUT /api/campaigns/:campaignId/wishes/:childId',
  'campaigns.outcomes': 'GET /api/campaigns/outcomes',
  'staffCampaigns.list': 'GET /api/staff/campaigns',
  'staffCampaigns.create': 'POST /api/staff/campaigns',
  'staffCampaigns.get': 'GET /api/staff/campaigns/:campaignId',
  'staffCampaigns.update': 'PUT /api/staff/campaigns/:campaignId',
  'staffCampaigns.simulate': 'POST /api/staff/campaigns/:campaignId/simulate',
  'staffCampaigns.publish': 'POST /api/staff/campaigns/:campaignId/publish',
  'staffCampaigns.flags': 'PUT /api/staff/campaigns/flags/:familyId',
  'booking.submit': 'POST /api/booking/reservations',
  'booking.reservations': 'GET /api/booking/reservations',
  'booking.glance': 'GET /api/booking/glance',
  'booking.childDays': 'GET /api/booking/children/:childId/days',
  'booking.submitSiblings': 'POST /api/booking/reservations/siblings',
  'booking.reservation': 'GET /api/booking/reservations/:reservationId',

  // family: documents and own data
  'documents.checklist': 'GET /api/documents',
  'documents.upload': 'POST /api/documents',
  'documents.file': 'GET /api/documents/files/:fileId',
  'privacy.export': 'GET /api/family/export',
  'privacy.closureRequest': 'GET /api/family/closure-request',
  'privacy.requestClosure': 'POST /api/family/closure-request',

  // family: invoices and online payment
  'billing.account': 'GET /api/billing/account',
  'billing.unpaid': 'GET /api/billing/unpaid',
  'billing.invoice': 'GET /api/billing/invoices/:invoiceId',
  'billing.invoicePdf': 'GET /api/billing/invoices/:invoiceId/pdf',
  'payments.recap': 'POST /api/payments/recap',
  'payments.start': 'POST /api/payments',
  'payments.list': 'GET /api/payments',
  'payments.get': 'GET /api/payments/:paymentId',
  'payments.abandon': 'POST /api/payments/:paymentId/abandon',
  // « paiement à la réservation » (issue 13)
  'baskets.list': 'GET /api/baskets',
  'baskets.get': 'GET /api/baskets/:basketId',
  'baskets.pay': 'POST /api/baskets/:basketId/payment',
  'staffBaskets.ofFamily': 'GET /api/staff/families/:familyId/baskets',

  // staff: accounts, families, audit, outbox
  'staff.password': 'POST /api/staff/password',
  'staff.pendingAccounts': 'GET /api/staff/accounts/pending',
  'staff.validateAccount': 'POST /api/staff/accounts/:accountId/validate',
  'staff.rejectAccount': 'POST /api/staff/accounts/:accountId/reject',
  'staff.families': 'GET /api/staff/families',
  'staff.family': 'GET /api/staff/families/:familyId',
  'staff.audit': 'GET /api/staff/audit',
  'staff.outbox': 'GET /api/staff/outbox',
  'staff.outboxMessage': 'GET /api/staff/outbox/:messageId',
  'staff.outboxRetry': 'POST /api/staff/outbox/:messageId/retry',
  'staff.staffAccounts': 'GET /api/staff/staff-accounts',
  'staff.createStaffAccount': 'POST /api/staff/staff-accounts',
  'staff.updateStaffAccount': 'PATCH /api/staff/staff-accounts/:accountId',

  // staff: children and reference lists
  'staffChildren.search': 'GET /api/staff/children',
  'staffChildren.get': 'GET /api/staff/children/:childId',
  'staffChildren.history': 'GET /api/staff/children/:childId/history',
  'staffChildren.emergencySheet': 'GET /api/staff/children/:childId/emergency-sheet',
  'staffChildren.households': 'GET /api/staff/children/:childId/households',
  'staffChildren.linkHousehold': 'POST /api/staff/children/:childId/households',
  'staffChildren.unlinkHousehold': 'DELETE /api/staff/children/:childId/households/:familyId',
  'staffChildren.custody': 'PUT /api/staff/children/:childId/custody',
  'staffChildren.sharing': 'PUT /api/staff/children/:childId/households/:familyId/sharing',
  'staffLists.get': 'GET /api/staff/lists',
  'staffLists.add': 'POST /api/staff/lists/:kind',
  'staffLists.reorder': 'PUT /api/staff/lists/:kind/order',
  'staffLists.update': 'PATCH /api/staff/lists/:kind/:itemId',
  'staffLists.remove': 'DELETE /api/staff/lists/:kind/:itemId',

  // staff: catalog
  'catalog.get': 'GET /api/staff/catalog',
  'catalog.createEstablishment': 'POST /api/staff/catalog/establishments',
  'catalog.updateEstablishment': 'PATCH /api/staff/catalog/establishments/:establishmentId',
  'catalog.createActivity': 'POST /api/staff/catalog/activities',
  'catalog.updateActivity': 'PATCH /api/staff/catalog/activities/:activityId',
  'catalog.createUnit': 'POST /api/staff/catalog/activities/:activityId/units',
  'catalog.updateUnit': 'PATCH /api/staff/catalog/units/:unitId',
  'catalog.setCapacity': 'PUT /api/staff/catalog/units/:unitId/capacity',
  'catalog.createPeriod': 'POST /api/staff/catalog/activities/:activityId/periods',
  'catalog.updatePeriod': 'PATCH /api/staff/catalog/periods/:periodId',
  'catalog.closures': 'GET /api/staff/catalog/closures',
  'catalog.createClosure': 'POST /api/staff/catalog/closures',
  'catalog.deleteClosure': 'DELETE /api/staff/catalog/closures/:closureId',
  'catalog.schoolHolidays': 'GET /api/staff/catalog/school-holidays',
  'catalog.createSchoolHoliday': 'POST /api/staff/catalog/school-holidays',
  'catalog.deleteSchoolHoliday': 'DELETE /api/staff/catalog/school-holidays/:holidayId',
  'catalog.importSchoolHolidays': 'POST /api/staff/catalog/school-holidays/import',

  // staff: bookings
  'staffBooking.requests': 'GET /api/staff/booking/requests',
  'staffBooking.decide': 'POST /api/staff/booking/requests/:reservationId/decide',
  'staffBooking.occupancy': 'GET /api/staff/booking/occupancy',
  'staffBooking.waitingList': 'GET /api/staff/booking/waiting-list',
  'staffBooking.promote': 'POST /api/staff/booking/waiting-list/:bookingId/promote',
  'staffBooking.attendance': 'GET /api/staff/booking/attendance',
  'staffBooking.markAttendance': 'PUT /api/staff/booking/attendance',
  'staffBooking.attendanceCsv': 'GET /api/staff/booking/attendance.csv',
  'staffBooking.attendancePdf': 'GET /api/staff/booking/attendance.pdf',
  'staffAttendance.day': 'GET /api/staff/attendance/day',
  'staffAttendance.sync': 'POST /api/staff/attendance/sync',

  // staff: documents and closures
  'staffDocuments.types': 'GET /api/staff/document-types',
  'staffDocuments.createType': 'POST /api/staff/document-types',
  'staffDocuments.updateType': 'PATCH /api/staff/document-types/:typeId',
  'staffDocuments.queue': 'GET /api/staff/documents/queue',
  'staffDocuments.get': 'GET /api/staff/documents/:submissionId',
  'staffDocuments.file': 'GET /api/staff/documents/files/:fileId',
  'staffDocuments.review': 'POST /api/staff/documents/:submissionId/review',
  'staffDocuments.familyChecklist': 'GET /api/staff/families/:familyId/documents',
  'staffPrivacy.closureRequests': 'GET /api/staff/closure-requests',
  'staffPrivacy.closeFamily': 'POST /api/staff/families/:familyId/close',

  // staff: billing
  'staffBilling.offices': 'GET /api/staff/billing/offices',
  'staffBilling.createOffice': 'POST /api/staff/billing/offices',
  'staffBilling.updateOffice': 'PATCH /api/staff/billing/offices/:officeId',
  'staffBilling.tariffs': 'GET /api/staff/billing/tariffs',
  'staffBilling.setTariff': 'PUT /api/staff/billing/tariffs/:unitId',
  'staffBilling.runs': 'GET /api/staff/billing/runs',
  'staffBilling.startRun': 'POST /api/staff/billing/runs',
  'staffBilling.run': 'GET /api/staff/billing/runs/:runId',
  'staffBilling.publishRun': 'POST /api/staff/billing/runs/:runId/publish',
  'staffBilling.discardRun': 'POST /api/staff/billing/runs/:runId/discard',
  'staffBilling.invoices': 'GET /api/staff/billing/invoices',
  'staffBilling.invoice': 'GET /api/staff/billing/invoices/:invoiceId',
  'staffBilling.invoicePdf': 'GET /api/staff/billing/invoices/:invoiceId/pdf',
  'staffBilling.createCreditNote': 'POST /api/staff/billing/invoices/:invoiceId/credit-notes',
  'staffBilling.recordPayment': 'POST /api/staff/billing/payments',
  'staffBilling.payments': 'GET /api/staff/billing/payments',
  'staffBilling.balances': 'GET /api/staff/billing/balances',
  'staffBilling.invoicesCsv': 'GET /api/staff/billing/invoices.csv',
  'staffBilling.paymentsCsv': 'GET /api/staff/billing/payments.csv',
  'stats.overview': 'GET /api/staff/stats/overview',
  'stats.hours': 'GET /api/staff/stats/hours',
  'stats.hoursCsv': 'GET /api/staff/stats/hours.csv',
  'stats.hoursXlsx': 'GET /api/staff/stats/hours.xlsx',
  'stats.summaryPdf': 'GET /api/staff/stats/summary.pdf',
  // money (issue 13)
  'money.family': 'GET /api/money/family',
  'money.offices': 'GET /api/money/offices',
  'money.requestMandate': 'POST /api/money/mandates',
  'money.revokeMandate': 'POST /api/money/mandates/:mandateId/revoke',
  'money.mandatePdf': 'GET /api/money/mandates/:mandateId/pdf',
  'money.paymentCertificate': 'GET /api/money/certificates/payments.pdf',
  'money.taxCertificate': 'GET /api/money/certificates/tax.pdf',
  'staffMoney.settings': 'GET /api/staff/money/offices/:officeId/settings',
  'staffMoney.saveSettings': 'PUT /api/staff/money/offices/:officeId/settings',
  'staffMoney.mandates': 'GET /api/staff/money/mandates',
  'staffMoney.activateMandate': 'POST /api/staff/money/mandates/:mandateId/activate',
  'staffMoney.refuseMandate': 'POST /api/staff/money/mandates/:mandateId/refuse',
  'staffMoney.revokeMandate': 'POST /api/staff/money/mandates/:mandateId/revoke',
  'staffMoney.mandatePdf': 'GET /api/staff/money/mandates/:mandateId/pdf',
  'staffMoney.batches': 'GET /api/staff/money/batches',
  'staffMoney.buildBatch': 'POST /api/staff/money/batches',
  'staffMoney.batch': 'GET /api/staff/money/batches/:batchId',
  'staffMoney.pain008': 'GET /api/staff/money/batches/:batchId/pain008',
  'staffMoney.importReturns': 'POST /api/staff/money/returns',
  'staffMoney.reminders': 'GET /api/staff/money/reminders',
  'staffMoney.runReminders': 'POST /api/staff/money/reminders/run',
  'staffMoney.family': 'GET /api/staff/money/families/:familyId',
  'staffMoney.pauseReminders': 'PUT /api/staff/money/families/:familyId/reminder-pause',
  'staffMoney.resumeReminders': 'DELETE /api/staff/money/families/:familyId/reminder-pause',
  'staffMoney.liftDebt': 'PUT /api/staff/money/families/:familyId/debt-lift',
  'staffMoney.endLift': 'DELETE /api/staff/money/families/:familyId/debt-lift',
  'staffMoney.paymentCertificate': 'GET /api/staff/money/families/:familyId/certificates/payments.pdf',
  'staffMoney.taxCertificate': 'GET /api/staff/money/families/:familyId/certificates/tax.pdf',
  'staffMoney.reminderLetter': 'GET /api/staff/money/invoices/:invoiceId/reminder-letter.pdf',
  'staffMoney.debtPolicies': 'GET /api/staff/money/debt-policies',
  'staffMoney.setDebtPolicy': 'PUT /api/staff/money/debt-policies/:activityId',
  'staffMoney.setIdentifier': 'PUT /api/staff/money/establishments/:establishmentId/identifier',
  'staffMoney.unpaidCsv': 'GET /api/staff/money/unpaid.csv',
  'staffMoney.allocateCredit': 'POST /api/staff/money/credit-allocations',
  'staffMoney.refund': 'POST /api/staff/money/refunds',
  'staffMoney.manualInvoice': 'POST /api/staff/money/invoices',

  // family members (issue 11)
  'members.list': 'GET /api/family/members',
  'members.journal': 'GET /api/family/journal',
  'members.invite': 'POST /api/family/invitations',
  'members.withdraw': 'DELETE /api/family/invitations/:invitationId',
  'members.setRights': 'PUT /api/family/members/:accountId/rights',
  'members.remove': 'DELETE /api/family/members/:accountId',
  'members.leave': 'POST /api/family/members/leave',
  'invitations.check': 'POST /api/invitations/check',
  'invitations.accept': 'POST /api/invitations/accept',
  'staffMembers.list': 'GET /api/staff/families/:familyId/members',
  'staffMembers.invite': 'POST /api/staff/families/:familyId/invitations',
  'staffMembers.withdraw': 'DELETE /api/staff/families/:familyId/invitations/:invitationId',
  'staffMembers.setRights': 'PUT /api/staff/families/:familyId/members/:accountId/rights',
  'staffMembers.remove': 'DELETE /api/staff/families/:familyId/members/:accountId',

  // messages, announcements, news, notifications, calendar feed (issue 14, docs/messages.md)
  'messages.list': 'GET /api/messages',
  'messages.start': 'POST /api/messages',
  'messages.thread': 'GET /api/messages/:threadId',
  'messages.reply': 'POST /api/messages/:threadId/replies',
  'messages.file': 'GET /api/messages/files/:fileId',
  'messages.news': 'GET /api/news',
  'notifications.get': 'GET /api/notifications',
  'notifications.save': 'PUT /api/notifications',
  'notifications.subscribe': 'POST /api/notifications/push-subscriptions',
  'notifications.unsubscribe': 'POST /api/notifications/push-subscriptions/remove',
  'calendarFeeds.list': 'GET /api/calendar-feeds',
  'calendarFeeds.create': 'POST /api/calendar-feeds',
  'calendarFeeds.revoke': 'POST /api/calendar-feeds/revoke',
  'inbox.list': 'GET /api/staff/inbox',
  'inbox.thread': 'GET /api/staff/inbox/:threadId',
  'inbox.reply': 'POST /api/staff/inbox/:threadId/replies',
  'inbox.assign': 'POST /api/staff/inbox/:threadId/assign',
  'inbox.state': 'POST /api/staff/inbox/:threadId/state',
  'inbox.file': 'GET /api/staff/inbox/files/:fileId',
  'inbox.templates': 'GET /api/staff/message-templates',
  'inbox.createTemplate': 'POST /api/staff/message-templates',
  'inbox.updateTemplate': 'PUT /api/staff/message-templates/:templateId',
  'inbox.removeTemplate': 'POST /api/staff/message-templates/:templateId/remove',
  'inbox.topics': 'GET /api/staff/message-topics',
  'inbox.createTopic': 'POST /api/staff/message-topics',
  'inbox.updateTopic': 'PUT /api/staff/message-topics/:topicId',
  'announcements.list': 'GET /api/staff/announcements',
  'announcements.audiences': 'GET /api/staff/announcements/audiences',
  'announcements.preview': 'POST /api/staff/announcements/preview',
  'announcements.send': 'POST /api/staff/announcements',
  'announcements.smsOutbox': 'GET /api/staff/sms-outbox',
  'news.list': 'GET /api/staff/news',
  'news.create': 'POST /api/staff/news',
  'news.update': 'PUT /api/staff/news/:newsId',
  'news.remove': 'POST /api/staff/news/:newsId/remove',

  // the family quotient (issue 15, docs/quotient.md)
  'quotient.get': 'GET /api/family/quotient',
  'quotient.fetch': 'POST /api/family/quotient/fetch',
  'quotient.withdraw': 'DELETE /api/family/quotient/consent',
  'staffQuotient.get': 'GET /api/staff/families/:familyId/quotient',
  'staffQuotient.fetch': 'POST /api/staff/families/:familyId/quotient/fetch',
  'staffQuotient.manual': 'POST /api/staff/families/:familyId/quotient',
} as const;

export type RouteName = keyof typeof ROUTES;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type MethodOf<K extends RouteName> = (typeof ROUTES)[K] extends `${infer M extends Method} ${string}` ? M : never;
export type PathOf<K extends RouteName> = (typeof ROUTES)[K] extends `${Method} ${infer P}` ? P : never;

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
/** The path parameters of a route, from its path (`/api/children/:childId` → `{ childId }`). */
export type PathParams<K extends RouteName> = { [N in ParamNames<PathOf<K>>]: string | number };

/** The route's method and path. */
export function routeOf<K extends RouteName>(name: K): { method: MethodOf<K>; path: PathOf<K> } {
  const [method, path] = ROUTES[name].split(' ');
  return { method: method as MethodOf<K>, path: path as PathOf<K> };
}

/** The route's URL: path parameters filled in (encoded), then the query's non-empty values. */
export function urlOf(
  name: RouteName,
  params?: Record<string, string | number> | null,
  query?: Record<string, string | number | boolean | null | undefined> | null,
): string {
  const path = ROUTES[name].slice(ROUTES[name].indexOf(' ') + 1).replace(/:([A-Za-z]+)/g, (_, p: string) => {
    const v = params?.[p];
    if (v === undefined || v === '') throw new Error(`${name}: path parameter « ${p} » missing`);
    return encodeURIComponent(String(v));
  });
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}
