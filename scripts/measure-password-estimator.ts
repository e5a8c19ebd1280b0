/**
 * What the password estimator (zxcvbn-ts, src/server/modules/account/password-strength.ts) costs the server:
 * the memory and time of loading its dictionaries (once, at the first check) and the time of one check.
 *   node --expose-gc --import tsx scripts/measure-password-estimator.ts
 */
import { passwordScore, warmUpPasswordEstimator } from '../src/server/modules/account/password-strength.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc --import tsx');
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

gc();
const before = process.memoryUsage();
let t = performance.now();
await warmUpPasswordEstimator();
const loadMs = performance.now() - t;
gc();
const after = process.memoryUsage();

const person = { email: 'claire.martin@exemple.fr', names: ['Claire', 'Martin'] };
const times: number[] = [];
for (let i = 0; i < 200; i++) {
  t = performance.now();
  await passwordScore(`Beffroi-${i}-Lysriver`, person);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
t = performance.now();
await passwordScore(`Aa1!${'xyz9Q'.repeat(50)}`, person);
const longMs = performance.now() - t;

console.log(
  JSON.stringify(
    {
      load: { ms: Math.round(loadMs), heapUsed: mb(after.heapUsed - before.heapUsed), rss: mb(after.rss - before.rss) },
      check: { medianMs: +times[100]!.toFixed(1), p95Ms: +times[190]!.toFixed(1), maxMs: +times[199]!.toFixed(1) },
      check256CharsMs: +longMs.toFixed(1),
    },
    null,
    2,
  ),
);
