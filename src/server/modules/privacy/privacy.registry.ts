import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** What a module keeps of a closed family because the law says so, and for how long (docs/data-retention.md). */
export interface LegalHold {
  table: string;
  rows: number;
  reason: string;
}

/**
 * A module that holds data about families takes part in the export and the closure by declaring itself here
 * (e.g. billing: its invoices and payments go into the export, and on closure it anonymizes what it may and
 * reports as kept the published invoices and payments that public accounting rules keep for 10 years).
 * `erase` runs inside the closure's transaction, after the core tables are anonymized; it must not await network.
 */
export interface PrivacyParticipant {
  name: string;
  exportRows?: (db: Executor, ctx: AppContext, familyId: string) => Promise<Record<string, Record<string, unknown>[]>>;
  erase: (trx: Executor, ctx: AppContext, familyId: string) => Promise<{ erased: Record<string, number>; kept: LegalHold[] }>;
}

const participants = new Map<string, PrivacyParticipant>();

/** Declares a module's part in export and closure (idempotent per name; call at module load or in buildApp). */
export function registerPrivacyParticipant(p: PrivacyParticipant): void {
  participants.set(p.name, p);
}

export function privacyParticipants(): PrivacyParticipant[] {
  return [...participants.values()];
}
