/**
 * Reads the official French school calendar published as iCalendar (data.education.gouv.fr « calendrier
 * scolaire », one file per zone or for all zones) into school holidays with inclusive first and last days.
 *
 * What the files contain and how it is read:
 * - VEVENTs with `DTSTART;VALUE=DATE:20261017` and an exclusive `DTEND;VALUE=DATE:20261102` → 2026-10-17 … 2026-11-01.
 * - Some entries are date-times (`DTSTART;TZID=Europe/Paris:20261017T000000`, or UTC with `Z`) for holidays that
 *   begin « après les cours ». A day counts as a holiday only if it has no classes at all: a start at 00:00 starts
 *   that day, a later start (classes in the morning) starts the next day; an end at 00:00 ends the day before, an
 *   end at 23:59 or later ends that day, any other end (classes resume that morning) ends the day before. Wall
 *   times with TZID or floating are taken as they read; UTC times are converted to Paris time. An event that leaves
 *   no whole day (e.g. one afternoon) is skipped.
 * - SUMMARY « Vacances d'Hiver - Zone B » gives the label « Vacances d'Hiver » and zone « B »; « … - Zones A/B/C »
 *   (or « Zones A B C » in older files) gives « A/B/C ». Without a zone in SUMMARY, a short LOCATION
 *   (« Zone A », « Corse ») is used; long LOCATIONs listing académies are ignored.
 * - Line folding (CRLF + space or tab), LF-only files, a byte-order mark and text escapes (\, \; \n) are handled.
 *   Components nested in a VEVENT (VALARM) are ignored.
 * Anything that is not such a calendar is refused with an IcsParseError carrying a stable code and the line.
 */
import { addDays, isIsoDay, parisWallClockOf, type IsoDay } from './paris-time.js';

export interface SchoolHoliday {
  /** e.g. « Vacances d'Hiver » (the zone suffix removed). */
  label: string;
  firstDay: IsoDay;
  /** Inclusive. */
  lastDay: IsoDay;
  /** « A », « B », « C », « A/B/C », « Corse »…; absent when the file does not say. */
  zone?: string;
}

export type IcsErrorCode =
  | 'ics.not_a_calendar'
  | 'ics.unterminated'
  | 'ics.malformed_line'
  | 'ics.missing_start'
  | 'ics.missing_summary'
  | 'ics.invalid_date'
  | 'ics.end_before_start';

/** The file is not a school calendar we can read; `line` is 1-based in the file as sent. */
export class IcsParseError extends Error {
  readonly code: IcsErrorCode;
  readonly line: number | undefined;
  constructor(code: IcsErrorCode, message: string, line?: number) {
    super(line ? `${message} (line ${line})` : message);
    this.name = 'IcsParseError';
    this.code = code;
    this.line = line;
  }
}

interface ContentLine {
  name: string;
  params: Record<string, string>;
  value: string;
  line: number;
}

/** Unfolds physical lines (RFC 5545 §3.1) and remembers where each logical line started. */
function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  physical.forEach((raw, i) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && out.length > 0) {
      out[out.length - 1].text += raw.slice(1);
    } else if (raw.trim() !== '') {
      out.push({ text: raw, line: i + 1 });
    }
  });
  return out;
}

function parseContentLine(text: string, line: number): ContentLine {
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) throw new IcsParseError('ics.malformed_line', 'Expected NAME:value', line);
  const [name, ...rawParams] = text.slice(0, colon).split(';');
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw new IcsParseError('ics.malformed_line', 'Invalid property name', line);
  const params: Record<string, string> = {};
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: name.toUpperCase(), params, value: text.slice(colon + 1), line };
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c)).trim();
}

/** A DTSTART/DTEND as a Paris calendar day plus minutes after midnight (null for a DATE). */
interface IcsMoment {
  day: IsoDay;
  minutes: number | null;
}

function parseMoment(prop: ContentLine): IcsMoment {
  const v = prop.value.trim();
  const bad = () => new IcsParseError('ics.invalid_date', `Invalid ${prop.name}: ${JSON.stringify(v)}`, prop.line);
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (date) {
    const day = `${date[1]}-${date[2]}-${date[3]}`;
    if (!isIsoDay(day)) throw bad();
    return { day, minutes: null };
  }
  const dt = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(v);
  if (!dt || prop.params.VALUE === 'DATE') throw bad();
  const [, y, mo, d, h, mi, s, utc] = dt;
  const day = `${y}-${mo}-${d}`;
  if (!isIsoDay(day) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) throw bad();
  if (utc) {
    const c = parisWallClockOf(new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))));
    return { day: c.day, minutes: c.hour * 60 + c.minute };
  }
  return { day, minutes: Number(h) * 60 + Number(mi) };
}

function momentKey(m: IcsMoment): string {
  return `${m.day}T${String(m.minutes ?? 0).padStart(4, '0')}`;
}

// Zone letters: « B », « A/B/C », « A B C », « A, B et C » (single capitals, so « Zone Corse » is not letters).
const LETTERS = String.raw`([A-Z](?:(?:\s*[/,&]\s*|\s+et\s+|\s+)[A-Z])*)`;
const ZONE_SUFFIX = new RegExp(String.raw`\s*[-–—]\s*[Zz]ones?\s+${LETTERS}\s*$`);
const ZONE_ONLY = new RegExp(String.raw`^[Zz]ones?\s+${LETTERS}$`);

function zoneLetters(list: string): string {
  return list
    .replace(/\bet\b/gi, ' ')
    .split(/[\s/,&]+/)
    .filter(Boolean)
    .map((z) => z.toUpperCase())
    .join('/');
}

function labelAndZone(summary: string, location: string | undefined): { label: string; zone?: string } {
  const m = ZONE_SUFFIX.exec(summary);
  if (m) return { label: summary.slice(0, m.index).trim(), zone: zoneLetters(m[1]) };
  if (location) {
    const only = ZONE_ONLY.exec(location);
    if (only) return { label: summary, zone: zoneLetters(only[1]) };
    if (location.length <= 40 && !location.includes(',')) return { label: summary, zone: location };
  }
  return { label: summary };
}

function holidayOf(props: Map<string, ContentLine>, beginLine: number): SchoolHoliday | null {
  const startProp = props.get('DTSTART');
  if (!startProp) throw new IcsParseError('ics.missing_start', 'VEVENT without DTSTART', beginLine);
  const start = parseMoment(startProp);
  const endProp = props.get('DTEND');
  const end = endProp ? parseMoment(endProp) : undefined;
  if (end && momentKey(end) < momentKey(start)) {
    throw new IcsParseError('ics.end_before_start', 'DTEND is before DTSTART', endProp?.line);
  }
  const summaryProp = props.get('SUMMARY') ?? props.get('DESCRIPTION');
  const summary = summaryProp ? unescapeText(summaryProp.value) : '';
  if (!summary) throw new IcsParseError('ics.missing_summary', 'VEVENT without SUMMARY', beginLine);

  const firstDay = start.minutes === null || start.minutes === 0 ? start.day : addDays(start.day, 1);
  let lastDay: IsoDay;
  if (!end) lastDay = start.day; // RFC 5545: a DATE without end lasts one day
  else if (end.minutes === null || end.minutes < 23 * 60 + 59) lastDay = addDays(end.day, -1);
  else lastDay = end.day;
  if (!end && start.minutes !== null && start.minutes !== 0) return null;
  if (lastDay < firstDay) {
    // DATE events must cover at least one day; a date-time event may cover only part of one (no holiday day).
    if (start.minutes === null && end?.minutes === null) {
      throw new IcsParseError('ics.end_before_start', 'DTEND must be after DTSTART', endProp?.line);
    }
    return null;
  }
  const location = props.get('LOCATION');
  return { ...labelAndZone(summary, location ? unescapeText(location.value) : undefined), firstDay, lastDay };
}

/**
 * Parses a school-calendar ICS text into holidays sorted by first day (then label). Every VEVENT is returned
 * (the files also hold « Rentrée scolaire » days and « Pont » days); `isSchoolHoliday` tells holidays apart.
 * Throws IcsParseError (only) when the text is not a readable calendar.
 */
export function parseSchoolHolidaysIcs(text: string): SchoolHoliday[] {
  if (typeof text !== 'string') throw new IcsParseError('ics.not_a_calendar', 'Expected the text of an .ics file');
  const lines = logicalLines(text);
  if (lines.length === 0 || lines[0].text.trim().toUpperCase() !== 'BEGIN:VCALENDAR') {
    throw new IcsParseError('ics.not_a_calendar', 'The file does not start with BEGIN:VCALENDAR', lines[0]?.line);
  }
  const holidays: SchoolHoliday[] = [];
  const stack: string[] = [];
  let event: { props: Map<string, ContentLine>; line: number } | null = null;
  for (const l of lines) {
    const prop = parseContentLine(l.text, l.line);
    if (prop.name === 'BEGIN') {
      const component = prop.value.trim().toUpperCase();
      if (stack.length === 0 && component !== 'VCALENDAR') {
        throw new IcsParseError('ics.not_a_calendar', `${component} outside a VCALENDAR`, l.line);
      }
      stack.push(component);
      if (component === 'VEVENT' && stack.length === 2) event = { props: new Map(), line: l.line };
    } else if (prop.name === 'END') {
      const component = prop.value.trim().toUpperCase();
      if (stack[stack.length - 1] !== component) {
        throw new IcsParseError('ics.unterminated', `END:${component} does not close ${stack[stack.length - 1] ?? 'anything'}`, l.line);
      }
      stack.pop();
      if (component === 'VEVENT' && stack.length === 1 && event) {
        const h = holidayOf(event.props, event.line);
        if (h) holidays.push(h);
        event = null;
      }
    } else if (stack.length === 0) {
      throw new IcsParseError('ics.not_a_calendar', 'Content after END:VCALENDAR', l.line);
    } else if (event && stack.length === 2 && !event.props.has(prop.name)) {
      event.props.set(prop.name, prop);
    }
  }
  if (stack.length > 0) throw new IcsParseError('ics.unterminated', `Missing END:${stack[stack.length - 1]}`);
  return holidays.sort((a, b) => (a.firstDay !== b.firstDay ? (a.firstDay < b.firstDay ? -1 : 1) : a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** Whether an entry is a holiday (« Vacances … », « Pont … ») rather than a « Rentrée … » day. */
export function isSchoolHoliday(entry: SchoolHoliday): boolean {
  return /vacances|pont|congé/i.test(entry.label) && !/^\s*rentr/i.test(entry.label);
}

/** The entries that apply to `zone` (« A », « B », « C », « Corse »…): those naming it and those without a zone. */
export function holidaysForZone(entries: readonly SchoolHoliday[], zone: string): SchoolHoliday[] {
  const wanted = zone.trim().toUpperCase();
  return entries.filter((e) => e.zone === undefined || e.zone.toUpperCase().split('/').includes(wanted));
}
