import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import type { FamilyExport } from '../../../shared/document-contracts.js';
import type { FamilyScope } from '../family/family.service.js';
import type { ZipEntry } from './zip.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** What a module keeps of a closed family because the law says so, and for how long (docs/data-retention.md). */
export interface LegalHold {
  table: string;
  rows: number;
  /** why, as a sentence of the catalogue (`server:legalHold.…`, said in the closing admin's language)… */
  reasonKey?: LegalHoldReason;
  /** …or in words of its own */
  reason?: string;
}

/** The reasons the catalogue words (src/shared/i18n/<language>/server.ts, `legalHold`). */
export type LegalHoldReason = 'invoices' | 'payments' | 'onlinePayments';

/**
 * Who is being closed, read by the closure under its locks (family row, then login, then children) before any
 * participant erases: the modules whose rows point at the family indirectly (sessions, mails sent to an address,
 * audit lines about a child) erase through these ids.
 */
export interface ClosureSubject {
  familyId: string;
  /** the family's login */
  accountId: string;
  childIds: string[];
  /** the login and the guardians' e-mail addresses, lower-cased, without duplicates */
  emails: string[];
  /** the closure's instant (ISO) */
  now: string;
}

/** A part of the family's export with a place of its own in `donnees.json`, and the files it adds to the ZIP. */
export type ExportSection = Partial<Omit<FamilyExport, 'format' | 'exportedAt' | 'other'>> & { files?: ZipEntry[] };

export interface ErasureResult {
  erased: Record<string, number>;
  kept: LegalHold[];
}

/**
 * A module that holds data about families takes part in the export and the closure by declaring itself here
 * (e.g. billing: its invoices and payments go into the export, and on closure it anonymizes what it may and
 * reports as kept the published invoices and payments that public accounting rules keep for 10 years).
 *
 * - `exportSection`: the module's named part of `donnees.json` (account, family, children…) and its files;
 *   `exportRows`: rows that go under `other`, by table.
 * - `prepareErase` runs before the closure's transaction (CPU work such as encryption stays outside it); what it
 *   returns is handed to `erase`.
 * - `erase` runs inside the closure's transaction, after the closure has locked the family row, its login and its
 *   children, in `order` (lower first: the core modules use 10–60, others default to 100); it must not await
 *   network. `subject` is always given by the closure (it is optional only so that a module's own tests may call
 *   `erase` with the family id alone).
 */
export interface PrivacyParticipant<P = unknown> {
  name: string;
  order?: number;
  exportSection?: (ctx: AppContext, scope: FamilyScope) => Promise<ExportSection>;
  exportRows?: (db: Executor, ctx: AppContext, familyId: string) => Promise<Record<string, Record<string, unknown>[]>>;
  prepareErase?: (ctx: AppContext, familyId: string) => Promise<P>;
  erase: (trx: Executor, ctx: AppContext, familyId: string, subject?: ClosureSubject, prepared?: P) => Promise<ErasureResult>;
}

const participants = new Map<string, PrivacyParticipant>();

/** Declares a module's part in export and closure (idempotent per name; each module's `register…Privacy` calls it). */
export function registerPrivacyParticipant<P>(p: PrivacyParticipant<P>): void {
  participants.set(p.name, p as PrivacyParticipant);
}

/** The participants, in erasure order (then in order of declaration). */
export function privacyParticipants(): PrivacyParticipant[] {
  return [...participants.values()].map((p, i) => ({ p, i })).sort((a, b) => (a.p.order ?? 100) - (b.p.order ?? 100) || a.i - b.i).map((x) => x.p);
}

/** For the core participants: the closure always passes its subject. */
export function subjectOf(subject: ClosureSubject | undefined, participant: string): ClosureSubject {
  if (!subject) throw new Error(`privacy participant ${participant}: erase needs the closure subject`);
  return subject;
}
