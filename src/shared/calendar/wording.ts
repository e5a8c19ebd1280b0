/**
 * The French wording of deadline rules and cut-off instants. Kept apart from deadlines.ts (which imports zod for the
 * rules' schemas) so that the planning, which families open on their phones, does not download zod.
 */
import type { DeadlineRule } from './deadlines.js';
import { parisWallClockOf, splitDay, weekdayOf, type WallTime } from './paris-time.js';
import { MONTH_NAMES_FR, WEEKDAY_NAMES_FR } from '../i18n/dates.js';

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
export function describeRule(rule: DeadlineRule, action?: 'booking' | 'cancellation'): string {
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

/** An instant as Paris clocks show it, in French: « jeudi 5 mars 2026 à 12 h ». For « jusqu’au … » in the grid. */
export function formatParisInstantFr(instant: Date): string {
  const c = parisWallClockOf(instant);
  const { year, month, day } = splitDay(c.day);
  const time = formatWallTimeFr(`${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`);
  return `${WEEKDAY_NAMES_FR[weekdayOf(c.day) - 1]} ${day === 1 ? '1er' : day} ${MONTH_NAMES_FR[month - 1]} ${year} à ${time}`;
}

