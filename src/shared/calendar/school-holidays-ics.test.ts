import { describe, expect, it } from 'vitest';
import { holidaysForZone, IcsParseError, isSchoolHoliday, parseSchoolHolidaysIcs, type SchoolHoliday } from './school-holidays-ics.js';

/**
 * A sample in the format of data.education.gouv.fr's « calendrier scolaire » .ics (written for this test; the
 * dates are illustrative): CRLF line ends, folded lines (one folded mid-word, one with a tab), escaped commas,
 * DATE and TZID/UTC date-times, a « Rentrée » day, an old-style LOCATION listing académies, a nested VALARM.
 */
const SAMPLE = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//data.education.gouv.fr//Calendrier scolaire//FR',
  'CALSCALE:GREGORIAN',
  'X-WR-CALNAME:Calendrier scolaire - Zone B',
  'X-WR-TIMEZONE:Europe/Paris',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19810329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19961027T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'DTSTAMP:20250114T124531Z',
  'DTSTART;VALUE=DATE:20260901',
  'SUMMARY:Rentrée scolaire des élèves - Zones A/B/C',
  'UID:20250114T124840Z-Zone-A-B-C@data.education.gouv.fr',
  'LOCATION:Zones A/B/C',
  'TRANSP:TRANSPARENT',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTAMP:20250114T124531Z',
  'DTSTART;VALUE=DATE:20261017',
  'DTEND;VALUE=DATE:20261102',
  'SUMMARY:Vacances de la Toussaint - Zones A/B/C',
  'UID:20250114T124846Z-Zone-A-B-C@data.education.gouv.fr',
  'LOCATION:Zones A/B/C',
  'DESCRIPTION:Vacances de la Toussaint - Zones A/B/C',
  'TRANSP:TRANSPARENT',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:toussaint-corse@data.education.gouv.fr',
  'DTSTART:20261016T220000Z',
  'DTEND:20261101T230000Z',
  'SUMMARY:Vacances de la Toussaint',
  'LOCATION:Corse',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:70@education.gouv.fr',
  'DTSTAMP:20140516T145118Z',
  'DESCRIPTION:Vacances de Noël',
  'DTSTART;VALUE=DATE:20261219',
  'DTEND;VALUE=DATE:20270104',
  'LOCATION:Aix-Marseille\\, Amiens\\, Besançon\\, Bordeaux\\, Caen\\, Clermont-Fe',
  ' rrand\\, Créteil\\, Dijon\\, Grenoble\\, Lille\\, Limoges\\, Lyon\\, Montpellier',
  ' \\, Nancy-Metz\\, Nantes\\, Nice\\, Orléans-Tours\\, Paris\\, Poitiers',
  'SUMMARY:Vacances de Noël - Zones A B C',
  'TRANSP:TRANSPARENT',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTAMP:20250114T124531Z',
  'DTSTART;VALUE=DATE:20270220',
  'DTEND;VALUE=DATE:20270308',
  "SUMMARY:Vacances d'Hiv",
  "\ter - Zone B",
  'UID:20250114T124850Z-Zone-B@data.education.gouv.fr',
  'LOCATION:Zone B',
  "DESCRIPTION:Vacances d'Hiver\\, zone B\\nFin des cours le samedi.",
  'BEGIN:VALARM',
  'ACTION:DISPLAY',
  'DESCRIPTION:Rappel',
  'DTSTART;VALUE=DATE:19990101',
  'TRIGGER:-P1D',
  'END:VALARM',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTAMP:20250114T124531Z',
  'DTSTART;TZID=Europe/Paris:20270417T000000',
  'DTEND;TZID=Europe/Paris:20270503T000000',
  'SUMMARY:Vacances de Printemps - Zone B',
  'UID:20250114T124851Z-Zone-B@data.education.gouv.fr',
  'LOCATION:Zone B',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270507',
  'DTEND;VALUE=DATE:20270509',
  "SUMMARY:Pont de l'Ascension - Zone B",
  'UID:20250114T124852Z-Zone-B@data.education.gouv.fr',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTAMP:20250114T124531Z',
  'DTSTART;TZID="Europe/Paris":20270703T120000',
  'DTEND;VALUE=DATE:20270901',
  "SUMMARY:Vacances d'Été - Zone B",
  'DESCRIPTION:Début des vacances après les cours',
  'UID:20250114T124853Z-Zone-B@data.education.gouv.fr',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const EXPECTED: SchoolHoliday[] = [
  { label: 'Rentrée scolaire des élèves', zone: 'A/B/C', firstDay: '2026-09-01', lastDay: '2026-09-01' },
  { label: 'Vacances de la Toussaint', zone: 'A/B/C', firstDay: '2026-10-17', lastDay: '2026-11-01' },
  { label: 'Vacances de la Toussaint', zone: 'Corse', firstDay: '2026-10-17', lastDay: '2026-11-01' },
  { label: 'Vacances de Noël', zone: 'A/B/C', firstDay: '2026-12-19', lastDay: '2027-01-03' },
  { label: "Vacances d'Hiver", zone: 'B', firstDay: '2027-02-20', lastDay: '2027-03-07' },
  { label: 'Vacances de Printemps', zone: 'B', firstDay: '2027-04-17', lastDay: '2027-05-02' },
  { label: "Pont de l'Ascension", zone: 'B', firstDay: '2027-05-07', lastDay: '2027-05-08' },
  { label: "Vacances d'Été", zone: 'B', firstDay: '2027-07-04', lastDay: '2027-08-31' },
];

function codeOf(text: unknown): { code: string; line: number | undefined } {
  try {
    parseSchoolHolidaysIcs(text as string);
  } catch (e) {
    expect(e).toBeInstanceOf(IcsParseError);
    return { code: (e as IcsParseError).code, line: (e as IcsParseError).line };
  }
  throw new Error('expected an IcsParseError');
}

function event(lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', ...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
}

describe('parseSchoolHolidaysIcs', () => {
  it('reads the sample: inclusive last days, labels without the zone, zones, DATE and date-times', () => {
    expect(parseSchoolHolidaysIcs(SAMPLE)).toEqual(EXPECTED);
  });

  it('reads the same from LF-only lines and with a byte-order mark', () => {
    expect(parseSchoolHolidaysIcs(SAMPLE.replace(/\r\n/g, '\n'))).toEqual(EXPECTED);
    expect(parseSchoolHolidaysIcs(`\uFEFF${SAMPLE}`)).toEqual(EXPECTED);
  });

  it('tells holidays from « Rentrée » days and filters a zone', () => {
    const all = parseSchoolHolidaysIcs(SAMPLE);
    expect(all.filter(isSchoolHoliday).map((h) => h.label)).not.toContain('Rentrée scolaire des élèves');
    expect(all.filter(isSchoolHoliday)).toHaveLength(7);
    expect(holidaysForZone(all, 'B').map((h) => `${h.label} ${h.zone}`)).toEqual([
      'Rentrée scolaire des élèves A/B/C',
      'Vacances de la Toussaint A/B/C',
      'Vacances de Noël A/B/C',
      "Vacances d'Hiver B",
      'Vacances de Printemps B',
      "Pont de l'Ascension B",
      "Vacances d'Été B",
    ]);
    expect(holidaysForZone(all, 'a')).toHaveLength(3);
    expect(holidaysForZone(all, 'Corse')).toEqual([EXPECTED[2]]);
  });

  it('reads holidays « après les cours »: a start after midnight begins the next day', () => {
    const [h] = parseSchoolHolidaysIcs(
      event(['DTSTART;TZID=Europe/Paris:20261016T170000', 'DTEND;TZID=Europe/Paris:20261102T080000', 'SUMMARY:Vacances de la Toussaint - Zone C']),
    );
    // classes on Friday afternoon and on Monday morning: neither day is a holiday day
    expect(h).toEqual({ label: 'Vacances de la Toussaint', zone: 'C', firstDay: '2026-10-17', lastDay: '2026-11-01' });
  });

  it('an end at 23:59 includes that day; UTC times are read in Paris time across DST', () => {
    const [h] = parseSchoolHolidaysIcs(
      event(['DTSTART:20270402T220000Z', 'DTEND;TZID=Europe/Paris:20270418T235900', 'SUMMARY:Vacances de Printemps - Zone A']),
    );
    expect(h).toEqual({ label: 'Vacances de Printemps', zone: 'A', firstDay: '2027-04-03', lastDay: '2027-04-18' });
    const [winter] = parseSchoolHolidaysIcs(event(['DTSTART:20270219T230000Z', 'DTEND:20270307T230000Z', 'SUMMARY:Hiver']));
    expect(winter).toMatchObject({ firstDay: '2027-02-20', lastDay: '2027-03-07' });
  });

  it('skips an event that leaves no whole day, and a DATE without DTEND is one day', () => {
    expect(
      parseSchoolHolidaysIcs(event(['DTSTART;TZID=Europe/Paris:20270416T163000', 'DTEND;TZID=Europe/Paris:20270417T000000', 'SUMMARY:Fin des cours'])),
    ).toEqual([]);
    expect(parseSchoolHolidaysIcs(event(['DTSTART;VALUE=DATE:20270101', 'SUMMARY:Jour'])))
      .toEqual([{ label: 'Jour', firstDay: '2027-01-01', lastDay: '2027-01-01' }]);
  });

  it('takes the label from DESCRIPTION when SUMMARY is missing, and unescapes text', () => {
    expect(parseSchoolHolidaysIcs(event(['DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20270102', 'DESCRIPTION:Pont\\, exceptionnel\\; local'])))
      .toEqual([{ label: 'Pont, exceptionnel; local', firstDay: '2027-01-01', lastDay: '2027-01-01' }]);
  });

  it('does not read « Zone Corse » as zone letters', () => {
    const [h] = parseSchoolHolidaysIcs(event(['DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20270102', 'SUMMARY:Vacances - Zone Corse']));
    expect(h.zone).toBeUndefined();
    expect(h.label).toBe('Vacances - Zone Corse');
  });
});

describe('parseSchoolHolidaysIcs refuses garbage with a typed error', () => {
  it.each([
    ['an empty text', '', 'ics.not_a_calendar'],
    ['an HTML page', '<!doctype html><html><body>Erreur 404</body></html>', 'ics.not_a_calendar'],
    ['a CSV file', 'date;vacances_zone_a\n2026-10-17;True', 'ics.not_a_calendar'],
    ['a truncated download', SAMPLE.slice(0, SAMPLE.indexOf('END:VCALENDAR')), 'ics.unterminated'],
    ['a stray END', event(['DTSTART;VALUE=DATE:20270101', 'SUMMARY:x', 'END:VALARM']), 'ics.unterminated'],
    ['an event without start', event(['SUMMARY:Vacances', 'DTEND;VALUE=DATE:20270102']), 'ics.missing_start'],
    ['an event without summary', event(['DTSTART;VALUE=DATE:20270101']), 'ics.missing_summary'],
    ['30 February', event(['DTSTART;VALUE=DATE:20270230', 'SUMMARY:x']), 'ics.invalid_date'],
    ['a date in another format', event(['DTSTART;VALUE=DATE:2027-01-01', 'SUMMARY:x']), 'ics.invalid_date'],
    ['a time where a DATE is announced', event(['DTSTART;VALUE=DATE:20270101T000000', 'SUMMARY:x']), 'ics.invalid_date'],
    ['hour 25', event(['DTSTART:20270101T250000', 'SUMMARY:x']), 'ics.invalid_date'],
    ['an end before the start', event(['DTSTART;VALUE=DATE:20270110', 'DTEND;VALUE=DATE:20270101', 'SUMMARY:x']), 'ics.end_before_start'],
    ['an end equal to a DATE start', event(['DTSTART;VALUE=DATE:20270110', 'DTEND;VALUE=DATE:20270110', 'SUMMARY:x']), 'ics.end_before_start'],
    ['a line without colon', event(['DTSTART;VALUE=DATE:20270101', 'SUMMARY Vacances']), 'ics.malformed_line'],
    ['content after the end', `${SAMPLE}X-EXTRA:1\r\n`, 'ics.not_a_calendar'],
  ])('%s → %s', (_, text, code) => {
    expect(codeOf(text).code).toBe(code);
  });

  it('says on which line', () => {
    const text = event(['SUMMARY:Vacances', 'DTSTART;VALUE=DATE:20271301']);
    expect(codeOf(text)).toEqual({ code: 'ics.invalid_date', line: 5 });
    expect(() => parseSchoolHolidaysIcs(text)).toThrow(/line 5/);
  });

  it('refuses what is not text', () => {
    expect(codeOf(null).code).toBe('ics.not_a_calendar');
    expect(codeOf(42).code).toBe('ics.not_a_calendar');
  });

  it('never throws anything but IcsParseError on truncated or corrupted files', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const variants: string[] = [];
    for (let i = 0; i < SAMPLE.length; i += 7) variants.push(SAMPLE.slice(0, i));
    for (let n = 0; n < 500; n++) {
      const chars = [...SAMPLE];
      for (let k = 0; k < 5; k++) chars[Math.floor(random() * chars.length)] = String.fromCharCode(Math.floor(random() * 128));
      variants.push(chars.join(''));
    }
    for (const text of variants) {
      try {
        const result = parseSchoolHolidaysIcs(text);
        for (const h of result) expect(h.firstDay <= h.lastDay).toBe(true);
      } catch (e) {
        expect(e, JSON.stringify(text.slice(-80))).toBeInstanceOf(IcsParseError);
      }
    }
  });
});
