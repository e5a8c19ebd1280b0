import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { ClosureRequestItem, ClosureRequestView, ErasureReport, FamilyExport } from '../../../shared/document-contracts.js';
import { firstGuardian, firstGuardians, guardianEmails, lockOpenFamily, type FamilyScope } from '../family/family.service.js';
import { familyLogin, familyLoginEmails, lockFamilyLogin } from '../account/account.logins.js';
import { lockChildrenOfFamily } from '../child/child.service.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { affected, writeTransaction } from '../../db/write.js';
import { privacyParticipants, type ClosureSubject, type ExportSection, type LegalHold, type PrivacyParticipant } from './privacy.registry.js';
import { buildZip, type ZipEntry } from './zip.js';
import { foldText } from '../../db/text-fold.js';
import { translator } from '../../i18n.js';
import type { Language } from '../../../shared/i18n/languages.js';

type Executor = Kysely<DB> | Transaction<DB>;

const EXPORT_FORMAT = 'portail-familles/export@1' as const;

/**
 * The modules without which an export would miss data or a closure would leave personal data behind: they declare
 * themselves through the app's wiring (privacy.participants.ts); refuse to go on without them rather than do half.
 */
const REQUIRED_PARTICIPANTS = ['document', 'child', 'family', 'account', 'mail', 'audit', 'booking'];

function participants(): PrivacyParticipant[] {
  const all = privacyParticipants();
  const missing = REQUIRED_PARTICIPANTS.filter((n) => !all.some((p) => p.name === n));
  if (missing.length) throw new Error(`privacy: participants not registered: ${missing.join(', ')} (registerPrivacyParticipants)`);
  return all;
}

/**
 * The right of access and portability: everything the portal holds about the family, as `donnees.json` plus the files
 * it sent, in one ZIP. Health data is decrypted (it is the family's own).
 */
export async function exportFamily(ctx: AppContext, scope: FamilyScope, language: Language = 'fr'): Promise<{ fileName: string; zip: Buffer }> {
  const db = ctx.db;
  const familyId = scope.familyId;
  // each module gives its part (account, family, children, documents and their files, mails, bookings…)
  const sections: ExportSection = {};
  const entries: ZipEntry[] = [];
  const other: FamilyExport['other'] = {};
  for (const p of participants()) {
    if (p.exportSection) {
      const { files, ...section } = await p.exportSection(ctx, scope);
      Object.assign(sections, section);
      entries.push(...(files ?? []));
    }
    if (p.exportRows) Object.assign(other, await p.exportRows(db, ctx, familyId));
  }
  const closure = await db.selectFrom('privacy_request').selectAll().where('family_id', '=', familyId).executeTakeFirst();
  const data: FamilyExport = {
    format: EXPORT_FORMAT,
    exportedAt: isoNow(ctx.clock),
    account: { ...sections.account, closureRequest: closure ?? null },
    family: sections.family ?? {},
    children: sections.children ?? [],
    bookings: sections.bookings ?? [],
    reservations: sections.reservations ?? [],
    documents: sections.documents ?? [],
    messages: sections.messages ?? [],
    healthAccesses: sections.healthAccesses ?? [],
    other,
  };
  const json = Buffer.from(JSON.stringify(data, null, 2), 'utf8');
  // the README in the language of the request (the data's own names stay: donnees.json, documents/)
  const t = translator(language);
  const readme = Buffer.from(
    `${t('server:dataExport.readmeTitle')}\r\n\r\n${t('server:dataExport.readmeData')}\r\n${t('server:dataExport.readmeFiles')}\r\n`,
    'utf8',
  );
  const zip = buildZip([{ path: t('server:dataExport.readmeName'), data: readme }, { path: 'donnees.json', data: json }, ...entries], ctx.clock.now());
  await recordAudit(ctx.db, ctx.clock, { id: scope.accountId, email: scope.email }, { action: 'privacy.exported', familyId, targetType: 'family', targetId: familyId });
  return { fileName: t('server:dataExport.fileName', { day: isoNow(ctx.clock).slice(0, 10) }), zip };
}

// ---------- closure ----------

export async function closureRequest(ctx: AppContext, scope: FamilyScope): Promise<ClosureRequestView> {
  const r = await ctx.db.selectFrom('privacy_request').selectAll().where('family_id', '=', scope.familyId).executeTakeFirst();
  return { requestedAt: r?.requested_at ?? null, reason: r?.reason ?? null };
}

/**
 * The family asks for its account to be closed; staff are told through the closure list, the family by e-mail.
 * Write discipline: conditional write, rows checked — `INSERT … ON CONFLICT DO NOTHING` on the request's key, so of two
 * requests at once (double click, two devices) one inserts and the other finds 0 rows: 409, no second audit line
 * or e-mail.
 */
export async function requestClosure(ctx: AppContext, scope: FamilyScope, reason: string | null): Promise<ClosureRequestView> {
  const now = isoNow(ctx.clock);
  await writeTransaction(ctx, async (trx) => {
    const inserted = await trx
      .insertInto('privacy_request')
      .values({ family_id: scope.familyId, requested_at: now, reason, closed_at: null, closed_by: null })
      .onConflict((oc) => oc.column('family_id').doNothing())
      .executeTakeFirst();
    if (affected(inserted) !== 1) throw new ConflictError('privacy.already_requested');
    await recordAudit(trx, ctx.clock, { id: scope.accountId, email: scope.email }, { action: 'privacy.closure_requested', familyId: scope.familyId, targetType: 'family', targetId: scope.familyId });
    const g1 = await firstGuardian(trx, scope.familyId);
    await enqueueMail(trx, ctx, scope.email, { template: 'privacy.closure_requested', firstName: g1?.firstName ?? '' }, scope.familyId);
  });
  return closureRequest(ctx, scope);
}

export async function pendingClosures(ctx: AppContext): Promise<ClosureRequestItem[]> {
  const requests = await ctx.db.selectFrom('privacy_request').select(['family_id', 'requested_at', 'reason']).where('closed_at', 'is', null).orderBy('requested_at').execute();
  const ids = requests.map((r) => r.family_id);
  const emails = await familyLoginEmails(ctx.db, ids);
  const g1s = await firstGuardians(ctx.db, ids);
  // a request whose family has no login (none in practice) is not listed: nobody could be told
  return requests.flatMap((r) => {
    const email = emails.get(r.family_id);
    if (email === undefined) return [];
    const g1 = g1s.get(r.family_id);
    return [{ familyId: r.family_id, familyName: `${g1?.lastName ?? ''} ${g1?.firstName ?? ''}`.trim(), email, requestedAt: r.requested_at, reason: r.reason }];
  });
}

const count = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0);

/**
 * Closes a family: erases or anonymizes its personal data everywhere, in one transaction, keeping only what the law
 * keeps (declared by the modules that hold it, see privacy.registry.ts). Row ids stay, so bookings and invoices still
 * add up; nothing left names, locates or describes the family. What stays and why: docs/data-retention.md.
 */
export async function closeFamily(ctx: AppContext, actor: Actor, familyId: string, confirmLastName: string, language: Language = 'fr'): Promise<ErasureReport> {
  const now = isoNow(ctx.clock);
  const all = participants();
  // Early answers without a transaction (404, 409, 400); all three are checked again under the lock below.
  if (!(await familyLogin(ctx.db, familyId))) throw new NotFoundError();
  const g1 = await firstGuardian(ctx.db, familyId);
  await throwIfClosed(ctx.db, familyId);
  if (!g1 || foldText(g1.lastName) !== foldText(confirmLastName)) throw new ValidationError([{ path: 'confirmLastName', code: 'privacy.confirm_required' }]);

  // what the participants prepare before the transaction (e.g. the children's empty health blocks, encrypted)
  const prepared = new Map<string, unknown>();
  for (const p of all) if (p.prepareErase) prepared.set(p.name, await p.prepareErase(ctx, familyId));
  let erased: Record<string, number> = {};
  let kept: LegalHold[] = [];
  const add = (table: string, n: number) => (erased[table] = (erased[table] ?? 0) + n);

  // Write discipline: lock what you read, in the fixed order of every write to a family's data — the family row
  // first (lockOpenFamily: the row the family's own edits, uploads and child saves lock), then its login and its
  // children. Everything the erasure depends on (closed or not, the confirmation name, the login e-mail, the children,
  // the guardians' e-mails) is read again under that lock: of two closures at once the second answers 409, and an
  // edit either lands before the closure (and is erased with the rest) or after it (409), never in between.
  await writeTransaction(ctx, async (trx) => {
    erased = {};
    kept = [];
    await lockOpenFamily(trx, familyId);
    const g1Now = await firstGuardian(trx, familyId);
    if (!g1Now || foldText(g1Now.lastName) !== foldText(confirmLastName))
      throw new ValidationError([{ path: 'confirmLastName', code: 'privacy.confirm_required' }]);
    const login = await lockFamilyLogin(trx, familyId);
    if (!login) throw new NotFoundError();
    const childIds = await lockChildrenOfFamily(trx, familyId);
    const emails = [...new Set([login.email, ...(await guardianEmails(trx, familyId))].map((e) => e.toLowerCase()))];
    const subject: ClosureSubject = { familyId, accountId: login.id, childIds, emails, now };
    // each module erases or anonymizes its part, and says what the law makes it keep
    for (const p of all) {
      const r = await p.erase(trx, ctx, familyId, subject, prepared.get(p.name));
      for (const [t, n] of Object.entries(r.erased)) add(t, n);
      kept.push(...r.kept);
    }
    // the request itself: its free text goes, the dates stay as the proof the request was handled
    await trx
      .insertInto('privacy_request')
      .values({ family_id: familyId, requested_at: now, reason: null, closed_at: now, closed_by: actor.id })
      .onConflict((oc) => oc.column('family_id').doUpdateSet({ reason: null, closed_at: now, closed_by: actor.id }))
      .execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'privacy.family_closed', familyId, targetType: 'family', targetId: familyId, details: { erased } });
  });
  // the reasons in the closing admin's language
  const tr = translator(language);
  const reasons = kept.map((h) => ({ table: h.table, rows: h.rows, reason: h.reasonKey ? tr(`server:legalHold.${h.reasonKey}`) : (h.reason ?? '') }));
  return { familyId, closedAt: now, erased, kept: reasons };
}

async function throwIfClosed(db: Executor, familyId: string): Promise<void> {
  const closed = await db.selectFrom('privacy_request').select('closed_at').where('family_id', '=', familyId).where('closed_at', 'is not', null).executeTakeFirst();
  if (closed) throw new ConflictError('privacy.family_closed');
}
