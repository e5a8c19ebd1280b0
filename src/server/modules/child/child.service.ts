import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { healthCipher, type AppContext } from '../../context.js';
import type { HealthCipher } from '../../crypto/health-crypto.js';
import {
  HEALTH_ACCESS_KINDS,
  type ChildHistoryEntry,
  type ChildInputParsed,
  type ChildRecord,
  type ChildSummary,
  type EmergencySheet,
  type HealthAccess,
  type ListKind,
  type PickupView,
  type StaffChildSummary,
} from '../../../shared/child-contracts.js';
import { isoNow } from '../../clock.js';
import { NotFoundError, ValidationError, type FieldProblem } from '../../errors.js';
import { familyAuditLines, recordAudit, type Actor } from '../audit/audit.service.js';
import { displayNames } from '../account/account.logins.js';
import { findCity } from '../postal/postal.service.js';
import { familiesByGuardianWord, firstGuardians, getFamilyRecord, lockOpenFamily, type FamilyScope } from '../family/family.service.js';
import { forUpdate, writeTransaction } from '../../db/write.js';
import { isOffered, itemsOf, type ReferenceItem } from '../lists/lists.service.js';
import { diffRecords, healthViewOf, type ListEntry, type StoredHealth } from './child.record.js';
import { foldText } from '../../db/text-fold.js';
import * as repo from './child.repo.js';
import { translator } from '../../i18n.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { parseWeekdays, type CustodyPart } from '../../../shared/custody.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** A family-side caller: the family from the session, and who is writing (for the history). */
export interface ChildScope extends FamilyScope {
  displayName: string;
}

const healthContext = (childId: string) => `child:${childId}:health`;
const historyContext = (childId: string) => `child:${childId}:history`;

// ---------- reading ----------

interface Lists {
  byKind: Record<'diseases' | 'allergies' | 'authorizations' | 'diets', ReferenceItem[]>;
  byId: Map<string, ReferenceItem>;
}

async function loadLists(db: Executor): Promise<Lists> {
  const items = await itemsOf(db, ['diseases', 'allergies', 'authorizations', 'diets']);
  const byKind: Lists['byKind'] = { diseases: [], allergies: [], authorizations: [], diets: [] };
  for (const i of items) byKind[i.kind as keyof Lists['byKind']].push(i);
  return { byKind, byId: new Map(items.map((i) => [i.id, i])) };
}

const entries = (items: ReferenceItem[]): ListEntry[] => items.map((i) => ({ id: i.id, label: i.label, offered: isOffered(i) }));

function decryptHealth(cipher: HealthCipher, child: repo.ChildRow): StoredHealth {
  return JSON.parse(cipher.decrypt(child.health_data, healthContext(child.id))) as StoredHealth;
}

/** A child's name and birth date, for other modules (attendance sheets): no health data. */
export interface ChildIdentity {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
}

/**
 * Whether a child has an allergy answered « Oui » or a care plan (PAI): a yes/no for attendance sheets, never the
 * details. An unreadable block answers true (« voir la fiche ») rather than « nothing to know ». The caller audits
 * the read as part of what it shows.
 */
export function healthAlertOf(ctx: AppContext, child: { id: string; health_data: string }): boolean {
  try {
    const h = JSON.parse(healthCipher(ctx).decrypt(child.health_data, healthContext(child.id))) as Partial<StoredHealth>;
    return h.carePlan === true || (h.allergies ?? []).some((a) => a.answer);
  } catch {
    return true;
  }
}

/** Identity and health flag of the given children (missing ids are left out). */
export async function childrenForSheet(ctx: AppContext, childIds: string[]): Promise<(ChildIdentity & { healthAlert: boolean })[]> {
  const byId = new Map((await repo.childrenByIds(ctx.db, childIds)).map((c) => [c.id, c]));
  return childIds
    .map((id) => byId.get(id))
    .filter((c): c is repo.ChildRow => !!c)
    .map((c) => ({ id: c.id, firstName: c.first_name, lastName: c.last_name, birthDate: c.birth_date, healthAlert: healthAlertOf(ctx, c) }));
}

/**
 * Issue 15, the agent's day lists (kept on a phone or tablet for the day): per child, identity, two flags (an allergy
 * answered « Oui », a care plan/PAI — never their details) and who may pick the child up (name, relation, one phone).
 * An unreadable health block answers both flags true (« voir la fiche »). The caller audits the read.
 */
export async function childrenForDayList(
  ctx: AppContext,
  childIds: string[],
): Promise<(ChildIdentity & { allergy: boolean; carePlan: boolean; pickups: { name: string; relationship: string; phone: string }[] })[]> {
  const ids = [...new Set(childIds)];
  const byId = new Map((await repo.childrenByIds(ctx.db, ids)).map((c) => [c.id, c]));
  const pickups = new Map<string, { name: string; relationship: string; phone: string }[]>();
  for (const p of await repo.pickupsOfChildren(ctx.db, ids)) {
    const name = [p.first_name ?? '', (p.last_name ?? '').toUpperCase()].join(' ').trim();
    if (!name) continue;
    (pickups.get(p.child_id) ?? pickups.set(p.child_id, []).get(p.child_id)!).push({ name, relationship: p.relationship ?? '', phone: p.phone1 ?? p.phone2 ?? '' });
  }
  return ids
    .map((id) => byId.get(id))
    .filter((c): c is repo.ChildRow => !!c)
    .map((c) => {
      let allergy = true;
      let carePlan = true;
      try {
        const h = decryptHealth(healthCipher(ctx), c);
        allergy = (h.allergies ?? []).some((a) => a.answer);
        carePlan = h.carePlan === true;
      } catch {
        /* unreadable: both flags up, the record says more */
      }
      return { id: c.id, firstName: c.first_name, lastName: c.last_name, birthDate: c.birth_date, allergy, carePlan, pickups: pickups.get(c.id) ?? [] };
    });
}

function person(r: repo.ContactRow | repo.PickupRow) {
  return {
    lastName: r.last_name ?? '',
    firstName: r.first_name ?? '',
    relationship: r.relationship ?? '',
    addressLine1: r.address_line1,
    addressLine2: r.address_line2,
    postalCode: r.postal_code,
    city: r.city,
    phone1: r.phone1 ?? '',
    phone2: r.phone2,
  };
}

/**
 * The whole record of a child, health block decrypted. One query after the other (one connection in SQLite
 * transactions). `familyId`: the household reading it (its own contacts and pick-up persons only), or null for
 * staff (every household's).
 */
async function loadRecord(db: Executor, cipher: HealthCipher, child: repo.ChildRow, familyId: string | null, lists?: Lists): Promise<ChildRecord> {
  lists ??= await loadLists(db);
  const contacts = await repo.contactsOf(db, child.id, familyId);
  const pickups = await repo.pickupsOf(db, child.id, familyId);
  const auths = await repo.authorizationsOf(db, child.id);
  const stored = decryptHealth(cipher, child);
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const diet = child.diet_item_id ? lists.byId.get(child.diet_item_id) : undefined;
  const authStored = auths.map((a) => ({ itemId: a.item_id, label: a.label, answer: a.answer === 1 }));
  return {
    id: child.id,
    familyId: familyId ?? child.family_id,
    lastName: child.last_name,
    firstName: child.first_name,
    sex: child.sex,
    birthDate: child.birth_date,
    school: child.school,
    schoolClass: child.school_class,
    diet: child.diet_item_id
      ? {
          itemId: child.diet_item_id,
          label: diet && isOffered(diet) ? diet.label : (child.diet_label ?? diet?.label ?? ''),
          active: Boolean(diet && isOffered(diet)),
        }
      : null,
    health: healthViewOf(stored, entries(lists.byKind.diseases), entries(lists.byKind.allergies)),
    contacts: contacts.map((c) => ({ id: c.id, ...person(c) })),
    pickups: pickups.map((p): PickupView => {
      const contact = p.contact_id ? contactById.get(p.contact_id) : undefined;
      return contact
        ? { id: p.id, source: 'contact', contactId: contact.id, ...person(contact) }
        : { id: p.id, source: 'person', contactId: null, ...person(p) };
    }),
    authorizations: (() => {
      const byId = new Map(authStored.map((s) => [s.itemId, s]));
      const offered = lists.byKind.authorizations.filter(isOffered);
      const offeredIds = new Set(offered.map((i) => i.id));
      return [
        ...offered.map((i) => ({ itemId: i.id, label: i.label, active: true, answer: byId.get(i.id)?.answer ?? null })),
        ...authStored.filter((s) => !offeredIds.has(s.itemId)).map((s) => ({ ...s, active: false })),
      ];
    })(),
    createdAt: child.created_at,
    updatedAt: child.updated_at,
  };
}

/**
 * The child when it belongs to the scope's household (through `child_household`); another family's child is the same
 * 404 as a missing one.
 */
async function ownedChild(db: Executor, scope: FamilyScope, childId: string, forUpdate = false): Promise<repo.ChildRow> {
  if (!(await repo.householdOf(db, childId, scope.familyId))) throw new NotFoundError();
  const child = await repo.findChild(db, childId, { forUpdate });
  if (!child) throw new NotFoundError();
  return child;
}

function toSummary(c: repo.ChildRow): ChildSummary {
  return {
    id: c.id,
    lastName: c.last_name,
    firstName: c.first_name,
    sex: c.sex,
    birthDate: c.birth_date,
    school: c.school,
    schoolClass: c.school_class,
    updatedAt: c.updated_at,
  };
}

/** « Mes Enfants » */
export async function listChildren(ctx: AppContext, scope: FamilyScope): Promise<ChildSummary[]> {
  return (await repo.childrenOf(ctx.db, scope.familyId)).map(toSummary);
}

/** The family's own child, whole (its own health data: not an audited read). */
export async function getChild(ctx: AppContext, scope: FamilyScope, childId: string): Promise<ChildRecord> {
  return loadRecord(ctx.db, healthCipher(ctx), await ownedChild(ctx.db, scope, childId), scope.familyId);
}

// ---------- saving the « Enfant » form ----------

interface Place {
  postalCode: string | null;
  city: string | null;
  inseeCode: string | null;
}

/** Postal code ↔ commune against the official list (in memory: done before the transaction). */
function checkPlaces(input: ChildInputParsed, problems: FieldProblem[]): Map<string, Place> {
  const places = new Map<string, Place>();
  const check = (prefix: string, p: { postalCode: string | null; city: string | null }) => {
    if (!p.postalCode || !p.city) return places.set(prefix, { postalCode: null, city: null, inseeCode: null });
    const found = findCity(p.postalCode, p.city);
    if (!found) problems.push({ path: `${prefix}.city`, code: 'postal_code.unknown_city' });
    places.set(prefix, found ?? { postalCode: p.postalCode, city: p.city, inseeCode: null });
  };
  input.contacts.forEach((c, i) => check(`contacts.${i}`, c));
  input.pickups.forEach((p, i) => p.source === 'person' && check(`pickups.${i}`, p));
  return places;
}

/** Answers for items of `kind`: unknown ids are errors; answers for items no longer offered are ignored. */
function checkKeys(lists: Lists, kind: ListKind, keys: string[], path: string, problems: FieldProblem[]): void {
  for (const k of keys) {
    const item = lists.byId.get(k);
    if (!item || item.kind !== kind) problems.push({ path: `${path}.${k}`, code: 'list_item.unknown' });
  }
}

function buildHealth(input: ChildInputParsed['health'], lists: Lists, previous: StoredHealth | null): StoredHealth {
  const keepInactive = <T extends { itemId: string }>(items: ReferenceItem[], prev: T[] | undefined): T[] => {
    const offered = new Set(items.filter(isOffered).map((i) => i.id));
    return (prev ?? []).filter((p) => !offered.has(p.itemId));
  };
  const offeredDiseases = lists.byKind.diseases.filter(isOffered);
  const offeredAllergies = lists.byKind.allergies.filter(isOffered);
  return {
    v: 1,
    vaccinationsUpToDate: input.vaccinationsUpToDate,
    lastVaccinationDate: input.lastVaccinationDate,
    // The guide's default: every disease « Non » unless ticked « Oui ».
    diseases: [
      ...offeredDiseases.map((i) => ({ itemId: i.id, label: i.label, answer: input.diseases[i.id] ?? false })),
      ...keepInactive(lists.byKind.diseases, previous?.diseases),
    ],
    allergies: [
      ...offeredAllergies.map((i) => {
        const a = input.allergies[i.id];
        return { itemId: i.id, label: i.label, answer: a?.answer ?? false, comment: a?.answer ? a.comment : null };
      }),
      ...keepInactive(lists.byKind.allergies, previous?.allergies),
    ],
    medicalHistory: input.medicalHistory,
    observations: input.observations,
    carePlan: input.carePlan,
    doctor: { name: input.doctor.name, phone: input.doctor.phone, address: input.doctor.address },
  };
}

/**
 * Creates (childId null) or replaces a child record from the whole « Enfant » form, in one transaction:
 * everything is checked before the first write, so a refused form leaves nothing half-saved. Every change is
 * written to the child's history (health values encrypted) and the save to the audit log (field names only).
 */
async function saveChild(ctx: AppContext, scope: ChildScope, childId: string | null, input: ChildInputParsed): Promise<ChildRecord> {
  const cipher = healthCipher(ctx);
  const problems: FieldProblem[] = [];
  const places = checkPlaces(input, problems);
  const now = isoNow(ctx.clock);
  // Lock what you read, in a fixed order: the family row (lockOpenFamily: a closed family answers 409 and a save
  // never lands after its closure), then the child row (two saves of one child run one after the other). SQLite's
  // BEGIN IMMEDIATE serializes writers already; FOR UPDATE is taken on PostgreSQL only.
  return writeTransaction(ctx, async (trx) => {
    await lockOpenFamily(trx, scope.familyId);
    const existing = childId ? await ownedChild(trx, scope, childId, ctx.dialect === 'postgres') : null;
    const id = existing?.id ?? randomUUID();
    const lists = await loadLists(trx);
    // this household's own contacts and pick-up persons (a shared child's other household keeps its own)
    const oldContacts = existing ? await repo.contactsOf(trx, id, scope.familyId) : [];
    const oldPickups = existing ? await repo.pickupsOf(trx, id, scope.familyId) : [];
    // Ids must be this child's own: anything else is the same 404 as another family's child.
    const oldContactIds = new Set(oldContacts.map((c) => c.id));
    const oldPickupIds = new Set(oldPickups.map((p) => p.id));
    if (input.contacts.some((c) => c.id && !oldContactIds.has(c.id))) throw new NotFoundError();
    if (input.pickups.some((p) => p.id && !oldPickupIds.has(p.id))) throw new NotFoundError();

    if (input.dietId) {
      const diet = lists.byId.get(input.dietId);
      const kept = existing?.diet_item_id === input.dietId;
      if (!diet || diet.kind !== 'diets' || (!isOffered(diet) && !kept)) problems.push({ path: 'dietId', code: 'list_item.unknown' });
    }
    checkKeys(lists, 'diseases', Object.keys(input.health.diseases), 'health.diseases', problems);
    checkKeys(lists, 'allergies', Object.keys(input.health.allergies), 'health.allergies', problems);
    checkKeys(lists, 'authorizations', Object.keys(input.authorizations), 'authorizations', problems);
    const offeredAuths = lists.byKind.authorizations.filter(isOffered);
    for (const a of offeredAuths) {
      const answer = input.authorizations[a.id];
      if (answer !== true && answer !== false) problems.push({ path: `authorizations.${a.id}`, code: 'authorization.required' });
    }
    if (problems.length) throw new ValidationError(problems);

    const before = existing ? await loadRecord(trx, cipher, existing, scope.familyId, lists) : null;
    const previousHealth = existing ? decryptHealth(cipher, existing) : null;
    const dietItem = input.dietId ? lists.byId.get(input.dietId) : undefined;
    const values = {
      last_name: input.lastName,
      first_name: input.firstName,
      sex: input.sex,
      birth_date: input.birthDate,
      school: input.school,
      school_class: input.schoolClass,
      diet_item_id: input.dietId,
      diet_label: dietItem ? (isOffered(dietItem) ? dietItem.label : (existing?.diet_label ?? dietItem.label)) : null,
      health_data: cipher.encrypt(JSON.stringify(buildHealth(input.health, lists, previousHealth)), healthContext(id)),
      search_key: foldText(`${input.lastName} ${input.firstName}`),
      updated_at: now,
    };
    if (existing) await repo.updateChild(trx, id, values);
    else {
      await repo.insertChild(trx, { id, family_id: scope.familyId, created_at: now, ...values });
      await repo.insertHousehold(trx, {
        child_id: id,
        family_id: scope.familyId,
        custody_kind: 'free',
        custody_anchor: null,
        custody_weekdays: null,
        linked_at: now,
        linked_by: scope.accountId,
        sees_other: 0,
      });
    }

    const keyToId = new Map<string, string>();
    const contacts: repo.ContactRow[] = input.contacts.map((c, i) => {
      const contactId = c.id ?? randomUUID();
      const key = c.ref || c.id;
      if (key) keyToId.set(key, contactId);
      const place = places.get(`contacts.${i}`)!;
      return {
        id: contactId,
        child_id: id,
        family_id: scope.familyId,
        position: i + 1,
        last_name: c.lastName,
        first_name: c.firstName,
        relationship: c.relationship,
        address_line1: c.addressLine1,
        address_line2: c.addressLine2,
        postal_code: place.postalCode,
        city: place.city,
        insee_code: place.inseeCode,
        phone1: c.phone1,
        phone2: c.phone2,
      };
    });
    const pickups: repo.PickupRow[] = input.pickups.map((p, i) => {
      const base = { id: p.id ?? randomUUID(), child_id: id, family_id: scope.familyId, position: i + 1 };
      if (p.source === 'contact')
        return {
          ...base,
          contact_id: keyToId.get(p.contact)!,
          last_name: null,
          first_name: null,
          relationship: null,
          address_line1: null,
          address_line2: null,
          postal_code: null,
          city: null,
          insee_code: null,
          phone1: null,
          phone2: null,
        };
      const place = places.get(`pickups.${i}`)!;
      return {
        ...base,
        contact_id: null,
        last_name: p.lastName,
        first_name: p.firstName,
        relationship: p.relationship,
        address_line1: p.addressLine1,
        address_line2: p.addressLine2,
        postal_code: place.postalCode,
        city: place.city,
        insee_code: place.inseeCode,
        phone1: p.phone1,
        phone2: p.phone2,
      };
    });
    await repo.replacePeople(trx, id, scope.familyId, contacts, pickups);
    await repo.replaceAuthorizations(
      trx,
      id,
      offeredAuths.map((a) => a.id),
      offeredAuths.map((a) => ({ child_id: id, item_id: a.id, label: a.label, answer: input.authorizations[a.id] ? 1 : 0 })),
    );

    const after = await loadRecord(trx, cipher, (await repo.findChild(trx, id))!, scope.familyId, lists);
    const changes = before
      ? diffRecords(before, after)
      : [{ field: 'created', label: 'Création de la fiche', old: null, new: `${after.firstName} ${after.lastName}`, health: false }];
    await repo.insertHistory(
      trx,
      changes.map((c) => {
        const payload = JSON.stringify({ label: c.label, old: c.old, new: c.new });
        return {
          child_id: id,
          family_id: scope.familyId,
          at: now,
          actor_account_id: scope.accountId,
          actor_name: scope.displayName,
          actor_kind: 'family' as const,
          field: c.field,
          health: c.health ? 1 : 0,
          payload: c.health ? cipher.encrypt(payload, historyContext(id)) : payload,
        };
      }),
    );
    // The audit line names the blocks that changed, never values (health data stays out of the audit log).
    const blocks = [...new Set(changes.map((c) => c.field.split('.')[0]))];
    await recordAudit(trx, ctx.clock, { id: scope.accountId, email: scope.email }, {
      action: existing ? 'child.updated' : 'child.created',
      familyId: scope.familyId,
      targetType: 'child',
      targetId: id,
      details: { blocks, changes: changes.length },
    });
    return after;
  });
}

export async function createChild(ctx: AppContext, scope: ChildScope, input: ChildInputParsed): Promise<ChildRecord> {
  return saveChild(ctx, scope, null, input);
}

export async function updateChild(ctx: AppContext, scope: ChildScope, childId: string, input: ChildInputParsed): Promise<ChildRecord> {
  return saveChild(ctx, scope, childId, input);
}

// ---------- the family's view of staff health reads ----------

const ACCESS_ACTIONS: Record<(typeof HEALTH_ACCESS_KINDS)[number], string> = {
  record: 'child.health_viewed',
  history: 'child.history_viewed',
  emergency_sheet: 'child.emergency_sheet_viewed',
};
const KIND_OF_ACTION = new Map(Object.entries(ACCESS_ACTIONS).map(([k, a]) => [a, k as HealthAccess['kind']]));

/** Who among the staff read this family's children's health information, newest first. */
export async function listHealthAccesses(ctx: AppContext, scope: FamilyScope, language: Language = 'fr'): Promise<HealthAccess[]> {
  // the audit lines this module's staff routes wrote, then the agents' and the children's names
  const rows = await familyAuditLines(ctx.db, { familyId: scope.familyId, targetType: 'child', actions: Object.values(ACCESS_ACTIONS), limit: 200 });
  const staff = await displayNames(ctx.db, rows.flatMap((r) => (r.actor_account_id ? [r.actor_account_id] : [])));
  const children = await repo.childNames(ctx.db, rows.flatMap((r) => (r.target_id ? [r.target_id] : [])));
  return rows.map((r) => {
    const child = r.target_id ? children.get(r.target_id) : undefined;
    return {
      at: r.at,
      childId: r.target_id ?? '',
      childName: [child?.first_name, child?.last_name].filter(Boolean).join(' '),
      staffName: (r.actor_account_id ? staff.get(r.actor_account_id) : null) ?? translator(language)('server:healthAccess.unknownStaff'),
      kind: KIND_OF_ACTION.get(r.action)!,
    };
  });
}

// ---------- staff ----------

export const CHILD_SEARCH_LIMIT = 100;

/** Children by name (the child's or a guardian's; case and accents ignored), birth date or family. No health data. */
export async function searchChildren(
  ctx: AppContext,
  query: { q?: string; birthDate?: string; familyId?: string },
): Promise<StaffChildSummary[]> {
  const words = foldText(query.q ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6);
  const rows = await repo.searchChildren(
    ctx.db,
    { words, birthDate: query.birthDate || undefined, familyId: query.familyId || undefined, limit: CHILD_SEARCH_LIMIT },
    (w) => familiesByGuardianWord(ctx.db, w),
  );
  const g1s = await firstGuardians(ctx.db, rows.map((r) => r.family_id));
  return rows.map((r) => {
    const g1 = g1s.get(r.family_id);
    return { ...toSummary(r), familyId: r.family_id, familyName: [g1?.lastName.toUpperCase(), g1?.firstName].filter(Boolean).join(' ') };
  });
}

/** One audit line per household of the child: each household sees the staff reads of its child's health data. */
async function auditedRead(ctx: AppContext, actor: Actor, child: repo.ChildRow, kind: HealthAccess['kind']): Promise<void> {
  const households = (await repo.householdsOf(ctx.db, child.id)).map((h) => h.family_id);
  for (const familyId of households.length ? households : [child.family_id])
    await recordAudit(ctx.db, ctx.clock, actor, {
      action: ACCESS_ACTIONS[kind],
      familyId,
      targetType: 'child',
      targetId: child.id,
    });
}

async function anyChild(ctx: AppContext, childId: string): Promise<repo.ChildRow> {
  const child = await repo.findChild(ctx.db, childId);
  if (!child) throw new NotFoundError();
  return child;
}

/** The full record, as staff read it: the read of its health data is written to the audit log first. */
export async function viewChildAsStaff(ctx: AppContext, actor: Actor, childId: string): Promise<ChildRecord> {
  const child = await anyChild(ctx, childId);
  const record = await loadRecord(ctx.db, healthCipher(ctx), child, null);
  await auditedRead(ctx, actor, child, 'record');
  return record;
}

/** The history of changes (values decrypted), newest first; an audited health read. */
export async function childHistory(ctx: AppContext, actor: Actor, childId: string): Promise<ChildHistoryEntry[]> {
  const cipher = healthCipher(ctx);
  const child = await anyChild(ctx, childId);
  const rows = await repo.historyOf(ctx.db, childId);
  const out = rows.map((r) => {
    const p = JSON.parse(r.health ? cipher.decrypt(r.payload, historyContext(childId)) : r.payload) as {
      label: string;
      old: string | null;
      new: string | null;
    };
    return {
      id: r.id,
      at: r.at,
      actorName: r.actor_name,
      actorKind: r.actor_kind,
      field: r.field,
      label: p.label,
      oldValue: p.old,
      newValue: p.new,
    };
  });
  await auditedRead(ctx, actor, child, 'history');
  return out;
}

/** The printable emergency sheet: identity, allergies and PAI, contacts, pick-up persons, doctor, guardians. */
export async function emergencySheet(ctx: AppContext, actor: Actor, childId: string): Promise<EmergencySheet> {
  const child = await anyChild(ctx, childId);
  const r = await loadRecord(ctx.db, healthCipher(ctx), child, null);
  // every household's guardians (a shared child: both parents' phones on the sheet)
  const families = [];
  for (const h of await repo.householdsOf(ctx.db, child.id)) families.push(await getFamilyRecord(ctx, { familyId: h.family_id, accountId: '', email: '' }));
  const guardians = families
    .flatMap((family) => [family.guardian1, family.guardian2])
    .filter((g): g is NonNullable<typeof g> => Boolean(g && g.lastName))
    .map((g) => ({
      name: `${g.lastName.toUpperCase()} ${g.firstName}`,
      phones: [g.mobilePhone, g.homePhone, g.workPhone].filter((p): p is string => Boolean(p)),
    }));
  const emergencyPerson = (p: ChildRecord['contacts'][number] | PickupView) => ({
    lastName: p.lastName,
    firstName: p.firstName,
    relationship: p.relationship,
    phone1: p.phone1,
    phone2: p.phone2,
    address: [p.addressLine1, p.addressLine2, [p.postalCode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null,
  });
  await auditedRead(ctx, actor, child, 'emergency_sheet');
  return {
    generatedAt: isoNow(ctx.clock),
    cityName: ctx.config.city.name,
    child: {
      id: r.id,
      lastName: r.lastName,
      firstName: r.firstName,
      sex: r.sex,
      birthDate: r.birthDate,
      school: r.school,
      schoolClass: r.schoolClass,
      diet: r.diet?.label ?? null,
    },
    allergies: r.health.allergies.filter((a) => a.answer).map((a) => ({ label: a.label, comment: a.comment })),
    carePlan: r.health.carePlan,
    vaccinationsUpToDate: r.health.vaccinationsUpToDate,
    lastVaccinationDate: r.health.lastVaccinationDate,
    observations: r.health.observations,
    doctor: r.health.doctor,
    guardians,
    contacts: r.contacts.map(emergencyPerson),
    pickups: r.pickups.map(emergencyPerson),
  };
}

/** A family's children by name (no health data), ordered by birth date then id: for other modules' lists (documents). */
export function childNamesOfFamily(db: Executor, familyId: string): Promise<{ id: string; first_name: string; last_name: string }[]> {
  return repo.namesOfFamily(db, familyId);
}

/** The names of these children, by id, in one query (other modules name a child through here). */
export function childNames(db: Executor, childIds: string[]): Promise<Map<string, { first_name: string; last_name: string }>> {
  return repo.childNames(db, childIds);
}

/**
 * The children of these families with their identity (no health data), by birth date then id: for billing's
 * invoicing facts and demo. The caller keeps the id list to a size its database accepts in one IN list.
 */
export function childrenOfFamilies(db: Executor, familyIds: string[]) {
  return repo.childrenOfFamilies(db, familyIds);
}

/** The households of these children (every one of a shared child), without duplicates (billing: the families to invoice). */
export function familyIdsOfChildren(db: Executor, childIds: string[]): Promise<string[]> {
  return repo.familyIdsOfChildren(db, childIds);
}

/** Whether this child belongs to this household (other modules check ownership through here; issue 11: the link). */
export async function isChildOfFamily(db: Executor, childId: string, familyId: string): Promise<boolean> {
  return (await repo.householdOf(db, childId, familyId)) !== undefined;
}

/** A child's row by id (other modules read a child through here: booking checks ownership and names). */
export function findChildRow(db: Executor, childId: string): ReturnType<typeof repo.findChild> {
  return repo.findChild(db, childId);
}

/**
 * Locks a household's children rows, in id order, and returns the ids of those it does not share with another
 * household (the closure erases these; a shared child is unlinked from the closed household instead, by the child
 * module's part of the closure). The closure takes this lock after the family row and the login (its fixed order), so
 * no child is added or edited between its reads and its erasure.
 */
export async function lockChildrenOfFamily(trx: Executor, familyId: string): Promise<string[]> {
  const ids = (
    await forUpdate(
      trx,
      trx
        .selectFrom('child')
        .select('id')
        .where('id', 'in', (eb) => eb.selectFrom('child_household').select('child_id').where('family_id', '=', familyId))
        .orderBy('id'),
    ).execute()
  ).map((c) => c.id);
  const shared = await sharedChildIds(trx, familyId);
  return ids.filter((id) => !shared.has(id));
}

/** The children of this household that also belong to another household. */
export async function sharedChildIds(db: Executor, familyId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('child_household as h')
    .select('h.child_id')
    .where('h.family_id', '=', familyId)
    .where((eb) => eb.exists(eb.selectFrom('child_household as o').select('o.child_id').whereRef('o.child_id', '=', 'h.child_id').where('o.family_id', '<>', familyId)))
    .execute();
  return new Set(rows.map((r) => r.child_id));
}

// ---------- households, for booking (issue 11) ----------

/** The custody part of a link row (how booking reads it). */
export function custodyPartOf(h: Pick<repo.HouseholdRow, 'custody_kind' | 'custody_anchor' | 'custody_weekdays'>): CustodyPart {
  return { kind: h.custody_kind, anchor: h.custody_anchor, weekdays: parseWeekdays(h.custody_weekdays) };
}

/**
 * The child as one household books it: its row, and when it is shared with another household, this household's part
 * of the custody schedule (null: the child has one household, every day is its own). Not of this household: 404.
 * One query (the booking hot path).
 */
export async function childForBooking(
  db: Executor,
  childId: string,
  familyId: string,
): Promise<{ child: repo.ChildRow; custody: CustodyPart | null }> {
  const found = await repo.childOfHousehold(db, childId, familyId);
  if (!found) throw new NotFoundError();
  return { child: found.child, custody: found.households > 1 ? custodyPartOf(found.link) : null };
}

/**
 * For the booking engine's one-statement path (PostgreSQL, a child of one household): a query to embed as a CTE,
 * which share-locks the child's household links (so a link into a second household, a custody change or the other
 * household's booking — all FOR UPDATE on these rows — waits for the statement, and the other way round) and
 * returns the child's families. The statement books only when that is exactly this one family; otherwise (linked
 * meanwhile) it writes nothing and the engine runs the transaction that judges custody under the lock.
 */
export function soleHouseholdGuard(childId: string) {
  return repo.shareLockHouseholdsSql(childId);
}

/**
 * Locks the child's household links (FOR UPDATE on PostgreSQL, in family order) and returns this household's
 * custody part read under the lock — null when the child is no longer this household's. Booking takes it before any
 * `unit_day` lock (the fixed order: child links, then unit-days), so two households booking the shared child run one
 * after the other, and a custody change or an unlink waits for them.
 */
export async function lockChildHouseholds(trx: Executor, childId: string, familyId: string): Promise<{ custody: CustodyPart; households: number } | null> {
  const rows = await repo.lockHouseholds(trx, childId);
  const mine = rows.find((r) => r.family_id === familyId);
  return mine ? { custody: custodyPartOf(mine), households: rows.length } : null;
}

/**
 * For billing a presence without a booking (issue 11): the households of each of these children that has two, with
 * each one's custody part — the day goes to the household whose custody covers it (`custodyAllows`); when both or
 * neither do (free custody), to the first household.
 */
export async function sharedCustodies(db: Executor, childIds: string[]): Promise<Map<string, { familyId: string; custody: CustodyPart }[]>> {
  const out = new Map<string, { familyId: string; custody: CustodyPart }[]>();
  for (let i = 0; i < childIds.length; i += 1000)
    for (const h of await repo.sharedHouseholdsOf(db, childIds.slice(i, i + 1000))) out.set(h.child_id, [...(out.get(h.child_id) ?? []), { familyId: h.family_id, custody: custodyPartOf(h) }]);
  return out;
}

/** The first household (child.family_id) of these children: who is billed for a presence without a booking. */
export async function firstHouseholds(db: Executor, childIds: string[]): Promise<{ id: string; family_id: string }[]> {
  const out: { id: string; family_id: string }[] = [];
  for (let i = 0; i < childIds.length; i += 1000) out.push(...(await repo.firstHouseholdsOf(db, childIds.slice(i, i + 1000))));
  return out;
}
