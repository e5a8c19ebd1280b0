/**
 * Statistics benchmark (issue 15, docs/statistics.md): a year of a city of N families (5,000 by default) — children
 * booked on school days (morning, lunch, evening units) and at the holiday centre, every day marked, twelve months
 * invoiced and published, payments by six methods — then the statistics page's one API call (`stats.overview`: every
 * figure the page shows) for the year, a month and one activity, and the exports (the detailed hours, CSV, xlsx,
 * PDF), each timed as the route answers it (the service, the answer's schema, the file). Set-up writes the rows in
 * bulk straight into a fresh SQLite file (not timed); on PostgreSQL (STATS_DATABASE_URL) they are then copied into a
 * fresh schema, vacuumed and analyzed (not timed either). Prints JSON; the target is the page's call under 2 s.
 *
 *   npm run bench:stats                                  5,000 families, SQLite
 *   STATS_DATABASE_URL=postgres://… npm run bench:stats  on PostgreSQL (a schema created and dropped)
 *   STATS_FAMILIES=500 npm run bench:stats               a smoke run (BENCH_FAMILIES is read too)
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
import { hoursReport, overview } from '../src/server/modules/stats/stats.service.js';
import { hoursCsv, hoursPdf, hoursXlsx } from '../src/server/modules/stats/stats.export.js';
import { hoursReport as hoursReportSchema, statsOverview, statsQuery } from '../src/shared/stats-contracts.js';
import { seededRandom } from './support.js';

const FAMILIES = Number(process.env.STATS_FAMILIES ?? process.env.BENCH_FAMILIES ?? 5000);
const PG_URL = process.env.STATS_DATABASE_URL;
const YEAR = 2026;
const NOW = '2027-01-11T08:00:00.000Z';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    /* not Linux */
  }
  return Math.round(process.memoryUsage().rss / 1048576);
}

/** The year's days: school days (Mon, Tue, Thu, Fri outside July and August) and holiday-centre days (Wednesdays, summer weekdays). */
function calendar(): { school: string[]; centre: string[] } {
  const school: string[] = [];
  const centre: string[] = [];
  for (let d = new Date(Date.UTC(YEAR, 0, 1)); d.getUTCFullYear() === YEAR; d.setUTCDate(d.getUTCDate() + 1)) {
    const wd = d.getUTCDay();
    const m = d.getUTCMonth() + 1;
    const day = d.toISOString().slice(0, 10);
    if (wd === 0 || wd === 6) continue;
    const summer = m === 7 || m === 8;
    if (!summer && wd !== 3) school.push(day);
    if (summer || wd === 3) centre.push(day);
  }
  return { school, centre };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-stats-'));
  const file = path.join(dir, 'portail.sqlite');
  const db0 = openDatabase({ sqliteFile: file });
  await migrateToLatest(db0);
  await db0.destroy();

  // ---------- set-up in bulk (not timed) ----------
  const setupStart = Date.now();
  const rnd = seededRandom(15);
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const officeId = randomUUID();
  const establishmentId = randomUUID();
  const peri = { id: randomUUID(), periodId: randomUUID() };
  const alsh = { id: randomUUID(), periodId: randomUUID() };
  const units = {
    // capacities just above the average demand: a few children on a waiting list on the busiest days
    matin: { id: randomUUID(), activity: peri.id, code: 'matin', label: 'Matin', capacity: Math.ceil(FAMILIES * 0.455) },
    repas: { id: randomUUID(), activity: peri.id, code: 'repas', label: 'Repas du midi', capacity: Math.ceil(FAMILIES * 1.055) },
    soir: { id: randomUUID(), activity: peri.id, code: 'soir', label: 'Soir', capacity: Math.ceil(FAMILIES * 0.455) },
    journee: { id: randomUUID(), activity: alsh.id, code: 'journee', label: 'Journée', capacity: Math.ceil(FAMILIES * 0.19) },
  };
  const { school, centre } = calendar();
  const adminId = randomUUID();
  const agentId = randomUUID();
  const monthsOf = [...new Set([...school, ...centre].map((d) => d.slice(0, 7)))].sort();
  raw.transaction(() => {
    for (const [id, email, role] of [
      [adminId, 'admin@bench', 'admin'],
      [agentId, 'agent@bench', 'agent'],
    ])
      raw.prepare(`insert into account (id, email, password_hash, kind, role, status, family_id, display_name, rejection_reason, validated_at, validated_by, password_changed_at, last_login_at, created_at, updated_at)
        values (?, ?, 'x', 'staff', ?, 'active', null, 'Agent', null, ?, null, ?, null, ?, ?)`).run(id, email, role, NOW, NOW, NOW, NOW);
    raw.prepare('insert into establishment (id, name, address, created_at, updated_at) values (?, ?, null, ?, ?)').run(establishmentId, 'Groupe scolaire', NOW, NOW);
    raw.prepare(`insert into collection_office (id, name, code, address, payment_instructions, resident_postal_codes, resident_insee_codes, payment_term_days, created_at, updated_at)
      values (?, 'Régie', 'BEN', null, null, '59560', '59152', 30, ?, ?)`).run(officeId, NOW, NOW);
    for (const [a, name, kind] of [
      [peri, 'Périscolaire et cantine', 'periscolaire'],
      [alsh, 'Centre de loisirs', 'centre_loisirs'],
    ] as const) {
      raw.prepare(`insert into activity (id, establishment_id, name, kind, min_age, max_age, open_weekdays, school_holidays, booking_policy, cancellation_policy, waitlist_mode, created_at, updated_at)
        values (?, ?, ?, ?, null, null, '1,2,3,4,5', 'ignore', '{}', '{}', 'auto', ?, ?)`).run(a.id, establishmentId, name, kind, NOW, NOW);
      raw.prepare('insert into period (id, activity_id, label, start_day, end_day, opens_at, closes_at) values (?, ?, ?, ?, ?, ?, ?)').run(a.periodId, a.id, 'Année', `${YEAR}-01-01`, `${YEAR}-12-31`, NOW, NOW);
      raw.prepare('insert into office_activity (activity_id, office_id) values (?, ?)').run(a.id, officeId);
    }
    Object.values(units).forEach((u, i) =>
      raw.prepare("insert into unit (id, activity_id, code, label, position, default_capacity, requires_code, excludes_codes) values (?, ?, ?, ?, ?, ?, null, '')").run(u.id, u.activity, u.code, u.label, i, u.capacity),
    );
    for (const month of monthsOf)
      raw.prepare(`insert into invoicing_run (office_id, month, state, warnings, created_at, created_by, published_at, published_by, families_total, families_done, cursor_family_id, missing_tariff, kind)
        values (?, ?, 'published', '[]', ?, ?, ?, ?, ?, ?, null, null, 'monthly')`).run(officeId, month, NOW, adminId, NOW, adminId, FAMILIES, FAMILIES);
  })();
  const runIdOf = new Map((raw.prepare('select id, month from invoicing_run').all() as { id: number; month: string }[]).map((r) => [r.month, r.id]));

  const insFamily = raw.prepare(`insert into family (id, address_line1, address_line2, postal_code, city, insee_code, family_situation, benefits_regime, benefits_number, family_quotient, payer_rank, terms_accepted_at, created_at, updated_at)
    values (?, ?, null, ?, ?, ?, 'married', null, null, ?, 1, ?, ?, ?)`);
  const insGuardian = raw.prepare(`insert into guardian (id, family_id, rank, civility, last_name, first_name, birth_date, mobile_phone, home_phone, work_phone, email, profession, employer)
    values (?, ?, 1, 'MME', ?, 'Claire', null, '0600000000', null, null, ?, null, null)`);
  const insChild = raw.prepare(`insert into child (id, family_id, last_name, first_name, sex, birth_date, school, school_class, diet_item_id, diet_label, health_data, search_key, created_at, updated_at)
    values (?, ?, ?, ?, 'F', ?, null, null, null, null, 'bench', '', ?, ?)`);
  const insLink = raw.prepare("insert into child_household (child_id, family_id, custody_kind, custody_anchor, custody_weekdays, linked_at, linked_by) values (?, ?, 'free', null, null, ?, null)");
  const insReservation = raw.prepare(`insert into reservation (family_id, child_id, activity_id, period_id, kind, idempotency_key, request_hash, account_id, created_at)
    values (?, ?, ?, ?, 'booking', ?, 'bench', ?, ?)`);
  const insLine = raw.prepare("insert into reservation_line (reservation_id, unit_id, day, action, state, reason, decided_at, decided_by) values (?, ?, ?, 'book', ?, null, null, null)");
  const insBooking = raw.prepare(`insert into booking (family_id, child_id, activity_id, unit_id, day, state, line_id, cancel_line_id, created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, null, ?, ?)`);
  const insMark = raw.prepare('insert into attendance (child_id, unit_id, day, status, marked_by, marked_at) values (?, ?, ?, ?, ?, ?)');
  const insInvoice = raw.prepare(`insert into invoice (run_id, office_id, family_id, month, state, year, number, reference, issued_on, due_on, total_cents, credited_cents, paid_cents, family_name, payer, quotient, resident, created_at)
    values (?, ?, ?, ?, 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?)`);
  const insInvoiceLine = raw.prepare(`insert into invoice_line (invoice_id, position, child_id, child_name, activity_name, unit_label, kind, days, quantity, unit_price_cents, amount_cents, computation)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')`);
  const insPayment = raw.prepare(`insert into payment (family_id, method, amount_cents, allocated_cents, reference, received_on, created_at, created_by)
    values (?, ?, ?, ?, null, ?, ?, ?)`);
  const insAllocation = raw.prepare('insert into payment_allocation (payment_id, invoice_id, amount_cents, created_at) values (?, ?, ?, ?)');
  const insCredit = raw.prepare(`insert into credit_note (invoice_id, office_id, year, number, reference, amount_cents, reason, created_at, created_by)
    values (?, ?, ?, ?, ?, ?, 'Erreur', ?, ?)`);
  const METHODS = ['cheque', 'cash', 'cesu', 'transfer', 'direct_debit', 'online', 'online', 'online'] as const;
  const unitDay = new Map<string, number>();
  const activityName = { [peri.id]: 'Périscolaire et cantine', [alsh.id]: 'Centre de loisirs' };
  let bookings = 0;
  let waitlisted = 0;
  let marks = 0;
  let invoices = 0;
  let invoiceLines = 0;
  let payments = 0;
  let invoiceNumber = 0;
  let creditNumber = 0;
  const batch = 100;
  for (let start = 0; start < FAMILIES; start += batch) {
    raw.transaction(() => {
      for (let f = start; f < Math.min(FAMILIES, start + batch); f++) {
        const familyId = randomUUID();
        const quotient = f % 9 === 0 ? null : 250 + Math.floor(rnd() * 1500);
        const resident = f % 6 !== 0;
        insFamily.run(familyId, `${f} rue du Banc`, resident ? '59560' : '59000', resident ? 'Comines' : 'Lille', resident ? '59152' : '59350', quotient, NOW, NOW, NOW);
        insGuardian.run(randomUUID(), familyId, `Famille${String(f).padStart(5, '0')}`, `famille${f}@bench.example`);
        // per month: the family's charged days per child and unit (its invoice's lines)
        const charged = new Map<string, Map<string, string[]>>(); // month → `${child}|${unit}` → days
        const childCount = f % 2 === 0 ? 1 : 2;
        for (let c = 0; c < childCount; c++) {
          const childId = randomUUID();
          const birth = `${2015 + Math.floor(rnd() * 8)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
          insChild.run(childId, familyId, `Famille${f}`, c ? 'Zoé' : 'Léo', birth, NOW, NOW);
          insLink.run(childId, familyId, NOW);
          // each child: lunch most school days, morning and evening on some, the holiday centre for one in four
          const plan: [typeof units.matin, string[], number][] = [
            [units.repas, school, 0.7],
            [units.matin, school, 0.3],
            [units.soir, school, 0.3],
          ];
          if (rnd() < 0.25) plan.push([units.journee, centre, 0.5]);
          for (const [unit, days, share] of plan) {
            const activityId = unit.activity;
            const periodId = activityId === peri.id ? peri.periodId : alsh.periodId;
            const staff = rnd() < 0.15;
            const createdAt = `${YEAR}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}T10:00:00.000Z`;
            const r = insReservation.run(familyId, childId, activityId, periodId, randomUUID(), staff ? agentId : adminId, createdAt).lastInsertRowid;
            const lineId = insLine.run(r, unit.id, days[0], 'accepted').lastInsertRowid;
            for (const day of days) {
              if (rnd() >= share) continue;
              const k = `${unit.id}|${day}`;
              const taken = unitDay.get(k) ?? 0;
              if (taken >= unit.capacity) {
                insBooking.run(familyId, childId, activityId, unit.id, day, 'waitlisted', lineId, NOW, NOW);
                waitlisted++;
                continue;
              }
              unitDay.set(k, taken + 1);
              insBooking.run(familyId, childId, activityId, unit.id, day, 'accepted', lineId, NOW, NOW);
              bookings++;
              const x = rnd();
              const status = x < 0.88 ? 'present' : x < 0.95 ? 'absent_justified' : 'absent_unjustified';
              insMark.run(childId, unit.id, day, status, adminId, NOW);
              marks++;
              if (status !== 'absent_justified') {
                const m = day.slice(0, 7);
                const byUnit = charged.get(m) ?? charged.set(m, new Map()).get(m)!;
                const key = `${childId}|${unit.id}`;
                (byUnit.get(key) ?? byUnit.set(key, []).get(key)!).push(day);
              }
            }
          }
        }
        // the months' published invoices, one payment each (most of them), a credit note now and then
        for (const [month, byUnit] of charged) {
          const price = quotient === null || quotient > 1000 ? 320 : quotient > 600 ? 210 : 120;
          const lines = [...byUnit.entries()].map(([key, days]) => {
            const [childId, unitId] = key.split('|') as [string, string];
            const unit = Object.values(units).find((u) => u.id === unitId)!;
            return { childId, unit, days, amount: days.length * price };
          });
          const total = lines.reduce((s, l) => s + l.amount, 0);
          invoiceNumber++;
          const invoiceId = insInvoice.run(runIdOf.get(month), officeId, familyId, month, YEAR, invoiceNumber, `BEN-${YEAR}-${invoiceNumber}`, `${month}-28`, `${month}-28`, total, 0, 0, `FAMILLE${f}`, quotient, resident ? 1 : 0, NOW).lastInsertRowid as number;
          invoices++;
          lines.forEach((l, i) => {
            insInvoiceLine.run(invoiceId, i, l.childId, `Enfant ${f}`, activityName[l.unit.activity], l.unit.label, 'attended', l.days.join(','), l.days.length, price, l.amount);
            invoiceLines++;
          });
          if (rnd() < 0.02) {
            creditNumber++;
            insCredit.run(invoiceId, officeId, YEAR, creditNumber, `AV-${YEAR}-${creditNumber}`, Math.min(total, 500), `${month}-28T10:00:00.000Z`, adminId);
          }
          if (rnd() < 0.92) {
            const method = METHODS[Math.floor(rnd() * METHODS.length)]!;
            const [y, m] = month.split('-').map(Number) as [number, number];
            const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
            const paymentId = insPayment.run(familyId, method, total, total, `${next}-${String(1 + Math.floor(rnd() * 27)).padStart(2, '0')}`, NOW, method === 'online' ? null : adminId).lastInsertRowid;
            insAllocation.run(paymentId, invoiceId, total, NOW);
            payments++;
          }
        }
      }
    })();
  }
  raw.transaction(() => {
    const ins = raw.prepare('insert into unit_day (unit_id, day, capacity, booked, overridden) values (?, ?, ?, ?, 0)');
    const capacity = new Map<string, number>(Object.values(units).map((u) => [u.id, u.capacity]));
    for (const [k, booked] of unitDay) {
      const [unitId, day] = k.split('|') as [string, string];
      ins.run(unitId, day, capacity.get(unitId), booked);
    }
  })();
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.exec('analyze');
  let pgSchema: string | null = null;
  if (PG_URL) pgSchema = await copyToPostgres(raw, PG_URL);
  raw.close();
  const setupSeconds = (Date.now() - setupStart) / 1000;

  // ---------- the page's call and the exports, as the routes answer them ----------
  const config = { ...loadConfig({}), demo: false, statsUnitHours: 'matin=1.5 repas=2 soir=2.5 journee=9' };
  const db = PG_URL ? openDatabase({ url: PG_URL, pgSchema: pgSchema! }) : openDatabase({ sqliteFile: file });
  const ctx: AppContext = { config, db, dialect: PG_URL ? 'postgres' : 'sqlite', clock: new ManualClock(NOW), mailer: null, logger: createLogger('silent') };
  let rssPeak = 0;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 25);

  /** Each measure RUNS times: the first (cold caches) and the best, in ms. */
  async function timed<T>(fn: () => Promise<T>): Promise<{ firstMs: number; bestMs: number; value: T }> {
    let first = 0;
    let best = Infinity;
    let value!: T;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      value = await fn();
      const ms = performance.now() - t0;
      if (i === 0) first = ms;
      best = Math.min(best, ms);
    }
    return { firstMs: Math.round(first), bestMs: Math.round(best), value };
  }
  const yearQ = statsQuery.parse({ from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
  const monthQ = statsQuery.parse({ from: `${YEAR}-03-01`, to: `${YEAR}-03-31` });
  const activityQ = statsQuery.parse({ from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, activityId: peri.id });
  // the page's one call: the figures, and the answer serialised against its schema as the route does
  const page = async (q: typeof yearQ) => JSON.stringify(statsOverview.parse(await overview(ctx, q))).length;
  const pageYear = await timed(() => page(yearQ));
  const pageMonth = await timed(() => page(monthQ));
  const pageActivity = await timed(() => page(activityQ));
  const hoursJson = await timed(async () => JSON.stringify(hoursReportSchema.parse(await hoursReport(ctx, yearQ))).length);
  const report = await hoursReport(ctx, yearQ);
  const csv = await timed(async () => hoursCsv(await hoursReport(ctx, yearQ), 'fr').length);
  const xlsx = await timed(async () => (await hoursXlsx(await hoursReport(ctx, yearQ), 'fr', config.city)).length);
  const pdf = await timed(async () => (await hoursPdf(await hoursReport(ctx, yearQ), config.city, { language: 'fr', scope: 'Toutes les activités', madeOn: NOW.slice(0, 10) })).length);
  clearInterval(sampler);
  const ov = await overview(ctx, yearQ);
  await db.destroy();
  if (process.env.STATS_KEEP) console.error(`kept ${file}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  if (pgSchema) {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop schema if exists ${pgSchema} cascade`);
    await c.end();
  }
  const result = {
    bench: 'stats',
    database: PG_URL ? 'postgresql (a fresh schema, vacuumed and analyzed after the set-up)' : 'sqlite (file, WAL)',
    families: FAMILIES,
    year: YEAR,
    rows: { bookings, waitlisted, attendanceMarks: marks, invoices, invoiceLines, payments, unitDays: unitDay.size },
    setupSeconds: Number(setupSeconds.toFixed(1)),
    runs: RUNS,
    pageYear: { firstMs: pageYear.firstMs, bestMs: pageYear.bestMs, answerKb: Math.round(pageYear.value / 1024) },
    pageMonth: { firstMs: pageMonth.firstMs, bestMs: pageMonth.bestMs, answerKb: Math.round(pageMonth.value / 1024) },
    pageOneActivity: { firstMs: pageActivity.firstMs, bestMs: pageActivity.bestMs },
    hoursDetail: { firstMs: hoursJson.firstMs, bestMs: hoursJson.bestMs, rows: report.rows.length, answerKb: Math.round(hoursJson.value / 1024) },
    exportCsv: { firstMs: csv.firstMs, bestMs: csv.bestMs, kb: Math.round(csv.value / 1024) },
    exportXlsx: { firstMs: xlsx.firstMs, bestMs: xlsx.bestMs, kb: Math.round(xlsx.value / 1024) },
    exportPdf: { firstMs: pdf.firstMs, bestMs: pdf.bestMs, kb: Math.round(pdf.value / 1024) },
    totals: { bookedHoursRounded: report.total.bookedHoursRounded, invoicedHoursRounded: report.total.invoicedHoursRounded, attendedHoursRounded: report.total.attendedHoursRounded, weeks: new Set(ov.occupancy.map((o) => o.week)).size },
    peakRssMb: Math.max(peakRssMb(), Math.round(rssPeak / 1048576)),
    targets: { pageUnder2s: pageYear.firstMs < 2000 && pageMonth.firstMs < 2000 && pageActivity.firstMs < 2000 },
  };
  console.log(JSON.stringify(result, null, 2));
  if (report.total.bookedDays !== bookings) process.exitCode = 1;
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
  const tables = ['account', 'establishment', 'activity', 'unit', 'period', 'collection_office', 'office_activity', 'family', 'guardian', 'child', 'child_household', 'reservation', 'reservation_line', 'booking', 'attendance', 'unit_day', 'invoicing_run', 'invoice', 'invoice_line', 'credit_note', 'payment', 'payment_allocation'];
  for (const table of tables) {
    const cols = (raw.prepare(`select name from pragma_table_info('${table}')`).all() as { name: string }[]).map((r) => r.name);
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
  await c.query('vacuum analyze');
  await c.end();
  return schema;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
