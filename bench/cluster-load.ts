/**
 * A steady load of family bookings and page reads through nginx, for the cluster's resilience checks (issue 16):
 * tests/integration/cluster-resilience.test.ts (an instance killed mid-load; a rolling SIGTERM restart) and
 * bench/rush.ts (RUSH_ROLLING). Each family submits ONE reservation with ONE Idempotency-Key and, like the web app,
 * sends it again with the same key when it got no answer or a gateway error (502/503/504); between bookings the
 * workers read pages (GET), which nginx itself retries on another instance.
 *
 * Every first attempt that did not get a real answer is recorded (status, time, which instance nginx named in
 * X-Upstream) so the caller can say which failures there were and where; `checkAcknowledged` then compares what
 * the families were told with the database.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { sql } from 'kysely';
import type { Database } from '../src/server/db/database.js';
import type { RushFamily } from './rush-setup.js';

export interface Failure {
  method: string;
  path: string;
  /** 599: no HTTP answer (the socket error's code in `error`) */
  status: number;
  error?: string;
  /** ms since the load started */
  at: number;
  /** nginx's X-Upstream: the instance(s) tried, e.g. "127.0.0.1:3002" or "127.0.0.1:3002, 127.0.0.1:3003" */
  upstream: string;
}

export interface Acknowledged {
  childId: string;
  day: string;
  unitId: string;
  state: string;
}

export interface LoadResult {
  seconds: number;
  bookings: number;
  bookings_ok: number;
  /** families whose booking never got a 2xx, even after the retries */
  bookings_failed: number;
  /** bookings that needed the same Idempotency-Key a second time */
  bookings_retried: number;
  reads: number;
  reads_ok: number;
  /** first attempts without a real answer (bookings and reads) */
  failures: Failure[];
  acknowledged: Acknowledged[];
  /** instances (X-Upstream) that answered 2xx, with a count */
  answeredBy: Record<string, number>;
}

const RETRYABLE = new Set([502, 503, 504, 599]);

interface Answer {
  status: number;
  text: string;
  upstream: string;
  error?: string;
}

function request(agent: http.Agent, base: string, method: string, pathName: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const u = new URL(pathName, base);
  return new Promise((resolve) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, upstream: String(res.headers['x-upstream'] ?? '') }));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 599, text: '', upstream: '', error: e.code ?? e.message }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('client timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 599, text: '', upstream: '', error: e.code ?? e.message }));
    req.end(body);
  });
}

/**
 * Runs `workers` loops until every family has booked (and at least `minSeconds` have passed, reading pages once
 * the families are used up). `book(f)` gives the reservation body of a family. `onTick(ms)` is called every 100 ms.
 */
export async function steadyLoad(o: {
  base: string;
  families: RushFamily[];
  book: (f: RushFamily) => unknown;
  workers: number;
  /** pause of each worker between two operations, ms (keeps the load steady rather than flat out) */
  pauseMs?: number;
  minSeconds?: number;
  /** bookings a second over all workers (default: as fast as the workers go); reads fill the time between */
  bookingsPerSecond?: number;
  /** stop when this returns true (checked between operations); without it, when the families are used up */
  until?: () => boolean;
  /** reads (GET /api/session with the family's session, GET /readyz) between bookings, per booking */
  readsPerBooking?: number;
  maxAttempts?: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const t0 = performance.now();
  const r: LoadResult = { seconds: 0, bookings: 0, bookings_ok: 0, bookings_failed: 0, bookings_retried: 0, reads: 0, reads_ok: 0, failures: [], acknowledged: [], answeredBy: {} };
  const fail = (method: string, path: string, a: Answer) =>
    r.failures.push({ method, path, status: a.status, ...(a.error ? { error: a.error } : {}), at: Math.round(performance.now() - t0), upstream: a.upstream });
  const answered = (a: Answer) => {
    if (a.upstream) r.answeredBy[a.upstream] = (r.answeredBy[a.upstream] ?? 0) + 1;
  };
  let next = 0;
  const maxAttempts = o.maxAttempts ?? 8;

  const read = async (f: RushFamily, k: number) => {
    const path = k % 2 ? '/readyz' : '/api/session';
    const a = await request(agent, o.base, 'GET', path, { cookie: f.cookie });
    r.reads++;
    if (a.status === 200) {
      r.reads_ok++;
      answered(a);
    } else fail('GET', path, a);
  };

  const book = async (f: RushFamily) => {
    const key = randomUUID();
    const body = JSON.stringify(o.book(f));
    r.bookings++;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const a = await request(
        agent,
        o.base,
        'POST',
        '/api/booking/reservations',
        { 'content-type': 'application/json', cookie: f.cookie, 'x-csrf-token': f.csrf, 'idempotency-key': key },
        body,
      );
      if (a.status >= 200 && a.status < 300) {
        r.bookings_ok++;
        if (attempt > 1) r.bookings_retried++;
        answered(a);
        const res = JSON.parse(a.text) as { lines?: { day: string; unitId: string; state: string; action: string }[] };
        for (const l of res.lines ?? []) if (l.action === 'book' && l.state !== 'refused') r.acknowledged.push({ childId: (o.book(f) as { childId: string }).childId, day: l.day, unitId: l.unitId, state: l.state });
        return;
      }
      if (attempt === 1 || !RETRYABLE.has(a.status)) fail('POST', '/api/booking/reservations', a);
      if (!RETRYABLE.has(a.status)) break;
      await new Promise((res) => setTimeout(res, 100 * attempt));
    }
    r.bookings_failed++;
  };

  const minMs = (o.minSeconds ?? 0) * 1000;
  const slotMs = o.bookingsPerSecond ? 1000 / o.bookingsPerSecond : 0;
  await Promise.all(
    Array.from({ length: o.workers }, async (_, w) => {
      let k = w;
      let f = o.families[w % o.families.length];
      while (!o.until?.()) {
        // the next booking when its slot has come (paced), else a read; once the families are used up, reads only
        const slotDue = next < o.families.length && performance.now() - t0 >= next * slotMs;
        if (slotDue) {
          f = o.families[next++];
          await book(f);
        } else if (next >= o.families.length && !o.until && performance.now() - t0 >= minMs) break;
        for (let j = 0; j < (slotDue ? (o.readsPerBooking ?? 1) : 1); j++) await read(f, k++);
        if (o.pauseMs) await new Promise((res) => setTimeout(res, o.pauseMs));
      }
    }),
  );
  agent.destroy();
  r.seconds = Math.round((performance.now() - t0) / 100) / 10;
  return r;
}

/**
 * What the families were told against the database: every acknowledged booking (accepted, pending, waitlisted) is
 * there, no child holds two bookings of one unit-day, no family has two reservations for one Idempotency-Key (the
 * UNIQUE constraint makes that impossible; counted anyway), and no unit-day holds more places than its capacity.
 */
export async function checkAcknowledged(db: Database, acknowledged: Acknowledged[]) {
  const rows = await db.selectFrom('booking').select(['child_id', 'unit_id', 'day']).execute();
  const held = new Set(rows.map((b) => `${b.child_id}|${b.unit_id}|${b.day}`));
  const missing = acknowledged.filter((a) => !held.has(`${a.childId}|${a.unitId}|${a.day}`)).length;
  const dup = await sql<{ n: number | string }>`
    select count(*) as n from (select 1 from booking group by child_id, unit_id, day having count(*) > 1) d`.execute(db);
  const dupKeys = await sql<{ n: number | string }>`
    select count(*) as n from (select 1 from reservation group by family_id, idempotency_key having count(*) > 1) d`.execute(db);
  const over = await sql<{ n: number | string }>`
    select count(*) as n from unit_day ud
     where ud.booked > ud.capacity
        or (select count(*) from booking b where b.unit_id = ud.unit_id and b.day = ud.day and b.state <> 'waitlisted') > ud.capacity`.execute(db);
  return {
    acknowledged: acknowledged.length,
    acknowledged_missing: missing,
    duplicate_bookings: Number(dup.rows[0]?.n ?? 0),
    duplicate_reservations_for_one_key: Number(dupKeys.rows[0]?.n ?? 0),
    overbooked_unit_days: Number(over.rows[0]?.n ?? 0),
  };
}
