/**
 * npm run soak:races — the race suites (tests/races/*.race.test.ts) for longer, with a random seed: on SQLite,
 * then on PostgreSQL when TEST_DATABASE_URL is set. Prints the seed and one JSON summary (per area and database:
 * runs, operations, invariant checks, violations; totals) and exits non-zero on any violation or failed file.
 *
 *   npm run soak:races                         # random seed, SOAK_RUNS runs per property (default below)
 *   RACE_SEED=123 SOAK_RUNS=50 npm run soak:races
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run soak:races
 *
 * A failure replays with its seed: RACE_SEED=<seed> RACE_RUNS=<runs> npx vitest run <file>.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** Runs per property when SOAK_RUNS is not given: about 2–3 minutes on SQLite on a 2-CPU machine (500 runs: 76 s SQLite, 198 s PostgreSQL). */
const DEFAULT_SOAK_RUNS = 1000;

const root = join(import.meta.dirname, '..');
const seed = process.env.RACE_SEED ? Number(process.env.RACE_SEED) : randomInt(1, 2 ** 31 - 1);
const runs = process.env.SOAK_RUNS ? Number(process.env.SOAK_RUNS) : DEFAULT_SOAK_RUNS;
if (!Number.isSafeInteger(seed)) throw new Error('RACE_SEED must be an integer');
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error('SOAK_RUNS must be a positive integer');

const raceDir = join(root, 'tests', 'races');
const files = readdirSync(raceDir)
  .filter((f) => f.endsWith('.race.test.ts'))
  .sort()
  .map((f) => relative(root, join(raceDir, f)));
if (!files.length) throw new Error('no tests/races/*.race.test.ts');

interface AreaSummary {
  area: string;
  database: string;
  runs: number;
  operations: number;
  invariantChecks: number;
  violations: number;
  examples?: string[];
}

const databases: { name: 'sqlite' | 'postgres'; url: string | undefined }[] = [{ name: 'sqlite', url: undefined }];
if (process.env.TEST_DATABASE_URL) databases.push({ name: 'postgres', url: process.env.TEST_DATABASE_URL });

console.error(`[soak:races] seed ${seed}, ${runs} runs per property, ${files.length} file(s), ${databases.map((d) => d.name).join(' + ')}`);
const work = mkdtempSync(join(tmpdir(), 'soak-races-'));
const areas: AreaSummary[] = [];
const failures: string[] = [];
const started = Date.now();

for (const db of databases) {
  const summaryDir = join(work, db.name);
  const report = join(work, `${db.name}-vitest.json`);
  const env: NodeJS.ProcessEnv = { ...process.env, RACE_SEED: String(seed), RACE_RUNS: String(runs), RACE_SUMMARY_DIR: summaryDir };
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
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8')) as { testResults?: { name: string; status: string; assertionResults?: { status: string; fullName: string; failureMessages?: string[] }[] }[] };
    for (const f of json.testResults ?? []) {
      if (f.status === 'passed') continue;
      const failed = (f.assertionResults ?? []).filter((a) => a.status !== 'passed').map((a) => a.fullName);
      failures.push(`${db.name}: ${relative(root, f.name)} ${f.status}${failed.length ? ` (${failed.join('; ')})` : ''}`);
    }
  } else if (res.status !== 0) failures.push(`${db.name}: no vitest report`);

  if (existsSync(summaryDir)) {
    for (const f of readdirSync(summaryDir).filter((x) => x.endsWith('.json')).sort()) {
      const s = JSON.parse(readFileSync(join(summaryDir, f), 'utf8')) as AreaSummary;
      areas.push({ area: s.area, database: db.name, runs: s.runs, operations: s.operations, invariantChecks: s.invariantChecks, violations: s.violations, ...(s.violations ? { examples: s.examples } : {}) });
    }
  }
}
rmSync(work, { recursive: true, force: true });

const totals = areas.reduce(
  (acc, a) => ({ operations: acc.operations + a.operations, invariantChecks: acc.invariantChecks + a.invariantChecks, violations: acc.violations + a.violations }),
  { operations: 0, invariantChecks: 0, violations: 0 },
);
const ok = totals.violations === 0 && failures.length === 0;
const summary = {
  seed,
  runs,
  databases: databases.map((d) => d.name),
  seconds: Math.round((Date.now() - started) / 1000),
  areas,
  totals,
  failures,
  ok,
  replay: ok ? undefined : `RACE_SEED=${seed} RACE_RUNS=${runs} npx vitest run <file>${databases.length > 1 ? ' (with TEST_DATABASE_URL for PostgreSQL)' : ''}`,
};
console.log(`seed ${seed}`);
console.log(JSON.stringify(summary, null, 2));
process.exit(ok ? 0 : 1);
