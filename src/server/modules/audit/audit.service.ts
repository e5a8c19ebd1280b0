import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditEntry } from '../../../shared/contracts.js';
import type { Clock } from '../../clock.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface Actor {
  id: string;
  email: string;
}

export interface AuditEvent {
  action: string;
  familyId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  /** never passwords, tokens or health data */
  details?: Record<string, unknown> | null;
}

/** Writes one audit line, in the caller's transaction when there is one. */
export async function recordAudit(trx: Executor, clock: Clock, actor: Actor | null, e: AuditEvent): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: clock.now().toISOString(),
      actor_account_id: actor?.id ?? null,
      actor_email: actor?.email ?? null,
      action: e.action,
      family_id: e.familyId ?? null,
      target_type: e.targetType ?? null,
      target_id: e.targetId ?? null,
      details: e.details ? JSON.stringify(e.details) : null,
    })
    .execute();
}

/** A family's audit lines of these actions on one kind of target, newest first (e.g. the staff's health-data reads). */
export async function familyAuditLines(
  db: Executor,
  q: { familyId: string; targetType: string; actions: string[]; limit: number },
): Promise<{ at: string; actor_account_id: string | null; action: string; target_id: string | null }[]> {
  if (!q.actions.length) return [];
  return db
    .selectFrom('audit_log')
    .select(['at', 'actor_account_id', 'action', 'target_id'])
    .where('family_id', '=', q.familyId)
    .where('target_type', '=', q.targetType)
    .where('action', 'in', q.actions)
    .orderBy('id', 'desc')
    .limit(q.limit)
    .execute();
}

/** A family's audit lines of these actions, newest first, with their details (issue 11: the family's log). */
export async function familyLogLines(
  db: Executor,
  q: { familyId: string; actions: string[]; limit: number },
): Promise<{ at: string; actor_account_id: string | null; action: string; target_id: string | null; details: Record<string, unknown> | null }[]> {
  if (!q.actions.length) return [];
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'actor_account_id', 'action', 'target_id', 'details'])
    .where('family_id', '=', q.familyId)
    .where('action', 'in', q.actions)
    .orderBy('id', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null }));
}

export async function listAudit(
  db: Kysely<DB>,
  opts: { familyId?: string; before?: number; limit?: number } = {},
): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(opts.limit ?? 100);
  if (opts.familyId) q = q.where('family_id', '=', opts.familyId);
  if (opts.before) q = q.where('id', '<', opts.before);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorEmail: r.actor_email,
    action: r.action,
    familyId: r.family_id,
    targetType: r.target_type,
    targetId: r.target_id,
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
  }));
}
