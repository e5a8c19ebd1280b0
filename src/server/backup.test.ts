import { describe, expect, it } from 'vitest';
import { planPrune } from './backup.js';

const name = (iso: string, ext = 'sqlite') => `portail-${iso.replace(/[-:]/g, '')}.${ext}`;

describe('planPrune (retention of npm run backup -- --prune)', () => {
  it('keeps the newest backup of each of the last 7 days, 4 weeks and 12 months', () => {
    // one backup a night at 02:00 UTC for 400 days, plus a second one on the last day
    const names: string[] = [];
    const last = Date.UTC(2031, 5, 30, 2, 0, 0);
    for (let i = 0; i < 400; i++) names.push(name(new Date(last - i * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z')));
    names.push(name('2031-06-30T14:00:00Z'));
    const plan = planPrune(names, { daily: 7, weekly: 4, monthly: 12 });
    expect(plan.keep.length + plan.remove.length).toBe(names.length);
    // days: 06-30 (the 14:00 one), 06-29 … 06-24
    expect(plan.keep).toContain(name('2031-06-30T14:00:00Z'));
    expect(plan.remove).toContain(name('2031-06-30T02:00:00Z'));
    for (const d of ['29', '28', '27', '26', '25', '24']) expect(plan.keep).toContain(name(`2031-06-${d}T02:00:00Z`));
    // weeks (ISO, Monday to Sunday): newest of the weeks ending 06-29, 06-22, 06-15 — 06-22 and 06-15 are Sundays
    expect(plan.keep).toContain(name('2031-06-22T02:00:00Z'));
    expect(plan.keep).toContain(name('2031-06-15T02:00:00Z'));
    expect(plan.remove).toContain(name('2031-06-16T02:00:00Z'));
    // months: last day of each of the 11 previous months
    expect(plan.keep).toContain(name('2031-05-31T02:00:00Z'));
    expect(plan.keep).toContain(name('2030-07-31T02:00:00Z'));
    expect(plan.remove).toContain(name('2030-06-30T02:00:00Z')); // the 13th month
    expect(plan.keep.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(plan.keep.length).toBe(new Set(plan.keep).size);
  });

  it('never touches files it did not name, and keeps everything when there are few', () => {
    const names = [name('2031-01-01T02:00:00Z'), name('2031-01-02T02:00:00Z'), 'notes.txt', 'portail-20310103T020000Z.sqlite.partial'];
    const plan = planPrune(names, { daily: 7, weekly: 4, monthly: 12 });
    expect(plan.remove).toEqual([]);
    expect(plan.keep).toEqual([name('2031-01-02T02:00:00Z'), name('2031-01-01T02:00:00Z')]);
  });

  it('keeps only the newest with a policy of one of each', () => {
    const names = [name('2031-01-01T02:00:00Z'), name('2031-01-01T03:00:00Z'), name('2030-12-01T02:00:00Z')];
    expect(planPrune(names, { daily: 1, weekly: 1, monthly: 1 }).keep).toEqual([name('2031-01-01T03:00:00Z')]);
  });
});
