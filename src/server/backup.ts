/**
 * `npm run backup` and `npm run restore FILE` (issue 16, « Backups and restore »). See docs/backup-restore.md.
 *
 * Backup, while the portal serves:
 * - SQLite: SQLite's online backup API (better-sqlite3 `db.backup`) copies DATA_DIR/portail.sqlite page by page in
 *   ONE step, i.e. inside one read transaction: a consistent snapshot, never restarted by the portal's writes
 *   (WAL: readers and the writer do not wait for each other). The copy is then switched to a single self-contained
 *   file (journal_mode=DELETE) and quick-checked.
 * - PostgreSQL: `pg_dump --format=custom` (one repeatable-read snapshot; plain DML goes on meanwhile).
 * Uploaded documents are rows of `document_file` (their bytes are in the database): they are in the backup.
 * The health-data key is NOT: the command says where it is and that it must be kept apart from the backups.
 *
 * Restore, into an empty data directory (SQLite) or an empty database (PostgreSQL), then the migrations (an older
 * backup comes up to date), then checks: integrity (SQLite), row counts, and whether the configured health-data
 * key opens this database.
 */
import { spawn } from 'node:child_process';
import { createDecipheriv } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { KEY_FILE_NAME, keyIdOf, parseKey } from './crypto/health-crypto.js';

/** The embedded database's file name under DATA_DIR (as bootstrap.ts opens it). */
export const SQLITE_FILE_NAME = 'portail.sqlite';

const NAME_RE = /^portail-(\d{8}T\d{6}Z)(-\d+)?\.(sqlite|pgdump)$/;
const SQLITE_MAGIC = 'SQLite format 3\u0000';
const PGDUMP_MAGIC = 'PGDMP';

export type DatabaseKind = 'sqlite' | 'postgresql';

export interface KeepPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}
export const DEFAULT_KEEP: KeepPolicy = { daily: 7, weekly: 4, monthly: 12 };

// ---------------------------------------------------------------------------------------------------------------
// arguments

interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[], known: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (const a of argv) {
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    if (!known.includes(name)) throw new Error(`Option inconnue / unknown option: --${name} (${known.map((k) => `--${k}`).join(' ')})`);
    flags.set(name, eq < 0 ? true : a.slice(eq + 1));
  }
  return { positional, flags };
}

function intFlag(args: Args, name: string, fallback: number): number {
  const v = args.flags.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isInteger(n) || n < 0) throw new Error(`--${name} attend un entier ≥ 0 / --${name} expects an integer ≥ 0`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// shared helpers

export function backupDirOf(config: Config, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.BACKUP_DIR || path.join(config.dataDir, 'backups'));
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

function parseStamp(s: string): Date {
  return new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
}

/** libpq reads the password from PGPASSWORD rather than from the command line (visible to every user in `ps`). */
function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { dbname: u.toString(), env };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (err) =>
      reject(new Error(`${cmd} introuvable ou impossible à lancer / could not run ${cmd}: ${err.message} (Debian: apt install postgresql-client)`)),
    );
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} a échoué / failed (${signal ?? `exit ${code}`}):\n${stderr.trim()}`)),
    );
  });
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    fsyncFile(dir);
  } catch {
    /* not every file system lets a directory be fsynced */
  }
}

/** Where the health-data key of this configuration is read from, for the messages. */
function keySource(config: Config): { kind: 'env' | 'file'; where: string } {
  return config.healthDataKey
    ? { kind: 'env', where: 'HEALTH_DATA_KEY' }
    : { kind: 'file', where: path.join(config.dataDir, KEY_FILE_NAME) };
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

// ---------------------------------------------------------------------------------------------------------------
// retention

/**
 * Which backups to keep: the newest of each of the `daily` most recent days that have one, of each of the `weekly`
 * most recent ISO weeks, of each of the `monthly` most recent months (UTC, from the name's timestamp) — the usual
 * grandfather-father-son rotation. Everything else is returned in `remove`. Files not named by this command are
 * never touched.
 */
export function planPrune(names: string[], keep: KeepPolicy): { keep: string[]; remove: string[] } {
  const backups = names
    .map((name) => ({ name, m: NAME_RE.exec(name) }))
    .filter((b): b is { name: string; m: RegExpExecArray } => b.m !== null)
    .map((b) => ({ name: b.name, at: parseStamp(b.m[1]) }))
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name)); // newest first
  const kept = new Set<string>();
  const bucket = (count: number, keyOf: (d: Date) => string) => {
    const seen = new Set<string>();
    for (const b of backups) {
      if (seen.size >= count) break;
      const k = keyOf(b.at);
      if (seen.has(k)) continue;
      seen.add(k);
      kept.add(b.name);
    }
  };
  bucket(keep.daily, (d) => d.toISOString().slice(0, 10));
  bucket(keep.weekly, isoWeek);
  bucket(keep.monthly, (d) => d.toISOString().slice(0, 7));
  return {
    keep: backups.filter((b) => kept.has(b.name)).map((b) => b.name),
    remove: backups.filter((b) => !kept.has(b.name)).map((b) => b.name),
  };
}

function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day); // the Thursday of this week decides the year
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil((t.getTime() - yearStart) / 86_400_000 / 7 + 1 / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// backup

export interface BackupResult {
  file: string;
  bytes: number;
  seconds: number;
  database: DatabaseKind;
  createdAt: string;
  /** the public id of the health-data key this database was encrypted with (not the key) */
  healthKeyId: string | null;
  healthKeyInBackup: false;
  pruned?: string[];
}

async function backupSqlite(config: Config, target: string): Promise<string | null> {
  const source = path.join(config.dataDir, SQLITE_FILE_NAME);
  if (!fs.existsSync(source))
    throw new Error(`Pas de base SQLite à sauvegarder / no SQLite database to back up: ${source} (DATA_DIR=${config.dataDir})`);
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // The first step opens the backup; the second copies every page at once (one read transaction: consistent,
    // and not restarted by the portal's writes as a page-by-page copy would be).
    await db.backup(target, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const copy = new SQLite(target);
  try {
    copy.pragma('journal_mode = DELETE'); // one self-contained file, no -wal beside it
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`La copie ne passe pas quick_check / the copy fails quick_check: ${String(check)}`);
    return readKeyIdSqlite(copy);
  } finally {
    copy.close();
  }
}

function readKeyIdSqlite(db: SQLite.Database): string | null {
  try {
    const row = db.prepare("select key_id from crypto_key_check where name = 'health-data'").get() as { key_id: string } | undefined;
    return row?.key_id ?? null;
  } catch {
    return null; // never started: no table yet
  }
}

async function readKeyIdPg(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ key_id: string }>("select key_id from crypto_key_check where name = 'health-data'");
    return r.rows[0]?.key_id ?? null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

async function backupPostgres(url: string, target: string): Promise<void> {
  const { dbname, env } = libpqTarget(url);
  await run('pg_dump', ['--format=custom', '--compress=6', `--file=${target}`, `--dbname=${dbname}`], env);
}

export async function backup(config: Config, options: { prune?: KeepPolicy | null; dir?: string } = {}): Promise<BackupResult> {
  const started = performance.now();
  const kind: DatabaseKind = config.databaseUrl ? 'postgresql' : 'sqlite';
  const dir = options.dir ?? backupDirOf(config);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const now = new Date();
  const ext = kind === 'sqlite' ? 'sqlite' : 'pgdump';
  let file = path.join(dir, `portail-${stamp(now)}.${ext}`);
  for (let n = 2; fs.existsSync(file); n++) file = path.join(dir, `portail-${stamp(now)}-${n}.${ext}`);
  // Written under a temporary name and renamed when complete: a crash never leaves a file that looks like a backup.
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  let healthKeyId: string | null;
  try {
    if (kind === 'sqlite') {
      healthKeyId = await backupSqlite(config, partial);
    } else {
      healthKeyId = await readKeyIdPg(config.databaseUrl!);
      await backupPostgres(config.databaseUrl!, partial);
    }
    fs.chmodSync(partial, 0o600); // personal data
    fsyncFile(partial);
    fs.renameSync(partial, file);
    fsyncDir(dir);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    fs.rmSync(`${partial}-journal`, { force: true });
    throw err;
  }
  const result: BackupResult = {
    file,
    bytes: fs.statSync(file).size,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    database: kind,
    createdAt: now.toISOString(),
    healthKeyId,
    healthKeyInBackup: false,
  };
  if (options.prune) {
    const plan = planPrune(
      fs.readdirSync(dir).filter((n) => n.endsWith(`.${ext}`)),
      options.prune,
    );
    for (const name of plan.remove) fs.rmSync(path.join(dir, name), { force: true });
    result.pruned = plan.remove;
  }
  return result;
}

function keyReminder(config: Config, dir: string, keyId: string | null): string {
  const src = keySource(config);
  const lines = [
    '',
    `Rappel / reminder: la clé des données de santé N’EST PAS dans la sauvegarde / the health-data key is NOT in the backup.`,
    `  clé utilisée / key in use: ${src.kind === 'env' ? 'variable HEALTH_DATA_KEY' : src.where}${keyId ? ` (id ${keyId})` : ''}`,
    '  Sans elle, les données de santé restaurées sont illisibles / without it, restored health data cannot be read.',
    '  Gardez-en une copie À PART des sauvegardes (gestionnaire de mots de passe, enveloppe scellée au coffre de la mairie),',
    '  jamais à côté des sauvegardes ni sur le même support / keep a copy APART from the backups, never next to them.',
  ];
  if (src.kind === 'file' && isInside(dir, config.dataDir))
    lines.push(
      `  Attention : ${dir} est dans DATA_DIR, qui contient aussi la clé : copiez hors du serveur le dossier des sauvegardes`,
      `  seulement, jamais DATA_DIR entier / ${dir} is inside DATA_DIR, which also holds the key file: copy only the backup`,
      '  directory off the server, never DATA_DIR as a whole. See docs/backup-restore.md.',
    );
  return lines.join('\n') + '\n';
}

export async function backupCommand(config: Config, argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['prune', 'keep-daily', 'keep-weekly', 'keep-monthly']);
  if (args.positional.length) throw new Error(`Argument inattendu / unexpected argument: ${args.positional[0]} (BACKUP_DIR choisit le dossier)`);
  const prune = args.flags.has('prune')
    ? {
        daily: intFlag(args, 'keep-daily', DEFAULT_KEEP.daily),
        weekly: intFlag(args, 'keep-weekly', DEFAULT_KEEP.weekly),
        monthly: intFlag(args, 'keep-monthly', DEFAULT_KEEP.monthly),
      }
    : null;
  const result = await backup(config, { prune });
  // stdout: one JSON line (for scripts and monitoring); stderr: the reminder for the person reading.
  process.stdout.write(JSON.stringify(result) + '\n');
  process.stderr.write(keyReminder(config, path.dirname(result.file), result.healthKeyId));
}

// ---------------------------------------------------------------------------------------------------------------
// restore

export interface RestoreResult {
  file: string;
  database: DatabaseKind;
  target: string;
  seconds: number;
  migrationsApplied: string[];
  integrity: string;
  rows: Record<string, number>;
  /** ok: the configured key opens this database; missing: no key configured; wrong: another key; none: no health data check */
  healthKey: 'ok' | 'missing' | 'wrong' | 'none';
  healthKeyId: string | null;
  movedAside?: string[];
}

function kindOfFile(file: string): DatabaseKind {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(16);
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') === SQLITE_MAGIC) return 'sqlite';
  if (head.toString('latin1', 0, 5) === PGDUMP_MAGIC) return 'postgresql';
  throw new Error(`${file} n’est ni une base SQLite ni un pg_dump au format custom / is neither a SQLite database nor a custom-format pg_dump`);
}

/** The configured key against the database's check value, read-only (the portal's own check would record one). */
async function checkKey(config: Config, db: Database): Promise<{ status: RestoreResult['healthKey']; keyId: string | null }> {
  const row = await db.selectFrom('crypto_key_check').select(['key_id', 'check_value']).where('name', '=', 'health-data').executeTakeFirst();
  if (!row) return { status: 'none', keyId: null };
  const src = keySource(config);
  let text: string | undefined = config.healthDataKey;
  if (!text && fs.existsSync(src.where)) text = fs.readFileSync(src.where, 'utf8');
  if (!text) return { status: 'missing', keyId: row.key_id };
  const key = parseKey(text, src.where);
  if (keyIdOf(key) !== row.key_id) return { status: 'wrong', keyId: row.key_id };
  try {
    // hd1:<keyId>:<iv>:<ciphertext+tag>, bound to the context 'key-check' (crypto/health-crypto.ts)
    const [version, id, iv, bodyText] = row.check_value.split(':');
    const body = Buffer.from(bodyText, 'base64url');
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    d.setAAD(Buffer.from(`${version}:${id}:key-check`));
    d.setAuthTag(body.subarray(body.length - 16));
    Buffer.concat([d.update(body.subarray(0, body.length - 16)), d.final()]);
    return { status: 'ok', keyId: row.key_id };
  } catch {
    return { status: 'wrong', keyId: row.key_id };
  }
}

async function rowCounts(db: Database, kind: DatabaseKind): Promise<Record<string, number>> {
  const tables =
    kind === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)).rows
      : (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
        ).rows;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    counts[name] = Number(r.rows[0].n);
  }
  return counts;
}

async function restoreSqlite(config: Config, file: string, force: boolean) {
  const target = path.join(config.dataDir, SQLITE_FILE_NAME);
  const present = [target, `${target}-wal`, `${target}-shm`, `${target}-journal`].filter((f) => fs.existsSync(f));
  const movedAside: string[] = [];
  if (present.length) {
    if (!force)
      throw new Error(
        `Refus : ${target} existe déjà. La restauration se fait dans un DATA_DIR vide ; arrêtez le portail et ajoutez --force ` +
          `pour mettre l’ancienne base de côté (renommée, pas effacée) / refused: ${target} exists. Restore into an empty ` +
          'DATA_DIR; stop the portal and add --force to move the current database aside (renamed, not deleted).',
      );
    const aside = `${target}.before-restore-${stamp(new Date())}`;
    for (const f of present) {
      const to = aside + f.slice(target.length);
      fs.renameSync(f, to);
      movedAside.push(to);
    }
    try {
      return { ...(await restoreSqliteInto(config, file, target)), movedAside };
    } catch (err) {
      // A failed restore puts back the database it moved aside.
      for (const to of movedAside) fs.renameSync(to, target + to.slice(aside.length));
      throw err;
    }
  }
  return { ...(await restoreSqliteInto(config, file, target)), movedAside };
}

async function restoreSqliteInto(config: Config, file: string, target: string) {
  fs.mkdirSync(config.dataDir, { recursive: true });
  // Worked on under a temporary name, moved into place only once migrated and checked.
  const partial = `${target}.restoring`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(file, partial);
  fs.chmodSync(partial, 0o600);
  const db = openDatabase({ sqliteFile: partial });
  try {
    const migrationsApplied = await migrateToLatest(db);
    const integrity = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows.map((r) => r.integrity_check).join('; ');
    const fk = (await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db)).rows;
    const rows = await rowCounts(db, 'sqlite');
    const key = await checkKey(config, db);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    await db.destroy();
    if (integrity !== 'ok' || fk.length) {
      for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
      throw new Error(`Base restaurée endommagée / restored database damaged: integrity_check=${integrity}; foreign keys: ${fk.length} violation(s)`);
    }
    for (const f of [`${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true }); // emptied by the checkpoint
    fsyncFile(partial);
    fs.renameSync(partial, target);
    fsyncDir(config.dataDir);
    return { target, migrationsApplied, integrity, rows, key };
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
}

async function restorePostgres(config: Config, file: string) {
  const url = config.databaseUrl!;
  const db = openDatabase({ url, pgPoolSize: 2 });
  try {
    const existing = (
      await sql<{ n: number | string }>`select count(*) as n from information_schema.tables
        where table_schema not in ('pg_catalog', 'information_schema')`.execute(db)
    ).rows[0];
    if (Number(existing.n) > 0)
      throw new Error(
        `Refus : la base cible contient déjà ${existing.n} table(s). Restaurez dans une base vide (createdb …) / refused: the ` +
          `target database already has ${existing.n} table(s). Restore into an empty database (createdb …).`,
      );
    const { dbname, env } = libpqTarget(url);
    // The restoring role owns what it creates: the dump may come from a server with other role names.
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file], env);
    const migrationsApplied = await migrateToLatest(db);
    const rows = await rowCounts(db, 'postgresql');
    const key = await checkKey(config, db);
    const u = new URL(url);
    u.password = '';
    return { target: u.toString(), migrationsApplied, integrity: 'ok', rows, key, movedAside: [] as string[] };
  } finally {
    await db.destroy();
  }
}

export async function restore(config: Config, file: string, options: { force?: boolean } = {}): Promise<RestoreResult> {
  const started = performance.now();
  const abs = path.resolve(file);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) throw new Error(`Fichier introuvable / file not found: ${abs}`);
  const kind = kindOfFile(abs);
  const configured: DatabaseKind = config.databaseUrl ? 'postgresql' : 'sqlite';
  if (kind !== configured)
    throw new Error(
      kind === 'postgresql'
        ? 'Ce fichier est un pg_dump : définissez DATABASE_URL sur la base PostgreSQL vide à remplir / this file is a pg_dump: set DATABASE_URL to the empty PostgreSQL database to fill'
        : 'Ce fichier est une base SQLite : retirez DATABASE_URL et choisissez DATA_DIR / this file is a SQLite database: unset DATABASE_URL and set DATA_DIR',
    );
  const r = kind === 'sqlite' ? await restoreSqlite(config, abs, Boolean(options.force)) : await restorePostgres(config, abs);
  return {
    file: abs,
    database: kind,
    target: r.target,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    migrationsApplied: r.migrationsApplied,
    integrity: r.integrity,
    rows: r.rows,
    healthKey: r.key.status,
    healthKeyId: r.key.keyId,
    ...(r.movedAside.length ? { movedAside: r.movedAside } : {}),
  };
}

export async function restoreCommand(config: Config, argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['force']);
  if (args.positional.length !== 1) throw new Error('Usage : npm run restore -- FICHIER [--force]   (FILE = a backup written by npm run backup)');
  if (args.flags.has('force') && config.databaseUrl)
    throw new Error('--force ne vaut que pour SQLite ; avec PostgreSQL, restaurez dans une base vide / --force is for SQLite only; with PostgreSQL restore into an empty database');
  const result = await restore(config, args.positional[0], { force: args.flags.get('force') === true });
  process.stdout.write(JSON.stringify(result) + '\n');
  const src = keySource(config);
  const where = src.kind === 'env' ? 'HEALTH_DATA_KEY' : src.where;
  const messages: Record<RestoreResult['healthKey'], string> = {
    ok: `Clé des données de santé : OK (${where}, id ${result.healthKeyId}) / health-data key: OK.`,
    none: 'Pas de contrôle de clé dans cette base (jamais démarrée) / no key check in this database (never started).',
    missing:
      `Clé des données de santé ABSENTE : le portail refusera de démarrer. Fournissez la clé d’id ${result.healthKeyId} ` +
      `(HEALTH_DATA_KEY ou ${path.join(config.dataDir, KEY_FILE_NAME)}) / health-data key MISSING: the portal will not start ` +
      `until the key with id ${result.healthKeyId} is provided.`,
    wrong:
      `Clé des données de santé INCORRECTE (${where}) : cette base attend la clé d’id ${result.healthKeyId} ; le portail ` +
      `refusera de démarrer / health-data key WRONG: this database needs the key with id ${result.healthKeyId}.`,
  };
  process.stderr.write(`\nRestauration terminée / restore done: ${result.target}\n${messages[result.healthKey]}\n`);
  if (result.healthKey === 'wrong') process.exitCode = 3;
}
