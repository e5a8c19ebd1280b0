/**
 * The planning in « campagne de demandes » mode (issue 12, docs/fair-opening.md): the same grid of days and units,
 * where the family ticks the days it requests (« demande » instead of « réservation »), with an optional order of
 * preference, and saves them; it can change them until the close. Nothing is allocated before the close; the rules,
 * the window and the published seed are shown. The planning page hands over here when the planning API says the
 * period is held by a campaign (`planning.campaign`).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Planning } from '../../shared/booking-contracts.js';
import type { FamilyCampaign } from '../../shared/campaign-contracts.js';
import { call, errorMessage } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { dayLabel, formatDayRange } from '../i18n/fr.js';
import { formatDateTime } from '../i18n/format.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { useForm } from '../ui/use-form.js';
import '../ui/booking.css';
import '../ui/campaigns.css';

const key = (unitId: string, day: string) => `${unitId}|${day}`;
const PREFERENCES = Array.from({ length: 10 }, (_, i) => i + 1);

export function PlanningWishes({ planning, loading, onWeek }: { planning: Planning; loading: boolean; onWeek: (monday: string) => void }) {
  const { t } = useTranslation('campaigns');
  const params = { childId: planning.child.id, activityId: planning.activity.id, periodId: planning.period.id };
  const campaign = useResource('campaigns.forPlanning', { params });
  const title = t('wishes.title', { firstName: planning.child.firstName, activity: planning.activity.name });
  usePageTitle(title);
  return (
    <>
      <Link to="/famille" className="back-link">
        {t('wishes.back')}
      </Link>
      <PageHeading>{title}</PageHeading>
      <LoadState loading={campaign.loading && !campaign.data} error={campaign.error} />
      {campaign.data && <WishesBody planning={planning} campaign={campaign.data} loading={loading} onWeek={onWeek} />}
    </>
  );
}

function WishesBody({ planning, campaign, loading, onWeek }: { planning: Planning; campaign: FamilyCampaign; loading: boolean; onWeek: (monday: string) => void }) {
  const { t } = useTranslation('campaigns');
  const [wishes, setWishes] = useState<Map<string, number | null>>(() => new Map(campaign.wishes.map((w) => [key(w.unitId, w.day), w.preference])));
  const [saved, setSaved] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const form = useForm();
  useEffect(() => setSaved(null), [planning.week]);
  const editable = campaign.editable;
  const unitLabel = (id: string) => planning.units.find((u) => u.id === id)?.label ?? '';

  function toggleWish(k: string, on: boolean) {
    setWishes((m) => {
      const next = new Map(m);
      if (on) next.set(k, null);
      else next.delete(k);
      return next;
    });
    setDirty(true);
    setSaved(null);
  }
  function setPreference(k: string, value: string) {
    setWishes((m) => new Map(m).set(k, value === '' ? null : Number(value)));
    setDirty(true);
    setSaved(null);
  }
  async function save() {
    const list = [...wishes.entries()].map(([k, preference]) => {
      const [unitId, day] = k.split('|') as [string, string];
      return { unitId, day, preference };
    });
    const ok = await form.submit(async () => {
      const r = await call('campaigns.saveWishes', { params: { campaignId: campaign.id, childId: planning.child.id }, body: { wishes: list } });
      setWishes(new Map(r.wishes.map((w) => [key(w.unitId, w.day), w.preference])));
    });
    if (ok) {
      setDirty(false);
      setSaved(list.length === 0 ? t('wishes.withdrawn') : t('wishes.saved', { count: new Set(list.map((w) => w.day)).size }));
    }
  }

  return (
    <>
      <div className="planning-intro">
        <p>
          <strong>
            {planning.child.firstName} {planning.child.lastName.toUpperCase()}
          </strong>{' '}
          — {planning.activity.name}, {planning.period.label} ({formatDayRange(planning.period.startDay, planning.period.endDay)}).
        </p>
        <p>{t('wishes.intro')}</p>
        <p>{t('wishes.window', { from: formatDateTime(campaign.residentOpensAt ?? campaign.opensAt), to: formatDateTime(campaign.closesAt) })}</p>
      </div>
      {campaign.blocked && (
        <StatusMessage tone="warning" title={t('wishes.blocked')}>
          <p>{errorMessage(campaign.blocked)}</p>
        </StatusMessage>
      )}
      <details className="campaign-rules">
        <summary>{t('wishes.rulesTitle')}</summary>
        <ul>
          {campaign.rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <p>{t('wishes.seed', { seed: campaign.seed })}</p>
        <p>{t('wishes.seedText', { text: campaign.seedText })}</p>
      </details>
      {saved && <StatusMessage>{saved}</StatusMessage>}
      <ErrorSummary {...form.summary} />
      <div className="week-nav">
        <div className="field week-nav__field">
          <label className="field__label" htmlFor="semaine-demandes">
            {t('wishes.week')}
          </label>
          <select id="semaine-demandes" className="select" value={planning.week} onChange={(e) => onWeek(e.target.value)} aria-busy={loading || undefined}>
            {(planning.weeks.some((w) => w.monday === planning.week) ? planning.weeks : [{ monday: planning.week, number: 0, label: dayLabel(planning.week) }, ...planning.weeks]).map((w) => (
              <option key={w.monday} value={w.monday}>
                {w.label}
              </option>
            ))}
          </select>
        </div>
        <div className="week-nav__buttons">
          <Button variant="secondary" className="button--small" disabled={!planning.previousWeek} onClick={() => planning.previousWeek && onWeek(planning.previousWeek)}>
            <span aria-hidden="true">← </span>
            {t('wishes.previousWeek')}
          </Button>
          <Button variant="secondary" className="button--small" disabled={!planning.nextWeek} onClick={() => planning.nextWeek && onWeek(planning.nextWeek)}>
            {t('wishes.nextWeek')}
            <span aria-hidden="true"> →</span>
          </Button>
        </div>
      </div>
      <div className="table-wrap" role="region" aria-labelledby="demandes-semaine" tabIndex={0}>
        <table className="table wish-grid">
          <caption id="demandes-semaine" className="table__caption">
            {t('wishes.gridCaption', { week: dayLabel(planning.week) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('wishes.day')}</th>
              {planning.units.map((u) => (
                <th scope="col" key={u.id}>
                  {u.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {planning.days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{dayLabel(d.day)}</th>
                {d.cells.map((c) => {
                  const k = key(c.unitId, d.day);
                  const open = c.state === 'not_open' || c.state === 'bookable' || c.state === 'full' || wishes.has(k);
                  const id = `voeu-${c.unitId}-${d.day}`;
                  const on = wishes.has(k);
                  return (
                    <td key={c.unitId}>
                      {open ? (
                        <div className="wish-cell">
                          <span className="choice">
                            <input className="choice__input" type="checkbox" id={id} checked={on} disabled={!editable} onChange={(e) => toggleWish(k, e.target.checked)} />
                            <label className="choice__label" htmlFor={id}>
                              <span className="visually-hidden">{t('wishes.ask', { unit: unitLabel(c.unitId), day: dayLabel(d.day) })}</span>
                            </label>
                          </span>
                          {on && (
                            <span className="wish-cell__preference">
                              <label className="visually-hidden" htmlFor={`${id}-pref`}>
                                {t('wishes.preferenceOf', { day: dayLabel(d.day), unit: unitLabel(c.unitId) })}
                              </label>
                              <select id={`${id}-pref`} className="select select--small" value={wishes.get(k) ?? ''} disabled={!editable} onChange={(e) => setPreference(k, e.target.value)}>
                                <option value="">{t('wishes.noPreference')}</option>
                                {PREFERENCES.map((p) => (
                                  <option key={p} value={p}>
                                    {p}
                                  </option>
                                ))}
                              </select>
                            </span>
                          )}
                        </div>
                      ) : (
                        <span className="muted">{t('wishes.unavailable')}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('wishes.preferenceHelp')}</p>
      <p role="status">{wishes.size === 0 ? t('wishes.none') : t('wishes.count', { count: wishes.size })}</p>
      {editable && (
        <ButtonGroup>
          <Button busy={form.busy} onClick={() => void save()}>
            {t('wishes.save')}
          </Button>
        </ButtonGroup>
      )}
      <p>
        <Link to="/famille/demandes">{t('wishes.outcomesLink')}</Link>
      </p>
    </>
  );
}
