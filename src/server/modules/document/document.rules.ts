import { addDays } from '../../../shared/calendar/paris-time.js';
import { EXPIRING_SOON_DAYS, type DocumentState, type ValidityKind } from '../../../shared/document-contracts.js';

/**
 * The last valid day of a document accepted on `acceptedDay` (Paris), or null when it never expires.
 * - school_year: until the 31 August that ends the school year. Cities collect next year's papers from June
 *   (registration season), so a document accepted from 1 June counts for the coming school year.
 * - months: N months, the day before the same date N months later (accepted 15/03, 12 months → 14/03 next year).
 */
export function validUntil(kind: ValidityKind, months: number | null, acceptedDay: string): string | null {
  const [y, m, d] = acceptedDay.split('-').map(Number);
  if (kind === 'none') return null;
  if (kind === 'school_year') return `${m >= 6 ? y + 1 : y}-08-31`;
  const total = m - 1 + (months ?? 12);
  const ty = y + Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const same = `${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  return d > last ? same : addDays(same, -1);
}

export interface SubmissionFacts {
  state: 'pending' | 'accepted' | 'refused';
  submitted_at: string;
  valid_until: string | null;
  refusal_reason: string | null;
}

/** Whether an accepted document covers `day`. */
export function covers(s: Pick<SubmissionFacts, 'state' | 'valid_until'>, day: string): boolean {
  return s.state === 'accepted' && (s.valid_until === null || s.valid_until >= day);
}

/**
 * What the family sees for one required (type, child), from every submission for it and today's date (Paris).
 * A valid accepted document wins (« bientôt expiré » in its last 30 days, unless a renewal is already sent);
 * otherwise the newest submission says pending or refused; an accepted one now past its date says expired.
 */
export function documentState(subs: SubmissionFacts[], today: string): { state: DocumentState; reason: string | null; validUntil: string | null } {
  const byNewest = [...subs].sort((a, b) => (a.submitted_at < b.submitted_at ? 1 : a.submitted_at > b.submitted_at ? -1 : 0));
  const current = byNewest.find((s) => covers(s, today));
  const latest = byNewest[0];
  if (current) {
    const soon = current.valid_until !== null && current.valid_until < addDays(today, EXPIRING_SOON_DAYS);
    if (!soon) return { state: 'accepted', reason: null, validUntil: current.valid_until };
    if (latest.state === 'pending') return { state: 'pending', reason: null, validUntil: current.valid_until };
    return { state: 'expiring_soon', reason: null, validUntil: current.valid_until };
  }
  if (!latest) return { state: 'to_provide', reason: null, validUntil: null };
  if (latest.state === 'pending') return { state: 'pending', reason: null, validUntil: null };
  if (latest.state === 'refused') return { state: 'refused', reason: latest.refusal_reason, validUntil: null };
  return { state: 'expired', reason: null, validUntil: latest.valid_until };
}
