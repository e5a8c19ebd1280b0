/**
 * HTTP contracts of billing (guide §6, issue 5): collection offices (régies), tariffs, monthly invoicing runs,
 * invoices, credit notes (avoirs), manual payments and their allocation, ledger, balances, CSV exports. Shared by
 * the server (validation, OpenAPI) and the browser (types). Refusals are error codes (their sentences in the
 * `errors` namespace of the catalogues, under `billing`). Money is ALWAYS integer cents (`…Cents`); days are `YYYY-MM-DD`,
 * months `YYYY-MM`, instants UTC ISO strings.
 *
 * Model (migration 0005-billing):
 *   - collection office (régie): name, code, address, how to pay, resident postal codes / INSEE codes (a family
 *     whose address matches pays the resident price), payment term in days; each activity is invoiced by at most
 *     one office. Invoice numbers: `<CODE>-<YEAR>-<NNNNNN>`, sequential per office and year, no gap, no reuse
 *     (a counter row bumped in the publishing transaction + UNIQUE(office, year, number)); credit notes have their
 *     own sequence `<CODE>-AV-<YEAR>-<NNNNNN>`.
 *   - tariff: one per unit: quotient bands (resident / non-resident price each), sibling reductions by rank,
 *     late-booking and unbooked-presence surcharges, whether an unjustified absence is charged (a justified one
 *     never is). No declared quotient → highest band, and the draft says so.
 *   - invoicing run: one office, one month. Computing it creates a DRAFT (no numbers) with every line's
 *     computation and the warnings; from then on the attendance of that month is locked for the office's activities
 *     (PUT /api/staff/booking/attendance → 409 `billing.attendance_locked`). Publishing numbers the invoices, sets
 *     the due date and queues one e-mail per family. Discarding a draft unlocks the month.
 *   - invoice: never edited once published; `paidCents + creditedCents ≤ totalCents` is a CHECK in the database.
 *   - payment: a family's money received (manual methods by staff; `online` by the payment module), allocated to
 *     invoices; what is not allocated stays as the family's credit (visible, reusable by staff).
 *
 * FOR THE PAYMENT MODULE (server side, src/server/modules/billing/billing.payments.ts — committed):
 *   applyPayment(trx, ctx, { familyId, allocations: [{ invoiceId, amountCents }], method, reference, receivedOn?,
 *       actor?, officeId? }) → AppliedPayment
 *     Inside YOUR transaction. Records one payment of Σ requested amounts, allocates to each invoice at most what
 *     remains due (conditional UPDATE: the DB CHECK holds whatever races), and returns what was applied per invoice
 *     and `creditCents` (the remainder kept as the family's credit — e.g. two parallel full payments: the second
 *     becomes a credit). Throws NotFoundError for an invoice of another family / unpublished.
 *   unpaidInvoicesOf(ctx | db, familyId) → UnpaidInvoice[] (published, balance > 0, oldest first).
 *   invoiceOfFamily(db, familyId, invoiceId) → UnpaidInvoice | null.
 *
 * Family routes (the family from the session; another family's invoice answers the same 404 as a missing one):
 *   GET /api/billing/account                       → FamilyBilling: invoices (with state), payments, credit, balance
 *   GET /api/billing/invoices/:invoiceId           → InvoiceDetail (§6.2)
 *   GET /api/billing/invoices/:invoiceId/pdf       → application/pdf (city header, office, family & payer, lines per
 *                                                    child & activity with dates, quantities, unit prices, totals,
 *                                                    due date, how to pay)
 *   GET /api/billing/unpaid                        → UnpaidInvoice[] (the « payer en ligne » list, §6.3)
 *
 * Staff routes (staff = agent or admin; admin configures offices and tariffs; every staff change is audited):
 *   GET   /api/staff/billing/offices                        staff → Office[]
 *   POST  /api/staff/billing/offices                        admin OfficeInput → Office
 *   PATCH /api/staff/billing/offices/:officeId              admin OfficeInput → Office
 *   GET   /api/staff/billing/tariffs                        staff → Tariff[] (one per unit that has one)
 *   PUT   /api/staff/billing/tariffs/:unitId                admin TariffInput → Tariff
 *   GET   /api/staff/billing/runs                           staff ?officeId → RunSummary[]
 *   POST  /api/staff/billing/runs                           staff RunInput {officeId, month} → 202 RunDetail (draft,
 *                                                          computing: a background job computes it; poll GET …/:runId);
 *                                                          409 billing.month_not_over | billing.run_exists | billing.no_activity
 *   GET   /api/staff/billing/runs/:runId                    staff → RunDetail (summary, all warnings, and the first 300
 *                                                          invoices in full with lines and computation; the CSV has all)
 *   POST  /api/staff/billing/runs/:runId/publish            staff → RunDetail (published; families e-mailed);
 *                                                          409 billing.run_not_draft | billing.run_empty
 *   POST  /api/staff/billing/runs/:runId/discard            staff → RunSummary (attendance unlocked)
 *   GET   /api/staff/billing/invoices                       staff ?officeId&familyId&month&state → InvoiceSummary[]
 *   GET   /api/staff/billing/invoices/:invoiceId            staff → InvoiceDetail
 *   GET   /api/staff/billing/invoices/:invoiceId/pdf        staff → application/pdf
 *   POST  /api/staff/billing/invoices/:invoiceId/credit-notes  staff CreditNoteInput → CreditNote
 *   POST  /api/staff/billing/payments                       staff ManualPaymentInput → Payment (allocations applied)
 *   GET   /api/staff/billing/payments                       staff ?familyId&from&to → Payment[] (the ledger)
 *   GET   /api/staff/billing/balances                       staff ?officeId → Balance[] (families owing or in credit)
 *   GET   /api/staff/billing/invoices.csv                   staff ?officeId&month → text/csv (UTF-8 BOM, ';')
 *   GET   /api/staff/billing/payments.csv                   staff ?from&to → text/csv (UTF-8 BOM, ';')
 */
import { z } from 'zod';
import { isoDay, optionalText, requiredText } from './contracts.js';
import {
  INVOICE_STATES,
  LINE_KINDS,
  MANUAL_PAYMENT_METHODS,
  PAYMENT_METHODS,
  RUN_STATES,
  RUN_WARNING_CODES,
} from './billing-labels.js';

export * from './billing-labels.js';

export const cents = z.number({ error: 'billing.amount_invalid' }).int({ error: 'billing.amount_invalid' }).min(0).max(100_000_000);
export const positiveCents = cents.min(1, { error: 'billing.amount_invalid' });
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'billing.month_invalid' });
const id = z.string().min(1).max(64);

// ---------- collection offices ----------

export const officeInput = z.object({
  name: requiredText(120),
  /** 2–10 capitals/digits, printed in invoice numbers */
  code: z.string().trim().regex(/^[A-Z0-9]{2,10}$/, { error: 'field.invalid' }),
  address: optionalText(300),
  /** « Comment payer » printed on invoices */
  paymentInstructions: optionalText(1000),
  residentPostalCodes: z.array(z.string().regex(/^\d{5}$/, { error: 'postal_code.invalid' })).max(50).default([]),
  residentInseeCodes: z.array(z.string().regex(/^[0-9AB]{5}$/, { error: 'field.invalid' })).max(50).default([]),
  paymentTermDays: z.number().int().min(1).max(120).default(30),
  /** activities this office invoices (an activity moves from another office if listed here) */
  activityIds: z.array(id).max(200).default([]),
});
export type OfficeInput = z.input<typeof officeInput>;
export const office = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  address: z.string().nullable(),
  paymentInstructions: z.string().nullable(),
  residentPostalCodes: z.array(z.string()),
  residentInseeCodes: z.array(z.string()),
  paymentTermDays: z.number().int(),
  activityIds: z.array(z.string()),
});
export type Office = z.infer<typeof office>;

// ---------- tariffs ----------

export const surcharge = z.object({ kind: z.enum(['percent', 'fixed']), value: z.number().int().min(0).max(100_000) });
export type Surcharge = z.infer<typeof surcharge>;

/** One quotient band: families with QF ≤ upToQuotient (null: no ceiling, must be the last band). */
export const tariffBand = z.object({
  upToQuotient: z.number().int().min(0).max(99_999).nullable(),
  residentCents: cents,
  nonResidentCents: cents,
});
export type TariffBand = z.infer<typeof tariffBand>;

export const tariffInput = z
  .object({
    bands: z.array(tariffBand).min(1).max(20),
    /** percent off by sibling rank (eldest = rank 1): [0, 10, 20] → 2nd −10 %, 3rd and more −20 % */
    siblingReductionsPercent: z.array(z.number().int().min(0).max(100)).max(10).default([]),
    /** a day booked fewer than `daysBefore` days ahead is surcharged */
    lateBooking: surcharge.extend({ daysBefore: z.number().int().min(1).max(60) }).nullable().default(null),
    /** a child present without a booking */
    unbookedPresence: surcharge.nullable().default(null),
    unjustifiedAbsenceCharged: z.boolean().default(true),
  })
  .refine(
    (t) =>
      t.bands.every((b, i) =>
        i === t.bands.length - 1 ? b.upToQuotient === null : b.upToQuotient !== null && (i === 0 || b.upToQuotient > t.bands[i - 1].upToQuotient!),
      ),
    { error: 'billing.bands_order', path: ['bands'] },
  );
export type TariffInput = z.input<typeof tariffInput>;
export type TariffRule = z.output<typeof tariffInput>;
export const tariff = z.object({
  unitId: z.string(),
  activityId: z.string(),
  unitLabel: z.string(),
  activityName: z.string(),
  rule: z.object({
    bands: z.array(tariffBand),
    siblingReductionsPercent: z.array(z.number().int()),
    lateBooking: surcharge.extend({ daysBefore: z.number().int() }).nullable(),
    unbookedPresence: surcharge.nullable(),
    unjustifiedAbsenceCharged: z.boolean(),
  }),
  updatedAt: z.string(),
});
export type Tariff = z.infer<typeof tariff>;

// ---------- invoicing runs ----------

export const runInput = z.object({ officeId: id, month: isoMonth });
export type RunInput = z.input<typeof runInput>;

export const runWarning = z.object({
  code: z.enum(RUN_WARNING_CODES),
  familyId: z.string().nullable(),
  familyName: z.string().nullable(),
  /** e.g. the activity and unit, the days concerned */
  detail: z.string(),
});
export type RunWarning = z.infer<typeof runWarning>;

export const runSummary = z.object({
  id: z.number().int(),
  officeId: z.string(),
  officeName: z.string(),
  month: z.string(),
  state: z.enum(RUN_STATES),
  invoiceCount: z.number().int(),
  totalCents: z.number().int(),
  warningCount: z.number().int(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  /** true while the background job computes it (a draft that cannot be published yet) */
  computing: z.boolean(),
  /** families computed so far, and families in the run (null until the job has counted them) */
  familiesDone: z.number().int(),
  familiesTotal: z.number().int().nullable(),
});
export type RunSummary = z.infer<typeof runSummary>;

export const invoiceLine = z.object({
  childId: z.string(),
  childName: z.string(),
  activityName: z.string(),
  unitLabel: z.string(),
  kind: z.enum(LINE_KINDS),
  /** the days this line charges, sorted */
  days: z.array(z.string()),
  quantity: z.number().int(),
  unitPriceCents: z.number().int(),
  amountCents: z.number().int(),
  /** how the unit price was obtained: tariff band, residence, sibling rank, surcharge — in French */
  computation: z.string(),
});
export type InvoiceLine = z.infer<typeof invoiceLine>;

export const payerBlock = z.object({
  name: z.string(),
  addressLines: z.array(z.string()),
  email: z.string().nullable(),
});

export const invoiceSummary = z.object({
  id: z.number().int(),
  /** null while a draft */
  number: z.string().nullable(),
  officeName: z.string(),
  familyId: z.string(),
  familyName: z.string(),
  month: z.string(),
  issuedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  totalCents: z.number().int(),
  creditedCents: z.number().int(),
  paidCents: z.number().int(),
  /** total − credited − paid */
  balanceCents: z.number().int(),
  state: z.enum(INVOICE_STATES),
});
export type InvoiceSummary = z.infer<typeof invoiceSummary>;

export const creditNote = z.object({
  id: z.number().int(),
  number: z.string(),
  invoiceId: z.number().int(),
  invoiceNumber: z.string(),
  amountCents: z.number().int(),
  reason: z.string(),
  createdAt: z.string(),
});
export type CreditNote = z.infer<typeof creditNote>;

export const invoiceDetail = invoiceSummary.extend({
  officeCode: z.string(),
  officeAddress: z.string().nullable(),
  paymentInstructions: z.string().nullable(),
  payer: payerBlock,
  quotient: z.number().int().nullable(),
  resident: z.boolean(),
  lines: z.array(invoiceLine),
  creditNotes: z.array(creditNote),
  allocations: z.array(z.object({ paymentId: z.number().int(), method: z.enum(PAYMENT_METHODS), receivedOn: z.string(), amountCents: z.number().int() })),
});
export type InvoiceDetail = z.infer<typeof invoiceDetail>;

export const runDetail = runSummary.extend({
  invoices: z.array(invoiceDetail),
  warnings: z.array(runWarning),
});
export type RunDetail = z.infer<typeof runDetail>;

export const invoiceListQuery = z.object({
  officeId: id.optional(),
  familyId: id.optional(),
  month: isoMonth.optional(),
  state: z.enum(INVOICE_STATES).optional(),
});

// ---------- credit notes ----------

export const creditNoteInput = z.object({
  /** at most total − already credited; the part already paid beyond the new net becomes the family's credit */
  amountCents: positiveCents,
  reason: requiredText(300),
});
export type CreditNoteInput = z.input<typeof creditNoteInput>;

// ---------- payments ----------

export const allocation = z.object({ invoiceId: z.number().int().positive(), amountCents: positiveCents });
export type Allocation = z.infer<typeof allocation>;

export const manualPaymentInput = z.object({
  familyId: id,
  method: z.enum(MANUAL_PAYMENT_METHODS, { error: 'choice.invalid' }),
  amountCents: positiveCents,
  /** cheque number, bank reference… */
  reference: optionalText(100),
  receivedOn: isoDay,
  /** Σ ≤ amountCents; what is left stays as the family's credit */
  allocations: z.array(allocation).max(50).default([]),
});
export type ManualPaymentInput = z.input<typeof manualPaymentInput>;

export const payment = z.object({
  id: z.number().int(),
  familyId: z.string(),
  familyName: z.string(),
  method: z.enum(PAYMENT_METHODS),
  amountCents: z.number().int(),
  allocatedCents: z.number().int(),
  /** amountCents − allocatedCents: the family's credit from this payment */
  unallocatedCents: z.number().int(),
  reference: z.string().nullable(),
  receivedOn: z.string(),
  createdAt: z.string(),
  allocations: z.array(z.object({ invoiceId: z.number().int(), invoiceNumber: z.string(), amountCents: z.number().int() })),
});
export type Payment = z.infer<typeof payment>;

export const paymentListQuery = z.object({ familyId: id.optional(), from: isoDay.optional(), to: isoDay.optional() });

export const balance = z.object({
  familyId: z.string(),
  familyName: z.string(),
  /** Σ balances of published invoices */
  outstandingCents: z.number().int(),
  /** part of it past the due date */
  overdueCents: z.number().int(),
  /** unallocated payments */
  creditCents: z.number().int(),
  invoiceCount: z.number().int(),
});
export type Balance = z.infer<typeof balance>;

export const unpaidInvoice = z.object({
  id: z.number().int(),
  number: z.string(),
  officeId: z.string(),
  month: z.string(),
  dueOn: z.string(),
  totalCents: z.number().int(),
  balanceCents: z.number().int(),
});
export type UnpaidInvoice = z.infer<typeof unpaidInvoice>;

export const familyBilling = z.object({
  invoices: z.array(invoiceSummary),
  payments: z.array(payment),
  outstandingCents: z.number().int(),
  creditCents: z.number().int(),
});
export type FamilyBilling = z.infer<typeof familyBilling>;
