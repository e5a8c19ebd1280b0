/**
 * SEPA direct debit (issue 13): mandates, one debit batch per invoicing run with its pre-notification and its
 * ISO 20022 pain.008 file, and the bank's rejections (pain.002, camt.054 or CSV). docs/money.md.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { electronicFormatIBAN, isValidBIC, isValidIBAN, isSEPACountry } from 'ibantools';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { isUniqueViolation } from '../../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { addDays, parisDateOf } from '../../../shared/calendar/paris-time.js';
import type { Mandate, MandateRequest, RejectionResult, SepaBatch } from '../../../shared/money-contracts.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMail, enqueueMails } from '../mail/mail.service.js';
import type { MailTemplate } from '../mail/mail.templates.js';
import { affected, forUpdate, writeTransaction } from '../../db/write.js';
import { applyPayment } from './billing.payments.js';
import { createManualInvoice, moneySettingsOf } from './billing.money.js';
import { familyLoginEmails } from '../account/account.logins.js';

type Executor = Kysely<DB> | Transaction<DB>;
const todayOf = (ctx: AppContext) => parisDateOf(ctx.clock.now());

// ---------- mandates ----------

/** A new RUM: the office's code, the year, 12 random letters and digits (≤ 35 characters, SEPA's character set). */
export function newRum(officeCode: string, year: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let tail = '';
  for (const b of randomBytes(12)) tail += alphabet[b % alphabet.length];
  return `${officeCode.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}-${year}-${tail}`.toUpperCase();
}

export function maskIban(iban: string): string {
  return `${iban.slice(0, 4)} **** **** ${iban.slice(-4)}`;
}

/** IBAN (checksum, country in SEPA) and BIC checked; each problem on its field. */
export function checkBankDetails(ibanIn: string, bicIn: string): { iban: string; bic: string } {
  const iban = electronicFormatIBAN(ibanIn) ?? '';
  const bic = bicIn.replace(/\s/g, '').toUpperCase();
  const problems: { path: string; code: string }[] = [];
  if (!isValidIBAN(iban)) problems.push({ path: 'iban', code: 'money.iban_invalid' });
  else if (!isSEPACountry(iban.slice(0, 2))) problems.push({ path: 'iban', code: 'money.iban_not_sepa' });
  if (!isValidBIC(bic)) problems.push({ path: 'bic', code: 'money.bic_invalid' });
  if (problems.length) throw new ValidationError(problems);
  return { iban, bic };
}

type MandateRow = DB['sepa_mandate'] extends infer T ? { [K in keyof T]: T[K] } : never;

async function toMandates(db: Executor, rows: MandateRow[]): Promise<Mandate[]> {
  if (rows.length === 0) return [];
  const offices = await db.selectFrom('collection_office').select(['id', 'name']).where('id', 'in', [...new Set(rows.map((r) => r.office_id))]).execute();
  const names = new Map(offices.map((o) => [o.id, o.name]));
  const settings = new Map<string, string | null>();
  for (const id of names.keys()) settings.set(id, (await moneySettingsOf(db, id)).creditorId);
  return rows.map((r) => ({
    id: r.id,
    familyId: r.family_id,
    familyName: r.holder_name,
    officeId: r.office_id,
    officeName: names.get(r.office_id) ?? '',
    rum: r.rum,
    holderName: r.holder_name,
    ibanMasked: maskIban(r.iban),
    bic: r.bic,
    state: r.state,
    sequence: r.sequence,
    signedOn: r.signed_on,
    signedPlace: r.signed_place,
    createdAt: r.created_at,
    activatedAt: r.activated_at,
    endedAt: r.ended_at,
    endReason: r.end_reason,
    creditorId: settings.get(r.office_id) ?? null,
  }));
}

export async function mandatesOf(db: Executor, q: { familyId?: string; state?: string; mandateId?: string }): Promise<Mandate[]> {
  let query = db.selectFrom('sepa_mandate').selectAll().orderBy('created_at', 'desc').limit(1000);
  if (q.familyId) query = query.where('family_id', '=', q.familyId);
  if (q.state) query = query.where('state', '=', q.state as never);
  if (q.mandateId) query = query.where('id', '=', q.mandateId);
  return toMandates(db, await query.execute());
}

/** The full row of one mandate (the PDF prints the whole IBAN for its holder). */
export async function mandateRow(db: Executor, mandateId: string, familyId?: string) {
  let q = db.selectFrom('sepa_mandate').selectAll().where('id', '=', mandateId);
  if (familyId) q = q.where('family_id', '=', familyId);
  const r = await q.executeTakeFirst();
  if (!r) throw new NotFoundError();
  return r;
}

/**
 * The family signs a mandate online (ticking the declaration): it is « requested » until staff activate it. One live
 * mandate (requested or active) per family and office: the partial UNIQUE index decides between two clicks (409).
 */
export async function requestMandate(ctx: AppContext, familyId: string, accountId: string | null, input: MandateRequest): Promise<Mandate> {
  const { iban, bic } = checkBankDetails(input.iban, input.bic);
  const office = await ctx.db.selectFrom('collection_office').select(['id', 'code']).where('id', '=', input.officeId).executeTakeFirst();
  if (!office) throw new ValidationError([{ path: 'officeId', code: 'money.office_unknown' }]);
  const id = randomUUID();
  const today = todayOf(ctx);
  try {
    await writeTransaction(ctx, async (trx) => {
      await trx
        .insertInto('sepa_mandate')
        .values({
          id,
          family_id: familyId,
          office_id: office.id,
          rum: newRum(office.code, Number(today.slice(0, 4))),
          holder_name: input.holderName,
          iban,
          bic,
          state: 'requested',
          sequence: 'FRST',
          signed_on: today,
          signed_place: input.signedPlace,
          requested_by: accountId,
          created_at: isoNow(ctx.clock),
          activated_at: null,
          activated_by: null,
          ended_at: null,
          ended_by: null,
          end_reason: null,
        })
        .execute();
      await recordAudit(trx, ctx.clock, accountId ? { id: accountId, email: '' } : null, { action: 'money.mandate_requested', familyId, targetType: 'sepa_mandate', targetId: id });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('money.mandate_exists');
    throw err;
  }
  return (await mandatesOf(ctx.db, { mandateId: id }))[0]!;
}

/** Staff activate a requested mandate, or refuse it. Conditional write on its state (a second click: 409). */
export async function decideMandate(ctx: AppContext, actor: Actor, mandateId: string, decision: 'active' | 'refused', reason: string | null): Promise<Mandate> {
  const now = isoNow(ctx.clock);
  await writeTransaction(ctx, async (trx) => {
    const m = await forUpdate(trx, trx.selectFrom('sepa_mandate').select(['id', 'family_id', 'office_id']).where('id', '=', mandateId)).executeTakeFirst();
    if (!m) throw new NotFoundError();
    if (decision === 'active' && !(await moneySettingsOf(trx, m.office_id)).creditorId) throw new ConflictError('money.creditor_missing');
    const r = await trx
      .updateTable('sepa_mandate')
      .set(decision === 'active' ? { state: 'active', activated_at: now, activated_by: actor.id } : { state: 'refused', ended_at: now, ended_by: actor.id, end_reason: reason })
      .where('id', '=', mandateId)
      .where('state', '=', 'requested')
      .executeTakeFirst();
    if (affected(r) !== 1) throw new ConflictError('money.mandate_not_requested');
    await recordAudit(trx, ctx.clock, actor, { action: decision === 'active' ? 'money.mandate_activated' : 'money.mandate_refused', familyId: m.family_id, targetType: 'sepa_mandate', targetId: mandateId });
    const emails = await familyLoginEmails(trx, [m.family_id]);
    const to = emails.get(m.family_id);
    if (to) await enqueueMail(trx, ctx, to, { template: 'money.notice', notice: decision === 'active' ? 'mandateActive' : 'mandateRefused', params: { reason: reason ?? '' } }, m.family_id);
  });
  return (await mandatesOf(ctx.db, { mandateId }))[0]!;
}

/** The family (its own) or staff revoke a live mandate; the next invoices are paid another way. */
export async function revokeMandate(ctx: AppContext, actor: Actor | null, mandateId: string, familyId: string | null, reason: string): Promise<Mandate> {
  await writeTransaction(ctx, async (trx) => {
    let q = trx.updateTable('sepa_mandate').set({ state: 'revoked', ended_at: isoNow(ctx.clock), ended_by: actor?.id ?? null, end_reason: reason }).where('id', '=', mandateId).where('state', 'in', ['requested', 'active']);
    if (familyId) q = q.where('family_id', '=', familyId);
    const r = await q.executeTakeFirst();
    if (affected(r) !== 1) {
      const exists = await mandateRow(trx, mandateId, familyId ?? undefined).catch(() => null);
      if (!exists) throw new NotFoundError();
      throw new ConflictError('money.mandate_not_live');
    }
    const m = await mandateRow(trx, mandateId);
    await recordAudit(trx, ctx.clock, actor, { action: 'money.mandate_revoked', familyId: m.family_id, targetType: 'sepa_mandate', targetId: mandateId, details: { byFamily: !!familyId } });
  });
  return (await mandatesOf(ctx.db, { mandateId }))[0]!;
}

// ---------- batches ----------

/** The first TARGET2 business day on or after `day` (weekends skipped; 1 January, Good Friday… left to the bank). */
export function businessDayFrom(day: string): string {
  let d = day;
  for (;;) {
    const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6 && !d.endsWith('-01-01') && !d.endsWith('-12-25') && !d.endsWith('-05-01') && !d.endsWith('-12-26')) return d;
    d = addDays(d, 1);
  }
}

const amount = (c: number) => (c / 100).toFixed(2);

export interface Pain008Input {
  messageId: string;
  createdAt: string;
  creditor: { name: string; iban: string; bic: string; ics: string };
  collectionDate: string;
  transactions: { endToEndId: string; amountCents: number; sequence: 'FRST' | 'RCUR'; rum: string; signedOn: string; debtorName: string; iban: string; bic: string; remittance: string }[];
}

/** SEPA's restricted Latin character set (accents dropped, anything else a space), cut to `max`. */
export function sepaText(s: string, max: number): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/**
 * The ISO 20022 pain.008.001.02 message (SEPA Core Direct Debit): a group header with the number of transactions
 * and their control sum, one payment information block per sequence type (FRST, RCUR) with its own count and sum,
 * then one DrctDbtTxInf per invoice with the mandate (RUM, signature date). Built with fast-xml-parser's builder.
 */
export function buildPain008(p: Pain008Input): string {
  const bySeq = (['FRST', 'RCUR'] as const).map((seq) => ({ seq, txs: p.transactions.filter((t) => t.sequence === seq) })).filter((g) => g.txs.length);
  const sum = (txs: Pain008Input['transactions']) => amount(txs.reduce((s, t) => s + t.amountCents, 0));
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    Document: {
      '@_xmlns': 'urn:iso:std:iso:20022:tech:xsd:pain.008.001.02',
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      CstmrDrctDbtInitn: {
        GrpHdr: {
          MsgId: p.messageId,
          CreDtTm: p.createdAt.slice(0, 19),
          NbOfTxs: p.transactions.length,
          CtrlSum: sum(p.transactions),
          InitgPty: { Nm: sepaText(p.creditor.name, 70) },
        },
        PmtInf: bySeq.map((g) => ({
          PmtInfId: `${p.messageId}-${g.seq}`,
          PmtMtd: 'DD',
          BtchBookg: 'true',
          NbOfTxs: g.txs.length,
          CtrlSum: sum(g.txs),
          PmtTpInf: { SvcLvl: { Cd: 'SEPA' }, LclInstrm: { Cd: 'CORE' }, SeqTp: g.seq },
          ReqdColltnDt: p.collectionDate,
          Cdtr: { Nm: sepaText(p.creditor.name, 70) },
          CdtrAcct: { Id: { IBAN: p.creditor.iban } },
          CdtrAgt: { FinInstnId: { BIC: p.creditor.bic } },
          ChrgBr: 'SLEV',
          CdtrSchmeId: { Id: { PrvtId: { Othr: { Id: p.creditor.ics, SchmeNm: { Prtry: 'SEPA' } } } } },
          DrctDbtTxInf: g.txs.map((t) => ({
            PmtId: { EndToEndId: t.endToEndId },
            InstdAmt: { '@_Ccy': 'EUR', '#text': amount(t.amountCents) },
            DrctDbtTx: { MndtRltdInf: { MndtId: t.rum, DtOfSgntr: t.signedOn } },
            DbtrAgt: { FinInstnId: { BIC: t.bic } },
            Dbtr: { Nm: sepaText(t.debtorName, 70) },
            DbtrAcct: { Id: { IBAN: t.iban } },
            RmtInf: { Ustrd: sepaText(t.remittance, 140) },
          })),
        })),
      },
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true }).build(doc) as string;
}

async function batchView(db: Executor, batchId: number): Promise<SepaBatch> {
  const b = await db.selectFrom('sepa_batch as b').innerJoin('invoicing_run as r', 'r.id', 'b.run_id').selectAll('b').select('r.month').where('b.id', '=', batchId).executeTakeFirst();
  if (!b) throw new NotFoundError();
  const items = await db
    .selectFrom('sepa_batch_item as i')
    .innerJoin('invoice as v', 'v.id', 'i.invoice_id')
    .innerJoin('sepa_mandate as m', 'm.id', 'i.mandate_id')
    .select(['i.invoice_id', 'v.reference', 'i.family_id', 'v.family_name', 'm.rum', 'i.amount_cents', 'i.sequence', 'i.end_to_end_id', 'i.state', 'i.reject_code', 'i.fee_cents'])
    .where('i.batch_id', '=', batchId)
    .orderBy('i.id')
    .execute();
  return {
    id: b.id,
    officeId: b.office_id,
    runId: b.run_id,
    month: b.month,
    messageId: b.message_id,
    collectionDate: b.collection_date,
    txCount: b.tx_count,
    controlSumCents: b.control_sum_cents,
    createdAt: b.created_at,
    items: items.map((i) => ({
      invoiceId: i.invoice_id,
      invoiceNumber: i.reference ?? '',
      familyId: i.family_id,
      familyName: i.family_name,
      rum: i.rum,
      amountCents: i.amount_cents,
      sequence: i.sequence,
      endToEndId: i.end_to_end_id,
      state: i.state,
      rejectCode: i.reject_code,
      feeCents: i.fee_cents,
    })),
  };
}

export async function listBatches(ctx: AppContext, officeId?: string): Promise<SepaBatch[]> {
  let q = ctx.db.selectFrom('sepa_batch').select('id').orderBy('id', 'desc').limit(100);
  if (officeId) q = q.where('office_id', '=', officeId);
  const ids = await q.execute();
  return Promise.all(ids.map((b) => batchView(ctx.db, b.id)));
}

export const getBatch = (ctx: AppContext, batchId: number) => batchView(ctx.db, batchId);

/**
 * The debit batch of a published monthly run: each of its invoices still due whose family has an ACTIVE mandate at
 * the run's office becomes one transaction, collected at the later of its due date and today + the office's
 * pre-notification delay (a business day). Each family gets the pre-notification e-mail (amount, date, RUM, ICS).
 * The invoices are recorded as paid by direct debit (billing's applyPayment, reference = the end-to-end id); a
 * rejection reopens them.
 *
 * Idempotent and race-safe: UNIQUE (run_id) on sepa_batch — a batch built twice (double click, two agents) is built
 * once, the second call answers the same batch; the invoices are locked by applyPayment (id order) and receive at
 * most their balance; the mandates' sequence moves FRST → RCUR by a conditional write in the same transaction.
 */
export async function buildBatch(ctx: AppContext, actor: Actor, runId: number): Promise<SepaBatch> {
  const run = await ctx.db.selectFrom('invoicing_run').select(['id', 'office_id', 'state', 'kind', 'month']).where('id', '=', runId).executeTakeFirst();
  if (!run) throw new NotFoundError();
  if (run.state !== 'published' || run.kind !== 'monthly') throw new ConflictError('money.run_not_published');
  const existing = await ctx.db.selectFrom('sepa_batch').select('id').where('run_id', '=', runId).executeTakeFirst();
  if (existing) return batchView(ctx.db, existing.id);
  const settings = await moneySettingsOf(ctx.db, run.office_id);
  if (!settings.creditorId || !settings.creditorIban || !settings.creditorBic) throw new ConflictError('money.creditor_missing');
  const today = todayOf(ctx);
  const earliest = businessDayFrom(addDays(today, settings.prenotificationDays));
  const messageId = `PF-${runId}-${randomBytes(6).toString('hex').toUpperCase()}`;
  let batchId: number;
  try {
    batchId = await writeTransaction(ctx, async (trx) => {
      const invoices = await trx
        .selectFrom('invoice as i')
        .innerJoin('sepa_mandate as m', (j) => j.onRef('m.family_id', '=', 'i.family_id').onRef('m.office_id', '=', 'i.office_id'))
        .select(['i.id', 'i.family_id', 'i.reference', 'i.due_on', 'i.payer', 'i.total_cents', 'i.paid_cents', 'i.credited_cents', 'm.id as mandate_id', 'm.rum', 'm.sequence', 'm.holder_name', 'm.iban', 'm.bic', 'm.signed_on'])
        .where('i.run_id', '=', runId)
        .where('i.state', '=', 'published')
        .where('m.state', '=', 'active')
        .where((eb) => eb(eb('i.paid_cents', '+', eb.ref('i.credited_cents')), '<', eb.ref('i.total_cents')))
        .orderBy('i.id')
        .execute();
      const collectionDate = [earliest, ...invoices.map((i) => (i.due_on && i.due_on > earliest ? businessDayFrom(i.due_on) : earliest))].sort().pop()!;
      const batch = await trx
        .insertInto('sepa_batch')
        .values({ office_id: run.office_id, run_id: runId, message_id: messageId, collection_date: collectionDate, tx_count: 0, control_sum_cents: 0, created_at: isoNow(ctx.clock), created_by: actor.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      let count = 0;
      let sum = 0;
      const mails: { to: string; mail: MailTemplate; familyId: string }[] = [];
      for (const inv of invoices) {
        const endToEndId = `${messageId}-${inv.id}`.slice(0, 35);
        const applied = await applyPayment(trx, ctx, {
          familyId: inv.family_id,
          allocations: [{ invoiceId: inv.id, amountCents: inv.total_cents - inv.paid_cents - inv.credited_cents }],
          method: 'direct_debit',
          reference: endToEndId,
          receivedOn: collectionDate,
          actor,
        });
        const got = applied.applied[0]?.amountCents ?? 0;
        if (got <= 0) continue;
        await trx
          .insertInto('sepa_batch_item')
          .values({ batch_id: batch.id, invoice_id: inv.id, mandate_id: inv.mandate_id, family_id: inv.family_id, amount_cents: got, sequence: inv.sequence, end_to_end_id: endToEndId, payment_id: applied.paymentId, state: 'collected', reject_code: null, fee_cents: null, rejected_at: null })
          .execute();
        if (inv.sequence === 'FRST') await trx.updateTable('sepa_mandate').set({ sequence: 'RCUR' }).where('id', '=', inv.mandate_id).where('sequence', '=', 'FRST').execute();
        count++;
        sum += got;
        const payer = JSON.parse(inv.payer) as { email: string | null };
        if (payer.email)
          mails.push({
            to: payer.email,
            mail: { template: 'money.notice', notice: 'prenotification', params: { number: inv.reference ?? '', amountCents: got, day: collectionDate, rum: inv.rum, ics: settings.creditorId!, iban: maskIban(inv.iban) } },
            familyId: inv.family_id,
          });
      }
      await trx.updateTable('sepa_batch').set({ tx_count: count, control_sum_cents: sum }).where('id', '=', batch.id).execute();
      await enqueueMails(trx, ctx, mails);
      await recordAudit(trx, ctx.clock, actor, { action: 'money.batch_built', targetType: 'sepa_batch', targetId: String(batch.id), details: { runId, count, sumCents: sum, collectionDate } });
      return batch.id;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const again = await ctx.db.selectFrom('sepa_batch').select('id').where('run_id', '=', runId).executeTakeFirst();
    if (!again) throw err;
    batchId = again.id;
  }
  return batchView(ctx.db, batchId);
}

/** The batch's pain.008 file (the same every time it is downloaded: built from what was recorded). */
export async function batchPain008(ctx: AppContext, batchId: number): Promise<string> {
  const b = await ctx.db.selectFrom('sepa_batch').selectAll().where('id', '=', batchId).executeTakeFirst();
  if (!b) throw new NotFoundError();
  const s = await moneySettingsOf(ctx.db, b.office_id);
  const office = await ctx.db.selectFrom('collection_office').select('name').where('id', '=', b.office_id).executeTakeFirstOrThrow();
  const items = await ctx.db
    .selectFrom('sepa_batch_item as i')
    .innerJoin('sepa_mandate as m', 'm.id', 'i.mandate_id')
    .innerJoin('invoice as v', 'v.id', 'i.invoice_id')
    .select(['i.end_to_end_id', 'i.amount_cents', 'i.sequence', 'm.rum', 'm.signed_on', 'm.holder_name', 'm.iban', 'm.bic', 'v.reference'])
    .where('i.batch_id', '=', batchId)
    .orderBy('i.id')
    .execute();
  return buildPain008({
    messageId: b.message_id,
    createdAt: b.created_at,
    creditor: { name: s.creditorName ?? office.name, iban: s.creditorIban ?? '', bic: s.creditorBic ?? '', ics: s.creditorId ?? '' },
    collectionDate: b.collection_date,
    transactions: items.map((i) => ({ endToEndId: i.end_to_end_id, amountCents: i.amount_cents, sequence: i.sequence, rum: i.rum, signedOn: i.signed_on, debtorName: i.holder_name, iban: i.iban, bic: i.bic, remittance: `Facture ${i.reference ?? ''}` })),
  });
}

// ---------- rejections ----------

export interface ReturnedTx {
  endToEndId: string;
  reasonCode: string;
  feeCents: number | null;
}

const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, isArray: (name) => ['TxInfAndSts', 'Ntry', 'NtryDtls', 'TxDtls', 'OrgnlPmtInfAndSts', 'StsRsnInf'].includes(name) });
const euroCents = (s: unknown): number | null => {
  if (s === undefined || s === null || s === '') return null;
  const v = typeof s === 'object' ? (s as Record<string, unknown>)['#text'] : s;
  const n = Number(String(v).trim().replace(',', '.'));
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : null;
};

/** The returned transactions of the bank's file: pain.002 (status report), camt.054 (debit notification) or CSV. */
export function parseReturns(content: string): ReturnedTx[] {
  const text = content.replace(/^\uFEFF/, '').trim();
  if (text.startsWith('<')) {
    const doc = parser.parse(text)?.Document ?? {};
    const out: ReturnedTx[] = [];
    const report = doc.CstmrPmtStsRpt;
    if (report) {
      for (const pi of report.OrgnlPmtInfAndSts ?? [])
        for (const tx of pi.TxInfAndSts ?? []) {
          if (tx.TxSts && tx.TxSts !== 'RJCT') continue;
          out.push({ endToEndId: String(tx.OrgnlEndToEndId ?? ''), reasonCode: String(tx.StsRsnInf?.[0]?.Rsn?.Cd ?? 'RJCT'), feeCents: null });
        }
      return out;
    }
    const notif = doc.BkToCstmrDbtCdtNtfctn;
    if (notif) {
      const ntfs = Array.isArray(notif.Ntfctn) ? notif.Ntfctn : [notif.Ntfctn];
      for (const n of ntfs)
        for (const e of n?.Ntry ?? [])
          for (const d of e.NtryDtls ?? [])
            for (const tx of d.TxDtls ?? []) {
              const e2e = tx.Refs?.EndToEndId;
              if (!e2e || !tx.RtrInf) continue;
              out.push({ endToEndId: String(e2e), reasonCode: String(tx.RtrInf?.Rsn?.Cd ?? 'RTRN'), feeCents: euroCents(tx.Chrgs?.TtlChrgsAndTaxAmt ?? tx.Chrgs?.Rcrd?.Amt ?? null) });
            }
      return out;
    }
    throw new ValidationError([{ path: 'content', code: 'money.return_file_unknown' }]);
  }
  // CSV: end_to_end_id;reason;fee (a heading line is skipped; « , » or « ; » separated)
  const out: ReturnedTx[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const cells = line.split(line.includes(';') ? ';' : ',').map((c) => c.trim().replace(/^"|"$/g, ''));
    if (/end.?to.?end/i.test(cells[0] ?? '')) continue;
    if (!cells[0] || !/^[A-Za-z0-9/\-?:().,'+ ]{1,35}$/.test(cells[0])) throw new ValidationError([{ path: 'content', code: 'money.return_file_unknown' }]);
    out.push({ endToEndId: cells[0], reasonCode: (cells[1] || 'MS02').slice(0, 4), feeCents: euroCents(cells[2] ?? null) });
  }
  return out;
}

/**
 * Imports the bank's return: each rejected transaction reopens its invoice (the allocation reversed, the money
 * recorded as taken back by the bank, so the family's credit is unchanged), a FRST rejection puts the mandate back to
 * FRST, the bank's fee becomes a one-off invoice if the office charges it, and the family is told.
 * Idempotent: the item moves collected → rejected by a conditional write (rows checked): a file imported twice, or
 * twice at once, rejects each transaction once.
 */
export async function importReturns(ctx: AppContext, actor: Actor, content: string): Promise<RejectionResult> {
  const returns = parseReturns(content);
  const result: RejectionResult = { rejected: [], alreadyKnown: 0, unknown: [] };
  for (const ret of returns) {
    const item = await ctx.db.selectFrom('sepa_batch_item').selectAll().where('end_to_end_id', '=', ret.endToEndId).executeTakeFirst();
    if (!item) {
      result.unknown.push(ret.endToEndId);
      continue;
    }
    const done = await writeTransaction(ctx, async (trx) => {
      // the invoice first (billing's lock order), then the item's state, conditionally
      const inv = await forUpdate(trx, trx.selectFrom('invoice').select(['id', 'reference', 'office_id', 'paid_cents', 'payer', 'family_id']).where('id', '=', item.invoice_id)).executeTakeFirstOrThrow();
      const moved = await trx
        .updateTable('sepa_batch_item')
        .set({ state: 'rejected', reject_code: ret.reasonCode, fee_cents: ret.feeCents, rejected_at: isoNow(ctx.clock) })
        .where('id', '=', item.id)
        .where('state', '=', 'collected')
        .executeTakeFirst();
      if (affected(moved) !== 1) return null;
      const now = isoNow(ctx.clock);
      const alloc = await trx
        .selectFrom('payment_allocation')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('a'))
        .where('payment_id', '=', item.payment_id!)
        .where('invoice_id', '=', item.invoice_id)
        .executeTakeFirst();
      const back = Math.min(Number(alloc?.a ?? 0), inv.paid_cents);
      if (back > 0) {
        await trx.updateTable('invoice').set((eb) => ({ paid_cents: eb('paid_cents', '-', back) })).where('id', '=', inv.id).execute();
        await trx.insertInto('payment_allocation').values({ payment_id: item.payment_id!, invoice_id: inv.id, amount_cents: -back, created_at: now }).execute();
        await trx.updateTable('payment').set((eb) => ({ allocated_cents: eb('allocated_cents', '-', back) })).where('id', '=', item.payment_id!).execute();
      }
      await trx
        .insertInto('refund')
        .values({ family_id: item.family_id, payment_id: item.payment_id, kind: 'debit_return', method: 'direct_debit', amount_cents: item.amount_cents, reference: `${ret.endToEndId} ${ret.reasonCode}`, refunded_on: todayOf(ctx), created_at: now, created_by: actor.id })
        .execute();
      if (item.sequence === 'FRST') {
        const collected = await trx.selectFrom('sepa_batch_item').select('id').where('mandate_id', '=', item.mandate_id).where('state', '=', 'collected').executeTakeFirst();
        if (!collected) await trx.updateTable('sepa_mandate').set({ sequence: 'FRST' }).where('id', '=', item.mandate_id).execute();
      }
      const payer = JSON.parse(inv.payer) as { email: string | null };
      if (payer.email)
        await enqueueMail(trx, ctx, payer.email, { template: 'money.notice', notice: 'rejection', params: { number: inv.reference ?? '', amountCents: item.amount_cents, reason: ret.reasonCode, feeCents: ret.feeCents ?? 0, url: `${ctx.config.publicUrl}/factures` } }, item.family_id);
      await recordAudit(trx, ctx.clock, actor, { action: 'money.debit_rejected', familyId: item.family_id, targetType: 'invoice', targetId: String(inv.id), details: { reason: ret.reasonCode, feeCents: ret.feeCents } });
      return { invoiceNumber: inv.reference ?? '', officeId: inv.office_id };
    });
    if (!done) {
      result.alreadyKnown++;
      continue;
    }
    if (ret.feeCents && ret.feeCents > 0)
      await createManualInvoice(ctx, actor, { officeId: done.officeId, familyId: item.family_id, lines: [{ label: `Frais de rejet de prélèvement (${done.invoiceNumber})`, quantity: 1, unitPriceCents: ret.feeCents }] }, { computation: `debit-return ${ret.endToEndId}` });
    result.rejected.push({ endToEndId: ret.endToEndId, invoiceNumber: done.invoiceNumber, reasonCode: ret.reasonCode, feeCents: ret.feeCents });
  }
  return result;
}
