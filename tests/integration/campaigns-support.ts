/** Shared set-up of the request-campaign tests (issue 12): a summer activity, a campaign, families with children. */
import type { TestApp, TestClient } from '../support/app.js';
import { createFamily, createStaff, type FamilyFixture } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { childOf, createActivityFixture, NO_DEADLINE, type ActivityFixture } from './booking-support.js';
import type { CampaignInput } from '../../src/shared/campaign-contracts.js';

/** Monday 1 June 2026, 10:00 Paris: the request window is open (it closes on 15 June). */
export const START = '2026-06-01T08:00:00Z';
export const CLOSES = '2026-06-15T20:00:00.000Z';
/** weekdays of the period (6–17 July 2026) */
export const MONDAY = '2026-07-06';
export const TUESDAY = '2026-07-07';
export const WEDNESDAY = '2026-07-08';
export const SATURDAY = '2026-07-11';

export function campaignBody(periodId: string, over: Partial<CampaignInput> = {}): CampaignInput {
  return {
    periodId,
    mode: 'requests',
    opensAt: '2026-06-01T06:00:00.000Z',
    residentOpensAt: null,
    closesAt: CLOSES,
    residentTowns: ['59152'],
    eligibility: { residentsOnly: false, minAge: null, maxAge: null, schoolClasses: [], requiredFlags: [], documentsRequired: false, maxDaysPerWeek: null, maxDaysPerPeriod: null },
    criteria: [
      { criterion: 'residence', weight: 10 },
      { criterion: 'single_parent_working', weight: 5 },
    ],
    siblingsTogether: false,
    seedText: 'Arrêté municipal 2026-142',
    ...over,
  };
}

export interface CampaignWorld {
  activity: ActivityFixture;
  admin: TestClient;
  agent: TestClient;
  adminId: string;
  agentId: string;
  campaignId: string;
}

export async function campaignWorld(t: TestApp, units: Record<string, number> = { journee: 2 }, over: Partial<CampaignInput> = {}): Promise<CampaignWorld> {
  const activity = await createActivityFixture(t, {
    units,
    activity: { name: 'Centre de loisirs été', kind: 'ete', bookingPolicy: NO_DEADLINE, cancellationPolicy: NO_DEADLINE } as never,
    period: { startDay: MONDAY, endDay: '2026-07-17', opensAt: '2026-05-01T06:00:00.000Z', closesAt: '2026-07-10T20:00:00.000Z' },
  });
  const adminId = (await createStaff(t.ctx, { role: 'admin' })).accountId;
  const agentId = (await createStaff(t.ctx, { role: 'agent' })).accountId;
  const admin = await loginAs(t, adminId);
  const agent = await loginAs(t, agentId);
  const r = await admin.request('POST', '/api/staff/campaigns', campaignBody(activity.periodId, over));
  if (r.status !== 201) throw new Error(`campaign: ${r.status} ${JSON.stringify(r.body)}`);
  return { activity, admin, agent, adminId, agentId, campaignId: r.body.id };
}

export interface Applicant {
  family: FamilyFixture;
  client: TestClient;
  childId: string;
}

/** A validated family with one child (born 2018), signed in; `resident: false` moves it to Lille. */
export async function applicant(t: TestApp, o: { resident?: boolean; birthDate?: string; firstName?: string } = {}): Promise<Applicant> {
  const family = await createFamily(t.ctx);
  if (o.resident === false) await t.ctx.db.updateTable('family').set({ insee_code: '59350', postal_code: '59000', city: 'Lille' }).where('id', '=', family.familyId).execute();
  const childId = await childOf(t, family, { birthDate: o.birthDate ?? '2018-03-10', firstName: o.firstName ?? 'Léa' });
  return { family, client: await loginAs(t, family.accountId), childId };
}

/** Moves the clock (sessions older than the idle timeout end) and signs everyone in again. */
export async function moveClock(t: TestApp, at: string, w: CampaignWorld, applicants: Applicant[]): Promise<void> {
  t.clock.set(new Date(at));
  w.admin = await loginAs(t, w.adminId);
  w.agent = await loginAs(t, w.agentId);
  for (const a of applicants) a.client = await loginAs(t, a.family.accountId);
}

export function wish(client: TestClient, campaignId: string, childId: string, wishes: { unitId: string; day: string; preference?: number | null }[]) {
  return client.request('PUT', `/api/campaigns/${campaignId}/wishes/${childId}`, { wishes: wishes.map((w) => ({ preference: null, ...w })) });
}
