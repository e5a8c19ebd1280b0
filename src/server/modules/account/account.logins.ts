import { sql, type Kysely, type Transaction } from 'kysely';
import { escapeLike } from '../../db/text-fold.js';
import type { DB } from '../../db/schema.js';
import { forUpdate } from '../../db/write.js';
import type { AccountTable } from './account.tables.js';
import { languagesOfEmails } from './account.repo.js';
import type { Language } from '../../../shared/i18n/languages.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The languages of the accounts whose logins are among these addresses (lower case): each e-mail is written in its
 * recipient's (registered in the mail module at build, `registerRecipientLanguages` in buildApp).
 */
export const languagesOfLogins: (db: Executor, emails: string[]) => Promise<Map<string, Language>> = languagesOfEmails;

/** A family's login as other modules see it: never its password hash. */
export type FamilyLogin = Pick<
  AccountTable,
  'id' | 'email' | 'status' | 'created_at' | 'validated_at' | 'rejection_reason' | 'last_login_at' | 'password_changed_at'
>;

/**
 * The login of a family as other modules see it (issue 11: a family has one or more member accounts): its holder's,
 * the account that stands for the family (staff lists, validation, export, closure). Other modules read it through
 * here, never in the account table. A family's mails reach its other members too (`familyMailCopies`).
 */
export async function familyLogin(db: Executor, familyId: string): Promise<FamilyLogin | undefined> {
  return db
    .selectFrom('account')
    .select(['id', 'email', 'status', 'created_at', 'validated_at', 'rejection_reason', 'last_login_at', 'password_changed_at'])
    .where('family_id', '=', familyId)
    .where('kind', '=', 'family')
    .where('member_role', '=', 'holder')
    .orderBy('created_at')
    .executeTakeFirst();
}

/**
 * The family logins (holders: one row per family) as a subquery another module may join in one statement (the
 * staff's family lists and search: `innerJoin(familyLoginsSubquery(db).as('account'), 'account.family_id',
 * 'family.id')`), with only these columns.
 */
export function familyLoginsSubquery(db: Executor) {
  return db.selectFrom('account').select(['id', 'family_id', 'email', 'status', 'created_at']).where('kind', '=', 'family').where('member_role', '=', 'holder');
}

/**
 * The ids of the families one of whose logins (the holder's or another member's, issue 11) has this text, already
 * folded, in its e-mail: a subquery the staff's family search puts in its statement (`family.id in (…)`).
 */
export function familiesByLoginEmailWord(db: Executor, foldedWord: string) {
  return db
    .selectFrom('account')
    .select('family_id')
    .where('kind', '=', 'family')
    .where(sql<boolean>`lower(email) like ${`%${escapeLike(foldedWord)}%`} escape '\\'`);
}

/** The login e-mail (the holder's) of each of these families that has a login, in one query. */
export async function familyLoginEmails(db: Executor, familyIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(familyIds)];
  if (!ids.length) return new Map();
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('account')
      .select(['family_id', 'email'])
      .where('family_id', 'in', ids.slice(i, i + 500))
      .where('kind', '=', 'family')
      .where('member_role', '=', 'holder')
      .orderBy('created_at')
      .execute();
    for (const r of rows) if (r.family_id && !out.has(r.family_id)) out.set(r.family_id, r.email);
  }
  return out;
}

/**
 * Locks every member account of a family (after its family row: the closure's lock order; members in id order, as
 * every member change takes them) and returns the holder's, undefined when the family has none.
 */
export async function lockFamilyLogin(trx: Executor, familyId: string): Promise<Pick<AccountTable, 'id' | 'email'> | undefined> {
  const rows = await forUpdate(
    trx,
    trx.selectFrom('account').select(['id', 'email', 'member_role']).where('family_id', '=', familyId).where('kind', '=', 'family').orderBy('id'),
  ).execute();
  const holder = rows.find((r) => r.member_role === 'holder') ?? rows[0];
  return holder ? { id: holder.id, email: holder.email } : undefined;
}

/** Mails that concern money go only to members with the pay right; the others to every active member. */
const MONEY_TEMPLATES = new Set(['billing.invoice_published', 'payment.receipt']);
/** The family's own news (not a member's personal mail: passwords, links, e-mail changes are never copied). */
const FAMILY_TEMPLATES = new Set([
  'account.validated',
  'booking.promoted',
  'booking.decided',
  'document.accepted',
  'document.refused',
  'document.expiring',
  'privacy.closure_requested',
  'billing.invoice_published',
  'payment.receipt',
]);

/**
 * Issue 11, « family mails go to every member »: for each family mail written to one of its members (in practice the
 * holder, whom other modules address through `familyLogin`), the addresses of the family's other active members who
 * should read it too (money: those with the pay right), by the mail's index. One query per 500 families. Registered
 * in the mail module at build (`registerFamilyCopies`).
 */
export async function familyMailCopies(db: Executor, mails: { familyId: string | null; to: string; template: string }[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  const wanted = mails.flatMap((m, i) => (m.familyId && FAMILY_TEMPLATES.has(m.template) ? [{ ...m, familyId: m.familyId, i }] : []));
  if (!wanted.length) return out;
  const ids = [...new Set(wanted.map((m) => m.familyId))];
  const members = new Map<string, { email: string; member_role: string | null; can_pay: number; status: string }[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('account')
      .select(['family_id', 'email', 'member_role', 'can_pay', 'status'])
      .where('family_id', 'in', ids.slice(i, i + 500))
      .where('kind', '=', 'family')
      .orderBy('created_at')
      .execute();
    for (const r of rows) if (r.family_id) members.set(r.family_id, [...(members.get(r.family_id) ?? []), r]);
  }
  for (const m of wanted) {
    const rows = members.get(m.familyId) ?? [];
    if (rows.length < 2) continue;
    const addressed = m.to.trim().toLowerCase();
    if (!rows.some((r) => r.email.toLowerCase() === addressed)) continue;
    const copies = rows
      .filter((r) => r.email.toLowerCase() !== addressed && r.status === 'active')
      .filter((r) => !MONEY_TEMPLATES.has(m.template) || r.member_role === 'holder' || r.can_pay === 1)
      .map((r) => r.email);
    if (copies.length) out.set(m.i, copies);
  }
  return out;
}

/** The display names of these accounts (staff agents named in a family's screens), in one query. */
export async function displayNames(db: Executor, accountIds: string[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(accountIds)];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('account').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The oldest admin account (the demo seeds act as it), undefined when there is none. */
export async function oldestAdmin(db: Executor): Promise<Pick<AccountTable, 'id' | 'email'> | undefined> {
  return db.selectFrom('account').select(['id', 'email']).where('kind', '=', 'staff').where('role', '=', 'admin').orderBy('created_at').executeTakeFirst();
}
