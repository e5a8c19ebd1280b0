/** Shared set-up of the catalog and booking tests: an activity with units and a period, children, reservations. */
import { randomUUID } from 'node:crypto';
import type { TestApp, TestClient } from '../support/app.js';
import { createStaff, type FamilyFixture } from '../support/factories.js';
import { createChildFor, fullChildInput, lists } from '../support/children.js';
import * as catalog from '../../src/server/modules/catalog/catalog.service.js';
import { activityInput, periodInput, unitInput, type ActivityInput, type DeadlinePolicy } from '../../src/shared/booking-contracts.js';

export const J2_NOON: DeadlinePolicy = {
  deadline: { kind: 'daysBefore', days: 2, skip: 'weekends', at: '12:00' },
  insideDeadline: 'accept',
  afterDeadline: 'refuse',
};
export const EVE_18H: DeadlinePolicy = {
  deadline: { kind: 'daysBefore', days: 1, skip: 'none', at: '18:00' },
  insideDeadline: 'accept',
  afterDeadline: 'request',
};
export const NO_DEADLINE: DeadlinePolicy = { deadline: { kind: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' };

export interface ActivityFixture {
  establishmentId: string;
  activityId: string;
  periodId: string;
  units: Record<string, string>;
}

/**
 * An establishment with one activity (weekdays Monday–Friday by default), the given units and one period whose
 * booking window is open at the test clock's start.
 */
export async function createActivityFixture(
  t: TestApp,
  o: {
    units?: Record<string, number>;
    activity?: Partial<ActivityInput>;
    period?: { startDay: string; endDay: string; opensAt?: string; closesAt?: string };
  } = {},
): Promise<ActivityFixture> {
  const admin = await createStaff(t.ctx, { role: 'admin' });
  const actor = { id: admin.accountId, email: admin.email };
  const e = await catalog.createEstablishment(t.ctx, actor, { name: `Centre ${randomUUID().slice(0, 6)}`, address: null });
  const a = await catalog.createActivity(
    t.ctx,
    actor,
    activityInput.parse({
      establishmentId: e.id,
      name: 'Accueil périscolaire',
      kind: 'periscolaire',
      openWeekdays: [1, 2, 3, 4, 5],
      bookingPolicy: J2_NOON,
      cancellationPolicy: J2_NOON,
      ...o.activity,
    }),
  );
  const units: Record<string, string> = {};
  let position = 0;
  for (const [code, capacity] of Object.entries(o.units ?? { matin: 10 })) {
    const u = await catalog.createUnit(t.ctx, actor, a.id, unitInput.parse({ code, label: code, position: position++, defaultCapacity: capacity }));
    units[code] = u.id;
  }
  const now = t.clock.now().getTime();
  const p = await catalog.createPeriod(
    t.ctx,
    actor,
    a.id,
    periodInput.parse({
      label: 'Période de test',
      startDay: o.period?.startDay ?? '2026-09-07',
      endDay: o.period?.endDay ?? '2026-10-16',
      opensAt: o.period?.opensAt ?? new Date(now - 86_400_000).toISOString(),
      closesAt: o.period?.closesAt ?? new Date(now + 60 * 86_400_000).toISOString(),
    }),
  );
  return { establishmentId: e.id, activityId: a.id, periodId: p.id, units };
}

export async function childOf(
  t: TestApp,
  family: FamilyFixture,
  o: { birthDate?: string; firstName?: string; lastName?: string; healthAlert?: boolean } = {},
): Promise<string> {
  const l = await lists(t);
  const input = fullChildInput(l, { birthDate: o.birthDate ?? '2018-03-10', firstName: o.firstName ?? 'Léa', lastName: o.lastName ?? 'Martin' });
  // the full form has an allergy and a PAI; without them the attendance sheet shows no health flag
  if (o.healthAlert === false) input.health = { ...input.health, allergies: {}, carePlan: false } as typeof input.health;
  return (await createChildFor(t, family, input)).id;
}

let keySeq = 0;
export function newKey(): string {
  return `k-${Date.now().toString(36)}-${++keySeq}-${randomUUID().slice(0, 8)}`;
}

export function reserve(
  client: TestClient,
  body: { childId: string; activityId: string; periodId: string; changes: { day: string; unitId: string; action: 'book' | 'cancel' }[] },
  key = newKey(),
) {
  return client.request('POST', '/api/booking/reservations', body, { 'idempotency-key': key });
}
