import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { deepFreeze, GenerationCache, type Generations } from '../../db/generations.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { isUniqueViolation } from '../../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { addDays, parisDateOf } from '../../../shared/calendar/paris-time.js';
import {
  EXPIRING_SOON_DAYS,
  MAX_FILES_PER_SUBMISSION,
  type ChecklistItem,
  type DocumentChecklist,
  type DocumentType,
  type ReviewItem,
  type Submission,
} from '../../../shared/document-contracts.js';
import { familyNames, firstGuardian, lockOpenFamily, type FamilyScope } from '../family/family.service.js';
import { childNames, childNamesOfFamily, isChildOfFamily } from '../child/child.service.js';
import { familyLogin } from '../account/account.logins.js';
import { listActivities } from '../catalog/catalog.service.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { affected, forUpdate, writeTransaction } from '../../db/write.js';
import * as repo from './document.repo.js';
import { cleanFileName, inspectFile } from './document.files.js';
import { covers, documentState, validUntil } from './document.rules.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface DocumentTypeValues {
  name: string;
  description: string | null;
  scope: 'family' | 'child';
  validityKind: 'none' | 'school_year' | 'months';
  validityMonths: number | null;
  required: boolean;
  requiredForActivityIds: string[];
  active: boolean;
}

function typeView(t: repo.TypeRow): DocumentType {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    scope: t.scope,
    validityKind: t.validity_kind,
    validityMonths: t.validity_months,
    required: t.required === 1,
    requiredForActivityIds: t.activity_ids,
    active: t.active === 1,
  };
}

// ---------- document types (staff) ----------

export async function listTypes(ctx: AppContext): Promise<DocumentType[]> {
  return (await repo.listTypes(ctx.db)).map(typeView);
}

export async function saveType(ctx: AppContext, actor: Actor, typeId: string | null, v: DocumentTypeValues): Promise<DocumentType> {
  const activityIds = [...new Set(v.requiredForActivityIds)];
  const id = typeId ?? randomUUID();
  const now = isoNow(ctx.clock);
  // Write discipline: lock what you read. An edit locks the type's row first, so two admins saving one type at once
  // run one after the other (its activity links are replaced whole, never interleaved into a mix of both). Two
  // new types with one name: the unique index decides (400 « document.name_taken »).
  try {
    await writeTransaction(ctx, async (trx) => {
      if (typeId && !(await forUpdate(trx, trx.selectFrom('document_type').select('id').where('id', '=', typeId)).executeTakeFirst()))
        throw new NotFoundError();
      if (activityIds.length) {
        const known = new Set((await listActivities(trx)).map((a) => a.id));
        if (!activityIds.every((a) => known.has(a))) throw new ValidationError([{ path: 'requiredForActivityIds', code: 'document.activity_unknown' }]);
      }
      const values = {
        name: v.name,
        description: v.description,
        scope: v.scope,
        validity_kind: v.validityKind,
        validity_months: v.validityKind === 'months' ? v.validityMonths : null,
        required: v.required ? 1 : 0,
        active: v.active ? 1 : 0,
        updated_at: now,
      };
      if (typeId) {
        const r = await trx.updateTable('document_type').set(values).where('id', '=', typeId).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new NotFoundError();
      } else {
        await trx.insertInto('document_type').values({ id, ...values, created_at: now }).execute();
      }
      await repo.setTypeActivities(trx, id, activityIds);
      await recordAudit(trx, ctx.clock, actor, {
        action: typeId ? 'document_type.updated' : 'document_type.created',
        targetType: 'document_type',
        targetId: id,
        details: { name: v.name, required: v.required, activities: activityIds.length },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError([{ path: 'name', code: 'document.name_taken' }]);
    throw err;
  }
  return typeView((await repo.findType(ctx.db, id))!);
}

// ---------- family: checklist, upload, download ----------

function submissionViews(subs: repo.SubmissionRow[], files: repo.FileMeta[], types: Map<string, repo.TypeRow>, names: Map<string, string>): Submission[] {
  return subs.map((s) => ({
    id: s.id,
    typeId: s.document_type_id,
    typeName: types.get(s.document_type_id)?.name ?? '',
    childId: s.child_id,
    childName: s.child_id ? (names.get(s.child_id) ?? null) : null,
    state: s.state,
    refusalReason: s.refusal_reason,
    submittedAt: s.submitted_at,
    reviewedAt: s.reviewed_at,
    validUntil: s.state === 'accepted' ? s.valid_until : null,
    files: files
      .filter((f) => f.submission_id === s.id)
      .map((f) => ({ id: f.id, fileName: f.file_name, mediaType: f.media_type, size: Number(f.size) })),
  }));
}

/** « Liste des documents à fournir »: every required (type, child) with its state, plus what was sent. */
export async function checklist(ctx: AppContext, familyId: string): Promise<DocumentChecklist> {
  const today = parisDateOf(ctx.clock.now());
  const [types, children, subs, activities] = await Promise.all([
    repo.listTypes(ctx.db, { activeOnly: true }),
    childNamesOfFamily(ctx.db, familyId),
    repo.familySubmissions(ctx.db, familyId),
    listActivities(ctx.db),
  ]);
  const activityName = new Map(activities.map((a) => [a.id, a.name]));
  const names = new Map(children.map((c) => [c.id, `${c.first_name} ${c.last_name}`]));
  const items: ChecklistItem[] = [];
  for (const t of types) {
    const needed = t.required === 1 || t.activity_ids.length > 0;
    const targets = t.scope === 'family' ? [null] : children.map((c) => c.id);
    for (const childId of targets) {
      const mine = subs.filter((s) => s.document_type_id === t.id && s.child_id === childId);
      if (!needed && mine.length === 0) continue;
      const st = documentState(mine, today);
      items.push({
        typeId: t.id,
        typeName: t.name,
        description: t.description,
        required: needed,
        childId,
        childName: childId ? names.get(childId)! : null,
        state: st.state,
        refusalReason: st.reason,
        validUntil: st.validUntil,
        requiredForActivities: t.activity_ids.map((a) => activityName.get(a) ?? '').filter(Boolean),
      });
    }
  }
  const typeMap = new Map(types.map((t) => [t.id, t]));
  for (const t of await repo.listTypes(ctx.db)) typeMap.set(t.id, t);
  const files = await repo.filesOf(ctx.db, subs.map((s) => s.id));
  return {
    items,
    submissions: submissionViews(subs, files, typeMap, names),
    types: types.map(typeView),
    children: children.map((c) => ({ id: c.id, name: `${c.first_name} ${c.last_name}` })),
  };
}

export interface IncomingFile {
  fileName: string | undefined;
  content: Buffer;
}

/**
 * Checks every file on its bytes, then stores the submission and its files in one transaction: nothing is stored
 * unless everything is valid. Per-file problems come back as `files.<i>` field codes.
 */
export async function submit(
  ctx: AppContext,
  scope: FamilyScope,
  input: { typeId: string | undefined; childId: string | undefined; files: IncomingFile[] },
): Promise<Submission> {
  const problems: { path: string; code: string }[] = [];
  // ids are UUIDs: anything else (control characters, odd bytes from a broken form) never reaches the database
  const idLike = (v: string | undefined) => v !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(v);
  if (input.childId && !idLike(input.childId)) throw new NotFoundError();
  const type = idLike(input.typeId) ? await repo.findType(ctx.db, input.typeId!) : undefined;
  if (!input.typeId) problems.push({ path: 'typeId', code: 'required' });
  else if (!type || type.active !== 1) problems.push({ path: 'typeId', code: 'document.type_unknown' });
  const childId = input.childId || null;
  if (type?.scope === 'child') {
    if (!childId) problems.push({ path: 'childId', code: 'document.child_required' });
    else {
      if (!(await isChildOfFamily(ctx.db, childId, scope.familyId))) throw new NotFoundError();
    }
  } else if (type && childId) problems.push({ path: 'childId', code: 'document.child_not_expected' });
  if (input.files.length === 0) problems.push({ path: 'files', code: 'document.no_file' });
  if (input.files.length > MAX_FILES_PER_SUBMISSION) problems.push({ path: 'files', code: 'document.too_many_files' });
  const checked = input.files.map((f, i) => {
    const v = inspectFile(f.content);
    if (!v.ok) problems.push({ path: `files.${i}`, code: v.code });
    return { f, v };
  });
  if (problems.length) throw new ValidationError(problems);

  const now = isoNow(ctx.clock);
  const id = randomUUID();
  const rows = checked.map(({ f, v }, position) => {
    if (!v.ok) throw new Error('unreachable');
    return {
      id: randomBytes(18).toString('base64url'),
      submission_id: id,
      position,
      file_name: cleanFileName(f.fileName, v.extension),
      media_type: v.mediaType,
      size: f.content.length,
      sha256: createHash('sha256').update(f.content).digest('hex'),
      content: f.content,
      created_at: now,
    };
  });
  // Write discipline: lock what you read. The family row first (lockOpenFamily: no upload lands after the family's
  // closure), then the checks made before the transaction are made again inside it: the type still active, the child
  // still the family's. A submission is only ever inserted, whole with its files, so it never races a review.
  await writeTransaction(ctx, async (trx) => {
    await lockOpenFamily(trx, scope.familyId);
    const live = await trx.selectFrom('document_type').select('id').where('id', '=', type!.id).where('active', '=', 1).executeTakeFirst();
    if (!live) throw new ValidationError([{ path: 'typeId', code: 'document.type_unknown' }]);
    if (type!.scope === 'child') {
      if (!(await isChildOfFamily(trx, childId!, scope.familyId))) throw new NotFoundError();
    }
    await trx
      .insertInto('document_submission')
      .values({
        id,
        family_id: scope.familyId,
        child_id: type!.scope === 'child' ? childId : null,
        document_type_id: type!.id,
        state: 'pending',
        refusal_reason: null,
        submitted_at: now,
        submitted_by: scope.accountId,
        reviewed_at: null,
        reviewed_by: null,
        valid_until: null,
        reminder_sent_at: null,
      })
      .execute();
    // one file per statement: a 10 MB parameter is enough for one round trip
    for (const r of rows) await trx.insertInto('document_file').values(r).execute();
  });
  // Read back after the commit: a closure of the family committed in between has already erased it — say that.
  if (!(await repo.findSubmission(ctx.db, id))) throw new ConflictError('privacy.family_closed');
  return submissionViewOf(ctx.db, id);
}

async function submissionViewOf(db: Executor, id: string): Promise<ReviewItem> {
  const s = await repo.findSubmission(db, id);
  if (!s) throw new NotFoundError();
  const [v] = await reviewViews(db, [s]);
  return v;
}

async function reviewViews(db: Executor, subs: repo.SubmissionRow[]): Promise<ReviewItem[]> {
  if (!subs.length) return [];
  const types = new Map((await repo.listTypes(db)).map((t) => [t.id, t]));
  const children = await childNames(db, subs.flatMap((s) => (s.child_id ? [s.child_id] : [])));
  const names = new Map([...children].map(([id, c]) => [id, `${c.first_name} ${c.last_name}`]));
  const familyName = await familyNames(db, subs.map((s) => s.family_id));
  const files = await repo.filesOf(db, subs.map((s) => s.id));
  return submissionViews(subs, files, types, names).map((v, i) => ({
    ...v,
    familyId: subs[i].family_id,
    familyName: familyName.get(subs[i].family_id) ?? '',
  }));
}

/** A family's own file; another family's answers the same 404 as a missing one. */
export async function familyFile(ctx: AppContext, scope: FamilyScope, fileId: string) {
  const f = await repo.findFile(ctx.db, fileId);
  if (!f || f.family_id !== scope.familyId) throw new NotFoundError();
  return f;
}

/** A file for staff review; every staff read is audited (documents may carry health or income data). */
export async function staffFile(ctx: AppContext, actor: Actor, fileId: string, disposition: 'inline' | 'attachment') {
  const f = await repo.findFile(ctx.db, fileId);
  if (!f) throw new NotFoundError();
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: disposition === 'inline' ? 'document.previewed' : 'document.downloaded',
    familyId: f.family_id,
    targetType: 'document_submission',
    targetId: f.submission_id,
  });
  return f;
}

// ---------- staff review ----------

export async function reviewQueue(ctx: AppContext): Promise<ReviewItem[]> {
  return reviewViews(ctx.db, await repo.pendingSubmissions(ctx.db));
}

export async function reviewItem(ctx: AppContext, submissionId: string): Promise<ReviewItem> {
  return submissionViewOf(ctx.db, submissionId);
}

/** Accepts (validity computed from today, Paris) or refuses with a reason; the family is e-mailed through the outbox. */
export async function review(
  ctx: AppContext,
  actor: Actor,
  submissionId: string,
  input: { decision: 'accept' | 'refuse'; reason: string | null },
): Promise<ReviewItem> {
  const now = isoNow(ctx.clock);
  const today = parisDateOf(ctx.clock.now());
  // Write discipline: conditional write, rows checked. The decision is `UPDATE … WHERE id = ? AND state = 'pending'`:
  // of two agents (or a double click, or accept racing refuse) one changes the row and the other finds 0 rows and
  // answers 409 « document.not_pending » — the audit line and the family's e-mail are written by the winner only.
  await writeTransaction(ctx, async (trx) => {
    const s = await repo.findSubmission(trx, submissionId);
    if (!s) throw new NotFoundError();
    if (s.state !== 'pending') throw new ConflictError('document.not_pending');
    const type = (await repo.findType(trx, s.document_type_id))!;
    const accepted = input.decision === 'accept';
    const until = accepted ? validUntil(type.validity_kind, type.validity_months, today) : null;
    const decided = await trx
      .updateTable('document_submission')
      .set({ state: accepted ? 'accepted' : 'refused', refusal_reason: accepted ? null : input.reason, reviewed_at: now, reviewed_by: actor.id, valid_until: until })
      .where('id', '=', s.id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (affected(decided) !== 1) throw new ConflictError('document.not_pending');
    await recordAudit(trx, ctx.clock, actor, {
      action: accepted ? 'document.accepted' : 'document.refused',
      familyId: s.family_id,
      targetType: 'document_submission',
      targetId: s.id,
      details: { type: type.name },
    });
    const to = await familyAddress(trx, s.family_id);
    const child = s.child_id ? (await childNames(trx, [s.child_id])).get(s.child_id) : undefined;
    const what = child ? `${type.name} (${child.first_name})` : type.name;
    if (to)
      await enqueueMail(
        trx,
        ctx,
        to.email,
        accepted
          ? { template: 'document.accepted', firstName: to.firstName, documentName: what, validUntil: until }
          : { template: 'document.refused', firstName: to.firstName, documentName: what, reason: input.reason ?? '' },
        s.family_id,
      );
  });
  return submissionViewOf(ctx.db, submissionId);
}

/** Where a decision about the family's documents is mailed: its login (unless disabled) and guardian 1's first name. */
async function familyAddress(db: Executor, familyId: string) {
  const login = await familyLogin(db, familyId);
  if (!login || login.status === 'disabled') return null;
  return { email: login.email, firstName: (await firstGuardian(db, familyId))?.firstName ?? '' };
}

// ---------- booking ----------

/**
 * For booking: the names of the documents an activity requires that the family has not had accepted for `day`
 * (per child for child documents). An empty list means nothing is missing.
 */
const requiredTypes = new GenerationCache<Awaited<ReturnType<typeof repo.typesRequiredFor>>>('documents');

/**
 * The documents missing for a booking, by day. With `gens` (src/server/db/generations.ts), the activity's required
 * types come from this instance's cache while the document configuration has not changed.
 */
export async function missingDocuments(
  db: Executor,
  familyId: string,
  childId: string,
  activityId: string,
  days: string[],
  gens?: Generations,
): Promise<Map<string, string[]>> {
  const types = gens
    ? await requiredTypes.get(db, gens, activityId, async () => deepFreeze(await repo.typesRequiredFor(db, activityId)))
    : await repo.typesRequiredFor(db, activityId);
  const out = new Map<string, string[]>();
  if (!types.length) return out;
  const subs = await db
    .selectFrom('document_submission')
    .select(['document_type_id', 'child_id', 'state', 'valid_until'])
    .where('family_id', '=', familyId)
    .where('state', '=', 'accepted')
    .where('document_type_id', 'in', types.map((t) => t.id))
    .execute();
  for (const day of days) {
    const missing = types
      .filter((t) => !subs.some((s) => s.document_type_id === t.id && (t.scope === 'family' || s.child_id === childId) && covers(s, day)))
      .map((t) => t.name);
    if (missing.length) out.set(day, missing);
  }
  return out;
}

// ---------- reminders (job) ----------

/**
 * E-mails each family once about an accepted document that ends within EXPIRING_SOON_DAYS and has no newer
 * submission. Write discipline: conditional write, rows checked — the row is claimed by
 * `UPDATE … SET reminder_sent_at WHERE id = ? AND reminder_sent_at IS NULL`, and only the instance that changed it
 * (1 row) enqueues the e-mail, in the same transaction: several instances at once never send it twice.
 */
export async function sendExpiryReminders(ctx: AppContext): Promise<number> {
  const today = parisDateOf(ctx.clock.now());
  const horizon = addDays(today, EXPIRING_SOON_DAYS);
  const due = await ctx.db
    .selectFrom('document_submission as s')
    .innerJoin('document_type as t', 't.id', 's.document_type_id')
    .select(['s.id', 's.family_id', 's.child_id', 's.document_type_id', 's.valid_until', 's.submitted_at', 't.name'])
    .where('s.state', '=', 'accepted')
    .where('s.reminder_sent_at', 'is', null)
    .where('s.valid_until', 'is not', null)
    .where('s.valid_until', '>=', today)
    .where('s.valid_until', '<', horizon)
    .where('t.active', '=', 1)
    .limit(200)
    .execute();
  let sent = 0;
  for (const d of due) {
    const done = await writeTransaction(ctx, async (trx) => {
      const newer = await trx
        .selectFrom('document_submission')
        .select('id')
        .where('family_id', '=', d.family_id)
        .where('document_type_id', '=', d.document_type_id)
        .where((eb) => (d.child_id ? eb('child_id', '=', d.child_id) : eb('child_id', 'is', null)))
        .where('submitted_at', '>', d.submitted_at)
        .where('state', '!=', 'refused')
        .executeTakeFirst();
      const claimed = await trx
        .updateTable('document_submission')
        .set({ reminder_sent_at: isoNow(ctx.clock) })
        .where('id', '=', d.id)
        .where('reminder_sent_at', 'is', null)
        .executeTakeFirst();
      if (affected(claimed) !== 1 || newer) return false;
      const to = await familyAddress(trx, d.family_id);
      if (!to) return false;
      const child = d.child_id ? (await childNames(trx, [d.child_id])).get(d.child_id) : undefined;
      await enqueueMail(
        trx,
        ctx,
        to.email,
        { template: 'document.expiring', firstName: to.firstName, documentName: child ? `${d.name} (${child.first_name})` : d.name, validUntil: d.valid_until! },
        d.family_id,
      );
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

/** The family's document submissions for its log (issue 11, « Journal du foyer »): who sent which document, when. */
export async function submissionsForLog(
  db: Executor,
  familyId: string,
): Promise<{ submittedAt: string; submittedBy: string | null; typeName: string; childId: string | null; state: 'pending' | 'accepted' | 'refused'; reviewedAt: string | null }[]> {
  const rows = await db
    .selectFrom('document_submission')
    .innerJoin('document_type', 'document_type.id', 'document_submission.document_type_id')
    .select([
      'document_submission.submitted_at',
      'document_submission.submitted_by',
      'document_type.name',
      'document_submission.child_id',
      'document_submission.state',
      'document_submission.reviewed_at',
    ])
    .where('document_submission.family_id', '=', familyId)
    .orderBy('document_submission.submitted_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ submittedAt: r.submitted_at, submittedBy: r.submitted_by, typeName: r.name, childId: r.child_id, state: r.state, reviewedAt: r.reviewed_at }));
}
