/**
 * npm run soak:races — the race suites (tests/races/*.race.test.ts) for longer, with a random seed: on SQLite,
 * then on PostgreSQL when TEST_DATABASE_URL is set. Each file's runs and rounds are its own defaults × SOAK_FACTOR
 * (RACE_RUNS_FACTOR, see tests/races/harness.ts), so a file of long runs is not held to a short file's count.
 * Prints the seed and one JSON summary (per area and database: runs, operations, invariant checks, violations;
 * totals) and exits non-zero on any violation, failed file, or file that wrote no summary.
 *
 *   npm run soak:races                         # random seed, SOAK_FACTOR × each file's defaults (default below)
 *   RACE_SEED=123 SOAK_FACTOR=5 npm run soak:races
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run soak:races
 *
 * A failure replays with its seed and factor: RACE_SEED=<seed> RACE_RUNS_FACTOR=<factor> npx vitest run <file>.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * The multiplier of every file's default runs and rounds when SOAK_FACTOR is not given: about 4 minutes on SQLite on
 * a 2-CPU machine shared with other jobs (factor 10: 98 s; factor 20: 263 s — billing and attendance-run grow faster
 * than their runs, their checks and invoicing runs covering all that came before).
 */
const DEFAULT_SOAK_FACTOR = 20;

const root = join(import.meta.dirname, '..');
const seed = process.env.RACE_SEED ? Number(process.env.RACE_SEED) : randomInt(1, 2 ** 31 - 1);
const factor = process.env.SOAK_FACTOR ? Number(process.env.SOAK_FACTOR) : DEFAULT_SOAK_FACTOR;
if (!Number.isSafeInteger(seed)) throw new Error('RACE_SEED must be an integer');
if (!Number.isFinite(factor) || factor <= 0) throw new Error('SOAK_FACTOR must be a positive number');
if (process.env.SOAK_RUNS) throw new Error('SOAK_RUNS is gone: SOAK_FACTOR multiplies each file\'s default runs and rounds');

const raceDir = join(root, 'tests', 'races');
const files = readdirSync(raceDir)
  .filter((f) => f.endsWith('.race.test.ts'))
  .sort()
  .map((f) => relative(root, join(raceDir, f)));
if (!files.length) throw new Error('no tests/races/*.race.test.ts');
/** a file's area is its name (harness.ts): booking.race.test.ts writes booking.json */
const areaOf = (file: string) => file.split('/').pop()!.replace(/\.race\.test\.ts$/, '');

interface AreaSummary {
  area: string;
  database: string;
  runs: number;
  operations: number;
  invariantChecks: number;
  violations: number;
  /** the file's duration in vitest */
  seconds?: number;
  examples?: string[];
}

const databases: { name: 'sqlite' | 'postgres'; url: string | undefined }[] = [{ name: 'sqlite', url: undefined }];
if (process.env.TEST_DATABASE_URL) databases.push({ name: 'postgres', url: process.env.TEST_DATABASE_URL });

console.error(`[soak:races] seed ${seed}, factor ${factor} × each file's runs, ${files.length} file(s), ${databases.map((d) => d.name).join(' + ')}`);
const work = mkdtempSync(join(tmpdir(), 'soak-races-'));
const areas: AreaSummary[] = [];
const failures: string[] = [];
/** the files to replay, per database */
const failed = new Set<string>();
const started = Date.now();

for (const db of databases) {
  const summaryDir = join(work, db.name);
  const report = join(work, `${db.name}-vitest.json`);
  const env: NodeJS.ProcessEnv = { ...process.env, RACE_SEED: String(seed), RACE_RUNS_FACTOR: String(factor), RACE_SUMMARY_DIR: summaryDir };
  delete env.RACE_RUNS; // it would fix every file's runs alike
  if (db.url) env.TEST_DATABASE_URL = db.url;
  else delete env.TEST_DATABASE_URL;
  const t0 = Date.now();
  console.error(`[soak:races] ${db.name}: vitest run ${files.join(' ')}`);
  const res = spawnSync(
    join(root, 'node_modules', '.bin', 'vitest'),
    ['run', ...files, '--testTimeout=3600000', '--hookTimeout=600000', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`],
    { cwd: root, env, stdio: ['ignore', 2, 2] } // vitest's output on stderr: stdout is the seed and the JSON
  );
  console.error(`[soak:races] ${db.name}: vitest exited ${res.status ?? res.signal} after ${Math.round((Date.now() - t0) / 1000)} s`);
  if (res.status !== 0) failures.push(`${db.name}: vitest exited with ${res.status ?? res.signal}`);

  // which files failed (a file that writes no summary still counts by its result)
  const seconds = new Map<string, number>();
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      testResults?: { name: string; status: string; startTime?: number; endTime?: number; assertionResults?: { status: string; fullName: string; failureMessages?: string[] }[] }[];
    };
    for (const f of json.testResults ?? []) {
      if (f.startTime && f.endTime) seconds.set(areaOf(f.name), Math.round((f.endTime - f.startTime) / 1000));
      if (f.status === 'passed') continue;
      const tests = (f.assertionResults ?? []).filter((a) => !['passed', 'skipped', 'pending', 'todo'].includes(a.status)).map((a) => a.fullName);
      failures.push(`${db.name}: ${relative(root, f.name)} ${f.status}${tests.length ? ` (${tests.join('; ')})` : ''}`);
      failed.add(`${db.name}|${relative(root, f.name)}`);
    }
  } else if (res.status !== 0) failures.push(`${db.name}: no vitest report`);

  const written = existsSync(summaryDir) ? readdirSync(summaryDir).filter((x) => x.endsWith('.json')).sort() : [];
  for (const f of written) {
    const s = JSON.parse(readFileSync(join(summaryDir, f), 'utf8')) as AreaSummary;
    areas.push({
      area: s.area,
      database: db.name,
      runs: s.runs,
      operations: s.operations,
      invariantChecks: s.invariantChecks,
      violations: s.violations,
      seconds: seconds.get(s.area),
      ...(s.violations ? { examples: s.examples } : {}),
    });
    if (s.violations) {
      const file = files.find((x) => areaOf(x) === s.area);
      if (file) failed.add(`${db.name}|${file}`);
    }
  }
  // every area in the JSON: a race file that wrote no summary is a failure too (it skipped the harness, or crashed)
  for (const file of files)
    if (!written.includes(`${areaOf(file)}.json`)) {
      failures.push(`${db.name}: ${file} wrote no summary (${areaOf(file)}.json: raceCounter or recordSummary, tests/races/harness.ts)`);
      failed.add(`${db.name}|${file}`);
    }
}
rmSync(work, { recursive: true, force: true });

const totals = areas.reduce(
  (acc, a) => ({ operations: acc.operations + a.operations, invariantChecks: acc.invariantChecks + a.invariantChecks, violations: acc.violations + a.violations }),
  { operations: 0, invariantChecks: 0, violations: 0 },
);
const ok = totals.violations === 0 && failures.length === 0;
const replayOf = (key: string) => {
  const [db, file] = key.split('|');
  return `${db === 'postgres' ? 'TEST_DATABASE_URL=$TEST_DATABASE_URL ' : ''}RACE_SEED=${seed} RACE_RUNS_FACTOR=${factor} npx vitest run ${file}`;
};
const summary = {
  seed,
  factor,
  databases: databases.map((d) => d.name),
  seconds: Math.round((Date.now() - started) / 1000),
  areas,
  totals,
  failures,
  ok,
  replay: ok ? undefined : failed.size ? [...failed].sort().map(replayOf) : [`RACE_SEED=${seed} RACE_RUNS_FACTOR=${factor} npx vitest run <file>${databases.length > 1 ? ' (with TEST_DATABASE_URL for PostgreSQL)' : ''}`],
};
console.log(`seed ${seed}`);
console.log(JSON.stringify(summary, null, 2));
process.exit(ok ? 0 : 1);
