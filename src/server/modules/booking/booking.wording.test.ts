import { describe, expect, it } from 'vitest';
import { weekLabel } from './booking.wording.js';
import { reasonsIn } from './booking.reservations.js';
import type { Reservation } from '../../../shared/booking-contracts.js';

describe('the planning’s week label and the reservations’ reasons, in French and English', () => {
  it('names the week in the request’s language', () => {
    expect(weekLabel('2026-09-07')).toBe('Semaine 37 — du 7 septembre au 13 septembre');
    expect(weekLabel('2026-09-07', 'en')).toBe('Week 37 — 7 September to 13 September');
  });

  it('says a line’s coded reason in English, the staff’s own words as written', () => {
    const line = { id: 1, day: '2026-09-07', unitId: 'u', unitLabel: 'Matin', action: 'book', state: 'refused', decidedAt: null } as const;
    const r = {
      lines: [
        { ...line, reason: 'booking.full', reasonText: 'Il n’y a plus de place ce jour-là.' },
        { ...line, reason: 'Groupe complet', reasonText: 'Groupe complet' },
      ],
    } as unknown as Reservation;
    expect(reasonsIn('en', r).lines.map((l) => l.reasonText)).toEqual(['There are no places left that day.', 'Groupe complet']);
    expect(reasonsIn('fr', r)).toBe(r);
  });
});
