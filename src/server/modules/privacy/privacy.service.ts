import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { healthCipher, type AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { ClosureRequestItem, ClosureRequestView, ErasureReport, FamilyExport } from '../../../shared/document-contracts.js';
import type { FamilyScope } from '../family/family.service.js';
import { getFamilyRecord } from '../family/family.service.js';
import { getChild, listHealthAccesses } from '../child/child.service.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { maskMailTokens } from '../mail/mail.redact.js';
import { affected, forUpdate, writeTransaction } from '../../db/write.js';
import { privacyParticipants, type LegalHold } from './privacy.registry.js';
import { buildZip, type ZipEntry } from './zip.js';
import { foldText } from '../../db/text-fold.js';
import { stripInvisible } from '../../../shared/text.js';

type Executor = Kysely<DB> | Transaction<DB>;

const EXPORT_FORMAT = 'portail-familles/export@1' as const;

/** Zip-safe path segment from a family's file name. */
const segment = (s: string) => stripInvisible(s).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_').slice(0, 120) || 'document';

/**
 * The right of access and portability: everything the portal holds about the family, as `donnees.json` plus the files
 * it sent, in one ZIP. Health data is decrypted (it is the family's own).
 */
export async function exportFamily(ctx: AppContext, scope: FamilyScope): Promise<{ fileName: string; zip: Buffer }> {
  const db = ctx.db;
  const familyId = scope.familyId;
  const account = await db
    .selectFrom('account')
    .select(['id', 'email', 'status', 'created_at', 'validated_at', 'last_login_at', 'password_changed_at'])
    .where('family_id', '=', familyId)
    .where('kind', '=', 'family')
    .executeTakeFirstOrThrow();
  const family = await getFamilyRecord(ctx, scope);
  const childIds = await db.selectFrom('child').select('id').where('family_id', '=', familyId).orderBy('created_at').execute();
  const children = [];
  for (const c of childIds) children.push(await getChild(ctx, scope, c.id));
  const reservations = await db.selectFrom('reservation').selectAll().where('family_id', '=', familyId).orderBy('id').execute();
  const lines = reservations.length
    ? await db.selectFrom('reservation_line').selectAll().where('reservation_id', 'in', reservations.map((r) => r.id)).orderBy('id').execute()
    : [];
  const bookings = await db.selectFrom('booking').selectAll().where('family_id', '=', familyId).orderBy('day').orderBy('id').execute();
  const subs = await db
    .selectFrom('document_submission as s')
    .innerJoin('document_type as t', 't.id', 's.document_type_id')
    .select(['s.id', 's.child_id', 's.state', 's.refusal_reason', 's.submitted_at', 's.reviewed_at', 's.valid_until', 't.name as type_name'])
    .where('s.family_id', '=', familyId)
    .orderBy('s.submitted_at')
    .execute();
  const entries: ZipEntry[] = [];
  const documents: FamilyExport['documents'] = [];
  for (const s of subs) {
    const files = await db
      .selectFrom('document_file')
      .select(['id', 'file_name', 'media_type', 'size', 'content', 'position'])
      .where('submission_id', '=', s.id)
      .orderBy('position')
      .execute();
    const listed = files.map((f) => {
      const path = `documents/${s.id}/${f.position + 1}-${segment(f.file_name)}`;
      entries.push({ path, data: Buffer.from(f.content) });
      return { path, fileName: f.file_name, mediaType: f.media_type, size: Number(f.size) };
    });
    documents.push({ ...s, files: listed });
  }
  // the mails as the family received them, but without their single-use links (reset, e-mail confirmation): whoever
  // holds the export (a session is enough to download it) must not be able to use them
  const messages = (
    await db
      .selectFrom('outbox')
      .select(['created_at', 'template', 'to_address', 'subject', 'text_body', 'status', 'sent_at'])
      .where('family_id', '=', familyId)
      .orderBy('id')
      .execute()
  ).map((m) => ({ ...m, text_body: maskMailTokens(m.text_body) }));
  const other: FamilyExport['other'] = {};
  for (const p of privacyParticipants()) if (p.exportRows) Object.assign(other, await p.exportRows(db, ctx, familyId));
  const closure = await db.selectFrom('privacy_request').selectAll().where('family_id', '=', familyId).executeTakeFirst();
  const data: FamilyExport = {
    format: EXPORT_FORMAT,
    exportedAt: isoNow(ctx.clock),
    account: { ...account, closureRequest: closure ?? null },
    family: family as unknown as Record<string, unknown>,
    children: children as unknown as Record<string, unknown>[],
    bookings,
    reservations: reservations.map((r) => ({ ...r, lines: lines.filter((l) => l.reservation_id === r.id) })),
    documents,
    messages,
    healthAccesses: (await listHealthAccesses(ctx, scope)) as unknown as Record<string, unknown>[],
    other,
  };
  const json = Buffer.from(JSON.stringify(data, null, 2), 'utf8');
  const readme = Buffer.from(
    'Vos données du Portail Familles (droit d’accès et de portabilité, RGPD art. 15 et 20).\r\n\r\n' +
      '- donnees.json : votre compte, votre famille, les fiches de vos enfants (renseignements médicaux compris), vos réservations, vos documents et les courriels envoyés.\r\n' +
      '- documents/ : les fichiers que vous avez transmis.\r\n',
    'utf8',
  );
  const zip = buildZip([{ path: 'LISEZMOI.txt', data: readme }, { path: 'donnees.json', data: json }, ...entries], ctx.clock.now());
  await recordAudit(ctx.db, ctx.clock, { id: scope.accountId, email: scope.email }, { action: 'privacy.exported', familyId, targetType: 'family', targetId: familyId });
  return { fileName: `mes-donnees-${isoNow(ctx.clock).slice(0, 10)}.zip`, zip };
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
    const g1 = await trx.selectFrom('guardian').select('first_name').where('family_id', '=', scope.familyId).where('rank', '=', 1).executeTakeFirst();
    await enqueueMail(trx, ctx, scope.email, { template: 'privacy.closure_requested', firstName: g1?.first_name ?? '' }, scope.familyId);
  });
  return closureRequest(ctx, scope);
}

export async function pendingClosures(ctx: AppContext): Promise<ClosureRequestItem[]> {
  const rows = await ctx.db
    .selectFrom('privacy_request as p')
    .innerJoin('account as a', (j) => j.onRef('a.family_id', '=', 'p.family_id').on('a.kind', '=', 'family'))
    .leftJoin('guardian as g', (j) => j.onRef('g.family_id', '=', 'p.family_id').on('g.rank', '=', 1))
    .select(['p.family_id', 'p.requested_at', 'p.reason', 'a.email', 'g.last_name', 'g.first_name'])
    .where('p.closed_at', 'is', null)
    .orderBy('p.requested_at')
    .execute();
  return rows.map((r) => ({
    familyId: r.family_id,
    familyName: `${r.last_name ?? ''} ${r.first_name ?? ''}`.trim(),
    email: r.email,
    requestedAt: r.requested_at,
    reason: r.reason,
  }));
}

const count = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0);

/**
 * Closes a family: erases or anonymizes its personal data everywhere, in one transaction, keeping only what the law
 * keeps (declared by the modules that hold it, see privacy.registry.ts). Row ids stay, so bookings and invoices still
 * add up; nothing left names, locates or describes the family. What stays and why: docs/data-retention.md.
 */
export async function closeFamily(ctx: AppContext, actor: Actor, familyId: string, confirmLastName: string): Promise<ErasureReport> {
  const now = isoNow(ctx.clock);
  const cipher = healthCipher(ctx);
  // Early answers without a transaction (404, 409, 400); all three are checked again under the lock below.
  const account = await ctx.db.selectFrom('account').select(['id']).where('family_id', '=', familyId).where('kind', '=', 'family').executeTakeFirst();
  if (!account) throw new NotFoundError();
  const g1 = await ctx.db.selectFrom('guardian').select(['last_name']).where('family_id', '=', familyId).where('rank', '=', 1).executeTakeFirst();
  await throwIfClosed(ctx.db, familyId);
  if (!g1 || foldText(g1.last_name) !== foldText(confirmLastName)) throw new ValidationError([{ path: 'confirmLastName', code: 'privacy.confirm_required' }]);

  // Encrypt the empty health blocks before the transaction (no CPU work inside it); a child added meanwhile gets
  // its block inside (one small encryption).
  const emptyHealthOf = (childId: string) =>
    cipher.encrypt(
      JSON.stringify({ v: 1, vaccinationsUpToDate: null, lastVaccinationDate: null, diseases: [], allergies: [], medicalHistory: null, observations: null, carePlan: null, doctor: { name: null, phone: null, address: null } }),
      `child:${childId}:health`,
    );
  const emptyHealth = new Map(
    (await ctx.db.selectFrom('child').select('id').where('family_id', '=', familyId).execute()).map((c) => [c.id, emptyHealthOf(c.id)]),
  );
  let erased: Record<string, number> = {};
  let kept: LegalHold[] = [];
  const add = (table: string, n: number) => (erased[table] = (erased[table] ?? 0) + n);

  // Write discipline: lock what you read, in the fixed order of every write to a family's data — the family row
  // first (the row lockOpenFamily locks for the family's own edits, uploads and child saves), then its account and its
  // children. Everything the erasure depends on (closed or not, the confirmation name, the login e-mail, the children,
  // the guardians' e-mails) is read again under that lock: of two closures at once the second answers 409, and an
  // edit either lands before the closure (and is erased with the rest) or after it (409), never in between.
  await writeTransaction(ctx, async (trx) => {
    erased = {};
    kept = [];
    const family = await forUpdate(trx, trx.selectFrom('family').select('id').where('id', '=', familyId)).executeTakeFirst();
    if (!family) throw new NotFoundError();
    await throwIfClosed(trx, familyId);
    const g1Now = await trx.selectFrom('guardian').select(['last_name']).where('family_id', '=', familyId).where('rank', '=', 1).executeTakeFirst();
    if (!g1Now || foldText(g1Now.last_name) !== foldText(confirmLastName))
      throw new ValidationError([{ path: 'confirmLastName', code: 'privacy.confirm_required' }]);
    const account = await forUpdate(
      trx,
      trx.selectFrom('account').select(['id', 'email']).where('family_id', '=', familyId).where('kind', '=', 'family').orderBy('id'),
    ).executeTakeFirst();
    if (!account) throw new NotFoundError();
    const children = await forUpdate(trx, trx.selectFrom('child').select(['id', 'birth_date']).where('family_id', '=', familyId).orderBy('id')).execute();
    const childIds = children.map((c) => c.id);
    const guardianEmails = (await trx.selectFrom('guardian').select('email').where('family_id', '=', familyId).execute()).map((g) => g.email).filter((e): e is string => !!e);
    const emails = [...new Set([account.email, ...guardianEmails].map((e) => e.toLowerCase()))];
    // uploads
    const subs = (await trx.selectFrom('document_submission').select('id').where('family_id', '=', familyId).execute()).map((s) => s.id);
    if (subs.length) add('document_file', count(await trx.deleteFrom('document_file').where('submission_id', 'in', subs).executeTakeFirst()));
    add('document_submission', count(await trx.deleteFrom('document_submission').where('family_id', '=', familyId).executeTakeFirst()));
    // children: the rows stay (bookings point at them), anonymized; everything around them goes
    if (childIds.length) {
      for (const t of ['child_pickup', 'child_contact', 'child_authorization', 'child_history'] as const)
        add(t, count(await trx.deleteFrom(t).where('child_id', 'in', childIds).executeTakeFirst()));
      for (const c of children)
        await trx
          .updateTable('child')
          .set({
            last_name: 'Anonyme',
            first_name: 'Enfant',
            // the year alone: attendance and invoice statistics by age, nothing more
            birth_date: `${c.birth_date.slice(0, 4)}-01-01`,
            school: null,
            school_class: null,
            diet_item_id: null,
            diet_label: null,
            health_data: emptyHealth.get(c.id) ?? emptyHealthOf(c.id),
            search_key: 'anonyme enfant',
            updated_at: now,
          })
          .where('id', '=', c.id)
          .execute();
      add('child', children.length);
    }
    // household
    add('guardian', count(await trx.deleteFrom('guardian').where('family_id', '=', familyId).where('rank', '!=', 1).executeTakeFirst()));
    await trx
      .updateTable('guardian')
      .set({ civility: null, last_name: 'Famille clôturée', first_name: '', birth_date: null, mobile_phone: null, home_phone: null, work_phone: null, email: null, profession: null, employer: null })
      .where('family_id', '=', familyId)
      .execute();
    add('guardian', 1);
    await trx
      .updateTable('family')
      .set({ address_line1: null, address_line2: null, postal_code: null, city: null, insee_code: null, family_situation: null, benefits_regime: null, benefits_number: null, family_quotient: null, updated_at: now })
      .where('id', '=', familyId)
      .execute();
    add('family', 1);
    // the login: no e-mail, no usable password, no session, no pending link
    add('session', count(await trx.deleteFrom('session').where('account_id', '=', account.id).executeTakeFirst()));
    add('account_token', count(await trx.deleteFrom('account_token').where('account_id', '=', account.id).executeTakeFirst()));
    for (const e of emails) add('throttle', count(await trx.deleteFrom('throttle').where('key', 'like', `%:${e}`).executeTakeFirst()));
    await trx
      .updateTable('account')
      .set({ email: `ferme-${account.id}@invalid.invalid`, password_hash: '!closed', status: 'disabled', display_name: null, rejection_reason: null, updated_at: now })
      .where('id', '=', account.id)
      .execute();
    add('account', 1);
    // mail: what was sent to the family, and anything still queued
    add('outbox', count(await trx.deleteFrom('outbox').where((eb) => eb.or([eb('family_id', '=', familyId), eb('to_address', 'in', emails)])).executeTakeFirst()));
    // audit log: the lines stay (who did what, when, for accountability) without their details or the family's e-mail
    add(
      'audit_log',
      count(
        await trx
          .updateTable('audit_log')
          .set({ details: null })
          .where((eb) =>
            eb.or([
              eb('family_id', '=', familyId),
              eb('actor_account_id', '=', account.id),
              eb('target_id', '=', account.id),
              ...(childIds.length ? [eb('target_id', 'in', childIds)] : []),
            ]),
          )
          .executeTakeFirst(),
      ),
    );
    await trx.updateTable('audit_log').set({ actor_email: null }).where('actor_account_id', '=', account.id).execute();
    // the request itself: its free text goes, the dates stay as the proof the request was handled
    await trx
      .insertInto('privacy_request')
      .values({ family_id: familyId, requested_at: now, reason: null, closed_at: now, closed_by: actor.id })
      .onConflict((oc) => oc.column('family_id').doUpdateSet({ reason: null, closed_at: now, closed_by: actor.id }))
      .execute();
    for (const p of privacyParticipants()) {
      const r = await p.erase(trx, ctx, familyId);
      for (const [t, n] of Object.entries(r.erased)) add(t, n);
      kept.push(...r.kept);
    }
    await recordAudit(trx, ctx.clock, actor, { action: 'privacy.family_closed', familyId, targetType: 'family', targetId: familyId, details: { erased } });
  });
  return { familyId, closedAt: now, erased, kept };
}

async function throwIfClosed(db: Executor, familyId: string): Promise<void> {
  const closed = await db.selectFrom('privacy_request').select('closed_at').where('family_id', '=', familyId).where('closed_at', 'is not', null).executeTakeFirst();
  if (closed) throw new ConflictError('privacy.family_closed');
}
