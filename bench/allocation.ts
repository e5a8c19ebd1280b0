/**
 * Request-campaign benchmark (issue 12, docs/fair-opening.md): 10,000 wishes from 3,000 families (3,300 children,
 * one family in ten with two) over 40 days × 3 units, allocated and published — places and waiting lists written
 * through the booking module, one outcome per wish, one e-mail per family in the outbox — in one transaction, as the
 * staff's « Publier » does. Then the outbox is relayed to a loopback SMTP server (the tests' sink), as the mail-relay
 * job would (a sample of BENCH_DELIVER mails, 200 by default: the relay's rate, not the publication's). Set-up (families, children, wishes) is written in bulk and not timed. Prints JSON: seconds of each step,
 * peak memory, satisfaction figures (campaign and first-come side by side).
 *
 *   npm run bench:allocation                               the issue's size, SQLite file
 *   BENCH_WISHES=1000 BENCH_FAMILIES=300 npm run bench:allocation   a smoke run
 *   ALLOCATION_DATABASE_URL=postgres://… npm run bench:allocation  on PostgreSQL (a schema created and dropped)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.js';
import { createLogger } from '../src/server/logger.js';
import { ManualClock } from '../src/server/clock.js';
import { dialectOf, openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import type { AppContext } from '../src/server/context.js';
import { addDays, weekdayOf } from '../src/shared/calendar/paris-time.js';
import { deliverDueMail } from '../src/server/modules/mail/mail.service.js';
import { smtpTransport } from '../src/server/modules/mail/mail.transport.js';
import { publish, simulate } from '../src/server/modules/campaign/campaign.service.js';
import { registerCampaignPhase } from '../src/server/modules/booking/booking.service.js';
import { bookingPhase } from '../src/server/modules/campaign/campaign.service.js';
import { registerFamilyCopies, registerRecipientLanguages } from '../src/server/modules/mail/mail.service.js';
import { familyMailCopies, languagesOfLogins } from '../src/server/modules/account/account.logins.js';
import { SmtpSink } from '../tests/support/smtp-sink.js';

const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 3000);
const WISHES = Number(process.env.BENCH_WISHES ?? 10_000);
const PG_URL = process.env.ALLOCATION_DATABASE_URL;
const FIRST_DAY = '2026-07-06';
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 60);

function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    /* not Linux */
  }
  return Math.round(process.memoryUsage().rss / 1048576);
}

/** A small deterministic generator: the same set-up on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-allocation-'));
  const schema = `bench_alloc_${Date.now()}`;
  let url = PG_URL;
  if (PG_URL) {
    const admin = openDatabase({ url: PG_URL });
    await sql.raw(`create schema ${schema}`).execute(admin);
    await admin.destroy();
    const u = new URL(PG_URL);
    u.searchParams.set('options', `-c search_path=${schema}`);
    url = u.toString();
  }
  const db = url ? openDatabase({ url }) : openDatabase({ sqliteFile: path.join(dir, 'portail.sqlite') });
  await migrateToLatest(db);
  const clock = new ManualClock('2026-06-01T08:00:00.000Z');
  const sink = new SmtpSink();
  const smtpUrl = await sink.start();
  const ctx: AppContext = {
    config: { ...loadConfig({}), demo: false, publicUrl: 'http://portail.bench', smtpUrl },
    db,
    dialect: dialectOf(db),
    clock,
    mailer: smtpTransport(smtpUrl),
    logger: createLogger('warn'),
  };
  registerCampaignPhase(bookingPhase);
  registerRecipientLanguages(languagesOfLogins);
  registerFamilyCopies(familyMailCopies);

  // ---------- set-up in bulk (not timed) ----------
  const setupStart = Date.now();
  const random = rng(12);
  const now = clock.now().toISOString();
  const establishmentId = randomUUID();
  const activityId = randomUUID();
  const periodId = randomUUID();
  const campaignId = randomUUID();
  const units = ['matin', 'repas', 'apres_midi'].map((code, i) => ({ id: randomUUID(), code, label: ['Matin', 'Repas', 'Après-midi'][i]! }));
  const days: string[] = [];
  for (let d = FIRST_DAY; days.length < 40; d = addDays(d as never, 1)) if (weekdayOf(d as never) <= 5) days.push(d);
  const families: { id: string; accountId: string; email: string }[] = [];
  const children: { id: string; familyId: string }[] = [];
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('establishment').values({ id: establishmentId, name: 'Centre de loisirs', address: null, created_at: now, updated_at: now }).execute();
    const policy = JSON.stringify({ deadline: { kind: 'none' }, insideDeadline: 'accept', afterDeadline: 'refuse' });
    await trx
      .insertInto('activity')
      .values({
        id: activityId,
        establishment_id: establishmentId,
        name: 'Centre de loisirs d’été',
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
    await trx
      .insertInto('unit')
      .values(units.map((u, i) => ({ id: u.id, activity_id: activityId, code: u.code, label: u.label, position: i, default_capacity: CAPACITY, requires_code: null, excludes_codes: '', start_time: null })))
      .execute();
    await trx
      .insertInto('period')
      .values({ id: periodId, activity_id: activityId, label: 'Été 2026', start_day: days[0]!, end_day: days[days.length - 1]!, opens_at: '2026-05-01T06:00:00.000Z', closes_at: '2026-08-31T20:00:00.000Z' })
      .execute();
    const familyRows = [];
    const guardianRows = [];
    const accountRows = [];
    const childRows = [];
    const linkRows = [];
    const flagRows = [];
    for (let i = 0; i < FAMILIES; i++) {
      const id = randomUUID();
      const accountId = randomUUID();
      const email = `famille${i}@bench.example`;
      families.push({ id, accountId, email });
      const resident = random() < 0.7;
      familyRows.push({
        id,
        address_line1: `${i} rue du Banc`,
        address_line2: null,
        postal_code: resident ? '59560' : '59000',
        city: resident ? 'Comines' : 'Lille',
        insee_code: resident ? '59152' : '59350',
        family_situation: 'married',
        benefits_regime: null,
        benefits_number: null,
        family_quotient: Math.round(300 + random() * 1500),
        payer_rank: 1,
        terms_accepted_at: now,
        created_at: now,
        updated_at: now,
      });
      guardianRows.push({ id: randomUUID(), family_id: id, rank: 1, civility: 'MME' as const, last_name: `Banc${i}`, first_name: 'Alice', birth_date: '1985-05-05', mobile_phone: '0612345678', home_phone: null, work_phone: null, email, profession: null, employer: null });
      accountRows.push({
        id: accountId,
        email,
        password_hash: 'bench-no-login',
        kind: 'family' as const,
        role: null,
        status: 'active' as const,
        family_id: id,
        display_name: `Alice Banc${i}`,
        member_role: 'holder' as const,
        can_book: 1,
        can_pay: 1,
        can_edit: 1,
        guardian_rank: 1,
        rejection_reason: null,
        validated_at: now,
        validated_by: null,
        password_changed_at: now,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      });
      if (random() < 0.15) flagRows.push({ family_id: id, child_id: '', flag: 'single_parent_working', set_by: 'bench', set_at: now });
      const kids = random() < 0.1 ? 2 : 1;
      for (let k = 0; k < kids; k++) {
        const childId = randomUUID();
        children.push({ id: childId, familyId: id });
        childRows.push({
          id: childId,
          family_id: id,
          last_name: `Banc${i}`,
          first_name: `Enfant${k}`,
          sex: 'F' as const,
          birth_date: `201${5 + k}-03-10`,
          school: null,
          school_class: null,
          diet_item_id: null,
          diet_label: null,
          health_data: 'bench',
          search_key: `banc${i} enfant${k}`,
          created_at: now,
          updated_at: now,
        });
        linkRows.push({ child_id: childId, family_id: id, custody_kind: 'free' as const, custody_anchor: null, custody_weekdays: null, linked_at: now, linked_by: null });
      }
    }
    const chunk = async (table: string, rows: object[]) => {
      for (let i = 0; i < rows.length; i += 300) await trx.insertInto(table as never).values(rows.slice(i, i + 300) as never).execute();
    };
    await chunk('family', familyRows);
    await chunk('guardian', guardianRows);
    await chunk('account', accountRows);
    await chunk('child', childRows);
    await chunk('child_household', linkRows);
    await chunk('campaign_flag', flagRows);
    await trx
      .insertInto('campaign')
      .values({
        id: campaignId,
        activity_id: activityId,
        period_id: periodId,
        mode: 'requests',
        opens_at: '2026-06-01T06:00:00.000Z',
        resident_opens_at: null,
        closes_at: '2026-06-15T20:00:00.000Z',
        resident_towns: JSON.stringify(['59152']),
        eligibility: JSON.stringify({ residentsOnly: false, minAge: null, maxAge: null, schoolClasses: [], requiredFlags: [], documentsRequired: false, maxDaysPerWeek: 4, maxDaysPerPeriod: null }),
        criteria: JSON.stringify([
          { criterion: 'residence', weight: 10, flag: null },
          { criterion: 'single_parent_working', weight: 5, flag: null },
          { criterion: 'quotient_band', weight: 3, flag: null },
          { criterion: 'previous_attendance', weight: 1, flag: null },
        ]),
        siblings_together: 1,
        seed_text: 'Arrêté municipal 2026-142',
        seed: 'b7f5c6a1d2e3f40516273849aabbccddeeff00112233445566778899aabbccdd',
        published_at: null,
        published_by: null,
        result: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    // the wishes: every child first, then at random, never twice the same cell for a child
    const taken = new Set<string>();
    const wishRows = [];
    for (let n = 0; wishRows.length < WISHES && n < WISHES * 5; n++) {
      const c = n < children.length ? children[n]! : children[Math.floor(random() * children.length)]!;
      const unit = units[Math.floor(random() * units.length)]!;
      const day = days[Math.floor(random() * days.length)]!;
      const k = `${c.id}|${unit.id}|${day}`;
      if (taken.has(k)) continue;
      taken.add(k);
      const at = new Date(Date.parse('2026-06-01T06:00:00.000Z') + Math.floor(random() * 14 * 86_400_000)).toISOString();
      wishRows.push({
        id: randomUUID(),
        campaign_id: campaignId,
        family_id: c.familyId,
        child_id: c.id,
        unit_id: unit.id,
        day,
        preference: random() < 0.5 ? 1 + Math.floor(random() * 5) : null,
        account_id: families.find((f) => f.id === c.familyId)?.accountId ?? 'bench',
        created_at: at,
        updated_at: at,
      });
    }
    await chunk('campaign_wish', wishRows);
  });
  const setupSeconds = (Date.now() - setupStart) / 1000;

  // ---------- timed ----------
  const actor = { id: randomUUID(), email: 'direction@ville.example' };
  clock.set('2026-06-15T20:00:01.000Z');
  const simStart = performance.now();
  const sim = await simulate(ctx, actor, campaignId, {});
  const simulateSeconds = (performance.now() - simStart) / 1000;

  const publishStart = performance.now();
  const detail = await publish(ctx, actor, campaignId);
  const publishSeconds = (performance.now() - publishStart) / 1000;
  const again = performance.now();
  await publish(ctx, actor, campaignId); // a second click: nothing done again
  const republishSeconds = (performance.now() - again) / 1000;

  const mails = Number((await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('template', '=', 'campaign.published').executeTakeFirstOrThrow()).n);
  const deliverStart = performance.now();
  let delivered = 0;
  // the relay sends over the transport's pooled SMTP connections, several mails at once (mail.service.ts
  // deliverDueMail): BENCH_DELIVER mails are relayed and timed (all of them with BENCH_DELIVER=all), and the rate is
  // reported
  const toDeliver = process.env.BENCH_DELIVER === 'all' ? Number.POSITIVE_INFINITY : Number(process.env.BENCH_DELIVER ?? 200);
  while (delivered < toDeliver) {
    const n = await deliverDueMail(ctx, Math.min(500, toDeliver - delivered));
    delivered += n;
    if (n === 0) break;
  }
  const deliverySeconds = (performance.now() - deliverStart) / 1000;
  const bookings = await db
    .selectFrom('booking')
    .select('state')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('activity_id', '=', activityId)
    .groupBy('state')
    .execute();

  console.log(
    JSON.stringify(
      {
        bench: 'allocation',
        database: ctx.dialect,
        families: FAMILIES,
        children: children.length,
        wishes: WISHES,
        cells: days.length * units.length,
        capacityPerCell: CAPACITY,
        seconds: {
          setup: setupSeconds,
          simulate: Number(simulateSeconds.toFixed(3)),
          publish: Number(publishSeconds.toFixed(3)),
          republish: Number(republishSeconds.toFixed(3)),
          smtpDeliveryOfSample: Number(deliverySeconds.toFixed(3)),
        },
        peakRssMb: peakRssMb(),
        bookings: Object.fromEntries(bookings.map((b) => [b.state, Number(b.n)])),
        mails: { queued: mails, deliveredSample: delivered, received: sink.messages.length, relayedPerSecond: Number((delivered / deliverySeconds).toFixed(1)) },
        satisfaction: { requests: detail.published, firstCome: sim.firstCome },
        targetSeconds: 10,
      },
      null,
      2,
    ),
  );
  ctx.mailer?.close();
  await sink.stop();
  await db.destroy();
  if (PG_URL) {
    const admin = openDatabase({ url: PG_URL });
    await sql.raw(`drop schema ${schema} cascade`).execute(admin);
    await admin.destroy();
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
