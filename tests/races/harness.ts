/**
 * What every race test file shares: the seed and the number of runs (fixed by default so `npm test` is
 * reproducible; `npm run soak:races` sets them), and a JSON summary per area for the soak script.
 *
 *   RACE_SEED=123 RACE_RUNS=200 npx vitest run tests/races/booking.race.test.ts   # replay a soak failure
 *   RACE_SUMMARY_DIR=/tmp/sum …                                                   # write <area>.json there
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The seed every race file uses unless RACE_SEED says otherwise. */
export const DEFAULT_RACE_SEED = 20_260_909;

export function raceSeed(): number {
  const raw = process.env.RACE_SEED;
  if (raw === undefined || raw.trim() === '') return DEFAULT_RACE_SEED;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`RACE_SEED must be an integer, not « ${raw} »`);
  return n;
}

/** How many random runs: RACE_RUNS when set (a positive integer), else the file's default. */
export function raceRuns(defaultRuns: number): number {
  const raw = process.env.RACE_RUNS;
  if (raw === undefined || raw.trim() === '') return defaultRuns;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`RACE_RUNS must be a positive integer, not « ${raw} »`);
  return n;
}

export interface RaceTally {
  /** state-changing operations sent (HTTP requests that may write) */
  operations: number;
  /** individual invariant checks made afterwards */
  invariantChecks: number;
  /** how many checks failed, or the failures themselves */
  violations: number | string[];
}

export interface RaceSummary {
  area: string;
  database: 'sqlite' | 'postgres';
  seed: number;
  runs: number;
  operations: number;
  invariantChecks: number;
  violations: number;
  /** the first violations, for the report (the seed replays them) */
  examples: string[];
}

const totals = new Map<string, RaceSummary>();

/**
 * Adds a tally to the area's summary and, when RACE_SUMMARY_DIR is set, (re)writes `<dir>/<area>.json`. Several
 * tests of one file may call it for the same area: their tallies add up. Returns the summary so far.
 */
export function recordSummary(area: string, tally: RaceTally, o: { runs?: number } = {}): RaceSummary {
  const list = Array.isArray(tally.violations) ? tally.violations : [];
  const count = Array.isArray(tally.violations) ? tally.violations.length : tally.violations;
  const s: RaceSummary = totals.get(area) ?? {
    area,
    database: process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite',
    seed: raceSeed(),
    runs: 0,
    operations: 0,
    invariantChecks: 0,
    violations: 0,
    examples: [],
  };
  s.runs += o.runs ?? 0;
  s.operations += tally.operations;
  s.invariantChecks += tally.invariantChecks;
  s.violations += count;
  s.examples.push(...list.slice(0, Math.max(0, 10 - s.examples.length)));
  totals.set(area, s);
  const dir = process.env.RACE_SUMMARY_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${area.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`), `${JSON.stringify(s, null, 2)}\n`);
  }
  return s;
}
