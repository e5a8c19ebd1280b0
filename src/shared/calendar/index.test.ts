import { describe, expect, it } from 'vitest';
import * as calendar from './index.js';

describe('the calendar module’s public API', () => {
  it('takes a staff rule from JSON to a decision and the sentence families read', () => {
    const stored = '{"deadline":{"kind":"daysBefore","days":2,"skip":"weekends","at":"12:00"},"insideDeadline":"accept","afterDeadline":"request"}';
    const policy = calendar.deadlinePolicySchema.parse(JSON.parse(stored));
    const decision = calendar.decide(policy, '2026-03-09', new Date('2026-03-05T10:30:00Z'), { holidays: calendar.metropolitanFrance });
    expect(decision.outcome).toBe('accepted');
    expect(calendar.formatParisInstantFr(decision.cutoff as Date)).toBe('jeudi 5 mars 2026 à 12 h');
    expect(calendar.describeRule(policy.deadline)).toBe('J-2 hors week-end à 12 h');
  });

  it('exports the pieces other modules need', () => {
    for (const name of [
      'parisDateOf', 'parisInstant', 'addDays', 'weekdayOf', 'isoWeekOf', 'compareDays', 'easterSunday',
      'frenchPublicHolidays', 'frenchHolidayCalendar', 'parseSchoolHolidaysIcs', 'holidaysForZone', 'deadlineFor',
      'isBeforeDeadline', 'decide', 'describeRule', 'deadlineRuleSchema', 'activityDeadlinesSchema', 'DEADLINE_MESSAGES_FR',
      'IcsParseError', 'CalendarError',
    ]) {
      expect(calendar, name).toHaveProperty(name);
    }
  });
});
