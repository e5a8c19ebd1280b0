import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { isUniqueViolation } from '../../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { parisDateOf } from '../../../shared/calendar/paris-time.js';
import {
  LINE_KINDS,
  type Balance,
  type CreditNote,
  type CreditNoteInput,
  type FamilyBilling,
  type InvoiceDetail,
  type InvoiceState,
  type InvoiceSummary,
  type LineKind,
  type Office,
  type OfficeInput,
  type Payment,
  type PaymentMethod,
  type RunDetail,
  type RunSummary,
  type RunWarning,
  type Tariff,
  type TariffRule,
} from '../../../shared/billing-contracts.js';
import * as catalog from '../catalog/catalog.service.js';
import { familyExists, payerLastNames } from '../family/family.service.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { invoiceState } from './billing.state.js';
import { affected, forUpdate, isCheckViolation, writeTransaction } from '../../db/write.js';
import { applyPayment, creditOf } from './billing.payments.js';
import { creditNoteReference, reserveNumbers, RUN_COMPUTING, runWarnings, type OfficeRow } from './billing.run.js';
import { translator } from '../../i18n.js';
import type { Language } from '../../../shared/i18n/languages.js';

export { startRun, publishRun, discardRun } from './billing.run.js';
export { applyPayment, unpaidInvoicesOf, invoiceOfFamily, creditOf } from './billing.payments.js';

type Executor = Kysely<DB> | Transaction<DB>;
const splitCodes = (s: string) => (s ? s.split(',') : []);

// ---------- offices ----------

async function toOffice(db: Executor, o: OfficeRow): Promise<Office> {
  const acts = await db.selectFrom('office_activity').select('activity_id').where('office_id', '=', o.id).orderBy('activity_id').execute();
  return {
    id: o.id,
    name: o.name,
    code: o.code,
    address: o.address,
    paymentInstructions: o.payment_instructions,
    residentPostalCodes: splitCodes(o.resident_postal_codes),
    residentInseeCodes: splitCodes(o.resident_insee_codes),
    paymentTermDays: o.payment_term_days,
    activityIds: acts.map((a) => a.activity_id),
  };
}

export async function listOffices(ctx: AppContext): Promise<Office[]> {
  const rows = await ctx.db.selectFrom('collection_office').selectAll().orderBy('name').execute();
  return Promise.all(rows.map((r) => toOffice(ctx.db, r)));
}

type OfficeParsed = Required<{ [K in keyof OfficeInput]: Exclude<OfficeInput[K], undefined> }>;

/**
 * Creates or updates an office and the activities it invoices. Concurrency: an update first writes the office row
 * (locked until commit: two saves of one office run one after the other); an activity moved to this office is an
 * upsert on office_activity's key (conditional write: two offices claiming the same activity at once both succeed,
 * the later one keeps it), in activity order; the only UNIQUE left to lose is the office's code (400).
 */
async function saveOffice(ctx: AppContext, actor: Actor, id: string | null, input: OfficeParsed): Promise<Office> {
  const now = isoNow(ctx.clock);
  const officeId = id ?? randomUUID();
  try {
    await writeTransaction(ctx, async (trx) => {
      const values = {
        name: input.name,
        code: input.code,
        address: input.address ?? null,
        payment_instructions: input.paymentInstructions ?? null,
        resident_postal_codes: input.residentPostalCodes.join(','),
        resident_insee_codes: input.residentInseeCodes.join(','),
        payment_term_days: input.paymentTermDays,
        updated_at: now,
      };
      if (id) {
        const r = await trx.updateTable('collection_office').set(values).where('id', '=', id).executeTakeFirst();
        if (affected(r) !== 1) throw new NotFoundError();
      } else await trx.insertInto('collection_office').values({ id: officeId, ...values, created_at: now }).execute();
      const activityIds = [...new Set(input.activityIds)].sort();
      if (activityIds.length) {
        const known = await catalog.existingActivityIds(trx, activityIds);
        if (known.size !== activityIds.length) throw new ValidationError([{ path: 'activityIds', code: 'billing.activity_unknown' }]);
      }
      let dropped = trx.deleteFrom('office_activity').where('office_id', '=', officeId);
      if (activityIds.length) dropped = dropped.where('activity_id', 'not in', activityIds);
      await dropped.execute();
      for (const activityId of activityIds)
        await trx
          .insertInto('office_activity')
          .values({ activity_id: activityId, office_id: officeId })
          .onConflict((oc) => oc.column('activity_id').doUpdateSet({ office_id: officeId }))
          .execute();
      await recordAudit(trx, ctx.clock, actor, { action: id ? 'billing.office_updated' : 'billing.office_created', targetType: 'collection_office', targetId: officeId, details: { code: input.code } });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError([{ path: 'code', code: 'billing.office_code_taken' }]);
    throw err;
  }
  const row = await ctx.db.selectFrom('collection_office').selectAll().where('id', '=', officeId).executeTakeFirstOrThrow();
  return toOffice(ctx.db, row);
}

export const createOffice = (ctx: AppContext, actor: Actor, input: OfficeParsed) => saveOffice(ctx, actor, null, input);
export const updateOffice = (ctx: AppContext, actor: Actor, id: string, input: OfficeParsed) => saveOffice(ctx, actor, id, input);

// ---------- tariffs ----------

export async function listTariffs(ctx: AppContext): Promise<Tariff[]> {
  const tariffs = new Map((await ctx.db.selectFrom('tariff').select(['unit_id', 'activity_id', 'rule', 'updated_at']).execute()).map((t) => [t.unit_id, t]));
  // in the units' order (activity name, then unit position)
  return (await catalog.unitsWithActivity(ctx.db, { unitIds: [...tariffs.keys()] })).map((u) => {
    const t = tariffs.get(u.id)!;
    return { unitId: u.id, activityId: t.activity_id, unitLabel: u.label, activityName: u.activity_name, rule: JSON.parse(t.rule) as TariffRule, updatedAt: t.updated_at };
  });
}

export async function setTariff(ctx: AppContext, actor: Actor, unitId: string, rule: TariffRule): Promise<Tariff> {
  const unit = await catalog.findUnit(ctx.db, unitId);
  if (!unit) throw new NotFoundError();
  const now = isoNow(ctx.clock);
  // one upsert on the unit's key (no read decides it): two administrators at once, the later one's rule stays
  await writeTransaction(ctx, async (trx) => {
    await trx
      .insertInto('tariff')
      .values({ unit_id: unitId, activity_id: unit.activity_id, rule: JSON.stringify(rule), updated_at: now, updated_by: actor.id })
      .onConflict((oc) => oc.column('unit_id').doUpdateSet({ rule: JSON.stringify(rule), updated_at: now, updated_by: actor.id }))
      .execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'billing.tariff_set', targetType: 'unit', targetId: unitId, details: { bands: rule.bands.length } });
  });
  return (await listTariffs(ctx)).find((t) => t.unitId === unitId)!;
}

// ---------- invoices ----------

type InvoiceRow = {
  id: number;
  reference: string | null;
  office_name: string;
  family_id: string;
  family_name: string;
  month: string;
  state: 'draft' | 'published' | 'discarded';
  issued_on: string | null;
  due_on: string | null;
  total_cents: number;
  credited_cents: number;
  paid_cents: number;
};

function invoiceQuery(db: Executor) {
  return db
    .selectFrom('invoice as i')
    .innerJoin('collection_office as o', 'o.id', 'i.office_id')
    .select([
      'i.id',
      'i.reference',
      'o.name as office_name',
      'i.family_id',
      'i.family_name',
      'i.month',
      'i.state',
      'i.issued_on',
      'i.due_on',
      'i.total_cents',
      'i.credited_cents',
      'i.paid_cents',
    ]);
}

function toSummary(r: InvoiceRow, today: string): InvoiceSummary {
  return {
    id: r.id,
    number: r.reference,
    officeName: r.office_name,
    familyId: r.family_id,
    familyName: r.family_name,
    month: r.month,
    issuedOn: r.issued_on,
    dueOn: r.due_on,
    totalCents: r.total_cents,
    creditedCents: r.credited_cents,
    paidCents: r.paid_cents,
    balanceCents: r.total_cents - r.credited_cents - r.paid_cents,
    state: invoiceState(r, today),
  };
}

const today = (ctx: AppContext) => parisDateOf(ctx.clock.now());

export async function listInvoices(
  ctx: AppContext,
  q: { officeId?: string; familyId?: string; month?: string; state?: InvoiceState },
): Promise<InvoiceSummary[]> {
  let query = invoiceQuery(ctx.db).where('i.state', '=', 'published').orderBy('i.id', 'desc').limit(2000);
  if (q.officeId) query = query.where('i.office_id', '=', q.officeId);
  if (q.familyId) query = query.where('i.family_id', '=', q.familyId);
  if (q.month) query = query.where('i.month', '=', q.month);
  const t = today(ctx);
  const rows = (await query.execute()).map((r) => toSummary(r, t));
  return q.state ? rows.filter((r) => r.state === q.state) : rows;
}

/** One invoice with its lines, credit notes and payments; `familyId` set: only that family's published ones. */
export async function invoiceDetail(ctx: AppContext, invoiceId: number, familyId?: string): Promise<InvoiceDetail> {
  let q = ctx.db
    .selectFrom('invoice as i')
    .innerJoin('collection_office as o', 'o.id', 'i.office_id')
    .selectAll('i')
    .select(['o.name as office_name', 'o.code as office_code', 'o.address as office_address', 'o.payment_instructions'])
    .where('i.id', '=', invoiceId);
  if (familyId !== undefined) q = q.where('i.family_id', '=', familyId).where('i.state', '=', 'published');
  const r = await q.executeTakeFirst();
  if (!r) throw new NotFoundError();
  const [lines, notes, allocations] = await Promise.all([
    ctx.db.selectFrom('invoice_line').selectAll().where('invoice_id', '=', invoiceId).orderBy('position').execute(),
    ctx.db.selectFrom('credit_note').selectAll().where('invoice_id', '=', invoiceId).orderBy('id').execute(),
    ctx.db
      .selectFrom('payment_allocation as pa')
      .innerJoin('payment as p', 'p.id', 'pa.payment_id')
      .select(['p.id', 'p.method', 'p.received_on', 'pa.amount_cents'])
      .where('pa.invoice_id', '=', invoiceId)
      .orderBy('pa.id')
      .execute(),
  ]);
  return {
    ...toSummary(r, today(ctx)),
    officeCode: r.office_code,
    officeAddress: r.office_address,
    paymentInstructions: r.payment_instructions,
    payer: JSON.parse(r.payer) as InvoiceDetail['payer'],
    quotient: r.quotient,
    resident: r.resident === 1,
    lines: lines.map((l) => ({
      childId: l.child_id,
      childName: l.child_name,
      activityName: l.activity_name,
      unitLabel: l.unit_label,
      kind: (LINE_KINDS as readonly string[]).includes(l.kind) ? (l.kind as LineKind) : 'attended',
      days: l.days ? l.days.split(',') : [],
      quantity: l.quantity,
      unitPriceCents: l.unit_price_cents,
      amountCents: l.amount_cents,
      computation: l.computation,
    })),
    creditNotes: notes.map((n) => ({ id: n.id, number: n.reference, invoiceId, invoiceNumber: r.reference ?? '', amountCents: n.amount_cents, reason: n.reason, createdAt: n.created_at })),
    allocations: allocations.map((a) => ({ paymentId: a.id, method: a.method, receivedOn: a.received_on, amountCents: a.amount_cents })),
  };
}

// ---------- runs ----------

async function runSummaries(ctx: AppContext, where: { officeId?: string; runId?: number }): Promise<RunSummary[]> {
  let q = ctx.db
    .selectFrom('invoicing_run as r')
    .innerJoin('collection_office as o', 'o.id', 'r.office_id')
    .where('r.kind', '=', 'monthly')
    .select(['r.id', 'r.office_id', 'o.name', 'r.month', 'r.state', 'r.warnings', 'r.created_at', 'r.published_at', 'r.families_done', 'r.families_total'])
    .select((eb) => [
      eb.selectFrom('invoice').select((e) => e.fn.countAll<number>().as('n')).whereRef('invoice.run_id', '=', 'r.id').as('invoice_count'),
      eb.selectFrom('invoice').select((e) => e.fn.sum<number>('total_cents').as('t')).whereRef('invoice.run_id', '=', 'r.id').as('total'),
    ])
    .orderBy('r.id', 'desc');
  if (where.officeId) q = q.where('r.office_id', '=', where.officeId);
  if (where.runId !== undefined) q = q.where('r.id', '=', where.runId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    officeId: r.office_id,
    officeName: r.name,
    month: r.month,
    state: r.state,
    invoiceCount: Number(r.invoice_count ?? 0),
    totalCents: Number(r.total ?? 0),
    warningCount: runWarnings(r.warnings).length,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    computing: r.state === 'draft' && r.warnings === RUN_COMPUTING,
    familiesDone: r.families_done,
    familiesTotal: r.families_total,
  }));
}

export const listRuns = (ctx: AppContext, officeId?: string) => runSummaries(ctx, { officeId });

/** Shown in the run's page: the first RUN_DETAIL_LIMIT invoices in full (the CSV export has them all). */
export const RUN_DETAIL_LIMIT = 300;

export async function runDetail(ctx: AppContext, runId: number, language: Language = 'fr'): Promise<RunDetail> {
  const [summary] = await runSummaries(ctx, { runId });
  if (!summary) throw new NotFoundError();
  const w = await ctx.db.selectFrom('invoicing_run').select('warnings').where('id', '=', runId).executeTakeFirstOrThrow();
  const ids = await ctx.db.selectFrom('invoice').select('id').where('run_id', '=', runId).orderBy('family_name').orderBy('id').limit(RUN_DETAIL_LIMIT).execute();
  const invoices: InvoiceDetail[] = [];
  for (const { id } of ids) invoices.push(await invoiceDetail(ctx, id));
  return { ...summary, invoices, warnings: runWarnings(w.warnings, language) };
}

// ---------- credit notes ----------

/**
 * A credit note (avoir) lowers what an invoice asks for; the invoice itself is never edited. When the family had
 * already paid more than the new net, the excess goes back to the payments it came from (newest first) and becomes
 * the family's credit: paid + credited ≤ total keeps holding.
 *
 * Concurrency — lock what you read: the invoice row is locked first (FOR UPDATE on PostgreSQL), so two agents
 * crediting the same invoice, or a credit racing a payment's allocation (applyPayment locks the same row), decide
 * one after the other on fresh amounts; then the payments given money back (newest first, one fixed order) and the
 * office's credit-note counter (one UPDATE, row-locked). The loser of a race gets 400 credit_too_large; the CHECK
 * paid + credited ≤ total is the last guard and answers the same.
 */
export async function createCreditNote(ctx: AppContext, actor: Actor, invoiceId: number, input: Required<CreditNoteInput>): Promise<CreditNote> {
  const id = await writeTransaction(ctx, (trx) => createCreditNoteIn(trx, ctx, actor, invoiceId, input)).catch((err) => {
    if (isCheckViolation(err)) throw creditTooLarge();
    throw err;
  });
  const detail = await invoiceDetail(ctx, invoiceId);
  return detail.creditNotes.find((n) => n.id === id)!;
}

const creditTooLarge = () => new ValidationError([{ path: 'amountCents', code: 'billing.credit_too_large' }]);

/**
 * The credit note, INSIDE THE CALLER'S TRANSACTION (« paiement à la réservation » cancels a basket's days in the
 * transaction that releases them); `actor` null for the portal itself. Returns the credit note's id.
 */
export async function createCreditNoteIn(trx: Executor, ctx: AppContext, actor: Actor | null, invoiceId: number, input: Required<CreditNoteInput>): Promise<number> {
  const tooLarge = creditTooLarge;
  {
    const inv = await forUpdate(
      trx,
      trx.selectFrom('invoice').select(['id', 'state', 'family_id', 'reference', 'office_id', 'total_cents', 'credited_cents', 'paid_cents']).where('id', '=', invoiceId),
    ).executeTakeFirst();
    if (!inv) throw new NotFoundError();
    const office = await trx.selectFrom('collection_office').select('code').where('id', '=', inv.office_id).executeTakeFirstOrThrow();
    if (inv.state !== 'published') throw new ConflictError('billing.invoice_not_published');
    if (input.amountCents > inv.total_cents - inv.credited_cents) throw tooLarge();
    const now = isoNow(ctx.clock);
    let excess = inv.paid_cents + inv.credited_cents + input.amountCents - inv.total_cents;
    if (excess > 0) {
      const allocs = await trx
        .selectFrom('payment_allocation')
        .select(['payment_id', (eb) => eb.fn.sum<number>('amount_cents').as('amount')])
        .where('invoice_id', '=', invoiceId)
        .groupBy('payment_id')
        .orderBy('payment_id', 'desc')
        .execute();
      await trx.updateTable('invoice').set((eb) => ({ paid_cents: eb('paid_cents', '-', excess) })).where('id', '=', invoiceId).execute();
      // money goes back to the payments it came from; allocations of this invoice only change under its lock
      for (const a of allocs) {
        if (excess <= 0) break;
        const give = Math.min(excess, Number(a.amount));
        if (give <= 0) continue;
        await trx.insertInto('payment_allocation').values({ payment_id: a.payment_id, invoice_id: invoiceId, amount_cents: -give, created_at: now }).execute();
        await trx.updateTable('payment').set((eb) => ({ allocated_cents: eb('allocated_cents', '-', give) })).where('id', '=', a.payment_id).execute();
        excess -= give;
      }
    }
    const credited = await trx
      .updateTable('invoice')
      .set((eb) => ({ credited_cents: eb('credited_cents', '+', input.amountCents) }))
      .where('id', '=', invoiceId)
      .where('state', '=', 'published')
      .where((eb) => eb(eb('credited_cents', '+', input.amountCents), '<=', eb.ref('total_cents')))
      .executeTakeFirst();
    if (affected(credited) !== 1) throw tooLarge();
    const year = Number(parisDateOf(ctx.clock.now()).slice(0, 4));
    const number = await reserveNumbers(trx, inv.office_id, 'credit_note', year, 1);
    const note = await trx
      .insertInto('credit_note')
      .values({ invoice_id: invoiceId, office_id: inv.office_id, year, number, reference: creditNoteReference(office.code, year, number), amount_cents: input.amountCents, reason: input.reason, created_at: now, created_by: actor?.id ?? 'portal' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.clock, actor, { action: 'billing.credit_note_created', familyId: inv.family_id, targetType: 'invoice', targetId: String(invoiceId), details: { amountCents: input.amountCents } });
    return note.id;
  }
}

// ---------- payments ----------

/**
 * A payment received at the cash office (cheque, cash, CESU, transfer, direct debit) and its allocation.
 * Concurrency — lock what you read: applyPayment locks the invoices in id order before deciding what each one
 * receives, and its UPDATE is conditional (paid + credited + amount ≤ total). An allocation that lost a race to
 * another agent's payment or credit note (less remains than asked) refuses the whole payment with 400
 * allocation_too_large: nothing is saved and the agent sees what remains due.
 */
export async function recordManualPayment(
  ctx: AppContext,
  actor: Actor,
  input: { familyId: string; method: PaymentMethod; amountCents: number; reference: string | null; receivedOn: string; allocations: { invoiceId: number; amountCents: number }[] },
): Promise<Payment> {
  const paymentId = await writeTransaction(ctx, async (trx) => {
    if (!(await familyExists(trx, input.familyId))) throw new ValidationError([{ path: 'familyId', code: 'billing.family_unknown' }]);
    const requested = input.allocations.reduce((s, a) => s + a.amountCents, 0);
    if (requested > input.amountCents) throw new ValidationError([{ path: 'allocations', code: 'billing.allocation_exceeds_payment' }]);
    if (new Set(input.allocations.map((a) => a.invoiceId)).size !== input.allocations.length)
      throw new ValidationError([{ path: 'allocations', code: 'billing.allocation_duplicate' }]);
    let applied;
    try {
      applied = await applyPayment(trx, ctx, { ...input, actor });
    } catch (err) {
      if (err instanceof NotFoundError) throw new ValidationError([{ path: 'allocations', code: 'billing.invoice_other_family' }]);
      throw err;
    }
    // Staff see what remains due: asking for more is a typing mistake, not a credit.
    input.allocations.forEach((a, i) => {
      const got = applied.applied.find((x) => x.invoiceId === a.invoiceId)?.amountCents ?? 0;
      if (got < a.amountCents) throw new ValidationError([{ path: `allocations.${i}.amountCents`, code: 'billing.allocation_too_large' }]);
    });
    return applied.paymentId;
  }).catch((err) => {
    if (isCheckViolation(err)) throw new ValidationError([{ path: 'allocations', code: 'billing.allocation_too_large' }]);
    throw err;
  });
  return (await listPayments(ctx, { paymentId }))[0];
}

export async function listPayments(ctx: AppContext, q: { familyId?: string; from?: string; to?: string; paymentId?: number }): Promise<Payment[]> {
  let query = ctx.db
    .selectFrom('payment as p')
    .selectAll('p')
    .orderBy('p.id', 'desc')
    .limit(2000);
  if (q.familyId) query = query.where('p.family_id', '=', q.familyId);
  if (q.from) query = query.where('p.received_on', '>=', q.from);
  if (q.to) query = query.where('p.received_on', '<=', q.to);
  if (q.paymentId !== undefined) query = query.where('p.id', '=', q.paymentId);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const allocs = await ctx.db
    .selectFrom('payment_allocation as pa')
    .innerJoin('invoice as i', 'i.id', 'pa.invoice_id')
    .select(['pa.payment_id', 'pa.invoice_id', 'i.reference', (eb) => eb.fn.sum<number>('pa.amount_cents').as('amount')])
    .where('pa.payment_id', 'in', ids)
    .groupBy(['pa.payment_id', 'pa.invoice_id', 'i.reference'])
    .execute();
  const names = await payerLastNames(ctx.db, rows.map((r) => r.family_id));
  const nameOf = new Map([...names].map(([familyId, lastName]) => [familyId, lastName.toUpperCase()]));
  return rows.map((p) => ({
    id: p.id,
    familyId: p.family_id,
    familyName: nameOf.get(p.family_id) ?? '',
    method: p.method,
    amountCents: p.amount_cents,
    allocatedCents: p.allocated_cents,
    unallocatedCents: p.amount_cents - p.allocated_cents,
    reference: p.reference,
    receivedOn: p.received_on,
    createdAt: p.created_at,
    allocations: allocs
      .filter((a) => a.payment_id === p.id && Number(a.amount) !== 0)
      .map((a) => ({ invoiceId: a.invoice_id, invoiceNumber: a.reference ?? '', amountCents: Number(a.amount) })),
  }));
}

/** « Mes Factures & Paiements » (§6.1). */
export async function familyBilling(ctx: AppContext, familyId: string): Promise<FamilyBilling> {
  const invoices = await listInvoices(ctx, { familyId });
  const payments = await listPayments(ctx, { familyId });
  return {
    invoices,
    payments,
    outstandingCents: invoices.reduce((s, i) => s + i.balanceCents, 0),
    creditCents: await creditOf(ctx.db, familyId),
  };
}

/** Families that owe something or hold a credit. */
export async function balances(ctx: AppContext, officeId?: string): Promise<Balance[]> {
  const t = today(ctx);
  let q = ctx.db
    .selectFrom('invoice')
    .select((eb) => [
      'family_id',
      eb.fn.max('family_name').as('family_name'),
      eb.fn.sum<number>(eb(eb('total_cents', '-', eb.ref('credited_cents')), '-', eb.ref('paid_cents'))).as('outstanding'),
      eb.fn
        .sum<number>(eb.case().when('due_on', '<', t).then(eb(eb('total_cents', '-', eb.ref('credited_cents')), '-', eb.ref('paid_cents'))).else(0).end())
        .as('overdue'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('state', '=', 'published')
    .groupBy('family_id');
  if (officeId) q = q.where('office_id', '=', officeId);
  const owed = await q.execute();
  const credits = await ctx.db
    .selectFrom('payment')
    .select((eb) => ['family_id', eb.fn.sum<number>(eb('amount_cents', '-', eb.ref('allocated_cents'))).as('credit')])
    .groupBy('family_id')
    .execute();
  const creditOfFamily = new Map(credits.map((c) => [c.family_id, Number(c.credit)]));
  // refunds and direct debits taken back by the bank lower the credit (issue 13)
  for (const r of await ctx.db.selectFrom('refund').select((eb) => ['family_id', eb.fn.sum<number>('amount_cents').as('c')]).groupBy('family_id').execute())
    creditOfFamily.set(r.family_id, (creditOfFamily.get(r.family_id) ?? 0) - Number(r.c));
  const out = new Map<string, Balance>();
  for (const r of owed)
    out.set(r.family_id, {
      familyId: r.family_id,
      familyName: String(r.family_name ?? ''),
      outstandingCents: Number(r.outstanding),
      overdueCents: Number(r.overdue),
      creditCents: creditOfFamily.get(r.family_id) ?? 0,
      invoiceCount: Number(r.n),
    });
  return [...out.values()].filter((b) => b.outstandingCents > 0 || b.creditCents > 0).sort((a, b) => b.outstandingCents - a.outstandingCents);
}

// ---------- CSV ----------

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}
/** Amounts as the spreadsheet of the language reads them: « 12,34 » in French, "12.34" in English. */
const eurosIn = (language: Language) => (c: number) => (language === 'fr' ? (c / 100).toFixed(2).replace('.', ',') : (c / 100).toFixed(2));
/** UTF-8 with BOM; « ; » separated in French (as French Excel expects), « , » in English. */
const csv = (rows: (string | number | null)[][], language: Language) =>
  '\uFEFF' + rows.map((r) => r.map(csvCell).join(language === 'fr' ? ';' : ',')).join('\r\n') + '\r\n';

/** The invoices as CSV, in the language of the request (headings, states, amounts). */
export async function invoicesCsv(ctx: AppContext, q: { officeId?: string; month?: string }, language: Language = 'fr'): Promise<string> {
  // the accountant reads them in number order
  const rows = (await listInvoices(ctx, q)).sort((a, b) => (a.number ?? '').localeCompare(b.number ?? ''));
  const t = translator(language);
  const euros = eurosIn(language);
  const h = (k: 'number' | 'office' | 'family' | 'month' | 'issuedOn' | 'dueOn' | 'total' | 'credited' | 'paid' | 'balance' | 'state') => t(`server:csv.invoices.${k}`);
  return csv(
    [
      [h('number'), h('office'), h('family'), h('month'), h('issuedOn'), h('dueOn'), h('total'), h('credited'), h('paid'), h('balance'), h('state')],
      ...rows.map((r) => [r.number, r.officeName, r.familyName, r.month, r.issuedOn, r.dueOn, euros(r.totalCents), euros(r.creditedCents), euros(r.paidCents), euros(r.balanceCents), t(`labels:invoiceState.${r.state}`)]),
    ],
    language,
  );
}

/** The payments as CSV, in the language of the request (headings, methods, amounts). */
export async function paymentsCsv(ctx: AppContext, q: { from?: string; to?: string }, language: Language = 'fr'): Promise<string> {
  const rows = await listPayments(ctx, q);
  const t = translator(language);
  const euros = eurosIn(language);
  const h = (k: 'id' | 'receivedOn' | 'family' | 'method' | 'reference' | 'amount' | 'allocated' | 'unallocated' | 'invoices') => t(`server:csv.payments.${k}`);
  return csv(
    [
      [h('id'), h('receivedOn'), h('family'), h('method'), h('reference'), h('amount'), h('allocated'), h('unallocated'), h('invoices')],
      ...rows.map((p) => [p.id, p.receivedOn, p.familyName, t(`labels:paymentMethod.${p.method}`), p.reference, euros(p.amountCents), euros(p.allocatedCents), euros(p.unallocatedCents), p.allocations.map((a) => `${a.invoiceNumber} (${euros(a.amountCents)})`).join(', ')]),
    ],
    language,
  );
}

