import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError, ConflictError, NotFoundError } from '../../errors.js';
import { addDays, daysInMonth, parisDateOf } from '../../../shared/calendar/paris-time.js';
import { numericDay } from '../../../shared/i18n/dates.js';
import type { RunWarning } from '../../../shared/billing-contracts.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMails } from '../mail/mail.service.js';
import type { MailTemplate } from '../mail/mail.templates.js';
import { affected, forUpdate, writeTransaction } from '../../db/write.js';
import { lockOfficeActivities } from './billing.locks.js';
import { defineJob, jobQueue, type JobInfo } from '../../jobs/queue.js';
import { invoiceForFamily, type DraftInvoice, type RunUnit } from './billing.compute.js';
import * as sources from './billing.sources.js';
import { translator } from '../../i18n.js';
import { autoAllocateRun } from './billing.money.js';
import type { Language } from '../../../shared/i18n/languages.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Families computed per chunk: bounded memory and short write transactions whatever the city's size. */

/** An invoice line as it is stored, from the tariff engine's grouped line (the monthly run, a basket's invoice). */
export function invoiceLineRow(invoiceId: number, position: number, l: DraftInvoice['lines'][number]) {
  return {
    invoice_id: invoiceId,
    position,
    child_id: l.childId,
    child_name: l.childName,
    activity_name: l.activityName,
    unit_label: l.unitLabel,
    kind: l.kind,
    days: l.days.join(','),
    quantity: l.quantity,
    unit_price_cents: l.unitPriceCents,
    amount_cents: l.amountCents,
    computation: l.computation,
  };
}

export const RUN_CHUNK = 250;
const LINE_BATCH = 400;
const INVOICE_BATCH = 100;
/** Invoices numbered per statement when a run is published. */
const NUMBER_BATCH = 500;


export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number);
  return { first: `${month}-01`, last: `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}

/** « 08/07/2026 »: the days of the warnings (the same in French and British English). */
const frDay = numericDay;

export interface OfficeRow {
  id: string;
  name: string;
  code: string;
  address: string | null;
  payment_instructions: string | null;
  resident_postal_codes: string;
  resident_insee_codes: string;
  payment_term_days: number;
}

const splitCodes = (s: string) => (s ? s.split(',') : []);

/** The index of the first id after `cursor` in the sorted list. */
function firstAfter(ids: string[], cursor: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] <= cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}


/**
 * A draft whose invoices are still being written: its `warnings` column holds this marker (not JSON) until the
 * computation ends. It cannot be published (half a month would be numbered); it can be discarded (a computation
 * that crashed must not lock the month for ever), and the computation then stops at its next chunk.
 */
export const RUN_COMPUTING = 'computing';

/** A warning as stored: its detail written in French, and what it is made of, to say it again in another language. */
type StoredWarning = RunWarning & { params?: { activity: string; unit: string; n?: number; days?: string[] } };

/** A warning's detail in `language`, from what it is made of (a warning stored before issue 10 keeps its French). */
function warningDetail(w: StoredWarning, language: Language): string {
  const t = translator(language);
  if (w.code === 'missing_quotient') return t('server:runWarning.missingQuotient');
  if (w.code === 'no_payer_email') return t('server:runWarning.noPayerEmail');
  if (!w.params) return w.detail;
  const { activity, unit } = w.params;
  if (w.code === 'missing_tariff') return t('server:runWarning.missingTariff', { activity, unit, n: w.params.n ?? 0 });
  return t('server:runWarning.attendanceNotTaken', { activity, unit, days: (w.params.days ?? []).map(frDay).join(', ') });
}

function warning(code: RunWarning['code'], familyId: string | null, familyName: string | null, params?: StoredWarning['params']): StoredWarning {
  const w: StoredWarning = { code, familyId, familyName, detail: '', ...(params ? { params } : {}) };
  return { ...w, detail: warningDetail(w, 'fr') };
}

/** The run's warnings (none while it is being computed), their details in `language`. */
export function runWarnings(stored: string, language: Language = 'fr'): RunWarning[] {
  if (stored === RUN_COMPUTING) return [];
  return (JSON.parse(stored) as StoredWarning[]).map((w) => ({ code: w.code, familyId: w.familyId, familyName: w.familyName, detail: warningDetail(w, language) }));
}

/**
 * Starts the month's draft for one office: checks, then writes (and commits) the run row, then enqueues the
 * background job « invoicing-run » that computes it (runInvoicingJob) and answers at once. The run row locks the
 * month's attendance for the office's activities and makes a second run of the same month fail on the database's
 * UNIQUE index. The run is marked RUN_COMPUTING until its job has written its last chunk; its progress (families
 * done / families in the run) is on the row.
 */
export async function startRun(ctx: AppContext, actor: Actor, officeId: string, month: string): Promise<number> {
  const office = await ctx.db.selectFrom('collection_office').selectAll().where('id', '=', officeId).executeTakeFirst();
  if (!office) throw new NotFoundError();
  const { last } = monthBounds(month);
  if (last >= parisDateOf(ctx.clock.now())) throw new AppError('billing.month_not_over', 409);
  const units = await sources.officeUnits(ctx.db, officeId);
  if (units.size === 0) throw new AppError('billing.no_activity', 409);

  let runId: number;
  try {
    runId = await writeTransaction(ctx, async (trx) => {
      await lockOfficeActivities(trx, officeId); // attendance marks in flight commit first (billing.locks.ts)
      const r = await trx
        .insertInto('invoicing_run')
        .values({
          office_id: officeId,
          month,
          state: 'draft',
          warnings: RUN_COMPUTING,
          created_at: isoNow(ctx.clock),
          created_by: actor.id,
          published_at: null,
          published_by: null,
          families_total: null,
          families_done: 0,
          cursor_family_id: null,
          missing_tariff: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx.clock, actor, { action: 'billing.run_started', targetType: 'invoicing_run', targetId: String(r.id), details: { officeId, month } });
      return r.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('billing.run_exists');
    throw err;
  }
  // The run row is committed: if this enqueue is lost (process killed now), the queue's resume finds the run
  // still computing at the next start and enqueues it then.
  await jobQueue(ctx)
    .enqueue(INVOICING_JOB, { runId }, { singletonKey: `run-${runId}` })
    .catch((err) => ctx.logger.error({ err, runId }, 'invoicing run not enqueued (resumed at the next start)'));
  return runId;
}

export const INVOICING_JOB = 'invoicing-run';

/** Knobs for tests: the chunk size, and a hook after each committed chunk (to pause or stop a run mid-way). */
export const runTuning: { chunk: number; afterChunk: ((runId: number, done: number, total: number) => Promise<void> | void) | null } = {
  chunk: RUN_CHUNK,
  afterChunk: null,
};

/** A computation stopped by its queue (process stopping): the run stays computing and is resumed later. */
export class RunInterrupted extends Error {
  constructor() {
    super('invoicing run interrupted');
  }
}

/**
 * The background job: computes (or resumes) the run, chunk by chunk, each chunk committed with its progress; then
 * the run becomes a publishable draft. A run no longer computing (discarded meanwhile, or finished by another
 * worker) is left alone. A failure is retried by the queue; after the last attempt the run is discarded, as a
 * failed computation always was (no half draft, no lock on the month left behind).
 */
export async function runInvoicingJob(ctx: AppContext, payload: { runId: number }, info: JobInfo): Promise<void> {
  const runId = payload.runId;
  const run = await ctx.db.selectFrom('invoicing_run').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run || run.state !== 'draft' || run.warnings !== RUN_COMPUTING) return;
  try {
    const office = await ctx.db.selectFrom('collection_office').selectAll().where('id', '=', run.office_id).executeTakeFirstOrThrow();
    const units = await sources.officeUnits(ctx.db, run.office_id);
    const { first, last } = monthBounds(run.month);
    const warnings = await computeRun(ctx, runId, office, units, run.month, first, last, info.signal);
    // conditional write: only a draft still being computed becomes publishable (a discarded one stays discarded)
    const done = await ctx.db
      .updateTable('invoicing_run')
      .set((eb) => ({ warnings: JSON.stringify(warnings), families_total: eb.ref('families_done') }))
      .where('id', '=', runId)
      .where('state', '=', 'draft')
      .where('warnings', '=', RUN_COMPUTING)
      .executeTakeFirst();
    if (affected(done) !== 1) throw new ConflictError('billing.run_not_draft');
  } catch (err) {
    if (err instanceof ConflictError && err.code === 'billing.run_not_draft') return; // discarded meanwhile: nothing to do
    if (err instanceof RunInterrupted) throw err; // resumed by the queue (retry, or resume at the next start)
    if (info.retryCount >= info.retryLimit) {
      ctx.logger.error({ err, runId }, 'invoicing run failed: discarded');
      await discardRun(ctx, { id: run.created_by, email: '' }, runId).catch(() => undefined);
    }
    throw err;
  }
}

/** Waits until the run is no longer computing (the bench, the tests, scripts); its state then. */
export async function waitForRun(ctx: AppContext, runId: number, timeoutMs = 120_000): Promise<'draft' | 'published' | 'discarded'> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await ctx.db.selectFrom('invoicing_run').select(['state', 'warnings']).where('id', '=', runId).executeTakeFirstOrThrow();
    if (r.state !== 'draft' || r.warnings !== RUN_COMPUTING) return r.state;
    if (Date.now() > until) throw new Error(`invoicing run ${runId} still computing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

defineJob({
  name: INVOICING_JOB,
  handler: runInvoicingJob,
  retryLimit: 3,
  retryDelaySeconds: 5,
  // 50,000 families take well under a minute; a job still « active » after this was lost with its process
  expireInSeconds: 15 * 60,
  // runs left computing by a stopped process (SQLite: the only way back; PostgreSQL: sooner than the expiry)
  resume: async (ctx, queue) => {
    const left = await ctx.db.selectFrom('invoicing_run').select('id').where('state', '=', 'draft').where('warnings', '=', RUN_COMPUTING).execute();
    for (const r of left) await queue.enqueue(INVOICING_JOB, { runId: r.id }, { singletonKey: `run-${r.id}` });
  },
});

async function computeRun(
  ctx: AppContext,
  runId: number,
  office: OfficeRow,
  units: Map<string, RunUnit>,
  month: string,
  first: string,
  last: string,
  signal?: AbortSignal,
): Promise<StoredWarning[]> {
  const unitIds = [...units.keys()];
  const parisDays = new Map<string, string>();
  const parisDayOf = (instant: string) => {
    let day = parisDays.get(instant);
    if (!day) parisDays.set(instant, (day = parisDateOf(new Date(instant))));
    return day;
  };
  const residence = { postalCodes: splitCodes(office.resident_postal_codes), inseeCodes: splitCodes(office.resident_insee_codes) };
  const warnings: StoredWarning[] = [];

  const familyIds = await sources.familiesToInvoice(ctx.db, unitIds, first, last);
  // the number of families is fixed at the first attempt (the progress bar's end)
  await ctx.db.updateTable('invoicing_run').set({ families_total: familyIds.length }).where('id', '=', runId).where('families_total', 'is', null).execute();

  // Resumable: families are done in id order, and the run row holds the last one done (cursor_family_id).
  const progress = async () =>
    ctx.db.selectFrom('invoicing_run').select(['cursor_family_id', 'families_done', 'families_total']).where('id', '=', runId).executeTakeFirstOrThrow();
  let cursor = (await progress()).cursor_family_id;
  let next = cursor === null ? 0 : firstAfter(familyIds, cursor);
  for (;;) {
    if (signal?.aborted) throw new RunInterrupted();
    const ids = familyIds.slice(next, next + runTuning.chunk);
    if (ids.length === 0) break;
    const missingTariff = new Map<string, number>();
    const invoices: DraftInvoice[] = [];
    for (const facts of await sources.factsOfFamilies(ctx.db, ids, units, first, last)) {
      const computed = invoiceForFamily(facts, units, residence, parisDayOf);
      for (const [unitId, n] of computed.missingTariff) missingTariff.set(unitId, (missingTariff.get(unitId) ?? 0) + n);
      // the warnings per family (no quotient, no payer e-mail) are read back from the invoices at the end
      if (computed.invoice) invoices.push(computed.invoice);
    }

    const chunkCursor = cursor;
    const committed = await writeTransaction(ctx, async (trx) => {
      // lock what you read: the run row, then write only into a draft being computed (a discard waits for this
      // chunk, or stops it) and only if no other worker committed this chunk meanwhile (its cursor moved)
      const run = await forUpdate(
        trx,
        trx.selectFrom('invoicing_run').select(['state', 'warnings', 'cursor_family_id', 'families_done', 'missing_tariff']).where('id', '=', runId),
      ).executeTakeFirst();
      if (run?.state !== 'draft' || run.warnings !== RUN_COMPUTING) throw new ConflictError('billing.run_not_draft');
      if (run.cursor_family_id !== chunkCursor) return false;
      const now = isoNow(ctx.clock);
      const lineRows: DB['invoice_line'][] = [];
      // invoices written INVOICE_BATCH per statement (one round trip each, not one per family), their ids read back
      // by family (one invoice per family in a run)
      for (const batch of chunks(invoices, INVOICE_BATCH)) {
        const rows = await trx
          .insertInto('invoice')
          .values(
            batch.map((inv) => ({
              run_id: runId,
              office_id: office.id,
              family_id: inv.familyId,
              month,
              state: 'draft' as const,
              year: null,
              number: null,
              reference: null,
              issued_on: null,
              due_on: null,
              total_cents: inv.totalCents,
              family_name: inv.familyName,
              payer: inv.payer,
              quotient: inv.quotient,
              resident: inv.resident ? 1 : 0,
              created_at: now,
            })),
          )
          .returning(['id', 'family_id'])
          .execute();
        const idOf = new Map(rows.map((r) => [r.family_id, r.id]));
        for (const inv of batch)
          inv.lines.forEach((l, position) =>
            lineRows.push(invoiceLineRow(idOf.get(inv.familyId)!, position, l) as unknown as DB['invoice_line']),
          );
      }
      for (const batch of chunks(lineRows, LINE_BATCH)) await trx.insertInto('invoice_line').values(batch as never).execute();
      const missing = new Map<string, number>(run.missing_tariff ? (JSON.parse(run.missing_tariff) as [string, number][]) : []);
      for (const [unitId, n] of missingTariff) missing.set(unitId, (missing.get(unitId) ?? 0) + n);
      const moved = await trx
        .updateTable('invoicing_run')
        .set({ cursor_family_id: ids[ids.length - 1], families_done: run.families_done + ids.length, missing_tariff: missing.size ? JSON.stringify([...missing]) : null })
        .where('id', '=', runId)
        .executeTakeFirst();
      if (affected(moved) !== 1) throw new ConflictError('billing.run_not_draft');
      return true;
    });
    const now = await progress();
    cursor = now.cursor_family_id;
    next = cursor === null ? 0 : firstAfter(familyIds, cursor);
    if (committed && runTuning.afterChunk) await runTuning.afterChunk(runId, now.families_done, now.families_total ?? familyIds.length);
  }

  // Per family, in family-id order (as the chunks went): no quotient, no payer e-mail — read back from the invoices.
  const flagged = await ctx.db
    .selectFrom('invoice')
    .select(['family_id', 'family_name', 'quotient', 'payer'])
    .where('run_id', '=', runId)
    .where((eb) => eb.or([eb('quotient', 'is', null), eb('payer', 'like', '%"email":null}'), eb('payer', 'like', '%"email":""}')]))
    .execute();
  flagged.sort((a, b) => (a.family_id < b.family_id ? -1 : a.family_id > b.family_id ? 1 : 0));
  for (const f of flagged) {
    if (f.quotient === null)
      warnings.push(warning('missing_quotient', f.family_id, f.family_name));
    if (!(JSON.parse(f.payer) as { email: string | null }).email)
      warnings.push(warning('no_payer_email', f.family_id, f.family_name));
  }
  const stored = await ctx.db.selectFrom('invoicing_run').select('missing_tariff').where('id', '=', runId).executeTakeFirstOrThrow();
  const missingTariff: [string, number][] = stored.missing_tariff ? JSON.parse(stored.missing_tariff) : [];
  for (const [unitId, n] of missingTariff) {
    const u = units.get(unitId);
    if (!u) continue;
    warnings.push(warning('missing_tariff', null, null, { activity: u.activityName, unit: u.label, n }));
  }
  // Days with accepted bookings and no mark at all on the sheet: charged as present, said here.
  const monthDays: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) monthDays.push(d);
  const byUnit = new Map<string, string[]>();
  for (const r of await sources.unitDaysNotTaken(ctx.db, unitIds, monthDays)) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r.day]);
  for (const [unitId, days] of byUnit) {
    const u = units.get(unitId)!;
    warnings.push(warning('attendance_not_taken', null, null, { activity: u.activityName, unit: u.label, days }));
  }
  return warnings;
}

/**
 * Publishes a draft in ONE transaction: the run's state, the office's counter for the year bumped by the number
 * of invoices, each invoice numbered in order, and one e-mail per family in the outbox. Either all of it happens
 * or none: numbers never have a gap, and a second publish finds the run no longer a draft.
 *
 * Concurrency: a conditional write (draft and computed → published) with its row checked decides between two
 * publishes, or a publish and a discard; the loser gets 409. The counter row is then bumped by one UPDATE (row
 * locked until commit), so two offices' or two runs' publishes never share or skip a number.
 */
export async function publishRun(ctx: AppContext, actor: Actor, runId: number): Promise<void> {
  const run = await ctx.db.selectFrom('invoicing_run').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) throw new NotFoundError();
  const office = await ctx.db.selectFrom('collection_office').selectAll().where('id', '=', run.office_id).executeTakeFirstOrThrow();
  const today = parisDateOf(ctx.clock.now());
  const year = Number(today.slice(0, 4));
  const dueOn = addDays(today, office.payment_term_days);
  const url = `${ctx.config.publicUrl}/factures`;
  await writeTransaction(ctx, async (trx) => {
    const now = isoNow(ctx.clock);
    const r = await trx
      .updateTable('invoicing_run')
      .set({ state: 'published', published_at: now, published_by: actor.id })
      .where('id', '=', runId)
      .where('state', '=', 'draft')
      .where('warnings', '<>', RUN_COMPUTING)
      .executeTakeFirst();
    if (affected(r) !== 1) {
      const now = await trx.selectFrom('invoicing_run').select(['state', 'warnings']).where('id', '=', runId).executeTakeFirst();
      throw new ConflictError(now?.state === 'draft' && now.warnings === RUN_COMPUTING ? 'billing.run_computing' : 'billing.run_not_draft');
    }
    // the run's invoices locked as they are numbered (a family's closure may erase a draft invoice meanwhile)
    const invoices = await forUpdate(
      trx,
      trx.selectFrom('invoice').select(['id', 'family_id', 'total_cents', 'payer']).where('run_id', '=', runId).where('state', '=', 'draft').orderBy('family_name').orderBy('id'),
    ).execute();
    if (invoices.length === 0) throw new AppError('billing.run_empty', 409);
    const start = await reserveNumbers(trx, office.id, 'invoice', year, invoices.length);
    // numbered NUMBER_BATCH per UPDATE (one round trip each, not one per invoice): number and reference by id
    const mails: { to: string; mail: MailTemplate; familyId: string }[] = [];
    for (let i = 0; i < invoices.length; i += NUMBER_BATCH) {
      const batch = invoices.slice(i, i + NUMBER_BATCH).map((inv, j) => ({ ...inv, number: start + i + j, reference: invoiceReference(office.code, year, start + i + j) }));
      // (id, number, reference) rows joined by UPDATE … FROM (VALUES …): both databases name VALUES' columns
      // column1, column2…; the first row's casts type them on PostgreSQL
      const values = sql.join(
        batch.map((inv, j) => (j === 0 ? sql`(cast(${inv.id} as integer), cast(${inv.number} as integer), cast(${inv.reference} as text))` : sql`(${inv.id}, ${inv.number}, ${inv.reference})`)),
      );
      const numbered = await sql`
        update invoice set state = 'published', year = ${year}, number = v.column2, reference = v.column3, issued_on = ${today}, due_on = ${dueOn}
        from (values ${values}) as v
        where invoice.id = v.column1 and invoice.state = 'draft'`.execute(trx);
      // a number taken without its invoice would be a gap: all or nothing
      if (Number(numbered.numAffectedRows ?? 0) !== batch.length) throw new ConflictError('billing.run_not_draft');
      for (const inv of batch) {
        const payer = JSON.parse(inv.payer) as { name: string; email: string | null };
        if (payer.email)
          mails.push({
            to: payer.email,
            mail: { template: 'billing.invoice_published', payerName: payer.name, number: inv.reference, month: run.month, amountCents: inv.total_cents, dueOn, url },
            familyId: inv.family_id,
          });
      }
    }
    await enqueueMails(trx, ctx, mails);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'billing.run_published',
      targetType: 'invoicing_run',
      targetId: String(runId),
      details: { officeId: office.id, month: run.month, invoices: invoices.length, first: invoiceReference(office.code, year, start) },
    });
  });
  // issue 13: the office may use each family's credit on its new invoice at once (office setting, off by default)
  await autoAllocateRun(ctx, runId);
}

export function invoiceReference(code: string, year: number, number: number): string {
  return `${code}-${year}-${String(number).padStart(6, '0')}`;
}

export function creditNoteReference(code: string, year: number, number: number): string {
  return `${code}-AV-${year}-${String(number).padStart(6, '0')}`;
}

/** Takes `count` consecutive numbers from the office's counter (row-locked until the transaction ends). */
export async function reserveNumbers(trx: Executor, officeId: string, kind: 'invoice' | 'credit_note', year: number, count: number): Promise<number> {
  await trx
    .insertInto('invoice_counter')
    .values({ office_id: officeId, kind, year, last_number: 0 })
    .onConflict((oc) => oc.columns(['office_id', 'kind', 'year']).doNothing())
    .execute();
  const row = await trx
    .updateTable('invoice_counter')
    .set((eb) => ({ last_number: eb('last_number', '+', count) }))
    .where('office_id', '=', officeId)
    .where('kind', '=', kind)
    .where('year', '=', year)
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number - count + 1;
}

/**
 * Abandons a draft: its invoices are kept as discarded (no number), the month's attendance is unlocked. Also while
 * it is being computed (a crashed computation must not hold the month): the computation stops at its next chunk.
 * Concurrency: conditional write (draft → discarded) with its row checked; the loser of a race gets 409.
 */
export async function discardRun(ctx: AppContext, actor: Actor, runId: number): Promise<void> {
  await writeTransaction(ctx, async (trx) => {
    const r = await trx.updateTable('invoicing_run').set({ state: 'discarded' }).where('id', '=', runId).where('state', '=', 'draft').executeTakeFirst();
    if (affected(r) !== 1) {
      const exists = await trx.selectFrom('invoicing_run').select('id').where('id', '=', runId).executeTakeFirst();
      if (!exists) throw new NotFoundError();
      throw new ConflictError('billing.run_not_draft');
    }
    await trx.updateTable('invoice').set({ state: 'discarded' }).where('run_id', '=', runId).execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'billing.run_discarded', targetType: 'invoicing_run', targetId: String(runId) });
  });
}
