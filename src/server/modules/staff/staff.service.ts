import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { AuditEntry, OutboxItem, OutboxMessage, StaffAccount } from '../../../shared/contracts.js';
import { isoNow } from '../../clock.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { listAudit, recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMail, getOutboxMessage, listOutbox, retryOutboxMessage } from '../mail/mail.service.js';
import { familyContact } from '../family/family.service.js';
import { hashPassword } from '../account/account.password.js';
import { deleteOtherSessions } from '../account/account.sessions.js';
import { createAccountToken, linkTo } from '../account/account.tokens.js';
import { writeTransaction } from '../../db/write.js';
import * as accounts from '../account/account.staff.js';
import { decidePendingMembers } from '../account/account.members.js';
import { lockOutboxMessage } from '../mail/mail.locks.js';

// ---------- account validation (« validation du compte sous 3 jours ouvrés ») ----------

async function pendingFamilyAccount(trx: Parameters<typeof accounts.findAccount>[0], accountId: string) {
  const account = await accounts.findAccount(trx, accountId);
  // an invited member is decided with its family (issue 11), never alone: only the holder's account is decided here
  if (!account || account.kind !== 'family' || !account.family_id || account.member_role !== 'holder') throw new NotFoundError();
  return { ...account, family_id: account.family_id };
}

/**
 * Opens a pending family account: it may book from now on. The family is told by mail.
 * Write discipline (validation and refusal alike): conditional write, rows checked — `UPDATE account SET status = …
 * WHERE id = ? AND status = 'pending'` (accounts.decidePendingFamily). Of two agents, a double click, or a validation
 * racing a refusal, one changes the row; the other finds 0 rows and answers 409 « account.not_pending », and its
 * transaction writes no e-mail and no audit line (they come after the check, in the same transaction).
 */
export async function validateFamilyAccount(ctx: AppContext, actor: Actor, accountId: string): Promise<void> {
  const now = isoNow(ctx.clock);
  await writeTransaction(ctx, async (trx) => {
    const account = await pendingFamilyAccount(trx, accountId);
    const decided = await accounts.decidePendingFamily(trx, accountId, {
      status: 'active',
      validated_at: now,
      validated_by: actor.id,
      updated_at: now,
    });
    if (!decided) throw new ConflictError('account.not_pending');
    // the guardians invited while the family waited are opened with it (issue 11), before the mail reaches them too
    await decidePendingMembers(trx, account.family_id, { status: 'active', validated_at: now, validated_by: actor.id, updated_at: now });
    const contact = await familyContact(trx, account.family_id);
    await enqueueMail(
      trx,
      ctx,
      account.email,
      { template: 'account.validated', firstName: contact?.firstName ?? 'Madame, Monsieur', loginUrl: `${ctx.config.publicUrl}/` },
      account.family_id,
    );
    await recordAudit(trx, ctx.clock, actor, {
      action: 'account.validated',
      familyId: account.family_id,
      targetType: 'account',
      targetId: accountId,
    });
  });
}

/** Refuses a pending family account: it is signed out everywhere and the family receives the reason by mail. */
export async function rejectFamilyAccount(ctx: AppContext, actor: Actor, accountId: string, reason: string): Promise<void> {
  const now = isoNow(ctx.clock);
  await writeTransaction(ctx, async (trx) => {
    const account = await pendingFamilyAccount(trx, accountId);
    const decided = await accounts.decidePendingFamily(trx, accountId, {
      status: 'rejected',
      rejection_reason: reason,
      updated_at: now,
    });
    if (!decided) throw new ConflictError('account.not_pending');
    await deleteOtherSessions(trx, accountId);
    await decidePendingMembers(trx, account.family_id, { status: 'rejected', rejection_reason: reason, updated_at: now });
    const contact = await familyContact(trx, account.family_id);
    await enqueueMail(
      trx,
      ctx,
      account.email,
      { template: 'account.rejected', firstName: contact?.firstName ?? 'Madame, Monsieur', reason },
      account.family_id,
    );
    await recordAudit(trx, ctx.clock, actor, {
      action: 'account.rejected',
      familyId: account.family_id,
      targetType: 'account',
      targetId: accountId,
      details: { reason },
    });
  });
}

// ---------- audit log and outbox (admin) ----------

export async function auditLog(ctx: AppContext, query: { familyId?: string; before?: number }): Promise<AuditEntry[]> {
  return listAudit(ctx.db, query);
}

export async function outbox(ctx: AppContext, query: { before?: number }): Promise<OutboxItem[]> {
  return listOutbox(ctx.db, query);
}

/** One sent (or unsent) mail, whole. Mails may hold sign-in links, so the read is written to the audit log. */
export async function readOutboxMessage(ctx: AppContext, actor: Actor, messageId: number): Promise<OutboxMessage> {
  const message = await getOutboxMessage(ctx.db, messageId, { demo: ctx.config.demo });
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: 'outbox.read',
    targetType: 'outbox',
    targetId: String(messageId),
    details: { template: message.template, linksMasked: message.linksMasked },
  });
  return message;
}

/**
 * Queues a failed (or unsent) mail again. A mail already sent or still queued is left alone (409).
 * Write discipline: lock what you read — the message's row first, so of two admins retrying at once the second reads
 * the state the first left (queued again: 409 « outbox.not_retryable »), and one audit line is written per retry.
 */
export async function retryOutbox(ctx: AppContext, actor: Actor, messageId: number): Promise<void> {
  await writeTransaction(ctx, async (trx) => {
    await lockOutboxMessage(trx, messageId);
    const message = await getOutboxMessage(trx, messageId);
    if (message.status !== 'failed' && message.status !== 'not_sent') throw new ConflictError('outbox.not_retryable');
    await retryOutboxMessage(ctx, messageId, trx);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'outbox.retried',
      targetType: 'outbox',
      targetId: String(messageId),
      details: { template: message.template },
    });
  });
}

// ---------- staff accounts (admin) ----------

function toStaffAccount(a: accounts.AccountRow): StaffAccount {
  return {
    id: a.id,
    email: a.email,
    displayName: a.display_name ?? a.email,
    role: a.role ?? 'agent',
    status: a.status,
    lastLoginAt: a.last_login_at,
    createdAt: a.created_at,
  };
}

export async function listStaffAccounts(ctx: AppContext): Promise<StaffAccount[]> {
  return (await accounts.listStaffAccounts(ctx.db)).map(toStaffAccount);
}

/**
 * Creates a staff account and mails an invitation link to choose a password (accepted by the password-reset
 * confirmation). Until then the account has a random password nobody knows.
 */
export async function createStaffAccount(
  ctx: AppContext,
  actor: Actor,
  input: { email: string; displayName: string; role: 'admin' | 'agent' },
): Promise<StaffAccount> {
  // Hashing is slow: done before the transaction, never inside it.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const id = randomUUID();
  const now = isoNow(ctx.clock);
  const taken = () => new ValidationError([{ path: 'email', code: 'email.taken' }]);
  // Write discipline: conditional write — the unique index on account.email decides between two admins inviting the
  // same address at once: the loser's transaction (account, link, invitation e-mail, audit line) is rolled back and it
  // answers 400 « email.taken ».
  try {
    return await writeTransaction(ctx, async (trx) => {
      if (await accounts.emailInUse(trx, input.email)) throw taken();
      await accounts.insertStaffAccount(trx, { id, email: input.email, passwordHash, displayName: input.displayName, role: input.role, now, by: actor.id });
      const token = await createAccountToken(trx, ctx, id, 'invitation');
      await enqueueMail(trx, ctx, input.email, {
        template: 'staff.invitation',
        displayName: input.displayName,
        email: input.email,
        setPasswordUrl: linkTo(ctx, '/nouveau-mot-de-passe', token),
      });
      await recordAudit(trx, ctx.clock, actor, {
        action: 'staff.created',
        targetType: 'account',
        targetId: id,
        details: { email: input.email, role: input.role },
      });
      const created = await accounts.findAccount(trx, id);
      return toStaffAccount(created!);
    });
  } catch (err) {
    // Two admins inviting the same address at once: the unique index decides.
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

/**
 * Changes a staff member's role or (de)activates the account. Nobody changes their own role or disables
 * themselves, and the last active admin stays one. A disabled account is signed out at once.
 */
export async function updateStaffAccount(
  ctx: AppContext,
  actor: Actor,
  accountId: string,
  patch: { role?: 'admin' | 'agent'; disabled?: boolean },
): Promise<StaffAccount> {
  const now = isoNow(ctx.clock);
  // Write discipline: lock what you read, in a fixed order — the active admins' rows (by id), then the target's row.
  // Two admins changing one account at once (a role and a disabling, or demoting each other) run one after the other:
  // each starts from what the other wrote, no change is lost, and the last active admin stays one.
  return writeTransaction(ctx, async (trx) => {
    // Taken first, so the checks below see a settled set of admins (PostgreSQL; SQLite serializes writers).
    const activeAdmins = await accounts.lockActiveAdmins(trx, ctx.dialect);
    await accounts.lockAccount(trx, accountId);
    const target = await accounts.findAccount(trx, accountId);
    if (!target || target.kind !== 'staff') throw new NotFoundError();
    const role = patch.role ?? target.role ?? 'agent';
    const status = patch.disabled === undefined ? target.status : patch.disabled ? 'disabled' : 'active';
    const changes: Record<string, { from: string | null; to: string }> = {};
    if (role !== target.role) changes.role = { from: target.role, to: role };
    if (status !== target.status) changes.status = { from: target.status, to: status };
    if (!Object.keys(changes).length) return toStaffAccount(target);

    if (target.id === actor.id) throw new AppError('staff.cannot_change_self', 400);
    const staysActiveAdmin = role === 'admin' && status === 'active';
    if (activeAdmins.includes(target.id) && !staysActiveAdmin && activeAdmins.length <= 1)
      throw new ConflictError('staff.last_admin');

    await accounts.updateStaffAccount(trx, accountId, {
      role,
      status: status === 'disabled' ? 'disabled' : 'active',
      updated_at: now,
    });
    if (status === 'disabled') await deleteOtherSessions(trx, accountId);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'staff.updated',
      targetType: 'account',
      targetId: accountId,
      details: changes,
    });
    return toStaffAccount((await accounts.findAccount(trx, accountId))!);
  });
}
