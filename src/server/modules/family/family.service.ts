import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import type { familyInput, FamilyRecord, FamilySummary, StaffFamilyView } from '../../../shared/contracts.js';
import type { HouseholdCard } from '../../../shared/household-contracts.js';
import type { z } from 'zod';
import { isoNow } from '../../clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { writeTransaction } from '../../db/write.js';
import { findCity } from '../postal/postal.service.js';
import { familyLogin, type FamilyLogin } from '../account/account.logins.js';
import { familyClosed } from '../privacy/privacy.closed.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import * as repo from './family.repo.js';
import { foldText } from '../../db/text-fold.js';

type Executor = Kysely<DB> | Transaction<DB>;
type FamilyInput = z.output<typeof familyInput>;
type GuardianView = NonNullable<FamilyRecord['guardian2']>;

/**
 * Who a family-side request acts for, taken from the session (familyOf) and never from the URL or the body.
 *
 * Object-level rule for every family route, today and in later modules: look objects up *within* the scope
 * (`where family_id = scope.familyId`) and answer a miss with NotFoundError, so another family's object and a
 * missing one give the same 404 (see ownedOrNotFound). tests/integration/route-table.test.ts checks it per route.
 */
export interface FamilyScope {
  familyId: string;
  accountId: string;
  email: string;
}

/** Returns the object when it belongs to the scope's family, else the same NotFoundError as for a missing id. */
export function ownedOrNotFound<T extends { family_id: string | null }>(row: T | undefined | null, scope: FamilyScope): T {
  if (!row || row.family_id !== scope.familyId) throw new NotFoundError();
  return row;
}

function toGuardianView(g: repo.GuardianRow): GuardianView {
  return {
    civility: g.civility,
    lastName: g.last_name,
    firstName: g.first_name,
    birthDate: g.birth_date,
    mobilePhone: g.mobile_phone,
    homePhone: g.home_phone,
    workPhone: g.work_phone,
    email: g.email,
    profession: g.profession,
    employer: g.employer,
  };
}

async function loadRecord(db: Executor, familyId: string): Promise<{ record: FamilyRecord; account: FamilyLogin }> {
  // One after the other: inside a SQLite transaction there is a single connection.
  const family = await repo.findFamily(db, familyId);
  const guardians = await repo.findGuardians(db, familyId);
  const account = await familyLogin(db, familyId);
  if (!family || !account) throw new NotFoundError();
  const g1 = guardians.find((g) => g.rank === 1);
  const g2 = guardians.find((g) => g.rank === 2);
  const record: FamilyRecord = {
    id: family.id,
    accountStatus: account.status,
    loginEmail: account.email,
    guardian1: g1
      ? toGuardianView(g1)
      : {
          civility: null,
          lastName: '',
          firstName: '',
          birthDate: null,
          mobilePhone: null,
          homePhone: null,
          workPhone: null,
          email: null,
          profession: null,
          employer: null,
        },
    guardian2: g2 ? toGuardianView(g2) : null,
    addressLine1: family.address_line1,
    addressLine2: family.address_line2,
    postalCode: family.postal_code,
    city: family.city,
    familySituation: family.family_situation as FamilyRecord['familySituation'],
    benefitsRegime: family.benefits_regime,
    benefitsNumber: family.benefits_number,
    familyQuotient: family.family_quotient,
    payerRank: family.payer_rank === 2 ? 2 : 1,
    createdAt: family.created_at,
    updatedAt: family.updated_at,
  };
  return { record, account };
}

/** The signed-in family's record (§4.3 « Mes informations »). */
export async function getFamilyRecord(ctx: AppContext, scope: FamilyScope): Promise<FamilyRecord> {
  return (await loadRecord(ctx.db, scope.familyId)).record;
}

function guardianValues(g: FamilyInput['guardian1']): repo.GuardianValues {
  return {
    civility: g.civility,
    last_name: g.lastName,
    first_name: g.firstName,
    birth_date: g.birthDate,
    mobile_phone: g.mobilePhone,
    home_phone: g.homePhone,
    work_phone: g.workPhone,
    email: g.email,
    profession: g.profession,
    employer: g.employer,
  };
}

/** The names (never the values) of the fields that differ, e.g. ["addressLine1", "guardian2.mobilePhone"]. */
export function changedFields(before: FamilyRecord, after: FamilyRecord): string[] {
  const ignored = new Set(['id', 'accountStatus', 'loginEmail', 'createdAt', 'updatedAt', 'guardian1', 'guardian2']);
  const out: string[] = [];
  for (const key of Object.keys(after) as (keyof FamilyRecord)[]) {
    if (!ignored.has(key) && before[key] !== after[key]) out.push(key);
  }
  for (const rank of ['guardian1', 'guardian2'] as const) {
    const b = before[rank];
    const a = after[rank];
    if (!b && !a) continue;
    if (!b || !a) {
      out.push(rank);
      continue;
    }
    for (const key of Object.keys(a) as (keyof GuardianView)[]) if (b[key] !== a[key]) out.push(`${rank}.${key}`);
  }
  return out;
}

/**
 * The write discipline of a family's own data (shape: lock what you read). Every write to a family's record, children
 * or documents starts by locking its `family` row — the row the closure (privacy.closeFamily) locks first — so a
 * write and a closure run one after the other, in that fixed order (family row first, then what it owns). A family
 * closed in the meantime answers 409 « privacy.family_closed » and nothing is written: a request that loaded its
 * session just before the closure cannot bring personal data back.
 */
export async function lockOpenFamily(trx: Executor, familyId: string): Promise<void> {
  if (!(await repo.lockFamilyRow(trx, familyId))) throw new NotFoundError();
  if (await familyClosed(trx, familyId)) throw new ConflictError('privacy.family_closed');
}

/**
 * Saves the family form: the address must be an official postal code + commune (stored with its official
 * spelling and INSEE code); guardian 2 is added, updated or removed. One transaction: all saved or nothing.
 */
export async function updateFamilyRecord(ctx: AppContext, scope: FamilyScope, input: FamilyInput): Promise<FamilyRecord> {
  const commune = findCity(input.postalCode, input.city);
  if (!commune) throw new ValidationError([{ path: 'city', code: 'postal_code.unknown_city' }]);
  const now = isoNow(ctx.clock);
  // Lock what you read: the family row first (lockOpenFamily), so two saves from two devices run one after the
  // other, each audit line lists what really changed, and a save never lands after the family's closure.
  return writeTransaction(ctx, async (trx) => {
    await lockOpenFamily(trx, scope.familyId);
    const { record: before } = await loadRecord(trx, scope.familyId);
    const locked = lockedIdentityChanges(before, input, await identityLocks(trx, scope.familyId));
    // issue 15: a quotient transmitted by the CAF or entered by the town hall is not the form's to change
    const quotientChanged = (input.familyQuotient ?? null) !== before.familyQuotient;
    if (quotientChanged && quotientHooks && (await quotientHooks.locked(trx, scope.familyId)))
      locked.push({ path: 'familyQuotient', code: 'quotient.verified_locked' });
    if (locked.length) throw new ValidationError(locked);
    await repo.updateFamily(trx, scope.familyId, {
      address_line1: input.addressLine1,
      address_line2: input.addressLine2,
      postal_code: commune.postalCode,
      city: commune.city,
      insee_code: commune.inseeCode,
      family_situation: input.familySituation,
      benefits_regime: input.benefitsRegime,
      benefits_number: input.benefitsNumber,
      family_quotient: input.familyQuotient,
      payer_rank: input.payerRank,
      updated_at: now,
    });
    await repo.upsertGuardian(trx, scope.familyId, 1, guardianValues(input.guardian1));
    if (input.guardian2) await repo.upsertGuardian(trx, scope.familyId, 2, guardianValues(input.guardian2));
    else await repo.deleteGuardian(trx, scope.familyId, 2);
    if (quotientChanged && quotientHooks) await quotientHooks.declared(trx, scope.familyId, input.familyQuotient ?? null, scope.email, now);
    const { record: after } = await loadRecord(trx, scope.familyId);
    await recordAudit(trx, ctx.clock, { id: scope.accountId, email: scope.email }, {
      action: 'family.updated',
      familyId: scope.familyId,
      targetType: 'family',
      targetId: scope.familyId,
      details: { fields: changedFields(before, after) },
    });
    return after;
  });
}

// ---------- back-office ----------

function toSummary(r: repo.FamilySummaryRow): FamilySummary {
  return {
    familyId: r.family_id,
    accountId: r.account_id,
    loginEmail: r.email,
    accountStatus: r.status,
    guardian1Name: [r.g1_last_name, r.g1_first_name].filter(Boolean).join(' ') || r.email,
    phone: r.g1_mobile_phone ?? r.g1_home_phone,
    postalCode: r.postal_code,
    city: r.city,
    createdAt: r.created_at,
  };
}

/** Family accounts awaiting validation, oldest first, with what staff need to decide. */
export async function listPendingFamilies(ctx: AppContext): Promise<FamilySummary[]> {
  return (await repo.listPendingFamilies(ctx.db)).map(toSummary);
}

export const FAMILY_SEARCH_LIMIT = 100;

/**
 * Finds families by guardian names or login e-mail (every typed word must match; case and accents ignored),
 * postal code (or its start) and account status. At most 100, by guardian 1's name.
 */
export async function searchFamilies(
  ctx: AppContext,
  query: { q?: string; postalCode?: string; status?: FamilySummary['accountStatus'] },
): Promise<FamilySummary[]> {
  const words = foldText(query.q ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6);
  const rows = await repo.searchFamilies(ctx.db, {
    words,
    postalCodePrefix: query.postalCode || undefined,
    status: query.status,
    limit: FAMILY_SEARCH_LIMIT,
  });
  return rows.map(toSummary);
}

/** A family as staff see it. The read is written to the audit log (who looked at which family) before returning. */
export async function viewFamilyAsStaff(ctx: AppContext, actor: Actor, familyId: string): Promise<StaffFamilyView> {
  const { record, account } = await loadRecord(ctx.db, familyId);
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: 'family.viewed',
    familyId,
    targetType: 'family',
    targetId: familyId,
  });
  return {
    family: record,
    account: {
      id: account.id,
      email: account.email,
      status: account.status,
      createdAt: account.created_at,
      validatedAt: account.validated_at,
      rejectionReason: account.rejection_reason,
    },
  };
}

/** Guardian 1 of a family, by name: the one other modules greet in mails and name the family by. */
export interface FirstGuardian {
  firstName: string;
  lastName: string;
}

/**
 * Guardian 1 of each of these families, in one query (staff lists: no query per row). Every module asks here for
 * « the first guardian of a family », never in the guardian table.
 */
export async function firstGuardians(db: Executor, familyIds: string[]): Promise<Map<string, FirstGuardian>> {
  const rows = await repo.firstGuardians(db, [...new Set(familyIds)]);
  return new Map(rows.map((g) => [g.family_id, { firstName: g.first_name, lastName: g.last_name }]));
}

/**
 * What the other household of a shared child may see of this family when staff allowed it (issue 11, « partage
 * autorisé »): the guardians' names and how to reach them, and the address — nothing of benefits or quotient.
 */
export async function householdCard(db: Executor, familyId: string): Promise<HouseholdCard> {
  const { record } = await loadRecord(db, familyId);
  const person = (g: FamilyRecord['guardian1']) => ({ firstName: g.firstName, lastName: g.lastName, mobilePhone: g.mobilePhone, email: g.email });
  return {
    guardians: [record.guardian1, ...(record.guardian2 ? [record.guardian2] : [])].filter((g) => g.lastName || g.firstName).map(person),
    addressLine1: record.addressLine1,
    addressLine2: record.addressLine2,
    postalCode: record.postalCode,
    city: record.city,
  };
}

/** Guardian 1 of one family, or null (a closed family keeps an anonymous one). */
export async function firstGuardian(db: Executor, familyId: string): Promise<FirstGuardian | null> {
  return (await firstGuardians(db, [familyId])).get(familyId) ?? null;
}

/** Guardian 1's first name, to greet the family in the mails that staff decisions send. */
export async function familyContact(db: Executor, familyId: string): Promise<{ firstName: string } | null> {
  const g1 = await firstGuardian(db, familyId);
  return g1 ? { firstName: g1.firstName } : null;
}

/** « NOM Prénom » of guardian 1 of each of these families, in one query (staff lists: no query per row). */
export async function familyNames(db: Executor, familyIds: string[]): Promise<Map<string, string>> {
  const g1s = await firstGuardians(db, familyIds);
  return new Map([...g1s].map(([id, g]) => [id, `${g.lastName} ${g.firstName}`]));
}

/** Whether a family with this id exists (other modules check a family through here, never in its table). */
export async function familyExists(db: Executor, familyId: string): Promise<boolean> {
  return (await repo.findFamily(db, familyId)) !== undefined;
}

/**
 * For other modules' searches: a subquery of the ids of the families whose guardian 1 or 2 has this word (already
 * folded, see db/text-fold.ts) in a name, to use as `family_id in (…)`.
 */
export function familiesByGuardianWord(db: Executor, foldedWord: string) {
  return repo.familiesByGuardianWord(db, foldedWord);
}

/** What invoicing needs of a family: its address (residency, the invoice's header), quotient and paying guardian. */
export type FamilyBillingFacts = Pick<
  repo.FamilyRow,
  'id' | 'address_line1' | 'address_line2' | 'postal_code' | 'city' | 'insee_code' | 'family_quotient' | 'payer_rank'
>;

/** The billing facts of these families (those that exist). The caller keeps the id list to one IN list's size. */
export async function familyBillingFacts(db: Executor, familyIds: string[]): Promise<FamilyBillingFacts[]> {
  return (await repo.familiesById(db, familyIds)).map((f) => ({
    id: f.id,
    address_line1: f.address_line1,
    address_line2: f.address_line2,
    postal_code: f.postal_code,
    city: f.city,
    insee_code: f.insee_code,
    family_quotient: f.family_quotient,
    payer_rank: f.payer_rank,
  }));
}

/** The guardians of these families (names, civility, contact e-mail), by family then rank: invoices name the payer. */
export async function guardiansOfFamilies(
  db: Executor,
  familyIds: string[],
): Promise<Pick<repo.GuardianRow, 'family_id' | 'rank' | 'civility' | 'first_name' | 'last_name' | 'email'>[]> {
  return (await repo.guardiansOfFamilies(db, familyIds)).map((g) => ({
    family_id: g.family_id,
    rank: g.rank,
    civility: g.civility,
    first_name: g.first_name,
    last_name: g.last_name,
    email: g.email,
  }));
}

/** The last name of each family's paying guardian (the guardian whose rank is the family's payer rank). */
export async function payerLastNames(db: Executor, familyIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(familyIds)];
  const families = await repo.familiesById(db, ids);
  const byRank = new Map((await repo.guardiansOfFamilies(db, ids)).map((g) => [`${g.family_id}:${g.rank}`, g.last_name]));
  const out = new Map<string, string>();
  for (const f of families) {
    const lastName = byRank.get(`${f.id}:${f.payer_rank}`);
    if (lastName !== undefined) out.set(f.id, lastName);
  }
  return out;
}

/** The guardians' first and last names (what a password must not be made of). */
export async function guardianNames(db: Executor, familyId: string): Promise<{ firstName: string; lastName: string }[]> {
  return (await repo.findGuardians(db, familyId)).map((g) => ({ firstName: g.first_name, lastName: g.last_name }));
}

/** The guardians' contact e-mail addresses, as typed (the closure erases what was sent to them). */
export async function guardianEmails(db: Executor, familyId: string): Promise<string[]> {
  return (await repo.findGuardians(db, familyId)).map((g) => g.email).filter((e): e is string => !!e);
}

/** A new family and its guardian 1, inside the registration's transaction (account.register). */
export async function insertNewFamily(trx: Executor, family: repo.FamilyRow, guardian1: Omit<repo.GuardianRow, 'family_id' | 'rank'>): Promise<void> {
  await repo.insertFamily(trx, family);
  await repo.insertGuardian(trx, { ...guardian1, family_id: family.id, rank: 1 });
}

// ---------- guardians whose identity an identity provider holds (FranceConnect, issue 11) ----------

/** The ranks of a family's guardians whose last name, first name and birth date come from an identity provider. */
export type GuardianIdentityLocks = (db: Executor, familyId: string) => Promise<number[]>;
let identityLocks: GuardianIdentityLocks = async () => [];

/** Declared at build by the franceconnect module (buildApp): the family module does not depend on it. */
export function registerGuardianIdentityLocks(locks: GuardianIdentityLocks): void {
  identityLocks = locks;
}

/** The family's guardians whose identity may not be changed in the family's form (ranks). */
export function lockedGuardianRanks(db: Executor, familyId: string): Promise<number[]> {
  return identityLocks(db, familyId);
}

/** The fields of a locked guardian the form would change (or the guardian it would remove). */
function lockedIdentityChanges(before: FamilyRecord, input: FamilyInput, ranks: number[]): { path: string; code: string }[] {
  const out: { path: string; code: string }[] = [];
  for (const rank of ranks) {
    const key = rank === 2 ? 'guardian2' : 'guardian1';
    const was = before[key];
    const now = input[key];
    if (!was) continue;
    if (!now) {
      out.push({ path: key, code: 'franceconnect.identity_locked' });
      continue;
    }
    for (const field of ['lastName', 'firstName', 'birthDate'] as const)
      if ((was[field] ?? null) !== (now[field] ?? null)) out.push({ path: `${key}.${field}`, code: 'franceconnect.identity_locked' });
  }
  return out;
}

/**
 * Writes a guardian's name and birth date as an identity provider gave them (FranceConnect link or sign-in), in the
 * caller's transaction, the family row locked first (lockOpenFamily). False when the family has no such guardian.
 */
export async function setGuardianIdentity(
  trx: Executor,
  familyId: string,
  rank: number,
  identity: { lastName: string; firstName: string; birthDate: string | null },
): Promise<boolean> {
  await lockOpenFamily(trx, familyId);
  const r = await trx
    .updateTable('guardian')
    .set({ last_name: identity.lastName, first_name: identity.firstName, birth_date: identity.birthDate })
    .where('family_id', '=', familyId)
    .where('rank', '=', rank)
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0) === 1;
}

/** After a login e-mail change: guardian 1's contact e-mail follows when it was the old login address. */
export async function followLoginEmail(trx: Executor, familyId: string, oldEmail: string, newEmail: string): Promise<void> {
  await repo.replaceGuardian1Email(trx, familyId, oldEmail, newEmail);
}

// ---------- the family quotient (issue 15, docs/quotient.md: the quotient module records its source) ----------

/** What the quotient module reads of a family: the current quotient, the allocataire number and scheme, the postal code. */
export interface FamilyQuotientFacts {
  quotient: number | null;
  benefitsRegime: 'CAF' | 'MSA' | 'AUTRE' | null;
  benefitsNumber: string | null;
  postalCode: string | null;
}

/** The quotient facts of one family, or null when it does not exist. */
export async function familyQuotientFacts(db: Executor, familyId: string): Promise<FamilyQuotientFacts | null> {
  const f = await repo.findFamily(db, familyId);
  return f ? { quotient: f.family_quotient, benefitsRegime: f.benefits_regime, benefitsNumber: f.benefits_number, postalCode: f.postal_code } : null;
}

/**
 * Writes the family's current quotient — the one value the tariff engine reads (familyBillingFacts). Called by the
 * quotient module inside its transaction, the family row locked first (lockOpenFamily), with its history row.
 */
export async function setFamilyQuotient(trx: Executor, familyId: string, quotient: number | null, now: string): Promise<void> {
  await trx.updateTable('family').set({ family_quotient: quotient, updated_at: now }).where('id', '=', familyId).execute();
}

/** Writes the allocataire number and scheme the family gave with its consent (the same fields as its form's). */
export async function setBenefitsIdentity(trx: Executor, familyId: string, regime: 'CAF' | 'MSA', number: string, now: string): Promise<void> {
  await trx.updateTable('family').set({ benefits_regime: regime, benefits_number: number, updated_at: now }).where('id', '=', familyId).execute();
}

/**
 * How the family's own form treats the quotient field (registered by the quotient module at build): `locked` says the
 * current value was transmitted by the CAF/MSA or entered by the town hall on a document (the form may not change
 * it); `declared` records a value the family typed (its source and history), in the form's transaction.
 */
export interface QuotientFormHooks {
  locked: (db: Executor, familyId: string) => Promise<boolean>;
  declared: (trx: Executor, familyId: string, quotient: number | null, by: string, now: string) => Promise<void>;
}
let quotientHooks: QuotientFormHooks | null = null;

export function registerQuotientFormHooks(hooks: QuotientFormHooks): void {
  quotientHooks = hooks;
}
