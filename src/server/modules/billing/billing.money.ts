/**
 * Money the way a public treasury works (issue 13): office settings, one-off invoices (issue 17), the family's credit
 * used on an invoice, refunds, the debt rule asked by the booking module, the reminders job, the unpaid export for
 * the public accountant. docs/money.md.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { isUniqueViolation } from '../../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { addDays, parisDateOf } from '../../../shared/calendar/paris-time.js';
import type { DebtStatus, ManualInvoiceInput, MoneySettings, MoneySettingsInput, ReminderLine, ActivityPolicy } from '../../../shared/money-contracts.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { affected, forUpdate, isCheckViolation, writeTransaction } from '../../db/write.js';
import { invoiceReference, reserveNumbers } from './billing.run.js';
import * as sources from './billing.sources.js';
import type { ReminderStep } from './billing.money.tables.js';
import { translator } from '../../i18n.js';
import type { Language } from '../../../shared/i18n/languages.js';
import * as catalog from '../catalog/catalog.service.js';
import { isValidIBAN, isValidBIC, electronicFormatIBAN } from 'ibantools';

type Executor = Kysely<DB> | Transaction<DB>;
const todayOf = (ctx: AppContext) => parisDateOf(ctx.clock.now());

export const DEFAULT_REMINDER_STEPS: ReminderStep[] = [
  { afterDays: 7, channel: 'email' },
  { afterDays: 21, channel: 'email' },
  { afterDays: 35, channel: 'letter' },
];
/** Activity kinds that stay bookable whatever the family owes, unless an activity says otherwise. */
export const ESSENTIAL_KINDS = ['restauration'];

// ---------- settings ----------

/** The SEPA creditor identifier (ICS): country, 2 check digits (ISO 7064 mod 97-10), business code, national id. */
export function isValidCreditorId(ics: string): boolean {
  const s = ics.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/.test(s)) return false;
  const rearranged = s.slice(7) + s.slice(0, 2) + s.slice(2, 4);
  const digits = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

export async function moneySettingsOf(db: Executor, officeId: string): Promise<MoneySettings> {
  const r = await db.selectFrom('office_money_setting').selectAll().where('office_id', '=', officeId).executeTakeFirst();
  return {
    officeId,
    creditorId: r?.creditor_id ?? null,
    creditorName: r?.creditor_name ?? null,
    creditorIban: r?.creditor_iban ?? null,
    creditorBic: r?.creditor_bic ?? null,
    prenotificationDays: r?.prenotification_days ?? 14,
    reminderSteps: r ? (JSON.parse(r.reminder_steps) as ReminderStep[]) : DEFAULT_REMINDER_STEPS,
    debtMinCents: r ? r.debt_min_cents : null,
    debtMinAgeDays: r ? r.debt_min_age_days : null,
    autoAllocateCredit: r ? r.auto_allocate_credit === 1 : false,
  };
}

/** Saves an office's money settings: one upsert on the office's key (the later administrator's save stays). */
export async function saveMoneySettings(ctx: AppContext, actor: Actor, officeId: string, input: MoneySettingsInput): Promise<MoneySettings> {
  const problems: { path: string; code: string }[] = [];
  const ics = input.creditorId ? input.creditorId.replace(/\s/g, '').toUpperCase() : null;
  if (ics && !isValidCreditorId(ics)) problems.push({ path: 'creditorId', code: 'money.ics_invalid' });
  const iban = input.creditorIban ? electronicFormatIBAN(input.creditorIban) ?? '' : null;
  if (iban !== null && !isValidIBAN(iban)) problems.push({ path: 'creditorIban', code: 'money.iban_invalid' });
  const bic = input.creditorBic ? input.creditorBic.replace(/\s/g, '').toUpperCase() : null;
  if (bic !== null && !isValidBIC(bic)) problems.push({ path: 'creditorBic', code: 'money.bic_invalid' });
  const steps = [...input.reminderSteps].sort((a, b) => a.afterDays - b.afterDays);
  if (new Set(steps.map((s) => s.afterDays)).size !== steps.length) problems.push({ path: 'reminderSteps', code: 'money.steps_duplicate' });
  if (problems.length) throw new ValidationError(problems);
  if (!(await ctx.db.selectFrom('collection_office').select('id').where('id', '=', officeId).executeTakeFirst())) throw new NotFoundError();
  const values = {
    creditor_id: ics,
    creditor_name: input.creditorName || null,
    creditor_iban: iban,
    creditor_bic: bic,
    prenotification_days: input.prenotificationDays,
    reminder_steps: JSON.stringify(steps),
    debt_min_cents: input.debtMinCents,
    debt_min_age_days: input.debtMinAgeDays,
    auto_allocate_credit: input.autoAllocateCredit ? 1 : 0,
    updated_at: isoNow(ctx.clock),
    updated_by: actor.id,
  };
  await writeTransaction(ctx, async (trx) => {
    await trx
      .insertInto('office_money_setting')
      .values({ office_id: officeId, ...values })
      .onConflict((oc) => oc.column('office_id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'money.settings_saved', targetType: 'collection_office', targetId: officeId, details: { creditorId: ics, prenotificationDays: input.prenotificationDays } });
  });
  return moneySettingsOf(ctx.db, officeId);
}

// ---------- the family's credit ----------

/** The family's credit: money received and not allocated, less what was refunded or taken back by its bank. */
export async function creditWithRefunds(db: Executor, familyId: string): Promise<number> {
  const [p, r] = await Promise.all([
    db
      .selectFrom('payment')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(eb('amount_cents', '-', eb.ref('allocated_cents'))), eb.lit(0)).as('c'))
      .where('family_id', '=', familyId)
      .executeTakeFirst(),
    db.selectFrom('refund').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('c')).where('family_id', '=', familyId).executeTakeFirst(),
  ]);
  return Number(p?.c ?? 0) - Number(r?.c ?? 0);
}

/**
 * Uses the family's credit on one invoice, INSIDE THE CALLER'S TRANSACTION: the family's payments holding credit are
 * locked (id order), then the invoice (by applyPayment's own lock); the credit is read under those locks, so two
 * agents allocating the same credit at once (or an agent and the automatic allocation of a run) spend it once.
 * Money moves as allocations of the existing payments (oldest first): no new payment, no money created.
 * Returns the amount allocated (0 when there was no credit or nothing left due).
 */
export async function allocateCreditIn(trx: Executor, ctx: AppContext, familyId: string, invoiceId: number, maxCents: number, actor: Actor | null): Promise<number> {
  const payments = await forUpdate(
    trx,
    trx.selectFrom('payment').select(['id', 'amount_cents', 'allocated_cents']).where('family_id', '=', familyId).whereRef('allocated_cents', '<', 'amount_cents').orderBy('id'),
  ).execute();
  const refunded = await trx.selectFrom('refund').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('c')).where('family_id', '=', familyId).executeTakeFirst();
  let credit = payments.reduce((s, p) => s + p.amount_cents - p.allocated_cents, 0) - Number(refunded?.c ?? 0);
  const inv = await forUpdate(
    trx,
    trx.selectFrom('invoice').select(['id', 'total_cents', 'paid_cents', 'credited_cents']).where('id', '=', invoiceId).where('family_id', '=', familyId).where('state', '=', 'published'),
  ).executeTakeFirst();
  if (!inv) throw new NotFoundError();
  let want = Math.min(maxCents, credit, inv.total_cents - inv.paid_cents - inv.credited_cents);
  if (want <= 0) return 0;
  const now = isoNow(ctx.clock);
  let given = 0;
  for (const p of payments) {
    if (want <= 0) break;
    const take = Math.min(want, p.amount_cents - p.allocated_cents);
    if (take <= 0) continue;
    const r = await trx
      .updateTable('payment')
      .set((eb) => ({ allocated_cents: eb('allocated_cents', '+', take) }))
      .where('id', '=', p.id)
      .where((eb) => eb(eb('allocated_cents', '+', take), '<=', eb.ref('amount_cents')))
      .executeTakeFirst();
    if (affected(r) !== 1) throw new Error('payment credit changed under lock');
    await trx.insertInto('payment_allocation').values({ payment_id: p.id, invoice_id: invoiceId, amount_cents: take, created_at: now }).execute();
    want -= take;
    given += take;
    credit -= take;
  }
  const u = await trx
    .updateTable('invoice')
    .set((eb) => ({ paid_cents: eb('paid_cents', '+', given) }))
    .where('id', '=', invoiceId)
    .where((eb) => eb(eb('paid_cents', '+', eb('credited_cents', '+', given)), '<=', eb.ref('total_cents')))
    .executeTakeFirst();
  if (affected(u) !== 1) throw new Error('invoice balance changed under lock');
  await recordAudit(trx, ctx.clock, actor, { action: 'money.credit_allocated', familyId, targetType: 'invoice', targetId: String(invoiceId), details: { amountCents: given } });
  return given;
}

export async function allocateCredit(ctx: AppContext, actor: Actor, input: { familyId: string; invoiceId: number; amountCents: number }): Promise<{ creditCents: number; allocatedCents: number }> {
  const allocated = await writeTransaction(ctx, (trx) => allocateCreditIn(trx, ctx, input.familyId, input.invoiceId, input.amountCents, actor)).catch((err) => {
    if (isCheckViolation(err)) throw new ConflictError('money.credit_insufficient');
    throw err;
  });
  if (allocated === 0) throw new ConflictError('money.credit_insufficient');
  return { allocatedCents: allocated, creditCents: await creditWithRefunds(ctx.db, input.familyId) };
}

/** After a run is published (office setting « use the credit automatically »): each family's credit on its new invoices. */
export async function autoAllocateRun(ctx: AppContext, runId: number): Promise<number> {
  const run = await ctx.db.selectFrom('invoicing_run').select(['office_id', 'state']).where('id', '=', runId).executeTakeFirst();
  if (!run || run.state !== 'published') return 0;
  if (!(await moneySettingsOf(ctx.db, run.office_id)).autoAllocateCredit) return 0;
  const invoices = await ctx.db.selectFrom('invoice').select(['id', 'family_id', 'total_cents']).where('run_id', '=', runId).where('state', '=', 'published').orderBy('id').execute();
  let total = 0;
  for (const inv of invoices) {
    if ((await creditWithRefunds(ctx.db, inv.family_id)) <= 0) continue;
    total += await writeTransaction(ctx, (trx) => allocateCreditIn(trx, ctx, inv.family_id, inv.id, inv.total_cents, null));
  }
  return total;
}

/**
 * A refund of the family's credit (bank transfer, cheque, cash). Concurrency — lock what you read: the family's
 * payments holding credit are locked first (as allocateCreditIn does), so two refunds at once, or a refund and an
 * allocation, never spend more than the credit: the loser gets 409 money.credit_insufficient.
 */
export async function recordRefund(ctx: AppContext, actor: Actor, input: { familyId: string; amountCents: number; method: string; reference?: string | null }) {
  return writeTransaction(ctx, async (trx) => {
    const payments = await forUpdate(
      trx,
      trx.selectFrom('payment').select(['id', 'amount_cents', 'allocated_cents']).where('family_id', '=', input.familyId).orderBy('id'),
    ).execute();
    const refunded = await trx.selectFrom('refund').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('c')).where('family_id', '=', input.familyId).executeTakeFirst();
    const credit = payments.reduce((s, p) => s + p.amount_cents - p.allocated_cents, 0) - Number(refunded?.c ?? 0);
    if (input.amountCents > credit) throw new ConflictError('money.credit_insufficient');
    const row = await trx
      .insertInto('refund')
      .values({
        family_id: input.familyId,
        payment_id: null,
        kind: 'refund',
        method: input.method,
        amount_cents: input.amountCents,
        reference: input.reference ?? null,
        refunded_on: todayOf(ctx),
        created_at: isoNow(ctx.clock),
        created_by: actor.id,
      })
      .returning(['id', 'family_id', 'kind', 'method', 'amount_cents', 'reference', 'refunded_on'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.clock, actor, { action: 'money.refund_recorded', familyId: input.familyId, targetType: 'refund', targetId: String(row.id), details: { amountCents: input.amountCents, method: input.method } });
    return { id: row.id, familyId: row.family_id, kind: row.kind, method: row.method, amountCents: row.amount_cents, reference: row.reference, refundedOn: row.refunded_on };
  });
}

export async function refundsOf(db: Executor, familyId: string) {
  const rows = await db.selectFrom('refund').selectAll().where('family_id', '=', familyId).orderBy('id', 'desc').execute();
  return rows.map((r) => ({ id: r.id, familyId: r.family_id, kind: r.kind, method: r.method, amountCents: r.amount_cents, reference: r.reference, refundedOn: r.refunded_on }));
}

// ---------- one-off invoices (issue 17) ----------

/**
 * The office's manual run (one per office, created once: UNIQUE (office, month 'manual') among live runs): the run of
 * one-off invoices and of the baskets' invoices (« paiement à la réservation », billing.baskets.ts, actor 'portal').
 */
export async function manualRunOf(ctx: AppContext, officeId: string, actorId: string): Promise<number> {
  const find = () => ctx.db.selectFrom('invoicing_run').select('id').where('office_id', '=', officeId).where('kind', '=', 'manual').where('state', '=', 'published').executeTakeFirst();
  const found = await find();
  if (found) return found.id;
  const now = isoNow(ctx.clock);
  try {
    const r = await ctx.db
      .insertInto('invoicing_run')
      .values({ office_id: officeId, month: 'manual', kind: 'manual', state: 'published', warnings: '[]', created_at: now, created_by: actorId, published_at: now, published_by: actorId, families_total: null, cursor_family_id: null, missing_tariff: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return (await find())!.id; // created by a colleague at the same instant
  }
}

/**
 * A one-off charge: an invoice written by staff (a lost badge, a trip, a fee…), published at once with the next
 * number of the office's gap-free sequence (reserveNumbers, in the same transaction as the invoice), e-mailed to
 * the payer. Each call is one invoice (the page's button is disabled while it is sent).
 */
export async function createManualInvoice(ctx: AppContext, actor: Actor, input: ManualInvoiceInput, opts: { computation?: string } = {}): Promise<{ invoiceId: number; number: string; totalCents: number }> {
  const office = await ctx.db.selectFrom('collection_office').selectAll().where('id', '=', input.officeId).executeTakeFirst();
  if (!office) throw new ValidationError([{ path: 'officeId', code: 'money.office_unknown' }]);
  const [facts] = await sources.factsOfFamilies(ctx.db, [input.familyId], new Map(), '2000-01-01', '2000-01-01');
  if (!facts) throw new ValidationError([{ path: 'familyId', code: 'billing.family_unknown' }]);
  const children = facts.children;
  input.lines.forEach((l, i) => {
    if (l.childId && !children.has(l.childId)) throw new ValidationError([{ path: `lines.${i}.childId`, code: 'money.child_unknown' }]);
  });
  const fam = facts.family;
  const payer = facts.guardians.find((g) => g.rank === fam.payer_rank) ?? facts.guardians[0];
  const familyName = payer ? payer.last_name.toUpperCase() : 'FAMILLE';
  const civility = payer?.civility === 'MME' ? 'Mme' : payer?.civility === 'M' ? 'M.' : null;
  const payerName = payer ? [civility, payer.first_name, payer.last_name.toUpperCase()].filter(Boolean).join(' ') : familyName;
  const email = payer?.email ?? facts.loginEmail ?? null;
  const addressLines = [fam.address_line1, fam.address_line2, [fam.postal_code, fam.city].filter(Boolean).join(' ')].filter((x): x is string => !!x);
  const runId = await manualRunOf(ctx, office.id, actor.id);
  const today = todayOf(ctx);
  const year = Number(today.slice(0, 4));
  const dueOn = addDays(today, office.payment_term_days);
  const totalCents = input.lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0);
  const result = await writeTransaction(ctx, async (trx) => {
    const number = await reserveNumbers(trx, office.id, 'invoice', year, 1);
    const reference = invoiceReference(office.code, year, number);
    const inv = await trx
      .insertInto('invoice')
      .values({
        run_id: runId,
        office_id: office.id,
        family_id: input.familyId,
        month: today.slice(0, 7),
        state: 'published',
        year,
        number,
        reference,
        issued_on: today,
        due_on: dueOn,
        total_cents: totalCents,
        family_name: familyName,
        payer: JSON.stringify({ name: payerName, addressLines, email }),
        quotient: fam.family_quotient,
        resident: 1,
        created_at: isoNow(ctx.clock),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('invoice_line')
      .values(
        input.lines.map((l, i) => {
          const child = l.childId ? children.get(l.childId) : undefined;
          return {
            invoice_id: inv.id,
            position: i,
            child_id: l.childId ?? '',
            child_name: child ? `${child.first_name} ${child.last_name}` : '',
            activity_name: l.label,
            unit_label: '',
            kind: 'manual',
            days: '',
            quantity: l.quantity,
            unit_price_cents: l.unitPriceCents,
            amount_cents: l.quantity * l.unitPriceCents,
            computation: opts.computation ?? 'one-off',
          };
        }),
      )
      .execute();
    if (email)
      await enqueueMail(
        trx,
        ctx,
        email,
        { template: 'billing.invoice_published', payerName, number: reference, month: today.slice(0, 7), amountCents: totalCents, dueOn, url: `${ctx.config.publicUrl}/factures` },
        input.familyId,
      );
    await recordAudit(trx, ctx.clock, actor, { action: 'money.manual_invoice', familyId: input.familyId, targetType: 'invoice', targetId: String(inv.id), details: { number: reference, totalCents } });
    return { invoiceId: inv.id, number: reference, totalCents };
  });
  return result;
}

// ---------- debt rule ----------

async function liftOf(db: Executor, familyId: string, today: string): Promise<string | null> {
  const l = await db.selectFrom('debt_lift').select('until').where('family_id', '=', familyId).executeTakeFirst();
  return l && l.until >= today ? l.until : null;
}

/**
 * The family's debt against the rules of the offices it owes money to. Blocked when, at some office with a rule,
 * the overdue balance reaches its threshold or an invoice is overdue by its number of days, and no lift is running.
 */
export async function debtStatusOf(db: Executor, familyId: string, today: string): Promise<DebtStatus> {
  const overdue = await db
    .selectFrom('invoice')
    .select(['office_id', 'due_on', (eb) => eb(eb('total_cents', '-', eb.ref('paid_cents')), '-', eb.ref('credited_cents')).as('balance')])
    .where('family_id', '=', familyId)
    .where('state', '=', 'published')
    .where('due_on', '<', today)
    .where((eb) => eb(eb('paid_cents', '+', eb.ref('credited_cents')), '<', eb.ref('total_cents')))
    .execute();
  const byOffice = new Map<string, { cents: number; oldest: string }>();
  for (const r of overdue) {
    const o = byOffice.get(r.office_id) ?? { cents: 0, oldest: r.due_on! };
    o.cents += Number(r.balance);
    if (r.due_on! < o.oldest) o.oldest = r.due_on!;
    byOffice.set(r.office_id, o);
  }
  let blocked = false;
  let thresholdCents: number | null = null;
  let maxAgeDays: number | null = null;
  for (const [officeId, o] of byOffice) {
    const s = await moneySettingsOf(db, officeId);
    thresholdCents = s.debtMinCents ?? thresholdCents;
    maxAgeDays = s.debtMinAgeDays ?? maxAgeDays;
    if (s.debtMinCents !== null && o.cents >= s.debtMinCents && o.cents > 0) blocked = true;
    if (s.debtMinAgeDays !== null && addDays(o.oldest, s.debtMinAgeDays) <= today) blocked = true;
  }
  const liftedUntil = await liftOf(db, familyId, today);
  const paused = await db.selectFrom('reminder_pause').select('family_id').where('family_id', '=', familyId).executeTakeFirst();
  const all = [...byOffice.values()];
  return {
    blocked: blocked && !liftedUntil,
    overdueCents: all.reduce((s, o) => s + o.cents, 0),
    oldestDueOn: all.length ? all.map((o) => o.oldest).sort()[0]! : null,
    thresholdCents,
    maxAgeDays,
    liftedUntil,
    remindersPaused: !!paused,
  };
}

async function essentialActivity(db: Executor, activityId: string, kind: string): Promise<boolean> {
  const p = await db.selectFrom('activity_debt_policy').select('essential').where('activity_id', '=', activityId).executeTakeFirst();
  return p ? p.essential === 1 : ESSENTIAL_KINDS.includes(kind);
}

/**
 * FOR THE BOOKING MODULE: whether the family may book days of this activity, given its debts. Answers null when it
 * may, else the debt status that explains the refusal (the booking answers 403 money.debt_blocked with it).
 */
export async function debtBlockFor(db: Executor, familyId: string, activity: { id: string; kind: string }, today: string): Promise<DebtStatus | null> {
  if (await essentialActivity(db, activity.id, activity.kind)) return null;
  const s = await debtStatusOf(db, familyId, today);
  return s.blocked ? s : null;
}

export async function activityPolicies(ctx: AppContext): Promise<ActivityPolicy[]> {
  const acts = await catalog.listActivities(ctx.db);
  const set = new Map((await ctx.db.selectFrom('activity_debt_policy').select(['activity_id', 'essential']).execute()).map((p) => [p.activity_id, p.essential === 1]));
  return acts.map((a: { id: string; name: string; kind: string }) => ({
    activityId: a.id,
    activityName: a.name,
    kind: a.kind,
    essential: set.get(a.id) ?? ESSENTIAL_KINDS.includes(a.kind),
    byDefault: !set.has(a.id),
  }));
}

export async function setActivityPolicy(ctx: AppContext, actor: Actor, activityId: string, essential: boolean): Promise<void> {
  if (!(await catalog.findActivity(ctx.db, activityId))) throw new NotFoundError();
  const values = { essential: essential ? 1 : 0, updated_at: isoNow(ctx.clock), updated_by: actor.id };
  await writeTransaction(ctx, async (trx) => {
    await trx.insertInto('activity_debt_policy').values({ activity_id: activityId, ...values }).onConflict((oc) => oc.column('activity_id').doUpdateSet(values)).execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'money.debt_policy_set', targetType: 'activity', targetId: activityId, details: { essential } });
  });
}

export async function liftDebtRule(ctx: AppContext, actor: Actor, familyId: string, input: { until: string; reason: string }): Promise<void> {
  if (input.until < todayOf(ctx)) throw new ValidationError([{ path: 'until', code: 'money.lift_past' }]);
  const values = { until: input.until, reason: input.reason, created_at: isoNow(ctx.clock), created_by: actor.id };
  await writeTransaction(ctx, async (trx) => {
    await trx.insertInto('debt_lift').values({ family_id: familyId, ...values }).onConflict((oc) => oc.column('family_id').doUpdateSet(values)).execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'money.debt_lifted', familyId, targetType: 'family', targetId: familyId, details: { until: input.until } });
  });
}

export async function endDebtLift(ctx: AppContext, actor: Actor, familyId: string): Promise<void> {
  await writeTransaction(ctx, async (trx) => {
    await trx.deleteFrom('debt_lift').where('family_id', '=', familyId).execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'money.debt_lift_ended', familyId, targetType: 'family', targetId: familyId });
  });
}

// ---------- reminders ----------

export async function pauseReminders(ctx: AppContext, actor: Actor, familyId: string, reason: string): Promise<void> {
  await writeTransaction(ctx, async (trx) => {
    await trx
      .insertInto('reminder_pause')
      .values({ family_id: familyId, reason, created_at: isoNow(ctx.clock), created_by: actor.id })
      .onConflict((oc) => oc.column('family_id').doUpdateSet({ reason }))
      .execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'money.reminders_paused', familyId, targetType: 'family', targetId: familyId });
  });
}

export async function resumeReminders(ctx: AppContext, actor: Actor, familyId: string): Promise<void> {
  await writeTransaction(ctx, async (trx) => {
    await trx.deleteFrom('reminder_pause').where('family_id', '=', familyId).execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'money.reminders_resumed', familyId, targetType: 'family', targetId: familyId });
  });
}

/** The step due for an invoice `daysLate` days after its due date: the last step reached, or null. */
export function dueStep(steps: ReminderStep[], daysLate: number): number | null {
  let due: number | null = null;
  steps.forEach((s, i) => {
    if (daysLate >= s.afterDays) due = i;
  });
  return due;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * The job « billing-reminders »: for each overdue invoice of a family not paused, the step of its office's schedule
 * it has reached, sent once. Idempotent and safe on N instances: the reminder row is inserted with ON CONFLICT DO
 * NOTHING on UNIQUE (invoice, step) in the same transaction as its e-mail, so a step is logged and mailed once.
 * Steps skipped (a schedule changed, a job stopped for days) are not sent late one after the other: only the last
 * step reached is. A letter step is logged for staff to print (the reminder PDF), and an e-mail says it.
 */
export async function sendDueReminders(ctx: AppContext): Promise<number> {
  const today = todayOf(ctx);
  const rows = await ctx.db
    .selectFrom('invoice')
    .select(['id', 'office_id', 'family_id', 'reference', 'due_on', 'payer', 'total_cents', 'paid_cents', 'credited_cents'])
    .where('state', '=', 'published')
    .where('due_on', '<', today)
    .where((eb) => eb(eb('paid_cents', '+', eb.ref('credited_cents')), '<', eb.ref('total_cents')))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('reminder_pause').select('family_id').whereRef('reminder_pause.family_id', '=', 'invoice.family_id'))))
    .orderBy('id')
    .limit(5000)
    .execute();
  const settings = new Map<string, ReminderStep[]>();
  let sent = 0;
  for (const r of rows) {
    if (!settings.has(r.office_id)) settings.set(r.office_id, (await moneySettingsOf(ctx.db, r.office_id)).reminderSteps);
    const steps = settings.get(r.office_id)!;
    const step = dueStep(steps, daysBetween(r.due_on!, today));
    if (step === null) continue;
    const balance = r.total_cents - r.paid_cents - r.credited_cents;
    const done = await writeTransaction(ctx, async (trx) => {
      const ins = await trx
        .insertInto('invoice_reminder')
        .values({ invoice_id: r.id, step, channel: steps[step]!.channel, balance_cents: balance, sent_at: isoNow(ctx.clock) })
        .onConflict((oc) => oc.columns(['invoice_id', 'step']).doNothing())
        .executeTakeFirst();
      if (Number(ins.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      const payer = JSON.parse(r.payer) as { name: string; email: string | null };
      if (payer.email)
        await enqueueMail(
          trx,
          ctx,
          payer.email,
          { template: 'money.notice', notice: 'reminder', params: { number: r.reference ?? '', amountCents: balance, dueOn: r.due_on!, step: step + 1, letter: steps[step]!.channel === 'letter' ? 1 : 0, url: `${ctx.config.publicUrl}/factures` } },
          r.family_id,
        );
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

export async function remindersOf(db: Executor, q: { familyId?: string; invoiceId?: number; officeId?: string }): Promise<ReminderLine[]> {
  let query = db
    .selectFrom('invoice_reminder as r')
    .innerJoin('invoice as i', 'i.id', 'r.invoice_id')
    .select(['r.invoice_id', 'i.reference', 'i.family_id', 'i.family_name', 'r.step', 'r.channel', 'r.balance_cents', 'r.sent_at'])
    .orderBy('r.id', 'desc')
    .limit(1000);
  if (q.familyId) query = query.where('i.family_id', '=', q.familyId);
  if (q.invoiceId !== undefined) query = query.where('r.invoice_id', '=', q.invoiceId);
  if (q.officeId) query = query.where('i.office_id', '=', q.officeId);
  return (await query.execute()).map((r) => ({
    invoiceId: r.invoice_id,
    invoiceNumber: r.reference ?? '',
    familyId: r.family_id,
    familyName: r.family_name,
    step: r.step + 1,
    channel: r.channel,
    balanceCents: r.balance_cents,
    sentAt: r.sent_at,
  }));
}

// ---------- unpaid export for the public accountant ----------

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * Unpaid invoices overdue at `today`, for transfer to the public accountant (docs/money.md, « Export des impayés »):
 * UTF-8 with BOM, « ; » separated, one line per invoice, amounts in cents AND in euros with a comma (no locale
 * ambiguity for the accountant's software).
 */
export async function unpaidCsv(ctx: AppContext, officeId: string | undefined, language: Language = 'fr'): Promise<string> {
  const today = todayOf(ctx);
  let q = ctx.db
    .selectFrom('invoice as i')
    .innerJoin('collection_office as o', 'o.id', 'i.office_id')
    .select(['i.id', 'i.reference', 'o.code', 'i.family_id', 'i.family_name', 'i.payer', 'i.issued_on', 'i.due_on', 'i.total_cents', 'i.paid_cents', 'i.credited_cents'])
    .select((eb) => eb.selectFrom('invoice_reminder').select((e) => e.fn.countAll<number>().as('n')).whereRef('invoice_reminder.invoice_id', '=', 'i.id').as('reminders'))
    .where('i.state', '=', 'published')
    .where('i.due_on', '<', today)
    .where((eb) => eb(eb('i.paid_cents', '+', eb.ref('i.credited_cents')), '<', eb.ref('i.total_cents')))
    .orderBy('i.reference');
  if (officeId) q = q.where('i.office_id', '=', officeId);
  const rows = await q.execute();
  const t = translator(language);
  const keys = ['office', 'number', 'issuedOn', 'dueOn', 'payer', 'address', 'email', 'totalCents', 'paidCents', 'creditedCents', 'balanceCents', 'balance', 'reminders', 'familyId'] as const;
  const head: (string | number | null)[] = keys.map((k) => t(`money:unpaidCsv.${k}`));
  const lines = rows.map((r): (string | number | null)[] => {
    const payer = JSON.parse(r.payer) as { name: string; addressLines: string[]; email: string | null };
    const balance = r.total_cents - r.paid_cents - r.credited_cents;
    return [r.code, r.reference, r.issued_on, r.due_on, payer.name, payer.addressLines.join(', '), payer.email, r.total_cents, r.paid_cents, r.credited_cents, balance, (balance / 100).toFixed(2).replace('.', ','), Number(r.reminders ?? 0), r.family_id];
  });
  return '\uFEFF' + [head, ...lines].map((l) => l.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

