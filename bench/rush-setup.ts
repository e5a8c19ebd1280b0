/** Set-up shared by bench/rush.ts and tests/integration/booking-crash.test.ts. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../src/server/db/database.js';
import { createHealthCipher, KEY_FILE_NAME, parseKey } from '../src/server/crypto/health-crypto.js';

export interface RushFamily {
  childId: string;
  /** session and CSRF cookies, as the browser would send them */
  cookie: string;
  csrf: string;
}

export async function waitForSchema(db: Database): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await sql`select 1 from unit_day limit 1`.execute(db);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('the portal did not migrate its database');
}

/**
 * Writes what an opening morning needs straight into the portal's database: one summer activity with two units
 * of `capacity` places, a period always open for booking, and `families` validated families with a child and a
 * live session each (no argon2 on the way: logins are benchmarked by bench:login).
 */
export async function setUpRush(db: Database, dataDir: string, o: { families: number; capacity: number; firstDay: string; lastDay: string }) {
  const FAMILIES = o.families;
  const CAPACITY = o.capacity;
  const { firstDay, lastDay } = o;
  const now = new Date().toISOString();
  const key = parseKey(fs.readFileSync(path.join(dataDir, KEY_FILE_NAME), 'utf8').trim(), KEY_FILE_NAME);
  const cipher = createHealthCipher(key);
  const establishmentId = randomUUID();
  const activityId = randomUUID();
  const periodId = randomUUID();
  const units = { journee: randomUUID(), repas: randomUUID() };
  const policy = JSON.stringify({ deadline: { kind: 'daysBefore', days: 2, skip: 'weekends', at: '12:00' }, insideDeadline: 'accept', afterDeadline: 'refuse' });
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('establishment').values({ id: establishmentId, name: 'Centre de loisirs (bench)', address: null, created_at: now, updated_at: now }).execute();
    await trx
      .insertInto('activity')
      .values({
        id: activityId,
        establishment_id: establishmentId,
        name: 'Vacances d’été (bench)',
        kind: 'ete',
        min_age: null,
        max_age: null,
        open_weekdays: '1,2,3,4,5',
        school_holidays: 'ignore',
        booking_policy: policy,
        cancellation_policy: policy,
        waitlist_mode: 'auto',
        created_at: now,
        updated_at: now,
      })
      .execute();
    let position = 0;
    for (const [code, id] of Object.entries(units))
      await trx.insertInto('unit').values({ id, activity_id: activityId, code, label: code, position: position++, default_capacity: CAPACITY, requires_code: null, excludes_codes: '' }).execute();
    await trx
      .insertInto('period')
      .values({ id: periodId, activity_id: activityId, label: 'Été (bench)', start_day: firstDay, end_day: lastDay, opens_at: '2000-01-01T00:00:00.000Z', closes_at: '2100-01-01T00:00:00.000Z' })
      .execute();
  });

  const families: RushFamily[] = [];
  const health = (childId: string) =>
    cipher.encrypt(
      JSON.stringify({ v: 1, vaccinationsUpToDate: true, lastVaccinationDate: null, diseases: [], allergies: [], medicalHistory: null, observations: null, carePlan: false, doctor: { name: null, phone: null, address: null } }),
      `child:${childId}:health`,
    );
  const later = new Date(Date.now() + 6 * 3_600_000).toISOString();
  for (let start = 0; start < FAMILIES; start += 250) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(FAMILIES, start + 250); i++) {
        const familyId = randomUUID();
        const accountId = randomUUID();
        const childId = randomUUID();
        const token = randomBytes(32).toString('base64url');
        await trx
          .insertInto('family')
          .values({ id: familyId, address_line1: `${i} rue du Banc`, address_line2: null, postal_code: '59560', city: 'Comines', insee_code: '59152', family_situation: 'married', benefits_regime: null, benefits_number: null, family_quotient: null, payer_rank: 1, terms_accepted_at: now, created_at: now, updated_at: now })
          .execute();
        await trx
          .insertInto('guardian')
          .values({ id: randomUUID(), family_id: familyId, rank: 1, civility: 'MME', last_name: `Banc${i}`, first_name: 'Alice', birth_date: null, mobile_phone: '0612345678', home_phone: null, work_phone: null, email: null, profession: null, employer: null })
          .execute();
        await trx
          .insertInto('account')
          .values({ id: accountId, email: `rush${i}@example.org`, password_hash: 'x', kind: 'family', role: null, status: 'active', family_id: familyId, display_name: `Alice Banc${i}`, member_role: 'holder', can_book: 1, can_pay: 1, can_edit: 1, guardian_rank: 1, rejection_reason: null, validated_at: now, validated_by: null, password_changed_at: now, last_login_at: null, created_at: now, updated_at: now })
          .execute();
        await trx
          .insertInto('child')
          .values({ id: childId, family_id: familyId, last_name: `Banc${i}`, first_name: 'Léo', sex: 'M', birth_date: '2017-05-05', school: null, school_class: null, diet_item_id: null, diet_label: null, health_data: health(childId), search_key: `banc${i} leo`, created_at: now, updated_at: now })
          .execute();
        // issue 11: the child's household link (who may book it)
        await trx
          .insertInto('child_household')
          .values({ child_id: childId, family_id: familyId, custody_kind: 'free', custody_anchor: null, custody_weekdays: null, linked_at: now, linked_by: null, sees_other: 0 })
          .execute();
        await trx
          .insertInto('session')
          .values({ id: createHash('sha256').update(token).digest('hex'), account_id: accountId, created_at: now, last_seen_at: now, idle_expires_at: later, absolute_expires_at: later, user_agent: 'bench' })
          .execute();
        const csrf = randomBytes(24).toString('base64url');
        families.push({ childId, cookie: `pf_session=${token}; pf_csrf=${csrf}`, csrf });
      }
    });
  }
  return { activityId, periodId, units, families };
}


export interface ChurnActivity {
  activityId: string;
  periodId: string;
  unitId: string;
  mode: 'auto' | 'staff';
}

export interface StaffSession {
  accountId: string;
  cookie: string;
  csrf: string;
}

/**
 * What the « churn » scenario adds (issue 9): two activities of one unit with `capacity` places a day — one that
 * accepts at once and promotes its waiting list automatically, one whose bookings are requests staff decide and
 * whose waiting list staff promote by hand — and `agents` staff accounts (agents) with a live session each.
 */
export async function setUpChurn(db: Database, o: { capacity: number; firstDay: string; lastDay: string; agents: number }) {
  const now = new Date().toISOString();
  const later = new Date(Date.now() + 6 * 3_600_000).toISOString();
  const establishmentId = randomUUID();
  const make = (mode: 'auto' | 'staff'): ChurnActivity => ({ activityId: randomUUID(), periodId: randomUUID(), unitId: randomUUID(), mode });
  const activities = { auto: make('auto'), staff: make('staff') };
  const cancel = { deadline: { kind: 'daysBefore', days: 2, skip: 'weekends', at: '12:00' }, insideDeadline: 'accept', afterDeadline: 'refuse' };
  const agents: StaffSession[] = [];
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('establishment').values({ id: establishmentId, name: 'Accueil du mercredi (bench churn)', address: null, created_at: now, updated_at: now }).execute();
    for (const a of Object.values(activities)) {
      const booking = { ...cancel, insideDeadline: a.mode === 'staff' ? 'request' : 'accept' };
      await trx
        .insertInto('activity')
        .values({
          id: a.activityId,
          establishment_id: establishmentId,
          name: a.mode === 'staff' ? 'Stage sur demande (bench churn)' : 'Centre aéré (bench churn)',
          kind: 'ete',
          min_age: null,
          max_age: null,
          open_weekdays: '1,2,3,4,5',
          school_holidays: 'ignore',
          booking_policy: JSON.stringify(booking),
          cancellation_policy: JSON.stringify(cancel),
          waitlist_mode: a.mode,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx.insertInto('unit').values({ id: a.unitId, activity_id: a.activityId, code: 'journee', label: 'Journée', position: 0, default_capacity: o.capacity, requires_code: null, excludes_codes: '' }).execute();
      await trx
        .insertInto('period')
        .values({ id: a.periodId, activity_id: a.activityId, label: 'Été (bench churn)', start_day: o.firstDay, end_day: o.lastDay, opens_at: '2000-01-01T00:00:00.000Z', closes_at: '2100-01-01T00:00:00.000Z' })
        .execute();
    }
    for (let i = 0; i < o.agents; i++) {
      const accountId = randomUUID();
      const token = randomBytes(32).toString('base64url');
      await trx
        .insertInto('account')
        .values({ id: accountId, email: `agent${i}.rush@example.org`, password_hash: 'x', kind: 'staff', role: 'agent', status: 'active', family_id: null, display_name: `Agent ${i + 1} (bench)`, rejection_reason: null, validated_at: now, validated_by: null, password_changed_at: now, last_login_at: null, created_at: now, updated_at: now })
        .execute();
      await trx
        .insertInto('session')
        .values({ id: createHash('sha256').update(token).digest('hex'), account_id: accountId, created_at: now, last_seen_at: now, idle_expires_at: later, absolute_expires_at: later, user_agent: 'bench' })
        .execute();
      const csrf = randomBytes(24).toString('base64url');
      agents.push({ accountId, cookie: `pf_session=${token}; pf_csrf=${csrf}`, csrf });
    }
  });
  return { activities, agents };
}
