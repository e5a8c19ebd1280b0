import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import type { quotientFetchInput, quotientManualInput, QuotientView, StaffQuotientView, QuotientEntry } from '../../../shared/quotient-contracts.js';
import { isoNow } from '../../clock.js';
import { affected, writeTransaction } from '../../db/write.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { parisDateOf } from '../../../shared/calendar/paris-time.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { familyContact, familyQuotientFacts, lockOpenFamily, registerQuotientFormHooks, setBenefitsIdentity, setFamilyQuotient, type FamilyScope } from '../family/family.service.js';
import { familyLogin } from '../account/account.logins.js';
import { acceptedDocument, acceptedDocuments, documentNames } from '../document/document.accepted.js';
import { enqueueMail } from '../mail/mail.service.js';
import { quotientProvider, QuotientProviderError, type QuotientAnswer, type Regime } from './quotient.provider.js';
import type { QuotientSourceName, QuotientStateTable } from './quotient.tables.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Sources the family's own form may not overwrite: the CAF/MSA's (or the demo's) and the town hall's on a document. */
const VERIFIED: QuotientSourceName[] = ['manual', 'cnaf', 'msa', 'demo'];

async function stateOf(db: Executor, familyId: string): Promise<QuotientStateTable | undefined> {
  return db.selectFrom('quotient_state').selectAll().where('family_id', '=', familyId).executeTakeFirst();
}

async function ensureState(trx: Executor, familyId: string): Promise<QuotientStateTable> {
  await trx
    .insertInto('quotient_state')
    .values({ family_id: familyId, source: null, computed_month: null, fetched_at: null, recorded_at: null, document_id: null, consent_given_at: null, consent_account_id: null, consent_email: null, consent_withdrawn_at: null, refreshed_year: null, last_seq: 0 })
    .onConflict((oc) => oc.column('family_id').doNothing())
    .execute();
  return (await stateOf(trx, familyId))!;
}

function consentActive(s: QuotientStateTable | undefined): boolean {
  return !!s?.consent_given_at && !s.consent_withdrawn_at;
}

interface NewValue {
  quotient: number | null;
  source: QuotientSourceName;
  computedMonth: string | null;
  documentId: string | null;
  by: string | null;
  fetched: boolean;
}

/**
 * Records a family's quotient (shape: lock what you read — the caller has locked the family row with lockOpenFamily,
 * the row every write of the family's data locks first): the family's current value (family module, the one the
 * tariff engine reads), the source on `quotient_state`, and a history row numbered after the last one. The same
 * value from the same source and month (a double click, a January refresh with nothing new) adds no history row, it
 * only dates the fetch. The history number moves by a conditional update as well (0 rows: someone wrote without the
 * lock — refused rather than two rows with one number).
 */
async function recordValue(trx: Executor, familyId: string, v: NewValue, now: string): Promise<{ changed: boolean; previous: number | null }> {
  const state = await ensureState(trx, familyId);
  const facts = await familyQuotientFacts(trx, familyId);
  if (!facts) throw new NotFoundError();
  const previous = facts.quotient;
  const same = previous === v.quotient && state.source === v.source && state.computed_month === v.computedMonth && state.document_id === v.documentId;
  if (same) {
    if (v.fetched) await trx.updateTable('quotient_state').set({ fetched_at: now }).where('family_id', '=', familyId).execute();
    return { changed: false, previous };
  }
  const seq = state.last_seq + 1;
  const moved = await trx
    .updateTable('quotient_state')
    .set({ last_seq: seq, source: v.source, computed_month: v.computedMonth, recorded_at: now, document_id: v.documentId, ...(v.fetched ? { fetched_at: now } : {}) })
    .where('family_id', '=', familyId)
    .where('last_seq', '=', state.last_seq)
    .executeTakeFirst();
  if (affected(moved) !== 1) throw new ConflictError('request.conflict');
  await trx
    .insertInto('quotient_history')
    .values({ id: randomUUID(), family_id: familyId, seq, quotient: v.quotient, source: v.source, computed_month: v.computedMonth, recorded_at: now, recorded_by: v.by, document_id: v.documentId })
    .execute();
  await setFamilyQuotient(trx, familyId, v.quotient, now);
  return { changed: previous !== v.quotient, previous };
}

function monthOf(a: QuotientAnswer): string {
  return `${a.year}-${String(a.month).padStart(2, '0')}`;
}

function sourceOf(providerName: 'demo' | 'api-particulier', regime: Regime): QuotientSourceName {
  return providerName === 'demo' ? 'demo' : regime;
}

/** A provider's failure as the portal's error: a clear sentence, nothing saved. */
function asAppError(err: QuotientProviderError): AppError {
  switch (err.kind) {
    case 'invalid_number':
      return new ValidationError([{ path: 'allocataireNumber', code: 'quotient.number_invalid' }]);
    case 'not_found':
      return new ValidationError([{ path: 'allocataireNumber', code: 'quotient.caf_not_found' }]);
    case 'regime_unsupported':
      return new ValidationError([{ path: 'regime', code: 'quotient.regime_unsupported' }]);
    case 'no_consent':
      return new ConflictError('quotient.consent_missing');
    case 'refused':
      return new AppError('quotient.service_refused', 502);
    default:
      return new AppError('quotient.unavailable', 503);
  }
}

/** Asks the provider (outside any transaction: network); a failure is audited (its kind, never the number) and thrown. */
async function ask(ctx: AppContext, actor: Actor | null, familyId: string, q: { allocataireNumber: string; postalCode: string; regime: Regime }) {
  const provider = quotientProvider(ctx);
  try {
    return { answer: await provider.fetch(q), providerName: provider.name };
  } catch (err) {
    const e = err instanceof QuotientProviderError ? err : new QuotientProviderError('unavailable');
    if (!(err instanceof QuotientProviderError)) ctx.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'quotient provider failed');
    await recordAudit(ctx.db, ctx.clock, actor, { action: 'quotient.fetch_failed', familyId, targetType: 'family', targetId: familyId, details: { provider: provider.name, regime: q.regime, reason: e.kind } });
    throw asAppError(e);
  }
}

const REGIME_OF: Record<Regime, 'CAF' | 'MSA'> = { cnaf: 'CAF', msa: 'MSA' };
const regimeFrom = (r: string | null): Regime | null => (r === 'CAF' ? 'cnaf' : r === 'MSA' ? 'msa' : null);

// ---------- views ----------

async function history(db: Executor, familyId: string, staff: boolean): Promise<QuotientEntry[]> {
  const rows = await db.selectFrom('quotient_history').selectAll().where('family_id', '=', familyId).orderBy('seq', 'desc').execute();
  const names = await documentNames(db, rows.map((r) => r.document_id).filter((d): d is string => !!d));
  return rows.map((r) => ({
    seq: r.seq,
    quotient: r.quotient,
    source: r.source,
    computedMonth: r.computed_month,
    recordedAt: r.recorded_at,
    recordedBy: staff ? r.recorded_by : null,
    documentName: r.document_id ? (names.get(r.document_id) ?? null) : null,
  }));
}

async function view(ctx: AppContext, db: Executor, familyId: string, staff: boolean): Promise<QuotientView> {
  const facts = await familyQuotientFacts(db, familyId);
  if (!facts) throw new NotFoundError();
  const s = await stateOf(db, familyId);
  const names = s?.document_id ? await documentNames(db, [s.document_id]) : new Map<string, string>();
  return {
    current: {
      quotient: facts.quotient,
      source: s?.source ?? (facts.quotient !== null ? 'declared' : null),
      computedMonth: s?.computed_month ?? null,
      recordedAt: s?.recorded_at ?? null,
      fetchedAt: s?.fetched_at ?? null,
      documentName: s?.document_id ? (names.get(s.document_id) ?? null) : null,
    },
    consent: s?.consent_given_at ? { givenAt: s.consent_given_at, givenBy: s.consent_email, withdrawnAt: s.consent_withdrawn_at } : null,
    consentActive: consentActive(s),
    allocataireNumber: facts.benefitsNumber,
    regime: regimeFrom(facts.benefitsRegime),
    postalCode: facts.postalCode,
    provider: ctx.config.quotient.provider,
    history: await history(db, familyId, staff),
  };
}

/** The family's card « Quotient familial ». */
export function familyQuotient(ctx: AppContext, scope: FamilyScope): Promise<QuotientView> {
  return view(ctx, ctx.db, scope.familyId, false);
}

/** A family's quotient as staff see it: with who wrote each value and the family's accepted documents. */
export async function staffQuotient(ctx: AppContext, familyId: string): Promise<StaffQuotientView> {
  const v = await view(ctx, ctx.db, familyId, true);
  return { ...v, documents: await acceptedDocuments(ctx.db, familyId, parisDateOf(ctx.clock.now())) };
}

// ---------- the family ----------

/**
 * The family gives its allocataire number, scheme and consent, and the portal asks the CAF/MSA (the configured
 * provider) at once. The network call comes first, outside any transaction; on success one transaction records the
 * consent (when, by which login), the number and scheme on the family's record, the value, its source and history;
 * on failure nothing is saved but an audit line of the failure's kind.
 */
export async function fetchAsFamily(ctx: AppContext, scope: FamilyScope, input: z.output<typeof quotientFetchInput>): Promise<QuotientView> {
  const facts = await familyQuotientFacts(ctx.db, scope.familyId);
  if (!facts) throw new NotFoundError();
  if (!facts.postalCode) throw new ConflictError('quotient.postal_code_missing');
  const actor = { id: scope.accountId, email: scope.email };
  const consentAt = isoNow(ctx.clock);
  const { answer, providerName } = await ask(ctx, actor, scope.familyId, { allocataireNumber: input.allocataireNumber, postalCode: facts.postalCode, regime: input.regime });
  return writeTransaction(ctx, async (trx) => {
    await lockOpenFamily(trx, scope.familyId);
    const now = isoNow(ctx.clock);
    await ensureState(trx, scope.familyId);
    await trx
      .updateTable('quotient_state')
      .set({ consent_given_at: consentAt, consent_account_id: scope.accountId, consent_email: scope.email, consent_withdrawn_at: null })
      .where('family_id', '=', scope.familyId)
      .execute();
    await setBenefitsIdentity(trx, scope.familyId, REGIME_OF[input.regime], input.allocataireNumber, now);
    const source = sourceOf(providerName, input.regime);
    const r = await recordValue(trx, scope.familyId, { quotient: answer.quotient, source, computedMonth: monthOf(answer), documentId: null, by: scope.email, fetched: true }, now);
    await recordAudit(trx, ctx.clock, actor, { action: 'quotient.consent_given', familyId: scope.familyId, targetType: 'family', targetId: scope.familyId, details: { regime: input.regime } });
    await recordAudit(trx, ctx.clock, actor, { action: 'quotient.fetched', familyId: scope.familyId, targetType: 'family', targetId: scope.familyId, details: { source, quotient: answer.quotient, computedMonth: monthOf(answer), changed: r.changed } });
    return view(ctx, trx, scope.familyId, false);
  });
}

/** The family withdraws its consent: no more asking the CAF (by staff or in January); the value obtained stays. */
export async function withdrawConsent(ctx: AppContext, scope: FamilyScope): Promise<QuotientView> {
  return writeTransaction(ctx, async (trx) => {
    await lockOpenFamily(trx, scope.familyId);
    const now = isoNow(ctx.clock);
    const r = await trx
      .updateTable('quotient_state')
      .set({ consent_withdrawn_at: now })
      .where('family_id', '=', scope.familyId)
      .where('consent_given_at', 'is not', null)
      .where('consent_withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (affected(r) !== 1) throw new ConflictError('quotient.consent_missing');
    await recordAudit(trx, ctx.clock, { id: scope.accountId, email: scope.email }, { action: 'quotient.consent_withdrawn', familyId: scope.familyId, targetType: 'family', targetId: scope.familyId });
    return view(ctx, trx, scope.familyId, false);
  });
}

// ---------- staff ----------

/** « Interroger la CAF »: only with the family's consent in force, with the number and postal code of its record. */
export async function fetchAsStaff(ctx: AppContext, actor: Actor, familyId: string): Promise<StaffQuotientView> {
  const facts = await familyQuotientFacts(ctx.db, familyId);
  if (!facts) throw new NotFoundError();
  const s = await stateOf(ctx.db, familyId);
  if (!consentActive(s)) throw new ConflictError('quotient.consent_missing');
  const regime = regimeFrom(facts.benefitsRegime);
  if (!facts.benefitsNumber || !regime) throw new ConflictError('quotient.number_missing');
  if (!facts.postalCode) throw new ConflictError('quotient.postal_code_missing');
  const { answer, providerName } = await ask(ctx, actor, familyId, { allocataireNumber: facts.benefitsNumber, postalCode: facts.postalCode, regime });
  await writeTransaction(ctx, async (trx) => {
    await lockOpenFamily(trx, familyId);
    // the consent is read again under the lock: withdrawn while the CAF answered → nothing recorded
    if (!consentActive(await stateOf(trx, familyId))) throw new ConflictError('quotient.consent_missing');
    const source = sourceOf(providerName, regime);
    const now = isoNow(ctx.clock);
    const r = await recordValue(trx, familyId, { quotient: answer.quotient, source, computedMonth: monthOf(answer), documentId: null, by: actor.email, fetched: true }, now);
    await recordAudit(trx, ctx.clock, actor, { action: 'quotient.fetched', familyId, targetType: 'family', targetId: familyId, details: { source, quotient: answer.quotient, computedMonth: monthOf(answer), changed: r.changed } });
  });
  return staffQuotient(ctx, familyId);
}

/** Staff enter the quotient by hand, citing an accepted, valid document of this family (a CAF/MSA certificate…). */
export async function enterManually(ctx: AppContext, actor: Actor, familyId: string, input: z.output<typeof quotientManualInput>): Promise<StaffQuotientView> {
  if (!(await familyQuotientFacts(ctx.db, familyId))) throw new NotFoundError();
  await writeTransaction(ctx, async (trx) => {
    await lockOpenFamily(trx, familyId);
    const doc = await acceptedDocument(trx, familyId, input.documentId, parisDateOf(ctx.clock.now()));
    if (!doc) throw new ValidationError([{ path: 'documentId', code: 'quotient.document_invalid' }]);
    const now = isoNow(ctx.clock);
    const r = await recordValue(trx, familyId, { quotient: input.quotient, source: 'manual', computedMonth: input.computedMonth, documentId: doc.id, by: actor.email, fetched: false }, now);
    await recordAudit(trx, ctx.clock, actor, { action: 'quotient.manual', familyId, targetType: 'family', targetId: familyId, details: { quotient: input.quotient, computedMonth: input.computedMonth, documentId: doc.id, previous: r.previous } });
  });
  return staffQuotient(ctx, familyId);
}

// ---------- the family's own form (registered in the family module at build) ----------

/** Whether the family's current quotient is verified (CAF/MSA, demo or town hall): its form may not change it. */
export async function quotientLocked(db: Executor, familyId: string): Promise<boolean> {
  const s = await stateOf(db, familyId);
  return !!s?.source && VERIFIED.includes(s.source);
}

/** A value the family typed in its form: recorded as « déclaré par la famille » (the form's transaction, row locked). */
export async function recordDeclared(trx: Executor, familyId: string, quotient: number | null, by: string, now: string): Promise<void> {
  const state = await ensureState(trx, familyId);
  const seq = state.last_seq + 1;
  const moved = await trx
    .updateTable('quotient_state')
    .set({ last_seq: seq, source: quotient === null ? null : 'declared', computed_month: null, recorded_at: now, document_id: null })
    .where('family_id', '=', familyId)
    .where('last_seq', '=', state.last_seq)
    .executeTakeFirst();
  if (affected(moved) !== 1) throw new ConflictError('request.conflict');
  await trx.insertInto('quotient_history').values({ id: randomUUID(), family_id: familyId, seq, quotient, source: 'declared', computed_month: null, recorded_at: now, recorded_by: by, document_id: null }).execute();
}

// ---------- the January refresh ----------

/** Families refreshed per run of the job (each is one call to the provider). */
export const REFRESH_BATCH = 50;

/**
 * The January refresh (job « quotient-refresh »): in January (Paris time), each family whose consent is in force is
 * asked again, at most once a year. A family is claimed by a conditional update of its `refreshed_year` (shape 1:
 * 1 row = this instance asks, 0 = another one did), then asked outside any transaction; the value is recorded under
 * the family row lock, and the family is mailed when it changed. A service down gives the claim back (asked again at
 * a next run); a number the CAF does not know keeps it (asked again next January). Returns how many were asked.
 */
export async function refreshJanuary(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const today = parisDateOf(now);
  const [year, month] = today.split('-').map(Number);
  if (month !== 1) return 0;
  const due = await ctx.db
    .selectFrom('quotient_state')
    .select(['family_id'])
    .where('consent_given_at', 'is not', null)
    .where('consent_withdrawn_at', 'is', null)
    .where((eb) => eb.or([eb('refreshed_year', 'is', null), eb('refreshed_year', '<', year)]))
    .orderBy('family_id')
    .limit(REFRESH_BATCH)
    .execute();
  let asked = 0;
  for (const { family_id: familyId } of due) {
    const claim = await ctx.db
      .updateTable('quotient_state')
      .set({ refreshed_year: year })
      .where('family_id', '=', familyId)
      .where('consent_given_at', 'is not', null)
      .where('consent_withdrawn_at', 'is', null)
      .where((eb) => eb.or([eb('refreshed_year', 'is', null), eb('refreshed_year', '<', year)]))
      .executeTakeFirst();
    if (affected(claim) !== 1) continue;
    asked++;
    const facts = await familyQuotientFacts(ctx.db, familyId);
    const regime = regimeFrom(facts?.benefitsRegime ?? null);
    if (!facts?.benefitsNumber || !regime || !facts.postalCode) continue;
    let answer: QuotientAnswer;
    let providerName: 'demo' | 'api-particulier';
    try {
      ({ answer, providerName } = await ask(ctx, null, familyId, { allocataireNumber: facts.benefitsNumber, postalCode: facts.postalCode, regime }));
    } catch (err) {
      if (err instanceof AppError && err.code === 'quotient.unavailable')
        await ctx.db.updateTable('quotient_state').set({ refreshed_year: year - 1 }).where('family_id', '=', familyId).where('refreshed_year', '=', year).execute();
      continue;
    }
    await writeTransaction(ctx, async (trx) => {
      await lockOpenFamily(trx, familyId);
      if (!consentActive(await stateOf(trx, familyId))) return;
      const source = sourceOf(providerName, regime);
      const at = isoNow(ctx.clock);
      const r = await recordValue(trx, familyId, { quotient: answer.quotient, source, computedMonth: monthOf(answer), documentId: null, by: 'job', fetched: true }, at);
      await recordAudit(trx, ctx.clock, null, { action: 'quotient.refreshed', familyId, targetType: 'family', targetId: familyId, details: { source, quotient: answer.quotient, computedMonth: monthOf(answer), changed: r.changed } });
      if (!r.changed) return;
      const login = await familyLogin(trx, familyId);
      const contact = await familyContact(trx, familyId);
      if (login)
        await enqueueMail(trx, ctx, login.email, { template: 'quotient.changed', firstName: contact?.firstName ?? '', previous: r.previous, quotient: answer.quotient, computedMonth: monthOf(answer) }, familyId);
    }).catch((err) => {
      if (!(err instanceof AppError)) throw err;
      ctx.logger.warn({ code: err.code }, 'quotient refresh not recorded'); // family closed meanwhile
    });
  }
  return asked;
}

/** Declares to the family module how its form treats the quotient (buildApp: the family module does not import this one). */
export function registerQuotientFormRules(): void {
  registerQuotientFormHooks({ locked: quotientLocked, declared: recordDeclared });
}
