/**
 * Several children at once (issue 17): on a child's planning, « Appliquer la même sélection à » lists the brothers
 * and sisters; the days chosen for the child are then asked for each sibling ticked, as that sibling's own cells allow
 * (a day already booked, closed or outside their age is left out, and the review says so). « Valider » sends one
 * request for every child (POST /api/booking/reservations/siblings): each child gets its numbered reservation.
 */
import { useTranslation } from 'react-i18next';
import type { Planning } from '../../shared/booking-contracts.js';
import type { ChildSummary } from '../../shared/child-contracts.js';
import { call } from '../api/client.js';
import { dayLabel } from '../i18n/fr.js';
import { clickEffect, type Change } from './planning-model.js';
import { childName } from '../views/child-view.js';

export interface SiblingPlan {
  child: ChildSummary;
  /** the changes as this child's cells allow them */
  changes: Change[];
  /** the days left out, with why (the cell's state) */
  skipped: { day: string; unitId: string }[];
}

function mondayOf(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const wd = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - wd * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The main child's changes copied to each sibling: their planning weeks of those days are read, and each change is
 * kept when the sibling's cell gives the same action (book a free day, cancel a booked one).
 */
export async function planSiblings(
  siblings: ChildSummary[],
  activityId: string,
  periodId: string,
  changes: Change[],
): Promise<SiblingPlan[]> {
  const weeks = [...new Set(changes.map((c) => mondayOf(c.day)))];
  const plans: SiblingPlan[] = [];
  for (const child of siblings) {
    const plannings: Planning[] = [];
    for (const week of weeks) plannings.push(await call('booking.planning', { params: { childId: child.id, activityId, periodId }, query: { week } }));
    const cellOf = (day: string, unitId: string) => {
      for (const p of plannings) {
        const d = p.days.find((x) => x.day === day);
        const c = d?.cells.find((x) => x.unitId === unitId);
        if (c) return c;
      }
      return null;
    };
    const kept: Change[] = [];
    const skipped: SiblingPlan['skipped'] = [];
    for (const c of changes) {
      const cell = cellOf(c.day, c.unitId);
      const effect = cell ? clickEffect(cell) : null;
      if (effect && effect.action === c.action) kept.push({ day: c.day, unitId: c.unitId, ...effect });
      else skipped.push({ day: c.day, unitId: c.unitId });
    }
    plans.push({ child, changes: kept, skipped });
  }
  return plans;
}

/** « Appliquer la même sélection à » : a check box per brother or sister. */
export function SiblingPicker({ siblings, chosen, onChange }: { siblings: ChildSummary[]; chosen: ReadonlySet<string>; onChange: (next: Set<string>) => void }) {
  const { t } = useTranslation('family');
  if (!siblings.length) return null;
  return (
    <fieldset className="fieldset siblings">
      <legend className="fieldset__legend">{t('planning.siblings.legend')}</legend>
      <p className="field__hint" id="siblings-hint">
        {t('planning.siblings.hint')}
      </p>
      <div className="choices choices--inline">
        {siblings.map((s) => (
          <div className="choice" key={s.id}>
            <input
              className="choice__input"
              type="checkbox"
              id={`sibling-${s.id}`}
              checked={chosen.has(s.id)}
              aria-describedby="siblings-hint"
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(s.id);
                else next.delete(s.id);
                onChange(next);
              }}
            />
            <label className="choice__label" htmlFor={`sibling-${s.id}`}>
              {childName(s)}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** The review's part for the siblings: what will be asked for each, and the days left out. */
export function SiblingReview({ plans, unitLabel }: { plans: SiblingPlan[]; unitLabel: (id: string) => string }) {
  const { t } = useTranslation('family');
  return (
    <>
      {plans.map((p) => (
        <section key={p.child.id} className="sibling-review" aria-labelledby={`sibling-review-${p.child.id}`}>
          <h2 id={`sibling-review-${p.child.id}`}>{t('planning.siblings.reviewTitle', { name: childName(p.child) })}</h2>
          {p.changes.length > 0 ? (
            <ul>
              {p.changes.map((c) => (
                <li key={`${c.day}|${c.unitId}`}>
                  {dayLabel(c.day, true)}, {unitLabel(c.unitId)} : {t(c.action === 'book' ? 'planning.siblings.book' : 'planning.siblings.cancel')}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('planning.siblings.nothing')}</p>
          )}
          {p.skipped.length > 0 && (
            <p className="muted">
              {t('planning.siblings.skipped', {
                count: p.skipped.length,
                days: p.skipped.map((s) => `${dayLabel(s.day)} (${unitLabel(s.unitId)})`).join(', '),
              })}
            </p>
          )}
        </section>
      ))}
    </>
  );
}
