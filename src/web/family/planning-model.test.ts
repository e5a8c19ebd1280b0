import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanningCell } from '../../shared/booking-contracts.js';
import { completePlurals } from '../../shared/i18n/catalogue.js';
import { fr } from '../../shared/i18n/fr/index.js';
import { en } from '../../shared/i18n/en/index.js';
import { i18n } from '../i18n/i18n.js';
import { cellName, cellView, deselectDays, keyOf, selectDays, toggle, type Change } from './planning-model.js';

const cell = (o: Partial<PlanningCell>): PlanningCell => ({
  unitId: 'u1',
  state: 'bookable',
  reason: null,
  onBook: 'accepted',
  onCancel: null,
  cutoff: null,
  cancelCutoff: null,
  placesLeft: null,
  ...o,
});

beforeAll(async () => {
  // the cells speak the page's language: French here
  if (!i18n.isInitialized) await i18n.init({ lng: 'fr', resources: { fr: completePlurals(fr), en: completePlurals(en) }, interpolation: { escapeValue: false } });
  await i18n.changeLanguage('fr');
});

describe('planning cells', () => {
  it('books a free day as the rules say, and a second click removes the choice', () => {
    const c = cell({ onBook: 'request' });
    const once = toggle(new Map(), '2026-07-08', c);
    expect(once.get(keyOf('2026-07-08', 'u1'))).toEqual({ day: '2026-07-08', unitId: 'u1', action: 'book', expect: 'request' });
    expect(cellName('2026-07-08', 'Matin', cellView(c, once.get(keyOf('2026-07-08', 'u1'))))).toBe(
      'Mercredi 8 juillet, Matin : demande à envoyer (non enregistré)',
    );
    expect(toggle(once, '2026-07-08', c).size).toBe(0);
  });

  it('marks a booked day for cancellation, as accepted at once or as a request', () => {
    const booked = cell({ state: 'accepted', onBook: null, onCancel: 'request' });
    const next = toggle(new Map(), '2026-07-08', booked);
    const view = cellView(booked, next.get(keyOf('2026-07-08', 'u1')));
    expect(view).toMatchObject({ icon: 'cancel_requested', booked: false, pending: true });
    const late = cell({ state: 'accepted', onBook: null, onCancel: null, cancelCutoff: '2026-07-06T10:00:00.000Z' });
    expect(toggle(new Map(), '2026-07-08', late).size).toBe(0);
    expect(cellView(late, undefined).detail).toBe('annulation en ligne impossible (délai dépassé le lundi 6 juillet 2026 à 12 h)');
  });

  it('says why a day cannot be booked', () => {
    expect(cellName('2026-07-14', 'Matin', cellView(cell({ state: 'closed', reason: 'public_holiday', onBook: null }), undefined))).toBe(
      'Mardi 14 juillet, Matin : fermé — jour férié',
    );
    expect(cellView(cell({ state: 'deadline_passed', onBook: null, cutoff: '2026-07-06T10:00:00.000Z' }), undefined)).toMatchObject({
      actionable: false,
      detail: 'date limite : lundi 6 juillet 2026 à 12 h',
    });
    expect(cellView(cell({ state: 'full', onBook: 'waitlist' }), undefined)).toMatchObject({ actionable: true, text: 'Complet — liste d’attente possible' });
  });

  it('the bulk options select bookable days (not full ones), keep cancellations undone, and deselect the same way', () => {
    const cells = [
      { day: '2026-07-06', cell: cell({}) },
      { day: '2026-07-07', cell: cell({ state: 'full', onBook: 'waitlist' }) },
      { day: '2026-07-08', cell: cell({ state: 'closed', onBook: null, reason: 'weekday' }) },
      { day: '2026-07-09', cell: cell({ state: 'accepted', onBook: null, onCancel: 'accepted' }) },
    ];
    const marked = toggle(new Map(), '2026-07-09', cells[3].cell);
    const selected = selectDays(marked, cells);
    expect(selected.count).toBe(2);
    expect(selected.skippedFull).toBe(1);
    expect([...selected.changes.values()].map((c: Change) => `${c.day}:${c.action}`)).toEqual(['2026-07-06:book']);
    const deselected = deselectDays(selected.changes, cells);
    expect([...deselected.changes.values()].map((c) => `${c.day}:${c.action}`)).toEqual(['2026-07-09:cancel']);
    // the automatic selection: only the weekdays ticked
    expect(selectDays(new Map(), cells, new Set([2])).count).toBe(0);
    expect(selectDays(new Map(), cells, new Set([1])).count).toBe(1);
  });

  it('speaks English when the page does', async () => {
    await i18n.changeLanguage('en');
    try {
      const c = cell({ onBook: 'request' });
      const once = toggle(new Map(), '2026-07-08', c);
      expect(cellName('2026-07-08', 'Morning', cellView(c, once.get(keyOf('2026-07-08', 'u1'))))).toBe('Wednesday 8 July, Morning: request to send (not saved)');
      const late = cell({ state: 'accepted', onBook: null, onCancel: null, cancelCutoff: '2026-07-06T10:00:00.000Z' });
      expect(cellView(late, undefined)).toMatchObject({
        detail: 'cannot be cancelled online (deadline passed on Monday 6 July 2026 at 12:00)',
        shortDetail: 'cannot be cancelled',
      });
    } finally {
      await i18n.changeLanguage('fr');
    }
  });
});
