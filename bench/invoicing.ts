/**
 * Invoicing benchmark (issues 5 and 16): a month run and published for N families × 2 children booked every school
 * day on two units (about 400,000 booking lines per 5,000 families, with their attendance), peak memory, and invoice
 * PDFs per second. Set-up writes the rows in bulk straight into a fresh SQLite file (not timed); on PostgreSQL
 * (INVOICING_DATABASE_URL) they are then copied into a fresh schema (not timed either). The run goes as the staff
 * route starts it: startRun writes the run and enqueues the background job « invoicing-run » on the context's job
 * queue (in process on SQLite, pg-boss on PostgreSQL), which computes it chunk by chunk; the bench waits for it, then
 * publishes. Prints JSON.
 *
 *   npm run bench:invoicing                                       5,000 families, SQLite
 *   INVOICING_FAMILIES=50000 npm run bench:invoicing              the size
 *   INVOICING_DATABASE_URL=postgres://… npm run bench:invoicing   on PostgreSQL (a schema created and dropped)
 *   INVOICING_FAMILIES=200 npm run bench:invoicing                a smoke run (BENCH_FAMILIES is read too)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { createLogger } from '../src/server/logger.js';
import { ManualClock } from '../src/server/clock.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import type { AppContext } from '../src/server/context.js';
import { daysInMonth, weekdayOf } from '../src/shared/calendar/paris-time.js';
import { publishRun, startRun, waitForRun } from '../src/server/modules/billing/billing.run.js';
import { jobQueue, stopJobQueue } from '../src/server/jobs/queue.js';
import { invoiceDetail } from '../src/server/modules/billing/billing.service.js';
import { invoicePdf } from '../src/server/modules/billing/billing.pdf.js';

const FAMILIES = Number(process.env.INVOICING_FAMILIES ?? process.env.BENCH_FAMILIES ?? 5000);
const PG_URL = process.env.INVOICING_DATABASE_URL;
const PDFS = Number(process.env.BENCH_PDFS ?? 300);
const MONTH = '2026-09';
const NOW = '2026-10-05T08:00:00.000Z';

function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    /* not Linux */
  }
  return Math.round(process.memoryUsage().rss / 1048576);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-invoicing-'));
  const file = path.join(dir, 'portail.sqlite');
  const db = openDatabase({ sqliteFile: file });
  await migrateToLatest(db);
  await db.destroy();

  // ---------- set-up in bulk (not timed) ----------
  const setupStart = Date.now();
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const officeId = randomUUID();
  const establishmentId = randomUUID();
  const activityId = randomUUID();
  const periodId = randomUUID();
  const units = [
    { id: randomUUID(), code: 'matin', label: 'Matin' },
    { id: randomUUID(), code: 'repas', label: 'Repas du midi' },
  ];
  const rule = JSON.stringify({
    bands: [
      { upToQuotient: 500, residentCents: 120, nonResidentCents: 240 },
      { upToQuotient: 900, residentCents: 210, nonResidentCents: 380 },
      { upToQuotient: null, residentCents: 320, nonResidentCents: 480 },
    ],
    siblingReductionsPercent: [0, 10],
    lateBooking: { kind: 'percent', value: 50, daysBefore: 2 },
    unbookedPresence: { kind: 'fixed', value: 500 },
    unjustifiedAbsenceCharged: true,
  });
  const [y, m] = MONTH.split('-').map(Number);
  const days: string[] = [];
  for (let d = 1; d <= daysInMonth(y, m); d++) {
    const day = `${MONTH}-${String(d).padStart(2, '0')}`;
    if (weekdayOf(day) <= 5) days.push(day);
  }
  const adminId = randomUUID();
  let bookingLines = 0;
  raw.transaction(() => {
    raw.prepare(`insert into account (id, email, password_hash, kind, role, status, family_id, display_name, rejection_reason, validated_at, validated_by, password_changed_at, last_login_at, created_at, updated_at)
      values (?, 'admin@bench', 'x', 'staff', 'admin', 'active', null, 'Admin', null, ?, null, ?, null, ?, ?)`).run(adminId, NOW, NOW, NOW, NOW);
    raw.prepare('insert into establishment (id, name, address, created_at, updated_at) values (?, ?, null, ?, ?)').run(establishmentId, 'École', NOW, NOW);
    raw.prepare(`insert into activity (id, establishment_id, name, kind, min_age, max_age, open_weekdays, school_holidays, booking_policy, cancellation_policy, waitlist_mode, created_at, updated_at)
      values (?, ?, 'Périscolaire et cantine', 'periscolaire', null, null, '1,2,3,4,5', 'ignore', '{}', '{}', 'auto', ?, ?)`).run(activityId, establishmentId, NOW, NOW);
    units.forEach((u, i) =>
      raw.prepare("insert into unit (id, activity_id, code, label, position, default_capacity, requires_code, excludes_codes) values (?, ?, ?, ?, ?, 20000, null, '')").run(u.id, activityId, u.code, u.label, i),
    );
    raw.prepare('insert into period (id, activity_id, label, start_day, end_day, opens_at, closes_at) values (?, ?, ?, ?, ?, ?, ?)').run(periodId, activityId, 'Année', '2026-09-01', '2027-07-03', NOW, NOW);
    raw.prepare(`insert into collection_office (id, name, code, address, payment_instructions, resident_postal_codes, resident_insee_codes, payment_term_days, created_at, updated_at)
      values (?, 'Régie', 'BEN', null, null, '59560', '59152', 30, ?, ?)`).run(officeId, NOW, NOW);
    raw.prepare('insert into office_activity (activity_id, office_id) values (?, ?)').run(activityId, officeId);
    for (const u of units) raw.prepare('insert into tariff (unit_id, activity_id, rule, updated_at, updated_by) values (?, ?, ?, ?, ?)').run(u.id, activityId, rule, NOW, adminId);
  })();
  const insFamily = raw.prepare(`insert into family (id, address_line1, address_line2, postal_code, city, insee_code, family_situation, benefits_regime, benefits_number, family_quotient, payer_rank, terms_accepted_at, created_at, updated_at)
    values (?, ?, null, ?, ?, ?, 'married', null, null, ?, 1, ?, ?, ?)`);
  const insGuardian = raw.prepare(`insert into guardian (id, family_id, rank, civility, last_name, first_name, birth_date, mobile_phone, home_phone, work_phone, email, profession, employer)
    values (?, ?, 1, 'MME', ?, 'Claire', null, '0600000000', null, null, ?, null, null)`);
  const insChild = raw.prepare(`insert into child (id, family_id, last_name, first_name, sex, birth_date, school, school_class, diet_item_id, diet_label, health_data, search_key, created_at, updated_at)
    values (?, ?, ?, ?, 'F', ?, null, null, null, null, 'bench', '', ?, ?)`);
  // issue 11: who may see, book and be billed for a child is its household link
  const insLink = raw.prepare("insert into child_household (child_id, family_id, custody_kind, custody_anchor, custody_weekdays, linked_at, linked_by) values (?, ?, 'free', null, null, ?, null)");
  const insReservation = raw.prepare(`insert into reservation (family_id, child_id, activity_id, period_id, kind, idempotency_key, request_hash, account_id, created_at)
    values (?, ?, ?, ?, 'booking', ?, 'bench', ?, ?)`);
  const insLine = raw.prepare("insert into reservation_line (reservation_id, unit_id, day, action, state, reason, decided_at, decided_by) values (?, ?, ?, 'book', 'accepted', null, null, null)");
  const insBooking = raw.prepare(`insert into booking (family_id, child_id, activity_id, unit_id, day, state, line_id, cancel_line_id, created_at, updated_at)
    values (?, ?, ?, ?, ?, 'accepted', ?, null, ?, ?)`);
  const insMark = raw.prepare("insert into attendance (child_id, unit_id, day, status, marked_by, marked_at) values (?, ?, ?, ?, ?, ?)");
  const STATUSES = ['present', 'present', 'present', 'present', 'present', 'present', 'present', 'present', 'absent_justified', 'absent_unjustified'];
  const batch = 250;
  for (let start = 0; start < FAMILIES; start += batch) {
    raw.transaction(() => {
      for (let f = start; f < Math.min(FAMILIES, start + batch); f++) {
        const familyId = randomUUID();
        const quotient = f % 7 === 0 ? null : 300 + ((f * 37) % 1200);
        const resident = f % 5 !== 0;
        insFamily.run(familyId, `${f} rue du Banc`, resident ? '59560' : '59000', resident ? 'Comines' : 'Lille', resident ? '59152' : '59350', quotient, NOW, NOW, NOW);
        insGuardian.run(randomUUID(), familyId, `Famille${String(f).padStart(5, '0')}`, `famille${f}@bench.example`);
        for (let c = 0; c < 2; c++) {
          const childId = randomUUID();
          insChild.run(childId, familyId, `Famille${f}`, c ? 'Zoé' : 'Léo', c ? '2019-05-01' : '2016-03-01', NOW, NOW);
          insLink.run(childId, familyId, NOW);
          const late = (f + c) % 9 === 0;
          const r = insReservation.run(familyId, childId, activityId, periodId, randomUUID(), adminId, late ? '2026-09-14T10:00:00.000Z' : '2026-08-20T10:00:00.000Z');
          const lineId = insLine.run(r.lastInsertRowid, units[0].id, days[0]).lastInsertRowid;
          days.forEach((day, di) => {
            for (const u of units) {
              insBooking.run(familyId, childId, activityId, u.id, day, lineId, NOW, NOW);
              bookingLines++;
              if (di !== 3) insMark.run(childId, u.id, day, STATUSES[(f + di + c) % STATUSES.length], adminId, NOW);
            }
          });
        }
      }
    })();
  }
  raw.pragma('wal_checkpoint(TRUNCATE)');
  let pgSchema: string | null = null;
  if (PG_URL) pgSchema = await copyToPostgres(raw, PG_URL);
  raw.close();
  const setupSeconds = (Date.now() - setupStart) / 1000;

  // ---------- the run, as the staff route does it ----------
  const config = { ...loadConfig({}), demo: false };
  const runDb = PG_URL ? openDatabase({ url: PG_URL, pgSchema: pgSchema! }) : openDatabase({ sqliteFile: file });
  const ctx: AppContext = {
    config,
    db: runDb,
    dialect: PG_URL ? 'postgres' : 'sqlite',
    clock: new ManualClock(NOW),
    mailer: null,
    logger: createLogger('silent'),
  };
  await jobQueue(ctx).start(); // as startJobs does when the portal starts
  const actor = { id: adminId, email: 'admin@bench' };
  let rssPeak = 0;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 50);
  const rssBefore = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const runId = await startRun(ctx, actor, officeId, MONTH);
  const answeredMs = performance.now() - t0; // the staff route's answer (202)
  if ((await waitForRun(ctx, runId, 600_000)) !== 'draft') throw new Error('the run did not end as a draft');
  const t1 = performance.now();
  await publishRun(ctx, actor, runId);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);

  const invoices = await ctx.db.selectFrom('invoice').select(['id', 'number']).where('run_id', '=', runId).orderBy('number').execute();
  const numbers = invoices.map((i) => i.number!);
  const gapFree = numbers.every((n, i) => n === i + 1);
  const mails = await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const lines = await ctx.db.selectFrom('invoice_line').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

  // ---------- PDFs ----------
  const sample = invoices.slice(0, Math.min(PDFS, invoices.length));
  let bytes = 0;
  let renderMs = 0;
  const p0 = performance.now();
  for (const inv of sample) {
    const detail = await invoiceDetail(ctx, inv.id);
    const r0 = performance.now();
    bytes += (await invoicePdf(detail, config.city)).length;
    renderMs += performance.now() - r0;
  }
  const p1 = performance.now();
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  await stopJobQueue(ctx);
  await ctx.db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
  if (pgSchema) {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop schema if exists ${pgSchema} cascade`);
    await c.query(`drop schema if exists ${pgSchema}_pgboss cascade`);
    await c.end();
  }

  const runSeconds = (t1 - t0) / 1000;
  const publishSeconds = (t2 - t1) / 1000;
  const result = {
    bench: 'invoicing',
    database: PG_URL ? 'postgresql (a fresh schema, vacuumed and analyzed after the set-up; the job on pg-boss)' : 'sqlite (file, WAL, synchronous=FULL; the job in process)',
    families: FAMILIES,
    children: FAMILIES * 2,
    bookingLines,
    schoolDays: days.length,
    setupSeconds: Number(setupSeconds.toFixed(1)),
    startAnsweredMs: Math.round(answeredMs),
    runSeconds: Number(runSeconds.toFixed(2)),
    publishSeconds: Number(publishSeconds.toFixed(2)),
    runAndPublishSeconds: Number((runSeconds + publishSeconds).toFixed(2)),
    // CPU of this process (the portal's code; on SQLite the database's work too) during the run and the publication:
    // a figure that a busy machine disturbs less than the elapsed time
    runAndPublishCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    invoices: invoices.length,
    invoiceLines: Number(lines.n),
    mailsQueued: Number(mails.n),
    numbersGapFree: gapFree,
    peakRssMb: Math.max(peakRssMb(), Math.round(rssPeak / 1048576)),
    rssBeforeRunMb: Math.round(rssBefore / 1048576),
    pdfs: sample.length,
    pdfsPerSecond: Number((sample.length / ((p1 - p0) / 1000)).toFixed(1)),
    pdfsPerSecondRenderOnly: Number((sample.length / (renderMs / 1000)).toFixed(1)),
    pdfAverageKb: Number((bytes / sample.length / 1024).toFixed(1)),
    targets: { runUnder60s: runSeconds + publishSeconds < 60, peakUnder1GB: Math.max(peakRssMb(), rssPeak / 1048576) < 1024, atLeast50PdfsPerSecond: sample.length / ((p1 - p0) / 1000) >= 50 },
  };
  console.log(JSON.stringify(result, null, 2));
  if (!gapFree || invoices.length !== FAMILIES) process.exitCode = 1;
}

/** Copies the set-up rows into a fresh, migrated PostgreSQL schema (5,000 rows per INSERT … SELECT from JSON); its name. */
async function copyToPostgres(raw: SQLite.Database, url: string): Promise<string> {
  const schema = `bench_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = openDatabase({ url, pgSchema: schema });
  await migrateToLatest(db);
  await db.destroy();
  const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await c.connect();
  const tables = ['account', 'establishment', 'activity', 'unit', 'period', 'collection_office', 'office_activity', 'tariff', 'family', 'guardian', 'child', 'child_household', 'reservation', 'reservation_line', 'booking', 'attendance'];
  for (const table of tables) {
    const cols = (raw.prepare(`select name from pragma_table_info('${table}')`).all() as { name: string }[]).map((r) => r.name);
    // one JSON parameter per 5,000 rows, spread by json_populate_recordset into the table's own column types
    const per = 5_000;
    let rows: unknown[][] = [];
    const list = cols.map((x) => `"${x}"`).join(',');
    const flush = async () => {
      if (!rows.length) return;
      const json = JSON.stringify(rows.map((r) => Object.fromEntries(cols.map((col, i) => [col, r[i]]))));
      await c.query(`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, $1::json)`, [json]);
      rows = [];
    };
    await c.query('begin');
    for (const row of raw.prepare(`select * from ${table}`).raw().iterate() as Iterable<unknown[]>) {
      rows.push(row);
      if (rows.length >= per) await flush();
    }
    await flush();
    if (cols.includes('id')) {
      const seq = (await c.query(`select pg_get_serial_sequence('${table}', 'id') as s`)).rows[0]?.s;
      if (seq) await c.query(`select setval('${seq}', coalesce((select max(id) from ${table}), 0) + 1, false)`);
    }
    await c.query('commit');
  }
  // VACUUM as autovacuum would have done: a month is invoiced weeks after its bookings were written, and only
  // visited pages let PostgreSQL read the covering indexes without the table (index-only scans)
  await c.query('vacuum analyze');
  await c.end();
  return schema;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
