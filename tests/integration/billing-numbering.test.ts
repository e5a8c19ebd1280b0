import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { bookDirect, createBillingFixture, familyWith, type BillingFixture } from './billing-support.js';
import { discardRun, publishRun, startRun, waitForRun } from '../../src/server/modules/billing/billing.run.js';

const START = '2026-10-05T08:00:00Z';
const MONTHS = ['2026-06', '2026-07', '2026-08', '2026-09'];
let t: TestApp;
let b: BillingFixture;

beforeAll(async () => {
  t = await createTestApp({ clockStart: START });
  b = await createBillingFixture(t, 'NUM');
  for (let i = 0; i < 6; i++) {
    const f = await familyWith(t, { quotient: 400 + i * 100, lastName: `Famille${i}`, children: [{ firstName: 'Enfant', birthDate: '2017-01-01' }] });
    for (const month of MONTHS.slice(0, 3))
      for (const d of ['08', '09'])
        await bookDirect(t, { family: f.family, childId: f.childIds[0], activity: b.activity, unitId: b.activity.units.matin, day: `${month}-${d}`, bookedAt: '2026-05-01T10:00:00Z' });
  }
});
afterAll(async () => {
  await t.close();
});

describe('invoice numbering', () => {
  it('lets only one of two simultaneous runs of the same month through', async () => {
    const results = await Promise.allSettled([startRun(t.ctx, b.agentActor, b.officeId, '2026-06'), startRun(t.ctx, b.agentActor, b.officeId, '2026-06')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.code).toBe('billing.run_exists');
    // the computation is a background job: wait for it
    expect(await waitForRun(t.ctx, (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<number>).value)).toBe('draft');
  });

  it('numbers the invoices of runs published at the same time 1…N, without a gap or a reuse', async () => {
    const july = await startRun(t.ctx, b.agentActor, b.officeId, '2026-07');
    const august = await startRun(t.ctx, b.agentActor, b.officeId, '2026-08');
    const june = (await t.ctx.db.selectFrom('invoicing_run').select('id').where('month', '=', '2026-06').where('state', '=', 'draft').executeTakeFirstOrThrow()).id;
    for (const id of [june, july, august]) expect(await waitForRun(t.ctx, id)).toBe('draft');
    // July twice: exactly one of them publishes
    const results = await Promise.allSettled([june, july, august, july].map((id) => publishRun(t.ctx, b.agentActor, id)));
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(refused).toHaveLength(1);
    expect(refused[0].reason.code).toBe('billing.run_not_draft');
    const rows = await t.ctx.db.selectFrom('invoice').select(['number', 'year', 'reference', 'run_id']).where('office_id', '=', b.officeId).where('state', '=', 'published').orderBy('number').execute();
    expect(rows).toHaveLength(18);
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.reference)).size).toBe(18);
    expect(rows[0].reference).toBe('NUM-2026-000001');
    // each run's invoices are consecutive
    for (const runId of [june, july, august]) {
      const n = rows.filter((r) => r.run_id === runId).map((r) => r.number!);
      expect(Math.max(...n) - Math.min(...n)).toBe(n.length - 1);
    }
    const counter = await t.ctx.db.selectFrom('invoice_counter').select('last_number').where('office_id', '=', b.officeId).where('kind', '=', 'invoice').executeTakeFirstOrThrow();
    expect(counter.last_number).toBe(18);
  });

  it('a publish that fails takes no number; a discarded draft neither', async () => {
    const empty = await startRun(t.ctx, b.agentActor, b.officeId, '2026-09'); // nobody booked in September
    expect(await waitForRun(t.ctx, empty)).toBe('draft');
    await expect(publishRun(t.ctx, b.agentActor, empty)).rejects.toMatchObject({ code: 'billing.run_empty' });
    const run = await t.ctx.db.selectFrom('invoicing_run').select('state').where('id', '=', empty).executeTakeFirstOrThrow();
    expect(run.state).toBe('draft');
    await discardRun(t.ctx, b.agentActor, empty);
    const counter = await t.ctx.db.selectFrom('invoice_counter').select('last_number').where('office_id', '=', b.officeId).where('kind', '=', 'invoice').executeTakeFirstOrThrow();
    expect(counter.last_number).toBe(18);
  });

  it('refuses the same number twice in the database', async () => {
    const inv = await t.ctx.db.selectFrom('invoice').select(['id']).where('number', '=', 2).where('office_id', '=', b.officeId).executeTakeFirstOrThrow();
    await expect(t.ctx.db.updateTable('invoice').set({ number: 1 }).where('id', '=', inv.id).execute()).rejects.toThrow();
  });

  it('a published invoice keeps its number when its month is discarded: publishing is final', async () => {
    const june = (await t.ctx.db.selectFrom('invoicing_run').select('id').where('month', '=', '2026-06').where('state', '=', 'published').executeTakeFirstOrThrow()).id;
    await expect(discardRun(t.ctx, b.agentActor, june)).rejects.toMatchObject({ code: 'billing.run_not_draft' });
  });
});
