/** Shared set-up of the billing tests: an office with a tariffed activity, families with children and bookings. */
import { randomUUID } from 'node:crypto';
import type { TestApp, TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, createActivityFixture, type ActivityFixture } from './booking-support.js';
import type { TariffInput } from '../../src/shared/billing-contracts.js';

export const TARIFF: TariffInput = {
  bands: [
    { upToQuotient: 500, residentCents: 150, nonResidentCents: 300 },
    { upToQuotient: 800, residentCents: 275, nonResidentCents: 450 },
    { upToQuotient: null, residentCents: 455, nonResidentCents: 600 },
  ],
  siblingReductionsPercent: [0, 10],
  lateBooking: { kind: 'percent', value: 50, daysBefore: 3 },
  unbookedPresence: { kind: 'fixed', value: 500 },
  unjustifiedAbsenceCharged: true,
};

export interface BillingFixture {
  activity: ActivityFixture;
  admin: TestClient;
  agent: TestClient;
  agentActor: { id: string; email: string };
  officeId: string;
}

export async function createBillingFixture(t: TestApp, code = 'R01'): Promise<BillingFixture> {
  const activity = await createActivityFixture(t, { units: { matin: 50, soir: 50 }, period: { startDay: '2026-08-01', endDay: '2026-10-31' } });
  const adminAcc = await createStaff(t.ctx, { role: 'admin' });
  const agentAcc = await createStaff(t.ctx, { role: 'agent' });
  const admin = await loginAs(t, adminAcc.accountId);
  const agent = await loginAs(t, agentAcc.accountId);
  const office = await admin.post('/api/staff/billing/offices', {
    name: 'Régie enfance',
    code,
    address: 'Hôtel de ville, 59560 Comines',
    paymentInstructions: 'Chèque à l’ordre du Trésor public, ou en ligne.',
    residentPostalCodes: ['59560'],
    residentInseeCodes: ['59152'],
    paymentTermDays: 30,
    activityIds: [activity.activityId],
  });
  if (office.status !== 201) throw new Error(JSON.stringify(office.body));
  for (const unitId of Object.values(activity.units)) {
    const r = await admin.put(`/api/staff/billing/tariffs/${unitId}`, TARIFF);
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  }
  return { activity, admin, agent, agentActor: { id: agentAcc.accountId, email: agentAcc.email }, officeId: office.body.id };
}

export async function familyWith(
  t: TestApp,
  o: { quotient: number | null; postalCode?: string; insee?: string; children: { firstName: string; birthDate: string }[]; lastName?: string },
): Promise<{ family: FamilyFixture; childIds: string[] }> {
  const family = await createFamily(t.ctx, { postalCode: o.postalCode ?? '59560', lastName: o.lastName });
  await t.ctx.db.updateTable('family').set({ family_quotient: o.quotient, insee_code: o.insee ?? '59152' }).where('id', '=', family.familyId).execute();
  const childIds: string[] = [];
  for (const c of o.children) childIds.push(await childOf(t, family, { firstName: c.firstName, birthDate: c.birthDate, lastName: o.lastName ?? 'Martin' }));
  return { family, childIds };
}

/** A booking written directly (as if accepted when `bookedAt`), with its reservation line for the late-booking rule. */
export async function bookDirect(t: TestApp, f: { family: FamilyFixture; childId: string; activity: ActivityFixture; unitId: string; day: string; bookedAt: string }) {
  const r = await t.ctx.db
    .insertInto('reservation')
    .values({
      family_id: f.family.familyId,
      child_id: f.childId,
      activity_id: f.activity.activityId,
      period_id: f.activity.periodId,
      kind: 'booking',
      idempotency_key: randomUUID(),
      request_hash: 'test',
      account_id: f.family.accountId,
      created_at: f.bookedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const line = await t.ctx.db
    .insertInto('reservation_line')
    .values({ reservation_id: r.id, unit_id: f.unitId, day: f.day, action: 'book', state: 'accepted', reason: null, decided_at: null, decided_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.ctx.db
    .insertInto('booking')
    .values({ family_id: f.family.familyId, child_id: f.childId, activity_id: f.activity.activityId, unit_id: f.unitId, day: f.day, state: 'accepted', line_id: line.id, cancel_line_id: null, created_at: f.bookedAt, updated_at: f.bookedAt })
    .execute();
}

export async function markDirect(t: TestApp, childId: string, unitId: string, day: string, status: 'present' | 'absent_justified' | 'absent_unjustified' | 'present_unbooked') {
  await t.ctx.db.insertInto('attendance').values({ child_id: childId, unit_id: unitId, day, status, marked_by: 'test', marked_at: '2026-09-30T18:00:00Z' }).execute();
}

/**
 * The text of a pdfkit document written with `compress: false`: the strings of every TJ/Tj operator, decoded from
 * WinAnsi (pdfkit's encoding for the standard fonts), one per text run — no system tool needed.
 */
export function pdfText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const win: Record<number, string> = { 0x80: '€', 0x92: '’', 0x91: '‘', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—', 0x85: '…', 0x9c: 'œ', 0x8c: 'Œ' };
  const decodeHex = (hex: string) => {
    let s = '';
    for (let i = 0; i + 1 < hex.length; i += 2) {
      const c = parseInt(hex.slice(i, i + 2), 16);
      s += win[c] ?? String.fromCharCode(c);
    }
    return s;
  };
  const runs: string[] = [];
  for (const m of src.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    if (m[1] !== undefined) runs.push([...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => decodeHex(x[1])).join(''));
    else runs.push(decodeHex(m[2]));
  }
  return runs.join('\n');
}

/**
 * Starts a month's run as the staff page does (POST answers 202 at once, the computation is a background job) and
 * polls GET /api/staff/billing/runs/:id until it is computed: the POST's status and the run as it ended.
 */
export async function runMonth(agent: TestClient, officeId: string, month: string, timeoutMs = 60_000): Promise<{ status: number; body: any }> {
  const started = await agent.post('/api/staff/billing/runs', { officeId, month });
  if (started.status !== 202) return started;
  return { status: started.status, body: await waitForRunDetail(agent, started.body.id, timeoutMs) };
}

/** Polls the run's detail until its computation is over (computing false). */
export async function waitForRunDetail(agent: TestClient, runId: number, timeoutMs = 60_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await agent.get(`/api/staff/billing/runs/${runId}`);
    if (r.status !== 200) throw new Error(`run ${runId}: ${r.status} ${JSON.stringify(r.body)}`);
    if (!r.body.computing) return r.body;
    if (Date.now() > until) throw new Error(`run ${runId} still computing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
