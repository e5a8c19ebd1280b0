/**
 * Issue 15 under concurrency (docs/quotient.md): a family asks the CAF twice at once from two devices (double
 * clicks, alternating numbers so the value changes), while two agents enter the quotient by hand on a document. Every
 * answer must be 200 (no 409 or 500), and afterwards, in SQL: the history is numbered 1..n without gap or duplicate,
 * the state's last number is n, and the family's current quotient and source are those of history line n. Without
 * the family row lock (lockOpenFamily) PostgreSQL's READ COMMITTED lets two writers read the same last number: one
 * write is refused (409) or two lines share a number. SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';

let t: TestApp;
let agents: TestClient[];

beforeAll(async () => {
  t = await createTestApp({ clockStart: '2026-09-01T08:00:00Z' });
  agents = [await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId), await loginAs(t, (await createStaff(t.ctx, { role: 'agent' })).accountId)];
});
afterAll(async () => {
  await t.close();
});

async function acceptedDocument(familyId: string): Promise<string> {
  const now = t.ctx.clock.now().toISOString();
  const typeId = randomUUID();
  await t.ctx.db
    .insertInto('document_type')
    .values({ id: typeId, name: `Attestation ${typeId.slice(0, 6)}`, description: null, scope: 'family', validity_kind: 'none', validity_months: null, required: 0, active: 1, created_at: now, updated_at: now })
    .execute();
  const id = randomUUID();
  await t.ctx.db
    .insertInto('document_submission')
    .values({ id, family_id: familyId, child_id: null, document_type_id: typeId, state: 'accepted', refusal_reason: null, submitted_at: now, submitted_by: null, reviewed_at: now, reviewed_by: null, valid_until: null, reminder_sent_at: null })
    .execute();
  return id;
}

describe('quotient writes at once', () => {
  it('keeps one current value and an ordered, gap-free history (double clicks + staff entries)', async () => {
    const families = [];
    for (let i = 0; i < 4; i++) {
      const f = await createFamily(t.ctx, { lastName: `Course${i}`, postalCode: '59560' });
      families.push({ f, devices: [await loginAs(t, f.accountId), await loginAs(t, f.accountId)], doc: await acceptedDocument(f.familyId) });
    }
    for (let round = 0; round < 3; round++) {
      const calls: Promise<{ status: number; body: any }>[] = [];
      for (const [i, fam] of families.entries()) {
        for (const [d, device] of fam.devices.entries()) {
          const number = (round + d) % 2 ? '7654321' : '1234567';
          calls.push(device.post('/api/family/quotient/fetch', { allocataireNumber: number, regime: 'cnaf', consent: true }));
          calls.push(device.post('/api/family/quotient/fetch', { allocataireNumber: number, regime: 'cnaf', consent: true }));
        }
        for (const [a, agent] of agents.entries())
          calls.push(agent.post(`/api/staff/families/${fam.f.familyId}/quotient`, { quotient: 100 * (round + 1) + 10 * a + i, computedMonth: '2026-08', documentId: fam.doc }));
      }
      const answers = await Promise.all(calls);
      expect(answers.map((r) => r.status).filter((s) => s !== 200), JSON.stringify(answers.find((r) => r.status !== 200)?.body)).toEqual([]);
    }
    for (const fam of families) {
      const history = await t.ctx.db.selectFrom('quotient_history').selectAll().where('family_id', '=', fam.f.familyId).orderBy('seq').execute();
      const state = await t.ctx.db.selectFrom('quotient_state').selectAll().where('family_id', '=', fam.f.familyId).executeTakeFirstOrThrow();
      const family = await t.ctx.db.selectFrom('family').select(['family_quotient']).where('id', '=', fam.f.familyId).executeTakeFirstOrThrow();
      expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
      expect(history.length).toBeGreaterThanOrEqual(6);
      const last = history.at(-1)!;
      expect(state.last_seq).toBe(last.seq);
      expect(family.family_quotient).toBe(last.quotient);
      expect(state.source).toBe(last.source);
      // no two consecutive lines say the same thing (a repeated fetch adds none)
      for (let i = 1; i < history.length; i++)
        expect([history[i]!.quotient, history[i]!.source, history[i]!.document_id]).not.toEqual([history[i - 1]!.quotient, history[i - 1]!.source, history[i - 1]!.document_id]);
    }
  });
});
