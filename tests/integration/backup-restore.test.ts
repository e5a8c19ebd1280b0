/**
 * Backup and restore (issue 16): a portal process serves a booking storm; `main.ts backup` runs DURING the storm;
 * the backup is restored elsewhere with `main.ts restore` (which refuses a non-empty target); a portal is started
 * on the restored copy with the same health-data key. Checked: integrity and counters, every booking acknowledged
 * (2xx) before the backup started is there, an uploaded file's bytes came along, a child's health data decrypts
 * through the portal's API, /healthz answers, and without the key the restored portal refuses to start.
 *
 * SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (scratch databases backup_<random>_src/_dst created
 * and dropped through the server's `postgres` database).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql, type Migration } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { createHealthCipher, generateKey, KEY_FILE_NAME, parseKey } from '../../src/server/crypto/health-crypto.js';
import { setUpRush, waitForSchema } from '../../bench/rush-setup.js';
import * as m0001 from '../../src/server/db/migrations/0001-foundation.js';
import * as m0002 from '../../src/server/db/migrations/0002-children.js';
import * as m0003 from '../../src/server/db/migrations/0003-bookings.js';

const FAMILIES = 30;
const CAPACITY = 24; // fewer places than families: some lines are waitlisted, the counters are contended
const FIRST_DAY = '2031-03-03';
const LAST_DAY = '2031-06-27';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const baseEnv = { HOST: '127.0.0.1', DEMO: 'false', LOG_LEVEL: 'error', SMTP_URL: '', HEALTH_DATA_KEY: '', DATABASE_URL: '', BACKUP_DIR: '' };

interface Portal {
  child: ChildProcess;
  base: string;
  stop: () => Promise<void>;
}

async function startPortal(env: Record<string, string>): Promise<Portal> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
    env: { ...process.env, ...baseEnv, PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  };
  cleanups.push(stop);
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base, stop };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`the portal did not start:\n${stderr}`);
}

/** `main.ts <command> …args` to its end: exit code, stdout, stderr. */
function runCommand(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], {
      env: { ...process.env, ...baseEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000); // a command that hangs fails the test, not the run
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Weekdays from FIRST_DAY to LAST_DAY (the activity is open Monday to Friday). */
function weekdays(): string[] {
  const days: string[] = [];
  for (let d = new Date(`${FIRST_DAY}T00:00:00Z`); d <= new Date(`${LAST_DAY}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1))
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) days.push(d.toISOString().slice(0, 10));
  return days;
}

interface Ack {
  childId: string;
  number: number;
  at: number;
  lines: { day: string; unitId: string; state: string }[];
}

/** A document with a file, written as the upload would (the bytes live in document_file.content). */
async function addDocument(db: Database, familyId: string, content: Buffer): Promise<string> {
  const now = new Date().toISOString();
  const typeId = randomUUID();
  const submissionId = randomUUID();
  const fileId = randomUUID();
  await db.insertInto('document_type').values({ id: typeId, name: 'Attestation (backup test)', description: null, scope: 'family', validity_kind: 'none', validity_months: null, required: 0, active: 1, created_at: now, updated_at: now }).execute();
  await db.insertInto('document_submission').values({ id: submissionId, family_id: familyId, child_id: null, document_type_id: typeId, state: 'pending', refusal_reason: null, submitted_at: now, submitted_by: null, reviewed_at: null, reviewed_by: null, valid_until: null, reminder_sent_at: null }).execute();
  await db.insertInto('document_file').values({ id: fileId, submission_id: submissionId, position: 0, file_name: 'attestation.pdf', media_type: 'application/pdf', size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content, created_at: now }).execute();
  return fileId;
}

interface Target {
  kind: 'sqlite' | 'postgresql';
  /** env of the portal and commands on the source / on the restored copy */
  srcEnv: Record<string, string>;
  dstEnv: Record<string, string>;
  openSrc: () => Database;
  openDst: () => Database;
}

async function scenario(t: Target, srcData: string, dstData: string, backupDir: string) {
  // The key is the city's, given to the original portal as its key file and to the restored one by HEALTH_DATA_KEY:
  // nothing of it travels with the backup.
  const keyText = generateKey();
  fs.writeFileSync(path.join(srcData, KEY_FILE_NAME), `${keyText}\n`, { mode: 0o600 });
  const cipher = createHealthCipher(parseKey(keyText, 'test'));

  const portal = await startPortal(t.srcEnv);
  const setup = t.openSrc();
  await waitForSchema(setup);
  const s = await setUpRush(setup, srcData, { families: FAMILIES, capacity: CAPACITY, firstDay: FIRST_DAY, lastDay: LAST_DAY });
  const marked = s.families[0];
  const observation = `Allergie aux arachides — témoin de sauvegarde ${randomUUID()}`;
  const health = { v: 1, vaccinationsUpToDate: true, lastVaccinationDate: '2030-09-01', diseases: [], allergies: [], medicalHistory: null, observations: observation, carePlan: true, doctor: { name: 'Dr Martin', phone: '0320000000', address: null } };
  await setup.updateTable('child').set({ health_data: cipher.encrypt(JSON.stringify(health), `child:${marked.childId}:health`) }).where('id', '=', marked.childId).execute();
  const { family_id: markedFamily } = await setup.selectFrom('child').select('family_id').where('id', '=', marked.childId).executeTakeFirstOrThrow();
  const fileBytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(200_000), Buffer.from('\n%%EOF\n')]);
  const fileId = await addDocument(setup, markedFamily, fileBytes);
  await setup.destroy();

  // The storm: every family books its own cells one after the other (no cancellations: an acknowledged booking
  // stays), unit by unit, day by day, until told to stop.
  const days = weekdays();
  const acks: Ack[] = [];
  let alive = true;
  let sent = 0;
  const storm = s.families.map(async (f, i) => {
    for (let n = 0; alive && n < days.length * 2; n++) {
      const day = days[(i + Math.floor(n / 2)) % days.length];
      const unitId = n % 2 ? s.units.repas : s.units.journee;
      sent++;
      const r = await fetch(`${portal.base}/api/booking/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: f.cookie, 'x-csrf-token': f.csrf, 'idempotency-key': randomUUID() },
        body: JSON.stringify({ childId: f.childId, activityId: s.activityId, periodId: s.periodId, changes: [{ day, unitId, action: 'book' }] }),
      });
      const json = (await r.json()) as { number: number; lines: Ack['lines'] };
      if (r.status === 200 || r.status === 201) acks.push({ childId: f.childId, number: json.number, at: Date.now(), lines: json.lines });
      else expect(r.status, JSON.stringify(json)).toBeLessThan(500);
    }
  });
  while (acks.length < 200) await new Promise((r) => setTimeout(r, 50));

  const backupStartedAt = Date.now();
  const ackedBefore = acks.filter((a) => a.at < backupStartedAt);
  const backupRun = await runCommand(['backup'], { ...t.srcEnv, BACKUP_DIR: backupDir });
  const backupEndedAt = Date.now();
  await new Promise((r) => setTimeout(r, 200));
  const stillRunning = acks.some((a) => a.at > backupEndedAt); // the portal went on serving after the backup
  alive = false;
  await Promise.all(storm);
  await portal.stop();

  expect(backupRun.code, backupRun.stderr).toBe(0);
  const result = JSON.parse(backupRun.stdout.trim()) as { file: string; bytes: number; seconds: number; database: string; healthKeyId: string; healthKeyInBackup: boolean };
  console.log(JSON.stringify({ backup: result, storm: { sent, acknowledged: acks.length, acknowledgedBeforeBackup: ackedBefore.length, duringBackup: acks.filter((a) => a.at >= backupStartedAt && a.at <= backupEndedAt).length } }));
  expect(result.database).toBe(t.kind);
  expect(path.dirname(result.file)).toBe(backupDir);
  expect(fs.statSync(result.file).size).toBe(result.bytes);
  expect(result.healthKeyInBackup).toBe(false);
  expect(result.healthKeyId).toBe(cipher.keyId);
  expect(backupRun.stderr).toMatch(/NOT in the backup/);
  expect(fs.readFileSync(result.file).includes(Buffer.from(keyText))).toBe(false);
  expect(stillRunning).toBe(true);

  // Restoring onto the live source is refused (its data directory / database is not empty).
  const refused = await runCommand(['restore', result.file], t.srcEnv);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toMatch(/refused/);

  const restored = await runCommand(['restore', result.file], { ...t.dstEnv, HEALTH_DATA_KEY: keyText });
  expect(restored.code, restored.stderr).toBe(0);
  const r = JSON.parse(restored.stdout.trim()) as { integrity: string; healthKey: string; rows: Record<string, number> };
  expect(r.integrity).toBe('ok');
  expect(r.healthKey).toBe('ok');
  expect(r.rows.child).toBe(FAMILIES);
  expect(r.rows.document_file).toBe(1);
  expect(r.rows.reservation).toBeGreaterThanOrEqual(ackedBefore.length);
  expect(fs.existsSync(path.join(dstData, KEY_FILE_NAME))).toBe(false);

  // Without the key, the restored portal does not start (and does not make up a new key).
  const keyless = await runCommand(['start'], { ...t.dstEnv, PORT: '0' });
  expect(keyless.code).not.toBe(0);
  expect(keyless.stderr).toMatch(/health-data encryption key missing or wrong/);

  const db = t.openDst();
  try {
    if (t.kind === 'sqlite') {
      const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
      expect(integrity.rows.map((x) => x.integrity_check)).toEqual(['ok']);
    }
    // every reservation acknowledged before the backup started, its lines, and the places they hold
    const numbers = new Set((await db.selectFrom('reservation').select('id').execute()).map((x) => Number(x.id)));
    const lines = new Set((await db.selectFrom('reservation_line').select(['reservation_id', 'day', 'unit_id']).execute()).map((l) => `${l.reservation_id}|${l.day}|${l.unit_id}`));
    const booked = new Set((await db.selectFrom('booking').select(['child_id', 'unit_id', 'day']).execute()).map((b) => `${b.child_id}|${b.unit_id}|${b.day}`));
    for (const a of ackedBefore) {
      expect(numbers.has(a.number), `reservation ${a.number}`).toBe(true);
      for (const l of a.lines) {
        expect(lines.has(`${a.number}|${l.day}|${l.unitId}`), `line ${a.number} ${l.day}`).toBe(true);
        if (l.state !== 'refused') expect(booked.has(`${a.childId}|${l.unitId}|${l.day}`), `booking ${a.childId} ${l.day}`).toBe(true);
      }
    }
    // a consistent snapshot: every counter matches its bookings, none over capacity
    const held = await db
      .selectFrom('booking')
      .select(['unit_id', 'day'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', 'in', ['accepted', 'pending'])
      .groupBy(['unit_id', 'day'])
      .execute();
    const heldBy = new Map(held.map((h) => [`${h.unit_id}|${h.day}`, Number(h.n)]));
    for (const c of await db.selectFrom('unit_day').selectAll().execute()) {
      expect(Number(c.booked)).toBeLessThanOrEqual(Number(c.capacity));
      expect(heldBy.get(`${c.unit_id}|${c.day}`) ?? 0, `counter ${c.unit_id} ${c.day}`).toBe(Number(c.booked));
    }
    // the uploaded file's bytes
    const file = await db.selectFrom('document_file').select(['content', 'sha256']).where('id', '=', fileId).executeTakeFirstOrThrow();
    expect(Buffer.from(file.content).equals(fileBytes)).toBe(true);
  } finally {
    await db.destroy();
  }

  // A portal on the restored copy with the same key: alive, and the child's health data decrypts.
  const again = await startPortal({ ...t.dstEnv, HEALTH_DATA_KEY: keyText });
  expect((await fetch(`${again.base}/healthz`)).status).toBe(200);
  const child = await fetch(`${again.base}/api/children/${marked.childId}`, { headers: { cookie: marked.cookie } });
  expect(child.status).toBe(200);
  const record = (await child.json()) as { health: { observations: string | null; carePlan: boolean | null; doctor: { name: string | null } } };
  expect(record.health.observations).toBe(observation);
  expect(record.health.carePlan).toBe(true);
  expect(record.health.doctor.name).toBe('Dr Martin');
  await again.stop();
}

describe('backup during a booking storm, restore, start on the copy', () => {
  it('on SQLite', async () => {
    const srcData = tempDir('pf-backup-src-');
    const dstData = tempDir('pf-backup-dst-');
    const backupDir = tempDir('pf-backups-');
    await scenario(
      {
        kind: 'sqlite',
        srcEnv: { DATA_DIR: srcData },
        dstEnv: { DATA_DIR: dstData },
        openSrc: () => openDatabase({ sqliteFile: path.join(srcData, 'portail.sqlite') }),
        openDst: () => openDatabase({ sqliteFile: path.join(dstData, 'portail.sqlite') }),
      },
      srcData,
      dstData,
      backupDir,
    );
  }, 90_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('on PostgreSQL', async () => {
    const admin = new URL(process.env.TEST_DATABASE_URL!);
    admin.pathname = '/postgres';
    const name = `backup_${randomBytes(5).toString('hex')}`;
    const urlOf = (db: string) => {
      const u = new URL(admin);
      u.pathname = `/${db}`;
      return u.toString();
    };
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`create database ${name}_src`);
    await client.query(`create database ${name}_dst`);
    await client.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name}_src with (force)`);
      await c.query(`drop database if exists ${name}_dst with (force)`);
      await c.end();
    });
    const srcData = tempDir('pf-backup-src-');
    const dstData = tempDir('pf-backup-dst-');
    const backupDir = tempDir('pf-backups-');
    await scenario(
      {
        kind: 'postgresql',
        srcEnv: { DATA_DIR: srcData, DATABASE_URL: urlOf(`${name}_src`) },
        dstEnv: { DATA_DIR: dstData, DATABASE_URL: urlOf(`${name}_dst`) },
        openSrc: () => openDatabase({ url: urlOf(`${name}_src`), pgPoolSize: 2 }),
        openDst: () => openDatabase({ url: urlOf(`${name}_dst`), pgPoolSize: 2 }),
      },
      srcData,
      dstData,
      backupDir,
    );
  }, 90_000);
});

describe('restore of an older backup', () => {
  it('brings its schema up to date with the migrations and keeps its rows', async () => {
    const oldData = tempDir('pf-backup-old-');
    const dstData = tempDir('pf-backup-new-');
    // A database as an early version of the portal left it: only the first migrations ran.
    const early: Record<string, Migration> = { '0001-foundation': m0001, '0002-children': m0002, '0003-bookings': m0003 };
    const file = path.join(oldData, 'portail-20300101T020000Z.sqlite');
    const old = openDatabase({ sqliteFile: file });
    const { error } = await new Migrator({ db: old, provider: { getMigrations: async () => early } }).migrateToLatest();
    expect(error).toBeUndefined();
    const now = new Date().toISOString();
    await old.insertInto('establishment').values({ id: randomUUID(), name: 'École Jules Ferry', address: null, created_at: now, updated_at: now }).execute();
    await sql`pragma journal_mode = DELETE`.execute(old);
    await old.destroy();

    const restored = await runCommand(['restore', file], { DATA_DIR: dstData });
    expect(restored.code, restored.stderr).toBe(0);
    const r = JSON.parse(restored.stdout.trim()) as { migrationsApplied: string[]; integrity: string; rows: Record<string, number>; healthKey: string };
    expect(r.integrity).toBe('ok');
    expect(r.migrationsApplied).toContain('0004-documents');
    expect(r.migrationsApplied).not.toContain('0001-foundation');
    expect(r.rows.establishment).toBe(1);
    expect(r.rows.document_file).toBe(0); // a table of a later migration exists now
    expect(r.healthKey).toBe('none');
    // the file given is left as it was; the restored copy is DATA_DIR/portail.sqlite
    expect(fs.existsSync(path.join(dstData, 'portail.sqlite'))).toBe(true);
    expect(fs.readdirSync(dstData).filter((n) => n.includes('restoring'))).toEqual([]);
  }, 30_000);
});
