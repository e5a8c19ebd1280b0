import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/app.js';
import type { FamilyFixture } from '../support/factories.js';

/**
 * Published invoices for the payment tests, written directly (the invoicing run is billing's subject and has tests
 * of its own): an office, a published run, and one invoice per amount, numbered like billing numbers them.
 */
let officeSeq = 0;
export async function publishedInvoices(
  t: TestApp,
  family: FamilyFixture,
  amounts: number[],
  officeId?: string,
): Promise<{ officeId: string; invoices: { id: number; number: string; totalCents: number }[] }> {
  const now = t.clock.now().toISOString();
  const db = t.ctx.db;
  if (!officeId) {
    officeId = randomUUID();
    const n = ++officeSeq;
    await db
      .insertInto('collection_office')
      .values({ id: officeId, name: `Régie ${n}`, code: `R${n}${officeId.slice(0, 4)}`, address: null, payment_instructions: null, resident_postal_codes: '', resident_insee_codes: '', payment_term_days: 30, created_at: now, updated_at: now })
      .execute();
  }
  const run =
    (await db.selectFrom('invoicing_run').select('id').where('office_id', '=', officeId).executeTakeFirst()) ??
    (await db
      .insertInto('invoicing_run')
      .values({ office_id: officeId, month: '2026-10', state: 'published', warnings: '[]', created_at: now, created_by: 'test', published_at: now, published_by: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow());
  const invoices = [];
  for (const total of amounts) {
    const number = Math.floor(Math.random() * 1e9);
    const reference = `2026-${String(number).padStart(9, '0')}`;
    const row = await db
      .insertInto('invoice')
      .values({
        run_id: run.id,
        office_id: officeId,
        family_id: family.familyId,
        month: '2026-10',
        state: 'published',
        year: 2026,
        number,
        reference,
        issued_on: '2026-11-02',
        due_on: '2026-11-30',
        total_cents: total,
        family_name: 'Famille Test',
        payer: JSON.stringify({ name: 'Alice Test', addressLines: ['1 rue des Tests', '59560 Comines'], email: family.email }),
        quotient: null,
        resident: 1,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    invoices.push({ id: row.id, number: reference, totalCents: total });
  }
  return { officeId, invoices };
}

export async function invoiceBalance(t: TestApp, invoiceId: number): Promise<{ paid: number; total: number }> {
  const r = await t.ctx.db.selectFrom('invoice').select(['paid_cents', 'total_cents']).where('id', '=', invoiceId).executeTakeFirstOrThrow();
  return { paid: r.paid_cents, total: r.total_cents };
}

/** Billing's ledger rows for the family's online payments. */
export async function onlineLedger(t: TestApp, familyId: string) {
  return t.ctx.db.selectFrom('payment').selectAll().where('family_id', '=', familyId).where('method', '=', 'online').execute();
}

export async function receiptsTo(t: TestApp, email: string) {
  return t.ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', email).where('template', '=', 'payment.receipt').execute();
}
