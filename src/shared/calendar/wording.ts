/**
 * The wording of deadline rules and cut-off instants, in French and English (`language` last, French by default).
 * Kept apart from deadlines.ts (which imports zod for the rules' schemas) so that the planning, which families open
 * on their phones, does not download zod. The rules are sentences built from parts, so each language has its own
 * function rather than catalogue entries.
 */
import type { DeadlineRule } from './deadlines.js';
import { parisWallClockOf, splitDay, weekdayOf, type WallTime } from './paris-time.js';
import { dayLabel, MONTH_NAMES_FR, WEEKDAY_NAMES_FR, weekdayName } from '../i18n/dates.js';
import type { Language } from '../i18n/languages.js';

const NUMBER_WORDS_FR = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'];

/** `12:00` → « 12 h », `23:59` → « 23 h 59 », `08:30` → « 8 h 30 ». */
export function formatWallTimeFr(time: WallTime): string {
  const [h, m] = time.split(':').map(Number);
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

function weekdaysFr(days: readonly number[]): string {
  const names = [...days].sort((a, b) => a - b).map((d) => `${WEEKDAY_NAMES_FR[d - 1]}s`);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}`;
}

const NON_WORKING_FR = ' (ou le jour ouvré précédent si ce jour est férié ou chômé)';

function describeDaysBefore(rule: Extract<DeadlineRule, { kind: 'daysBefore' }>): string {
  const at = formatWallTimeFr(rule.at);
  const excluded = rule.excludedWeekdays ?? [];
  // « jours ouvrables »: every day but Sundays and public holidays.
  const ouvrables = rule.skip === 'publicHolidays' && excluded.length === 1 && excluded[0] === 7;
  const extra = ouvrables || excluded.length === 0 ? '' : weekdaysFr(excluded);
  if (rule.clearDays) {
    const unit = rule.skip === 'workingDays' ? 'ouvrés' : ouvrables ? 'ouvrables' : '';
    const skipped =
      rule.skip === 'weekends' ? ' hors week-end' : rule.skip === 'publicHolidays' && !ouvrables ? ' hors jours fériés' : '';
    const counted = `${plural(rule.days, 'jour franc', 'jours francs')}${unit ? ` ${unit}` : ''}${skipped}${extra ? ` et ${extra}` : ''}`;
    return `${counted} avant, jusqu’à ${at} (jour de la demande et jour réservé non comptés)`;
  }
  if (rule.days === 0) return `le jour même à ${at}`;
  const exclusions = extra ? ` et ${extra}` : '';
  switch (rule.skip) {
    case 'none':
      if (extra) return `${plural(rule.days, 'jour', 'jours')} avant hors ${extra}, à ${at}`;
      return rule.days === 1 ? `la veille à ${at}` : `${rule.days} jours avant, à ${at}`;
    case 'weekends':
      return `J-${rule.days} hors week-end${exclusions} à ${at}`;
    case 'workingDays':
      return `${plural(rule.days, 'jour ouvré', 'jours ouvrés')} avant${extra ? ` (hors ${extra})` : ''}, à ${at}`;
    case 'publicHolidays':
      if (ouvrables) return `${plural(rule.days, 'jour ouvrable', 'jours ouvrables')} avant, à ${at}`;
      return `${plural(rule.days, 'jour', 'jours')} avant hors jours fériés${exclusions}, à ${at}`;
  }
}

/**
 * The French wording families read, e.g. « J-2 hors week-end à 12 h », « la veille à 18 h »,
 * « jusqu’au mardi 23 h 59 de la semaine précédente », « 3 jours ouvrés avant, à 12 h ».
 * `action` only changes the wording of `closed` (« pas de réservation / d'annulation en ligne »).
 */
export function describeRule(rule: DeadlineRule, action?: 'booking' | 'cancellation', language: Language = 'fr'): string {
  if (language === 'en') return describeRuleEn(rule, action);
  switch (rule.kind) {
    case 'none':
      return 'sans délai';
    case 'closed':
      return action === 'booking'
        ? 'pas de réservation en ligne'
        : action === 'cancellation'
          ? 'pas d’annulation en ligne'
          : 'impossible en ligne';
    case 'daysBefore':
      return describeDaysBefore(rule);
    case 'hoursBefore':
      return `${rule.hours} h avant ${rule.from === 'unitStart' ? 'le début de l’activité' : 'le début de la journée'}`;
    case 'weekdayOfPreviousWeek': {
      const weeks = rule.weeksBefore ?? 1;
      const when = weeks === 1 ? 'de la semaine précédente' : `${NUMBER_WORDS_FR[weeks] ?? weeks} semaines avant`;
      const sep = weeks === 1 ? ' ' : ', ';
      const base = `jusqu’au ${WEEKDAY_NAMES_FR[rule.weekday - 1]} ${formatWallTimeFr(rule.at)}${sep}${when}`;
      return rule.ifNonWorkingDay === 'previousWorkingDay' ? base + NON_WORKING_FR : base;
    }
    case 'dayOfPreviousMonth': {
      const months = rule.monthsBefore ?? 1;
      const d = rule.dayOfMonth;
      const dayText = d === 31 ? 'dernier jour' : d === 1 ? '1er' : d >= 29 ? `${d} (ou le dernier jour)` : String(d);
      const month = months === 1 ? 'du mois précédent' : `, ${NUMBER_WORDS_FR[months] ?? months} mois avant,`;
      const base = `jusqu’au ${dayText} ${month} à ${formatWallTimeFr(rule.at)}`.replace(' ,', ',');
      return rule.ifNonWorkingDay === 'previousWorkingDay' ? base + NON_WORKING_FR : base;
    }
  }
}

/** An instant as Paris clocks show it: « jeudi 5 mars 2026 à 12 h » / "Thursday 5 March 2026 at 12:00". */
export function formatParisInstant(instant: Date, language: Language = 'fr'): string {
  if (language === 'fr') return formatParisInstantFr(instant);
  const c = parisWallClockOf(instant);
  return `${dayLabel(c.day, true, 'en')} at ${formatWallTimeEn(`${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`)}`;
}

// ---------- English ----------

/** `12:00` → "12:00", `08:30` → "8:30" (the 24-hour clock, as British timetables write it). */
export function formatWallTimeEn(time: WallTime): string {
  const [h, m] = time.split(':').map(Number);
  return `${h}:${String(m).padStart(2, '0')}`;
}

const NUMBER_WORDS_EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function ordinalEn(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function weekdaysEn(days: readonly number[]): string {
  const names = [...days].sort((a, b) => a - b).map((d) => `${weekdayName(d, 'en')}s`);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const NON_WORKING_EN = ' (or the previous working day if that day is a public holiday or a day off)';

function describeDaysBeforeEn(rule: Extract<DeadlineRule, { kind: 'daysBefore' }>): string {
  const at = formatWallTimeEn(rule.at);
  const excluded = rule.excludedWeekdays ?? [];
  // « jours ouvrables »: every day but Sundays and public holidays (Monday to Saturday).
  const ouvrables = rule.skip === 'publicHolidays' && excluded.length === 1 && excluded[0] === 7;
  const extra = ouvrables || excluded.length === 0 ? '' : weekdaysEn(excluded);
  if (rule.clearDays) {
    const unit = rule.skip === 'workingDays' ? 'working ' : ouvrables ? 'business ' : '';
    const skipped = rule.skip === 'weekends' ? ' excluding weekends' : rule.skip === 'publicHolidays' && !ouvrables ? ' excluding public holidays' : '';
    const counted = `${plural(rule.days, `clear ${unit}day`, `clear ${unit}days`)}${skipped}${extra ? `${skipped ? ' and' : ' excluding'} ${extra}` : ''}`;
    return `${counted} before, until ${at} (the day of the request and the booked day not counted)`;
  }
  if (rule.days === 0) return `the same day at ${at}`;
  const exclusions = extra ? ` and ${extra}` : '';
  switch (rule.skip) {
    case 'none':
      if (extra) return `${plural(rule.days, 'day', 'days')} before excluding ${extra}, at ${at}`;
      return rule.days === 1 ? `the day before at ${at}` : `${rule.days} days before, at ${at}`;
    case 'weekends':
      return `${plural(rule.days, 'day', 'days')} before excluding weekends${exclusions}, at ${at}`;
    case 'workingDays':
      return `${plural(rule.days, 'working day', 'working days')} before${extra ? ` (excluding ${extra})` : ''}, at ${at}`;
    case 'publicHolidays':
      if (ouvrables) return `${plural(rule.days, 'business day', 'business days')} (Monday to Saturday) before, at ${at}`;
      return `${plural(rule.days, 'day', 'days')} before excluding public holidays${exclusions}, at ${at}`;
  }
}

/** The English wording: "2 days before excluding weekends, at 12:00", "until Tuesday 23:59 of the previous week"… */
function describeRuleEn(rule: DeadlineRule, action?: 'booking' | 'cancellation'): string {
  switch (rule.kind) {
    case 'none':
      return 'no deadline';
    case 'closed':
      return action === 'booking' ? 'no online booking' : action === 'cancellation' ? 'no online cancellation' : 'not possible online';
    case 'daysBefore':
      return describeDaysBeforeEn(rule);
    case 'hoursBefore':
      return `${rule.hours} hours before ${rule.from === 'unitStart' ? 'the start of the activity' : 'the start of the day'}`;
    case 'weekdayOfPreviousWeek': {
      const weeks = rule.weeksBefore ?? 1;
      const when = weeks === 1 ? ' of the previous week' : `, ${NUMBER_WORDS_EN[weeks] ?? weeks} weeks before`;
      const base = `until ${weekdayName(rule.weekday, 'en')} ${formatWallTimeEn(rule.at)}${when}`;
      return rule.ifNonWorkingDay === 'previousWorkingDay' ? base + NON_WORKING_EN : base;
    }
    case 'dayOfPreviousMonth': {
      const months = rule.monthsBefore ?? 1;
      const d = rule.dayOfMonth;
      const dayText = d === 31 ? 'the last day' : d >= 29 ? `the ${ordinalEn(d)} (or the last day)` : `the ${ordinalEn(d)}`;
      const month = months === 1 ? ' of the previous month' : `, ${NUMBER_WORDS_EN[months] ?? months} months before,`;
      const base = `until ${dayText}${month} at ${formatWallTimeEn(rule.at)}`;
      return rule.ifNonWorkingDay === 'previousWorkingDay' ? base + NON_WORKING_EN : base;
    }
  }
}

/** An instant as Paris clocks show it, in French: « jeudi 5 mars 2026 à 12 h ». For « jusqu’au … » in the grid. */
export function formatParisInstantFr(instant: Date): string {
  const c = parisWallClockOf(instant);
  const { year, month, day } = splitDay(c.day);
  const time = formatWallTimeFr(`${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`);
  return `${WEEKDAY_NAMES_FR[weekdayOf(c.day) - 1]} ${day === 1 ? '1er' : day} ${MONTH_NAMES_FR[month - 1]} ${year} à ${time}`;
}

