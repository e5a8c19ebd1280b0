import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { changeLanguage, currentLocale, startI18n } from './i18n.js';
import { formatDate, formatDateTime, formatDay } from './format.js';
import { dayLabel, formatDayRange, monthLabel, shortDayLabel, yesNoLabel } from './fr.js';
import { formatBytes } from '../ui/file-size.js';
import * as dates from '../../shared/i18n/dates.js';

// The pages' helpers follow the page's language: French first (the default), then English after the switch.
describe('dates, sizes and yes/no in the page’s language', () => {
  beforeAll(async () => {
    vi.stubGlobal('document', { cookie: '', documentElement: { lang: '' } });
    vi.stubGlobal('location', { protocol: 'http:' });
    await startI18n('fr');
  });
  afterAll(() => vi.unstubAllGlobals());

  const iso = '2026-11-26T13:05:00Z';

  it('French by default: « à », « Mo », « Mercredi 8 juillet », « Oui »', () => {
    expect(currentLocale()).toBe('fr-FR');
    expect(formatDate(iso)).toBe('26/11/2026');
    expect(formatDateTime(iso)).toBe('26/11/2026 à 14:05');
    expect(formatDay('2015-03-09')).toBe('09/03/2015');
    expect(dayLabel('2026-07-08')).toBe('Mercredi 8 juillet');
    expect(dayLabel('2026-07-01', true)).toBe('Mercredi 1er juillet 2026');
    expect(shortDayLabel('2026-07-08')).toBe('mer. 8 juil.');
    expect(monthLabel('2026-10')).toBe('octobre 2026');
    expect(formatDayRange('2026-07-06', '2026-08-28')).toBe('du 6 juillet au 28 août 2026');
    expect(yesNoLabel(true)).toBe('Oui');
    expect(yesNoLabel(false)).toBe('Non');
    expect(yesNoLabel(null)).toBe('Non renseigné');
    expect(formatBytes(1)).toBe('1 octet');
    expect(formatBytes(12)).toBe('12 octets');
    expect(formatBytes(350 * 1024)).toBe('350 ko');
    expect(formatBytes(1.25 * 1024 * 1024)).toBe('1,3 Mo');
  });

  it('English after the switch: "at", "MB", "Wednesday 8 July", "Yes"', async () => {
    await changeLanguage('en');
    expect(currentLocale()).toBe('en-GB');
    expect(formatDate(iso)).toBe('26/11/2026');
    expect(formatDateTime(iso)).toBe('26/11/2026 at 14:05');
    expect(formatDay('2015-03-09')).toBe('09/03/2015');
    expect(dayLabel('2026-07-08')).toBe('Wednesday 8 July');
    expect(dayLabel('2026-07-01', true)).toBe('Wednesday 1 July 2026');
    expect(shortDayLabel('2026-07-08')).toBe('Wed 8 Jul');
    expect(monthLabel('2026-10')).toBe('October 2026');
    expect(formatDayRange('2026-07-06', '2026-08-28')).toBe('from 6 July to 28 August 2026');
    expect(formatDayRange('2026-12-21', '2027-01-02')).toBe('from 21 December 2026 to 2 January 2027');
    expect(yesNoLabel(true)).toBe('Yes');
    expect(yesNoLabel(false)).toBe('No');
    expect(yesNoLabel(undefined)).toBe('Not given');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(12)).toBe('12 bytes');
    expect(formatBytes(350 * 1024)).toBe('350 KB');
    expect(formatBytes(1.25 * 1024 * 1024)).toBe('1.3 MB');
    await changeLanguage('fr');
    expect(formatDateTime(iso)).toBe('26/11/2026 à 14:05');
  });

  it('the shared functions take the language last', () => {
    expect(dates.dayLabel('2026-09-07', true, 'en')).toBe('Monday 7 September 2026');
    expect(dates.shortDayLabel('2026-09-07', 'en')).toBe('Mon 7 Sep');
    expect(dates.monthLabel('2026-09', 'en')).toBe('September 2026');
    expect(dates.formatDayRange('2026-09-07', '2026-09-11', 'en')).toBe('from 7 September to 11 September 2026');
  });
});
