/**
 * HTTP contracts of « money the way a public treasury works » (issue 13) and the one-off charge (issue 17): office
 * money settings, SEPA direct-debit mandates and batches (pain.008), rejections, reminders, debt rules, credit and
 * refunds, certificates. Money is integer cents; days `YYYY-MM-DD`. Refusals are error codes under `money` in the
 * `errors` namespace. Described in docs/money.md.
 */
import { z } from 'zod';
import { isoDay } from './contracts.js';

const text = (max: number) => z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(max, { error: 'too_long' });
const cents = z.number({ error: 'money.amount_invalid' }).int({ error: 'money.amount_invalid' }).positive({ error: 'money.amount_invalid' }).max(10_000_000, { error: 'money.amount_invalid' });

export const reminderStep = z.object({ afterDays: z.number().int().min(0).max(365), channel: z.enum(['email', 'letter']) });
export type ReminderStepView = z.infer<typeof reminderStep>;

export const moneySettings = z.object({
  officeId: z.string(),
  creditorId: z.string().nullable(),
  creditorName: z.string().nullable(),
  creditorIban: z.string().nullable(),
  creditorBic: z.string().nullable(),
  prenotificationDays: z.number().int(),
  reminderSteps: z.array(reminderStep),
  debtMinCents: z.number().int().nullable(),
  debtMinAgeDays: z.number().int().nullable(),
  autoAllocateCredit: z.boolean(),
});
export type MoneySettings = z.infer<typeof moneySettings>;

export const moneySettingsInput = z.object({
  creditorId: z.string().trim().max(35).nullable().optional(),
  creditorName: z.string().trim().max(70).nullable().optional(),
  creditorIban: z.string().trim().max(42).nullable().optional(),
  creditorBic: z.string().trim().max(11).nullable().optional(),
  prenotificationDays: z.number({ error: 'money.prenotification_invalid' }).int({ error: 'money.prenotification_invalid' }).min(1, { error: 'money.prenotification_invalid' }).max(60, { error: 'money.prenotification_invalid' }),
  reminderSteps: z.array(reminderStep).max(6),
  debtMinCents: z.number().int().min(0).max(10_000_000).nullable(),
  debtMinAgeDays: z.number().int().min(0).max(3650).nullable(),
  autoAllocateCredit: z.boolean(),
});
export type MoneySettingsInput = z.infer<typeof moneySettingsInput>;

// ---------- SEPA ----------
export const MANDATE_STATES = ['requested', 'active', 'revoked', 'refused'] as const;
export const mandate = z.object({
  id: z.string(),
  familyId: z.string(),
  familyName: z.string(),
  officeId: z.string(),
  officeName: z.string(),
  rum: z.string(),
  holderName: z.string(),
  /** masked for the family's list: FR76 **** **** 1234 */
  ibanMasked: z.string(),
  bic: z.string(),
  state: z.enum(MANDATE_STATES),
  sequence: z.enum(['FRST', 'RCUR']),
  signedOn: z.string(),
  signedPlace: z.string(),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  creditorId: z.string().nullable(),
});
export type Mandate = z.infer<typeof mandate>;

export const mandateRequest = z.object({
  officeId: z.string({ error: 'required' }).min(1, { error: 'required' }).max(64),
  holderName: text(70),
  iban: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(42, { error: 'money.iban_invalid' }),
  bic: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(11, { error: 'money.bic_invalid' }),
  signedPlace: text(70),
  /** the declaration ticked: « J’autorise … » */
  consent: z.literal(true, { error: 'money.consent_required' }),
});
export type MandateRequest = z.infer<typeof mandateRequest>;

export const mandateEnd = z.object({ reason: text(200) });

export const batchItem = z.object({
  invoiceId: z.number().int(),
  invoiceNumber: z.string(),
  familyId: z.string(),
  familyName: z.string(),
  rum: z.string(),
  amountCents: z.number().int(),
  sequence: z.enum(['FRST', 'RCUR']),
  endToEndId: z.string(),
  state: z.enum(['collected', 'rejected']),
  rejectCode: z.string().nullable(),
  feeCents: z.number().int().nullable(),
});
export const batch = z.object({
  id: z.number().int(),
  officeId: z.string(),
  runId: z.number().int(),
  month: z.string(),
  messageId: z.string(),
  collectionDate: z.string(),
  txCount: z.number().int(),
  controlSumCents: z.number().int(),
  createdAt: z.string(),
  items: z.array(batchItem),
});
export type SepaBatch = z.infer<typeof batch>;
export const batchInput = z.object({ runId: z.number().int().positive() });
export const rejectionImport = z.object({
  /** the bank's return file: pain.002, camt.054 (XML) or CSV « end_to_end_id;reason;fee » */
  content: z.string({ error: 'required' }).min(1, { error: 'required' }).max(2_000_000),
});
export const rejectionResult = z.object({
  rejected: z.array(z.object({ endToEndId: z.string(), invoiceNumber: z.string(), reasonCode: z.string(), feeCents: z.number().int().nullable() })),
  alreadyKnown: z.number().int(),
  unknown: z.array(z.string()),
});
export type RejectionResult = z.infer<typeof rejectionResult>;

// ---------- reminders, debt ----------
export const reminderLine = z.object({
  invoiceId: z.number().int(),
  invoiceNumber: z.string(),
  familyId: z.string(),
  familyName: z.string(),
  step: z.number().int(),
  channel: z.enum(['email', 'letter']),
  balanceCents: z.number().int(),
  sentAt: z.string(),
});
export type ReminderLine = z.infer<typeof reminderLine>;
export const pauseInput = z.object({ reason: text(200) });
export const liftInput = z.object({ until: isoDay, reason: text(200) });
export const debtPolicyInput = z.object({ essential: z.boolean() });
export const debtStatus = z.object({
  blocked: z.boolean(),
  overdueCents: z.number().int(),
  oldestDueOn: z.string().nullable(),
  thresholdCents: z.number().int().nullable(),
  maxAgeDays: z.number().int().nullable(),
  liftedUntil: z.string().nullable(),
  remindersPaused: z.boolean(),
});
export type DebtStatus = z.infer<typeof debtStatus>;
export const familyMoney = z.object({
  debt: debtStatus,
  creditCents: z.number().int(),
  reminders: z.array(reminderLine),
  mandates: z.array(mandate),
});
export type FamilyMoney = z.infer<typeof familyMoney>;
export const activityPolicy = z.object({ activityId: z.string(), activityName: z.string(), kind: z.string(), essential: z.boolean(), byDefault: z.boolean() });
export type ActivityPolicy = z.infer<typeof activityPolicy>;

// ---------- credit, refunds, one-off charges ----------
export const allocateCreditInput = z.object({ familyId: z.string().min(1).max(64), invoiceId: z.number().int().positive(), amountCents: cents });
export const refundInput = z.object({
  familyId: z.string().min(1).max(64),
  amountCents: cents,
  method: z.enum(['transfer', 'cheque', 'cash']),
  reference: z.string().trim().max(100).nullable().optional(),
});
export const refundView = z.object({ id: z.number().int(), familyId: z.string(), kind: z.enum(['refund', 'debit_return']), method: z.string(), amountCents: z.number().int(), reference: z.string().nullable(), refundedOn: z.string() });
export const creditResult = z.object({ creditCents: z.number().int(), allocatedCents: z.number().int() });

export const manualInvoiceInput = z.object({
  officeId: z.string({ error: 'required' }).min(1, { error: 'required' }).max(64),
  familyId: z.string({ error: 'required' }).min(1, { error: 'required' }).max(64),
  lines: z
    .array(
      z.object({
        label: text(120),
        childId: z.string().max(64).nullable().optional(),
        quantity: z.number({ error: 'money.quantity_invalid' }).int({ error: 'money.quantity_invalid' }).min(1, { error: 'money.quantity_invalid' }).max(1000, { error: 'money.quantity_invalid' }),
        unitPriceCents: cents,
      }),
    )
    .min(1, { error: 'money.lines_required' })
    .max(30),
});
export type ManualInvoiceInput = z.infer<typeof manualInvoiceInput>;
export const manualInvoiceResult = z.object({ invoiceId: z.number().int(), number: z.string(), totalCents: z.number().int() });

export const certificateQuery = z.object({ from: isoDay, to: isoDay });
export const taxCertificateQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

// ---------- route schemas shared with the endpoint map ----------
export const familyOffice = z.object({ id: z.string(), name: z.string(), creditorId: z.string().nullable(), directDebit: z.boolean(), prenotificationDays: z.number().int() });
export const mandateListQuery = z.object({ state: z.enum(MANDATE_STATES).optional(), familyId: z.string().max(64).optional() });
export const officeQuery = z.object({ officeId: z.string().max(64).optional() });
export const reminderQuery = z.object({ officeId: z.string().max(64).optional(), familyId: z.string().max(64).optional() });
export const mandateDecision = z.object({ reason: z.string().trim().max(200).nullable().optional() });
export const identifierInput = z.object({ identifier: z.string().trim().max(40) });
export const okResult = z.object({ ok: z.literal(true) });
export const remindersRun = z.object({ sent: z.number().int() });
