/**
 * What every race test file shares: the seed and the number of runs (fixed by default so `npm test` is
 * reproducible; `npm run soak:races` scales them), a counter of operations and invariant checks, and a JSON
 * summary per area for the soak script.
 *
 *   RACE_SEED=123 RACE_RUNS_FACTOR=20 npx vitest run tests/races/booking.race.test.ts   # replay a soak failure
 *   RACE_SEED=123 RACE_RUNS=3 npx vitest run tests/races/billing.race.test.ts           # every loop of the file 3 times
 *   RACE_SUMMARY_DIR=/tmp/sum …                                                         # write <area>.json there
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, expect } from 'vitest';

/** The seed every race file uses unless RACE_SEED says otherwise. */
export const DEFAULT_RACE_SEED = 20_260_909;

export function raceSeed(): number {
  const raw = process.env.RACE_SEED;
  if (raw === undefined || raw.trim() === '') return DEFAULT_RACE_SEED;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`RACE_SEED must be an integer, not « ${raw} »`);
  return n;
}

/** The multiplier of every file's default runs and rounds: RACE_RUNS_FACTOR (a positive number), else 1. */
export function raceRunsFactor(): number {
  const raw = process.env.RACE_RUNS_FACTOR;
  if (raw === undefined || raw.trim() === '') return 1;
  const f = Number(raw);
  if (!Number.isFinite(f) || f <= 0) throw new Error(`RACE_RUNS_FACTOR must be a positive number, not « ${raw} »`);
  return f;
}

/**
 * How many random runs (of a property) or rounds (of a fixed scenario): RACE_RUNS when set (a positive integer, for
 * every property and round loop of the file alike), else the file's default × RACE_RUNS_FACTOR (at least 1). So
 * `npm test` runs the defaults, and the soak makes each file longer in proportion to its own default.
 */
export function raceRuns(defaultRuns: number): number {
  const raw = process.env.RACE_RUNS;
  if (raw === undefined || raw.trim() === '') return Math.max(1, Math.round(defaultRuns * raceRunsFactor()));
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`RACE_RUNS must be a positive integer, not « ${raw} »`);
  return n;
}

/**
 * A test's timeout: `ms` for the default runs; at least an hour (and `ms` × the factor) once RACE_RUNS or
 * RACE_RUNS_FACTOR scale them — a test's own timeout overrides the soak's --testTimeout, and some files grow faster
 * than their runs (their checks and invoicing runs cover all that came before).
 */
export function raceTimeout(ms: number): number {
  const scaled = !!process.env.RACE_RUNS?.trim() || raceRunsFactor() !== 1;
  return scaled ? Math.max(ms * raceRunsFactor(), 3_600_000) : ms;
}

/**
 * A small random source seeded by raceSeed() (mulberry32), for the fixed scenarios' choices (who sends what, when):
 * the same seed gives the same choices. `salt` keeps two sources of one file apart.
 */
export function raceRandom(salt = 0): { next: () => number; int: (min: number, max: number) => number } {
  let a = (raceSeed() ^ Math.imul(salt + 1, 0x9e3779b9)) >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
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
  /** RACE_RUNS_FACTOR, or null when RACE_RUNS fixed every loop */
  factor: number | null;
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
    factor: process.env.RACE_RUNS?.trim() ? null : raceRunsFactor(),
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

type Injectable = { inject: (...args: any[]) => any };

/**
 * What a race file counts for its summary: the runs and rounds played, the state-changing operations sent during
 * the races, and the invariant checks made afterwards. Call it once at the top of the file: the area's summary is
 * recorded after the file's tests (afterAll), with violations = the tests that failed (a failed check throws).
 * `area` is the file's name without `.race.test.ts`: the soak fails a race file that wrote no `<area>.json`.
 *
 *   const count = raceCounter('billing');
 *   count.watch(t.app);                                        // once the app is built
 *   const answers = await count.race(() => Promise.all(…));    // HTTP writes sent inside are operations
 *   count.check(rowsReadInSql, 'one invoice per family').toEqual([]);   // expect(), counted as one check
 */
export function raceCounter(area: string): RaceCounter {
  const counter = new RaceCounter(area);
  beforeEach(({ onTestFailed }) => {
    onTestFailed(({ task }) => {
      const error = task.result?.errors?.[0];
      counter.failures.push(`${task.fullName}: ${String(error?.message ?? 'failed').split('\n')[0].slice(0, 300)}`);
    });
  });
  afterAll(() => {
    const s = counter.record();
    console.info(`[${area} race] ${JSON.stringify({ ...s, examples: s.examples.length ? s.examples : undefined })}`);
  });
  return counter;
}

export class RaceCounter {
  runs = 0;
  operations = 0;
  invariantChecks = 0;
  /** the tests that failed, with their first error line */
  failures: string[] = [];
  private open = 0;

  constructor(readonly area: string) {}

  /**
   * Counts every request the app is given with a method that may write (not GET, HEAD or OPTIONS) while a race()
   * is running — the operations sent by the racing clients, not the fixtures written before — and the GETs whose
   * URL `getMayWrite` names (a page that may settle a payment, say).
   */
  watch(app: Injectable, getMayWrite: (url: string) => boolean = () => false): void {
    const inject = app.inject.bind(app);
    app.inject = (...args: any[]) => {
      const opts = typeof args[0] === 'object' && args[0] ? args[0] : {};
      const method = String(opts.method ?? 'GET').toUpperCase();
      const url = String(opts.url ?? opts.path ?? '');
      if (this.open > 0 && (!['GET', 'HEAD', 'OPTIONS'].includes(method) || (method === 'GET' && getMayWrite(url)))) this.operations++;
      return inject(...args);
    };
  }

  /** Runs the racing part of a scenario: the HTTP writes it sends are counted as operations. */
  async race<T>(f: () => Promise<T>): Promise<T> {
    this.open++;
    try {
      return await f();
    } finally {
      this.open--;
    }
  }

  /** Operations that are not HTTP requests (a job or a service called directly by the race). */
  op(n = 1): void {
    this.operations += n;
  }

  /** One invariant check: expect() on what was read back, counted. What it checks is up to the caller. */
  check<T>(actual: T, message?: string) {
    this.invariantChecks++;
    return expect(actual, message);
  }

  /** Checks made by other means (a helper that asserts several things counts them here). */
  checked(n = 1): void {
    this.invariantChecks += n;
  }

  /** One run of a property or one round of a fixed scenario played. */
  ran(n = 1): void {
    this.runs += n;
  }

  /** Adds what was counted since the last call to the area's summary. */
  record(): RaceSummary {
    const s = recordSummary(this.area, { operations: this.operations, invariantChecks: this.invariantChecks, violations: this.failures }, { runs: this.runs });
    this.runs = this.operations = this.invariantChecks = 0;
    this.failures = [];
    return s;
  }
}
