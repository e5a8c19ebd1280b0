import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { addMs, isoNow } from '../../clock.js';
import { isUniqueViolation } from '../../db/database.js';
import { affected, forUpdate, writeTransaction } from '../../db/write.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { firstGuardian, lockOpenFamily } from '../family/family.service.js';
import type {
  FamilyInvitation,
  FamilyMember,
  InvitationAcceptInput,
  InvitationInput,
  InvitationPreview,
  InvitationState,
  MemberRights,
  MembersView,
} from '../../../shared/member-contracts.js';
import { hashPassword } from './account.password.js';
import { checkNewPassword } from './password-strength.js';
import { createSession, deleteOtherSessions, deleteSession, hashToken, memberFactsOf, newToken, type SessionAccount } from './account.sessions.js';
import { linkTo } from './account.tokens.js';
import type { RequestMeta } from './account.service.js';
import * as repo from './account.repo.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** An invitation link works for 7 days, once. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;
/** The web app's page a mailed invitation opens. */
export const INVITATION_PAGE = '/invitation';

/** Who acts on a family's members: one of its members (the holder, or a member leaving) or a staff account. */
export interface MemberActor extends Actor {
  kind: 'family' | 'staff';
}

const MEMBER_COLUMNS = ['id', 'email', 'display_name', 'status', 'member_role', 'guardian_rank', 'can_book', 'can_pay', 'can_edit', 'created_at', 'last_login_at'] as const;

type MemberRow = Awaited<ReturnType<typeof memberRows>>[number];

function memberRows(db: Executor, familyId: string) {
  return db
    .selectFrom('account')
    .select(MEMBER_COLUMNS)
    .where('family_id', '=', familyId)
    .where('kind', '=', 'family')
    .where('member_role', 'is not', null)
    .orderBy('member_role') // the holder first ('holder' < 'member'), then the longest-standing
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Locks every member account of the family, in id order (the order of `lockFamilyLogin`, after the family row), and
 * returns them oldest first.
 */
async function lockMembers(trx: Executor, familyId: string): Promise<MemberRow[]> {
  const rows = await forUpdate(
    trx,
    trx.selectFrom('account').select(MEMBER_COLUMNS).where('family_id', '=', familyId).where('kind', '=', 'family').where('member_role', 'is not', null).orderBy('id'),
  ).execute();
  return rows.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

const bit = (b: boolean) => (b ? 1 : 0);

function toMember(r: MemberRow): FamilyMember {
  const f = memberFactsOf(r);
  return {
    accountId: r.id,
    displayName: r.display_name ?? r.email,
    email: r.email,
    role: f.member_role ?? 'member',
    guardianRank: r.guardian_rank,
    status: r.status,
    rights: { canBook: f.can_book, canPay: f.can_pay, canEdit: f.can_edit },
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
  };
}

type InvitationRow = Awaited<ReturnType<typeof findInvitationByToken>>;

function invitationState(r: { accepted_at: string | null; withdrawn_at: string | null; expires_at: string }, now: string): InvitationState {
  if (r.accepted_at) return 'accepted';
  if (r.withdrawn_at) return 'withdrawn';
  if (r.expires_at <= now) return 'expired';
  return 'pending';
}

async function namesOf(db: Executor, ids: string[]): Promise<Map<string, { name: string; kind: 'family' | 'staff' }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('account').select(['id', 'display_name', 'email', 'kind']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { name: r.display_name ?? r.email, kind: r.kind }]));
}

/** « Membres du foyer »: the members (oldest first) and the invitations of the last 90 days. */
export async function listMembers(ctx: AppContext, familyId: string): Promise<MembersView> {
  const now = isoNow(ctx.clock);
  const members = await memberRows(ctx.db, familyId);
  const invitations = await ctx.db
    .selectFrom('family_invitation')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('created_at', '>', addMs(now, -90 * 24 * 3_600_000))
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  const names = await namesOf(ctx.db, invitations.map((i) => i.created_by));
  return {
    members: members.map(toMember),
    invitations: invitations.map(
      (i): FamilyInvitation => ({
        id: i.id,
        email: i.email,
        guardianRank: i.guardian_rank,
        rights: { canBook: i.can_book === 1, canPay: i.can_pay === 1, canEdit: i.can_edit === 1 },
        state: invitationState(i, now),
        createdAt: i.created_at,
        expiresAt: i.expires_at,
        invitedBy: names.get(i.created_by)?.kind === 'family' ? (names.get(i.created_by)?.name ?? null) : null,
      }),
    ),
  };
}

/** The members of a family for the staff's family page (404 for an unknown family). */
export async function listMembersAsStaff(ctx: AppContext, familyId: string): Promise<MembersView> {
  const exists = await ctx.db.selectFrom('account').select('id').where('family_id', '=', familyId).where('kind', '=', 'family').executeTakeFirst();
  if (!exists) throw new NotFoundError();
  return listMembers(ctx, familyId);
}

// ---------- invitations ----------

/**
 * Invites a second member (the holder, or staff): a mail with a single-use link valid 7 days. One login per guardian:
 * a guardian who already has a login, or a pending invitation, answers 409. An address that is already an account's
 * login gets the same answer as any other (the inviter learns nothing about it); its mail says that it cannot be used.
 *
 * Write discipline: lock what you read — the family row (lockOpenFamily: 409 when closed), then its members in id
 * order, then the family's pending invitations are read: two invitations for one guardian at once are serialized and
 * the second answers 409 « member.invitation_pending ».
 */
export async function invite(ctx: AppContext, actor: MemberActor, familyId: string, input: InvitationInput): Promise<FamilyInvitation> {
  const now = isoNow(ctx.clock);
  const token = newToken();
  const id = randomUUID();
  const expiresAt = addMs(now, INVITATION_TTL_MS);
  const taken = Boolean(await repo.findAccountByEmail(ctx.db, input.email));
  await writeTransaction(ctx, async (trx) => {
    await lockOpenFamily(trx, familyId);
    const members = await lockMembers(trx, familyId);
    if (!members.length) throw new NotFoundError();
    if (members.some((m) => m.guardian_rank === input.guardianRank)) throw new ConflictError('member.rank_taken');
    const pending = await trx
      .selectFrom('family_invitation')
      .select(['id', 'guardian_rank', 'email'])
      .where('family_id', '=', familyId)
      .where('accepted_at', 'is', null)
      .where('withdrawn_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    if (pending.some((p) => p.guardian_rank === input.guardianRank || p.email === input.email)) throw new ConflictError('member.invitation_pending');
    await trx
      .insertInto('family_invitation')
      .values({
        id,
        family_id: familyId,
        email: input.email,
        guardian_rank: input.guardianRank,
        can_book: bit(input.rights.canBook),
        can_pay: bit(input.rights.canPay),
        can_edit: bit(input.rights.canEdit),
        token_hash: hashToken(token),
        created_by: actor.id,
        created_at: now,
        expires_at: expiresAt,
        accepted_at: null,
        accepted_account_id: null,
        withdrawn_at: null,
        withdrawn_by: null,
      })
      .execute();
    const g1 = await firstGuardian(trx, familyId);
    const familyName = g1 ? `${g1.firstName} ${g1.lastName}` : '';
    const holder = members.find((m) => m.member_role === 'holder');
    const inviterName = actor.kind === 'family' ? (members.find((m) => m.id === actor.id)?.display_name ?? familyName) : null;
    // The invitee is not an account yet: the mail is written in the inviting member's language (the holder's for staff).
    const language = (await repo.findAccountById(trx, actor.kind === 'family' ? actor.id : (holder?.id ?? actor.id)))?.language ?? 'fr';
    await enqueueMail(
      trx,
      ctx,
      input.email,
      taken
        ? { template: 'member.invitation_taken', familyName, loginUrl: `${ctx.config.publicUrl}/` }
        : { template: 'member.invitation', inviterName, familyName, email: input.email, acceptUrl: linkTo(ctx, INVITATION_PAGE, token), expiresAt },
      familyId,
      language,
    );
    await recordAudit(trx, ctx.clock, actor, {
      action: 'member.invited',
      familyId,
      targetType: 'invitation',
      targetId: id,
      details: { email: input.email, guardianRank: input.guardianRank, rights: input.rights },
    });
  });
  return (await listMembers(ctx, familyId)).invitations.find((i) => i.id === id)!;
}

/**
 * Withdraws a pending invitation. Write discipline: conditional write, rows checked — `UPDATE … WHERE accepted_at IS
 * NULL AND withdrawn_at IS NULL`: against an acceptance at the same moment (which is conditional on the same columns),
 * exactly one wins; the loser answers 409 « member.invitation_not_pending » (withdraw) or the link's state (accept).
 */
export async function withdrawInvitation(ctx: AppContext, actor: MemberActor, familyId: string, invitationId: string): Promise<void> {
  const now = isoNow(ctx.clock);
  await writeTransaction(ctx, async (trx) => {
    const row = await trx.selectFrom('family_invitation').select(['id', 'email']).where('id', '=', invitationId).where('family_id', '=', familyId).executeTakeFirst();
    if (!row) throw new NotFoundError();
    const res = await trx
      .updateTable('family_invitation')
      .set({ withdrawn_at: now, withdrawn_by: actor.id })
      .where('id', '=', invitationId)
      .where('accepted_at', 'is', null)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (affected(res) !== 1) throw new ConflictError('member.invitation_not_pending');
    await recordAudit(trx, ctx.clock, actor, { action: 'member.invitation_withdrawn', familyId, targetType: 'invitation', targetId: invitationId, details: { email: row.email } });
  });
}

async function findInvitationByToken(db: Executor, token: string) {
  return db.selectFrom('family_invitation').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
}

function refusal(state: InvitationState | 'unknown'): AppError {
  const code =
    state === 'accepted' ? 'member.invitation_used' : state === 'withdrawn' ? 'member.invitation_withdrawn' : state === 'expired' ? 'member.invitation_expired' : 'member.invitation_invalid';
  return new AppError(code, state === 'unknown' ? 400 : 409);
}

/** A live invitation, or the refusal that says plainly why the link no longer works. */
async function liveInvitation(ctx: AppContext, db: Executor, token: string): Promise<NonNullable<InvitationRow>> {
  const row = await findInvitationByToken(db, token);
  if (!row) throw refusal('unknown');
  const state = invitationState(row, isoNow(ctx.clock));
  if (state !== 'pending') throw refusal(state);
  return row;
}

/** The accept page, on opening: whom the link invites, or why it no longer works (400/409 with a plain message). */
export async function previewInvitation(ctx: AppContext, token: string): Promise<InvitationPreview> {
  const row = await liveInvitation(ctx, ctx.db, token);
  const g1 = await firstGuardian(ctx.db, row.family_id);
  const by = (await namesOf(ctx.db, [row.created_by])).get(row.created_by);
  return {
    email: row.email,
    familyName: g1 ? `${g1.firstName} ${g1.lastName}` : '',
    invitedBy: by?.kind === 'family' ? by.name : null,
    guardianRank: row.guardian_rank,
    rights: { canBook: row.can_book === 1, canPay: row.can_pay === 1, canEdit: row.can_edit === 1 },
    expiresAt: row.expires_at,
  };
}

const emailTaken = () => new ValidationError([{ path: 'token', code: 'member.invitation_email_taken' }]);

/**
 * Accepts an invitation: a new member account whose login is the invited address, with the invitee's own password,
 * signed in at once. Active at once when the family's holder is active (a validated family: no new validation);
 * pending with a still-pending family, and opened when staff validate it.
 *
 * Write discipline: the family row, then its members locked in id order (so a validation of the holder, a member
 * leaving or a second acceptance waits), then conditional write, rows checked, on the invitation (`accepted_at IS
 * NULL AND withdrawn_at IS NULL AND expires_at > now`): of two devices accepting one link at once, one creates the
 * account, the other answers 409 « member.invitation_used »; a withdrawal that won first answers « withdrawn ». The
 * unique e-mail index and the unique (family, guardian) index are the last guards (the transaction is rolled back whole).
 */
export async function acceptInvitation(
  ctx: AppContext,
  input: InvitationAcceptInput,
  meta: RequestMeta,
): Promise<{ token: string; account: SessionAccount }> {
  const peek = await liveInvitation(ctx, ctx.db, input.token);
  if (await repo.findAccountByEmail(ctx.db, peek.email)) throw emailTaken();
  const problem = await checkNewPassword(input.password, { email: peek.email, names: [input.firstName, input.lastName] });
  if (problem) throw new ValidationError([{ path: 'password', code: problem }]);
  const passwordHash = await hashPassword(input.password);
  const accountId = randomUUID();
  const now = isoNow(ctx.clock);
  const language = (await repo.findAccountById(ctx.db, peek.created_by))?.language ?? 'fr';
  try {
    return await writeTransaction(ctx, async (trx) => {
      await lockOpenFamily(trx, peek.family_id);
      const members = await lockMembers(trx, peek.family_id);
      const res = await trx
        .updateTable('family_invitation')
        .set({ accepted_at: now, accepted_account_id: accountId })
        .where('id', '=', peek.id)
        .where('accepted_at', 'is', null)
        .where('withdrawn_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (affected(res) !== 1) {
        const again = await trx.selectFrom('family_invitation').selectAll().where('id', '=', peek.id).executeTakeFirstOrThrow();
        throw refusal(invitationState(again, now));
      }
      if (members.some((m) => m.guardian_rank === peek.guardian_rank)) throw new ConflictError('member.rank_taken');
      const holder = members.find((m) => m.member_role === 'holder');
      if (!holder || holder.status === 'rejected' || holder.status === 'disabled') throw refusal('unknown');
      const status = holder.status === 'active' ? 'active' : 'pending';
      await repo.insertAccount(trx, {
        id: accountId,
        email: peek.email,
        password_hash: passwordHash,
        kind: 'family',
        role: null,
        status,
        family_id: peek.family_id,
        display_name: `${input.firstName} ${input.lastName}`,
        language,
        member_role: 'member',
        can_book: peek.can_book,
        can_pay: peek.can_pay,
        can_edit: peek.can_edit,
        guardian_rank: peek.guardian_rank,
        rejection_reason: null,
        validated_at: status === 'active' ? now : null,
        validated_by: null,
        password_changed_at: now,
        last_login_at: now,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(trx, ctx.clock, { id: accountId, email: peek.email }, {
        action: 'member.joined',
        familyId: peek.family_id,
        targetType: 'account',
        targetId: accountId,
        details: { invitationId: peek.id, guardianRank: peek.guardian_rank },
      });
      if (meta.sessionId) await deleteSession(trx, meta.sessionId);
      const token = await createSession(trx, ctx, accountId, meta.userAgent);
      const row = await repo.findAccountById(trx, accountId);
      return {
        token,
        account: {
          id: accountId,
          email: peek.email,
          kind: 'family' as const,
          role: null,
          status,
          family_id: peek.family_id,
          display_name: row?.display_name ?? null,
          language,
          ...memberFactsOf(row!),
        },
      };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      // the address became a login meanwhile, or the guardian got a login through another invitation
      if (await repo.findAccountByEmail(ctx.db, peek.email)) throw emailTaken();
      throw new ConflictError('member.rank_taken');
    }
    throw err;
  }
}

// ---------- rights, removal, leaving ----------

/**
 * Sets a member's rights (the holder, or staff). The holder's own rights are all, always (409). Takes effect on the
 * member's very next request (the session reads the account row). Lock what you read: family row, then members.
 */
export async function setRights(ctx: AppContext, actor: MemberActor, familyId: string, accountId: string, rights: MemberRights): Promise<FamilyMember> {
  const now = isoNow(ctx.clock);
  await writeTransaction(ctx, async (trx) => {
    await lockOpenFamily(trx, familyId);
    const members = await lockMembers(trx, familyId);
    const target = members.find((m) => m.id === accountId);
    if (!target) throw new NotFoundError();
    if (target.member_role === 'holder') throw new ConflictError('member.holder_rights_fixed');
    await trx
      .updateTable('account')
      .set({ can_book: bit(rights.canBook), can_pay: bit(rights.canPay), can_edit: bit(rights.canEdit), updated_at: now })
      .where('id', '=', accountId)
      .execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'member.rights_changed', familyId, targetType: 'account', targetId: accountId, details: { rights } });
  });
  const after = (await memberRows(ctx.db, familyId)).find((m) => m.id === accountId);
  if (!after) throw new NotFoundError();
  return toMember(after);
}

/**
 * A member leaves the family, or is removed from it (by the holder or staff). Their login ends: the account is
 * disabled, its address freed (it may be invited again or register), its sessions and links deleted; its name stays
 * for the family's log. The last member cannot leave (409 « member.last_member »: the family is closed through the
 * data-protection request instead). When the holder leaves, the longest-standing remaining member becomes holder,
 * with every right.
 *
 * Write discipline: lock what you read — the family row (lockOpenFamily), then every member row in id order, and
 * the count is read under those locks: two members leaving at once are serialized, the second sees one member left
 * and answers 409; the family is never left without a member, nor without a holder.
 */
export async function detachMember(
  ctx: AppContext,
  actor: MemberActor,
  familyId: string,
  accountId: string,
  how: 'left' | 'removed',
): Promise<void> {
  const now = isoNow(ctx.clock);
  await writeTransaction(ctx, async (trx) => {
    await lockOpenFamily(trx, familyId);
    const members = await lockMembers(trx, familyId);
    const target = members.find((m) => m.id === accountId);
    if (!target) throw new NotFoundError();
    const others = members.filter((m) => m.id !== accountId);
    if (!others.length) throw new ConflictError('member.last_member');
    const res = await trx
      .updateTable('account')
      .set({
        status: 'disabled',
        email: `parti-${accountId}@invalid.invalid`,
        password_hash: '!left',
        member_role: null,
        guardian_rank: null,
        can_book: 0,
        can_pay: 0,
        can_edit: 0,
        updated_at: now,
      })
      .where('id', '=', accountId)
      .where('member_role', 'is not', null)
      .executeTakeFirst();
    if (affected(res) !== 1) throw new NotFoundError();
    await deleteOtherSessions(trx, accountId);
    await trx.deleteFrom('account_token').where('account_id', '=', accountId).execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: how === 'left' ? 'member.left' : 'member.removed',
      familyId,
      targetType: 'account',
      targetId: accountId,
      details: { name: target.display_name },
    });
    if (target.member_role === 'holder') {
      const next = others[0]; // oldest first: the longest-standing member
      await trx
        .updateTable('account')
        .set({ member_role: 'holder', can_book: 1, can_pay: 1, can_edit: 1, updated_at: now })
        .where('id', '=', next.id)
        .execute();
      await recordAudit(trx, ctx.clock, actor, { action: 'member.holder_changed', familyId, targetType: 'account', targetId: next.id, details: { name: next.display_name } });
    }
  });
}

// ---------- staff validation ----------

/**
 * Opens (or refuses) the other pending members of a family when staff decide its holder's account: an invited
 * guardian of a still-pending family waits for the family's validation, never for one of its own. Called inside the
 * staff's transaction, after its conditional decision on the holder.
 */
export async function decidePendingMembers(
  trx: Executor,
  familyId: string,
  decision: { status: 'active'; validated_at: string; validated_by: string; updated_at: string } | { status: 'rejected'; rejection_reason: string; updated_at: string },
): Promise<string[]> {
  const pending = await trx
    .selectFrom('account')
    .select('id')
    .where('family_id', '=', familyId)
    .where('kind', '=', 'family')
    .where('member_role', '=', 'member')
    .where('status', '=', 'pending')
    .execute();
  if (!pending.length) return [];
  await trx
    .updateTable('account')
    .set(decision)
    .where('id', 'in', pending.map((p) => p.id))
    .where('status', '=', 'pending')
    .execute();
  if (decision.status === 'rejected') for (const p of pending) await deleteOtherSessions(trx, p.id);
  return pending.map((p) => p.id);
}
