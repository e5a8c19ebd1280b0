/**
 * The endpoint map: for every route of `ROUTES` (same names), the zod schemas of its query, body and response.
 * The server's routes use the same schemas (src/server/modules/*\/*.routes.ts); the browser imports this file for
 * its types only (zod stays out of the production bundle) and validates responses against it in development and
 * tests (src/web/api/validate.ts). Path parameters are typed from the path itself (`PathParams` in routes.ts).
 *
 * `response: null` marks a route that answers no JSON: a file download (the page links to its URL) or 204.
 */
import { z } from 'zod';
import {
  accountView,
  auditEntry,
  auditQuery,
  emailChangeInput,
  familyInput,
  familyRecord,
  familySearchQuery,
  familySummary,
  isoDay,
  languageInput,
  loginInput,
  outboxItem,
  outboxMessage,
  passwordChangeInput,
  passwordResetConfirmInput,
  passwordResetRequestInput,
  postalCodeMatch,
  postalCodeQuery,
  publicConfig,
  registerInput,
  rejectInput,
  sessionView,
  staffAccount,
  staffAccountInput,
  staffAccountPatch,
  staffFamilyView,
  tokenInput,
  tokenCheckInput,
  tokenCheckResponse,
} from '../contracts.js';
import {
  endAllInput,
  endedResponse,
  factorAdded,
  passkeyLoginInput,
  passkeyRegisterInput,
  passkeyRenameInput,
  recoveryCodeInput,
  recoveryCodes,
  requirementInput,
  secondStepResponse,
  securityView,
  sessionLine,
  staffFactors,
  totpCodeInput,
  totpEnrolment,
  webauthnOptions,
} from '../security-contracts.js';
import {
  childHistoryEntry,
  childInput,
  childRecord,
  childSearchQuery,
  childSummary,
  emergencySheet,
  healthAccess,
  listItem,
  listItemInput,
  listItemPatch,
  listOrderInput,
  referenceLists,
  staffChildSummary,
  staffReferenceLists,
} from '../child-contracts.js';
import {
  activity,
  activityInput,
  attendanceInput,
  attendanceQuery,
  attendanceSheet,
  bookingCatalog,
  capacityOverrideInput,
  closure,
  closureInput,
  decisionInput,
  establishment,
  establishmentInput,
  icsImportInput,
  icsImportResult,
  occupancy,
  occupancyQuery,
  pendingRequest,
  period,
  periodInput,
  planning,
  planningQuery,
  reservation,
  reservationInput,
  reservationSummary,
  familyGlance,
  siblingReservationInput,
  siblingReservations,
  schoolHoliday,
  schoolHolidayInput,
  staffCatalog,
  unit,
  unitInput,
  waitingEntry,
  waitingListQuery,
} from '../booking-contracts.js';
import {
  campaignDetail,
  campaignInput,
  campaignView,
  familyCampaign,
  familyFlags,
  familyOutcomes,
  flagsInput,
  simulation,
  simulationInput,
  wishesInput,
} from '../campaign-contracts.js';
import {
  closeFamilyInput,
  closureRequestInput,
  closureRequestItem,
  closureRequestView,
  documentChecklist,
  documentType,
  documentTypeInput,
  erasureReport,
  filePreviewQuery,
  reviewInput,
  reviewItem,
  submission,
} from '../document-contracts.js';
import {
  balance,
  creditNote,
  creditNoteInput,
  familyBilling,
  invoiceDetail,
  invoiceListQuery,
  invoiceSummary,
  isoMonth,
  manualPaymentInput,
  office,
  officeInput,
  payment,
  paymentListQuery,
  runDetail,
  runInput,
  runSummary,
  tariff,
  tariffInput,
  unpaidInvoice,
} from '../billing-contracts.js';
import * as money from '../money-contracts.js';
import { paymentRecap, paymentSelection, paymentStart, paymentStarted, paymentView } from '../payment-contracts.js';
import { fcRedirect, fcRegisterInput, fcRegistrationView, fcStatusView } from '../franceconnect-contracts.js';
import { custodyInput, familyCustodyView, householdLinkInput, householdView } from '../household-contracts.js';
import {
  familyInvitation,
  familyMember,
  invitationAcceptInput,
  invitationInput,
  invitationPreview,
  invitationToken,
  journalEntry,
  memberRights,
  membersView,
} from '../member-contracts.js';
import type { RouteName } from './routes.js';

// ---------- response shapes the routes declare without a named contract ----------

/** `{ ok: true }`: the change is done, nothing to show. */
export const okResponse = z.object({ ok: z.literal(true) });
/** A sign-in (login, e-mail change confirmed): the account now signed in. */
export const accountResponse = z.object({ account: accountView });
/** A sign-up: the account waits for the city's validation. */
export const pendingResponse = z.object({ status: z.literal('pending') });

// ---------- query strings the routes declare inline ----------

export const officeFilterQuery = z.object({ officeId: z.string().max(64).optional() });
export const activityFilterQuery = z.object({ activityId: z.string().max(64).optional() });
export const pageQuery = z.object({ before: z.coerce.number().int().positive().optional() });
export const invoicesCsvQuery = z.object({ officeId: z.string().max(64).optional(), month: isoMonth.optional() });
export const paymentsCsvQuery = z.object({ from: isoDay.optional(), to: isoDay.optional() });

export interface EndpointSchemas {
  query?: z.ZodType;
  body?: z.ZodType;
  /** JSON answered on success; null: a file (or nothing) */
  response: z.ZodType | null;
  /** the body is multipart form data (an upload), not JSON */
  multipart?: true;
}

export const ENDPOINTS = {
  'system.config': { response: publicConfig },
  'system.session': { response: sessionView },
  'system.postalCodes': { query: postalCodeQuery, response: z.array(postalCodeMatch) },
  'auth.login': { body: loginInput, response: z.union([accountResponse, secondStepResponse]) },
  'auth.logout': { response: null },
  'auth.register': { body: registerInput, response: pendingResponse },
  'auth.passwordResetRequest': { body: passwordResetRequestInput, response: okResponse },
  'auth.passwordResetConfirm': { body: passwordResetConfirmInput, response: okResponse },
  'auth.emailChangeConfirm': { body: tokenInput, response: accountResponse },
  'auth.tokenCheck': { body: tokenCheckInput, response: tokenCheckResponse },
  'auth.totp': { body: totpCodeInput, response: accountResponse },
  'auth.recovery': { body: recoveryCodeInput, response: accountResponse },
  'auth.passkeyOptions': { response: webauthnOptions },
  'auth.passkeyVerify': { body: passkeyLoginInput, response: accountResponse },
  'sessions.list': { response: z.array(sessionLine) },
  'sessions.end': { response: okResponse },
  'sessions.endAll': { body: endAllInput, response: endedResponse },
  'security.get': { response: securityView },
  'security.totpStart': { response: totpEnrolment },
  'security.totpConfirm': { body: totpCodeInput, response: factorAdded },
  'security.totpRemove': { response: okResponse },
  'security.recoveryCodes': { response: recoveryCodes },
  'security.passkeyOptions': { response: webauthnOptions },
  'security.passkeyAdd': { body: passkeyRegisterInput, response: factorAdded },
  'security.passkeyRename': { body: passkeyRenameInput, response: okResponse },
  'security.passkeyRemove': { response: okResponse },
  'security.staffFactors': { response: z.array(staffFactors) },
  'security.setRequirement': { body: requirementInput, response: okResponse },
  'security.reset': { response: okResponse },

  'family.get': { response: familyRecord },
  'family.update': { body: familyInput, response: familyRecord },
  'account.emailChange': { body: emailChangeInput, response: okResponse },
  'account.language': { body: languageInput, response: accountResponse },
  'account.password': { body: passwordChangeInput, response: okResponse },
  'lists.reference': { response: referenceLists },
  'children.list': { response: z.array(childSummary) },
  'children.create': { body: childInput, response: childRecord },
  'children.get': { response: childRecord },
  'children.update': { body: childInput, response: childRecord },
  'children.custody': { response: familyCustodyView },
  'family.healthAccesses': { response: z.array(healthAccess) },

  // FranceConnect (issue 11); « login » is a navigation answered by a redirect to FranceConnect
  'franceconnect.login': { response: null },
  'franceconnect.registration': { response: fcRegistrationView.nullable() },
  'franceconnect.register': { body: fcRegisterInput, response: pendingResponse },
  'franceconnect.status': { response: fcStatusView },
  'franceconnect.link': { response: fcRedirect },
  'franceconnect.unlink': { response: okResponse },
  'franceconnect.logout': { response: fcRedirect },

  'booking.catalog': { response: bookingCatalog },
  'booking.planning': { query: planningQuery, response: planning },
  'campaigns.forPlanning': { response: familyCampaign },
  'campaigns.saveWishes': { body: wishesInput, response: familyCampaign },
  'campaigns.outcomes': { response: familyOutcomes },
  'staffCampaigns.list': { response: z.array(campaignView) },
  'staffCampaigns.create': { body: campaignInput, response: campaignView },
  'staffCampaigns.get': { response: campaignDetail },
  'staffCampaigns.update': { body: campaignInput, response: campaignView },
  'staffCampaigns.simulate': { body: simulationInput, response: simulation },
  'staffCampaigns.publish': { response: campaignDetail },
  'staffCampaigns.flags': { body: flagsInput, response: familyFlags },
  'booking.submit': { body: reservationInput, response: reservation },
  'booking.reservations': { response: z.array(reservationSummary) },
  'booking.glance': { response: familyGlance },
  'booking.submitSiblings': { body: siblingReservationInput, response: siblingReservations },
  'booking.reservation': { response: reservation },

  'documents.checklist': { response: documentChecklist },
  'documents.upload': { multipart: true, response: submission },
  'documents.file': { response: null },
  'privacy.export': { response: null },
  'privacy.closureRequest': { response: closureRequestView },
  'privacy.requestClosure': { body: closureRequestInput, response: closureRequestView },

  'billing.account': { response: familyBilling },
  'billing.unpaid': { response: z.array(unpaidInvoice) },
  'billing.invoice': { response: invoiceDetail },
  'billing.invoicePdf': { response: null },
  'payments.recap': { body: paymentSelection, response: paymentRecap },
  'payments.start': { body: paymentStart, response: paymentStarted },
  'payments.list': { response: z.array(paymentView) },
  'payments.get': { response: paymentView },
  'payments.abandon': { response: paymentView },

  'staff.password': { body: passwordChangeInput, response: okResponse },
  'staff.pendingAccounts': { response: z.array(familySummary) },
  'staff.validateAccount': { response: okResponse },
  'staff.rejectAccount': { body: rejectInput, response: okResponse },
  'staff.families': { query: familySearchQuery, response: z.array(familySummary) },
  'staff.family': { response: staffFamilyView },
  'staff.audit': { query: auditQuery, response: z.array(auditEntry) },
  'staff.outbox': { query: pageQuery, response: z.array(outboxItem) },
  'staff.outboxMessage': { response: outboxMessage },
  'staff.outboxRetry': { response: okResponse },
  'staff.staffAccounts': { response: z.array(staffAccount) },
  'staff.createStaffAccount': { body: staffAccountInput, response: staffAccount },
  'staff.updateStaffAccount': { body: staffAccountPatch, response: staffAccount },

  'staffChildren.search': { query: childSearchQuery, response: z.array(staffChildSummary) },
  'staffChildren.get': { response: childRecord },
  'staffChildren.history': { response: z.array(childHistoryEntry) },
  'staffChildren.emergencySheet': { response: emergencySheet },
  'staffChildren.households': { response: z.array(householdView) },
  'staffChildren.linkHousehold': { body: householdLinkInput, response: z.array(householdView) },
  'staffChildren.unlinkHousehold': { response: z.array(householdView) },
  'staffChildren.custody': { body: custodyInput, response: z.array(householdView) },
  'staffLists.get': { response: staffReferenceLists },
  'staffLists.add': { body: listItemInput, response: listItem },
  'staffLists.reorder': { body: listOrderInput, response: z.array(listItem) },
  'staffLists.update': { body: listItemPatch, response: listItem },
  'staffLists.remove': { response: okResponse },

  'catalog.get': { response: staffCatalog },
  'catalog.createEstablishment': { body: establishmentInput, response: establishment },
  'catalog.updateEstablishment': { body: establishmentInput, response: establishment },
  'catalog.createActivity': { body: activityInput, response: activity },
  'catalog.updateActivity': { body: activityInput, response: activity },
  'catalog.createUnit': { body: unitInput, response: unit },
  'catalog.updateUnit': { body: unitInput, response: unit },
  'catalog.setCapacity': { body: capacityOverrideInput, response: okResponse },
  'catalog.createPeriod': { body: periodInput, response: period },
  'catalog.updatePeriod': { body: periodInput, response: period },
  'catalog.closures': { response: z.array(closure) },
  'catalog.createClosure': { body: closureInput, response: closure },
  'catalog.deleteClosure': { response: okResponse },
  'catalog.schoolHolidays': { response: z.array(schoolHoliday) },
  'catalog.createSchoolHoliday': { body: schoolHolidayInput, response: schoolHoliday },
  'catalog.deleteSchoolHoliday': { response: okResponse },
  'catalog.importSchoolHolidays': { body: icsImportInput, response: icsImportResult },

  'staffBooking.requests': { query: activityFilterQuery, response: z.array(pendingRequest) },
  'staffBooking.decide': { body: decisionInput, response: reservation },
  'staffBooking.occupancy': { query: occupancyQuery, response: occupancy },
  'staffBooking.waitingList': { query: waitingListQuery, response: z.array(waitingEntry) },
  'staffBooking.promote': { response: waitingEntry },
  'staffBooking.attendance': { query: attendanceQuery, response: attendanceSheet },
  'staffBooking.markAttendance': { body: attendanceInput, response: attendanceSheet },
  'staffBooking.attendanceCsv': { query: attendanceQuery, response: null },
  'staffBooking.attendancePdf': { query: attendanceQuery, response: null },

  'staffDocuments.types': { response: z.array(documentType) },
  'staffDocuments.createType': { body: documentTypeInput, response: documentType },
  'staffDocuments.updateType': { body: documentTypeInput, response: documentType },
  'staffDocuments.queue': { response: z.array(reviewItem) },
  'staffDocuments.get': { response: reviewItem },
  'staffDocuments.file': { query: filePreviewQuery, response: null },
  'staffDocuments.review': { body: reviewInput, response: reviewItem },
  'staffDocuments.familyChecklist': { response: documentChecklist },
  'staffPrivacy.closureRequests': { response: z.array(closureRequestItem) },
  'staffPrivacy.closeFamily': { body: closeFamilyInput, response: erasureReport },

  'staffBilling.offices': { response: z.array(office) },
  'staffBilling.createOffice': { body: officeInput, response: office },
  'staffBilling.updateOffice': { body: officeInput, response: office },
  'staffBilling.tariffs': { response: z.array(tariff) },
  'staffBilling.setTariff': { body: tariffInput, response: tariff },
  'staffBilling.runs': { query: officeFilterQuery, response: z.array(runSummary) },
  'staffBilling.startRun': { body: runInput, response: runDetail },
  'staffBilling.run': { response: runDetail },
  'staffBilling.publishRun': { response: runDetail },
  'staffBilling.discardRun': { response: runSummary },
  'staffBilling.invoices': { query: invoiceListQuery, response: z.array(invoiceSummary) },
  'staffBilling.invoice': { response: invoiceDetail },
  'staffBilling.invoicePdf': { response: null },
  'staffBilling.createCreditNote': { body: creditNoteInput, response: creditNote },
  'staffBilling.recordPayment': { body: manualPaymentInput, response: payment },
  'staffBilling.payments': { query: paymentListQuery, response: z.array(payment) },
  'staffBilling.balances': { query: officeFilterQuery, response: z.array(balance) },
  'staffBilling.invoicesCsv': { query: invoicesCsvQuery, response: null },
  'staffBilling.paymentsCsv': { query: paymentsCsvQuery, response: null },
  'money.family': { response: money.familyMoney },
  'money.offices': { response: z.array(money.familyOffice) },
  'money.requestMandate': { body: money.mandateRequest, response: money.mandate },
  'money.revokeMandate': { body: money.mandateEnd, response: money.mandate },
  'money.mandatePdf': { response: null },
  'money.paymentCertificate': { query: money.certificateQuery, response: null },
  'money.taxCertificate': { query: money.taxCertificateQuery, response: null },
  'staffMoney.settings': { response: money.moneySettings },
  'staffMoney.saveSettings': { body: money.moneySettingsInput, response: money.moneySettings },
  'staffMoney.mandates': { query: money.mandateListQuery, response: z.array(money.mandate) },
  'staffMoney.activateMandate': { response: money.mandate },
  'staffMoney.refuseMandate': { body: money.mandateDecision, response: money.mandate },
  'staffMoney.revokeMandate': { body: money.mandateEnd, response: money.mandate },
  'staffMoney.mandatePdf': { response: null },
  'staffMoney.batches': { query: money.officeQuery, response: z.array(money.batch) },
  'staffMoney.buildBatch': { body: money.batchInput, response: money.batch },
  'staffMoney.batch': { response: money.batch },
  'staffMoney.pain008': { response: null },
  'staffMoney.importReturns': { body: money.rejectionImport, response: money.rejectionResult },
  'staffMoney.reminders': { query: money.reminderQuery, response: z.array(money.reminderLine) },
  'staffMoney.runReminders': { response: money.remindersRun },
  'staffMoney.family': { response: money.familyMoney },
  'staffMoney.pauseReminders': { body: money.pauseInput, response: money.okResult },
  'staffMoney.resumeReminders': { response: money.okResult },
  'staffMoney.liftDebt': { body: money.liftInput, response: money.okResult },
  'staffMoney.endLift': { response: money.okResult },
  'staffMoney.paymentCertificate': { query: money.certificateQuery, response: null },
  'staffMoney.taxCertificate': { query: money.taxCertificateQuery, response: null },
  'staffMoney.debtPolicies': { response: z.array(money.activityPolicy) },
  'staffMoney.setDebtPolicy': { body: money.debtPolicyInput, response: z.array(money.activityPolicy) },
  'staffMoney.setIdentifier': { body: money.identifierInput, response: money.okResult },
  'staffMoney.unpaidCsv': { query: money.officeQuery, response: null },
  'staffMoney.allocateCredit': { body: money.allocateCreditInput, response: money.creditResult },
  'staffMoney.refund': { body: money.refundInput, response: money.refundView },
  'staffMoney.manualInvoice': { body: money.manualInvoiceInput, response: money.manualInvoiceResult },
  'members.list': { response: membersView },
  'members.journal': { response: z.array(journalEntry) },
  'members.invite': { body: invitationInput, response: familyInvitation },
  'members.withdraw': { response: okResponse },
  'members.setRights': { body: memberRights, response: familyMember },
  'members.remove': { response: okResponse },
  'members.leave': { response: okResponse },
  'invitations.check': { body: invitationToken, response: invitationPreview },
  'invitations.accept': { body: invitationAcceptInput, response: accountResponse },
  'staffMembers.list': { response: membersView },
  'staffMembers.invite': { body: invitationInput, response: familyInvitation },
  'staffMembers.withdraw': { response: okResponse },
  'staffMembers.setRights': { body: memberRights, response: familyMember },
  'staffMembers.remove': { response: okResponse },
} as const satisfies { [K in RouteName]: EndpointSchemas };

type Endpoints = typeof ENDPOINTS;

/** What the query string of a route accepts (before coercion). */
export type QueryOf<K extends RouteName> = Endpoints[K] extends { query: infer Q extends z.ZodType } ? z.input<Q> : never;
/** What the body of a route accepts (before the server's transforms); FormData for an upload. */
export type BodyOf<K extends RouteName> = Endpoints[K] extends { body: infer B extends z.ZodType }
  ? z.input<B>
  : Endpoints[K] extends { multipart: true }
    ? FormData
    : never;
/** What a route answers on success (void: no JSON). */
export type ResponseOf<K extends RouteName> = Endpoints[K] extends { response: infer R extends z.ZodType } ? z.output<R> : void;
/** Routes answering JSON, as opposed to files. */
export type JsonRoute = { [K in RouteName]: Endpoints[K]['response'] extends null ? never : K }[RouteName];
/** Routes answering a file, linked to rather than fetched. */
export type FileRoute = { [K in RouteName]: Endpoints[K]['response'] extends null ? K : never }[RouteName];
