import fc from 'fast-check';
import { expect } from 'vitest';
import type { Res, TestApp } from '../support/app.js';
import { raceRuns, raceSeed } from './harness.js';

/**
 * Helpers of the race tests of accounts, staff decisions, documents, privacy, families, children and lists
 * (issue #9): many actors at once over HTTP, then invariants checked in SQL.
 */

/** The fast-check seed: fixed, printed, and overridable (RACE_SEED=…) to replay or explore (harness.ts). */
export const SEED = raceSeed();
// eslint-disable-next-line no-console
console.info(`[races] fast-check seed ${SEED} (RACE_SEED=${SEED} to replay)`);

/**
 * fast-check parameters: the seed, `numRuns` scaled by the harness (raceRuns), no shrinking marathon on a database
 * (the seed and path replay a failure).
 */
export function runs(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns: raceRuns(numRuns), endOnFailure: true, verbose: 1 };
}

/** A request's answer, failing loudly on a 500 (a lost race must never be one). */
export function notServerError(res: Res): Res {
  if (res.status >= 500) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

export const ok = (res: Res) => res.status >= 200 && res.status < 300;

/** Exactly one of the answers is a success; every other one is `loserStatus` with `loserCode` and a French message. */
export function exactlyOneWinner(results: Res[], loserStatus: number | number[], loserCodes: string[]): number {
  results.forEach(notServerError);
  const winners = results.map((r, i) => (ok(r) ? i : -1)).filter((i) => i >= 0);
  expect(winners, `answers: ${JSON.stringify(results.map((r) => [r.status, r.body?.error?.code]))}`).toHaveLength(1);
  for (const r of results) {
    if (ok(r)) continue;
    expect(Array.isArray(loserStatus) ? loserStatus : [loserStatus]).toContain(r.status);
    const code = r.body?.error?.code === 'request.invalid' ? r.body.error.fields?.[0]?.code : r.body?.error?.code;
    expect(loserCodes).toContain(code);
    expect(String(r.body.error.message)).toMatch(/[a-zé]/);
  }
  return winners[0];
}

export async function auditsOf(t: TestApp, actions: string[], targetId: string) {
  return t.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'details', 'actor_account_id'])
    .where('action', 'in', actions)
    .where('target_id', '=', targetId)
    .orderBy('id')
    .execute();
}

export async function mailsTo(t: TestApp, email: string, templates?: string[]) {
  let q = t.ctx.db.selectFrom('outbox').select(['template', 'to_address', 'family_id']).where('to_address', '=', email);
  if (templates) q = q.where('template', 'in', templates);
  return q.orderBy('id').execute();
}

/** Shuffles the requests' start order with the property's random source, so interleavings vary from run to run. */
export function startAll<T>(order: number[], makers: (() => Promise<T>)[]): Promise<T[]> {
  const idx = makers.map((_, i) => i).sort((a, b) => (order[a % order.length] ?? 0) - (order[b % order.length] ?? 0));
  const out = new Array<Promise<T>>(makers.length);
  for (const i of idx) out[i] = makers[i]();
  return Promise.all(out);
}
