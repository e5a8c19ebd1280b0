import { describe, expect, it } from 'vitest';
import type { CityConfig } from '../../config.js';
import { renderMail } from '../mail/mail.templates.js';

const city = { name: 'Comines', address: 'Grand-Place', phone: '03 20 00 00 00', email: 'mairie@example.fr' } as CityConfig;
const family = { firstName: 'Anne', childName: 'Léa MARTIN', activityName: 'Accueil du mercredi' };

describe('the booking mails', () => {
  it('names the promoted day in French with its unit', () => {
    const m = renderMail({ template: 'booking.promoted', ...family, day: '2026-09-09', unitLabel: 'Matin', number: 42 }, city, 'fr');
    expect(m.subject).toBe('Une place s’est libérée pour Léa MARTIN — Comines');
    expect(m.text).toContain('est désormais inscrit(e) pour le mercredi 9 septembre 2026 (Matin) (réservation n° 42).');
  });

  it('lists each decided line with its verb and gives the reason of a refusal', () => {
    const lines = [
      { day: '2026-09-07', unitLabel: 'Matin', action: 'book' as const },
      { day: '2026-09-09', unitLabel: 'Après-midi', action: 'cancel' as const },
    ];
    const refused = renderMail({ template: 'booking.decided', ...family, number: 7, decision: 'refuse', lines, reason: 'Groupe complet' }, city, 'fr');
    expect(refused.text).toContain('• lundi 7 septembre 2026 — Matin : réservation refusée\n\n• mercredi 9 septembre 2026 — Après-midi : annulation refusée\n\nMotif : « Groupe complet »');
    const accepted = renderMail({ template: 'booking.decided', ...family, number: 7, decision: 'accept', lines, reason: 'ignored' }, city, 'fr');
    expect(accepted.text).toContain('• lundi 7 septembre 2026 — Matin : réservation acceptée\n\n• mercredi 9 septembre 2026 — Après-midi : annulation acceptée');
    expect(accepted.text).not.toContain('Motif');
  });

  it('writes them in English for an English-speaking family', () => {
    const lines = [{ day: '2026-09-07', unitLabel: 'Matin', action: 'book' as const }];
    const m = renderMail({ template: 'booking.decided', ...family, number: 7, decision: 'refuse', lines, reason: 'Groupe complet' }, city, 'en');
    expect(m.subject).toBe('Your booking no. 7 has been dealt with — Comines');
    expect(m.text).toContain('Hello Anne,\n\nThe service has dealt with your request no. 7 for Léa MARTIN (“Accueil du mercredi”):');
    expect(m.text).toContain('• Monday 7 September 2026 — Matin: booking refused\n\nReason: “Groupe complet”');
    expect(m.html).toContain('<html lang="en">');
    const p = renderMail({ template: 'booking.promoted', ...family, day: '2026-09-09', unitLabel: 'Matin', number: 42 }, city, 'en');
    expect(p.text).toContain('is now booked for Wednesday 9 September 2026 (Matin) (booking no. 42).');
  });
});
