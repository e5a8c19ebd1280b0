/**
 * « Accueil de loisirs / Périscolaire – Les Réservations » on « Mon compte famille » (guide §5.1 to §5.3): the
 * buttons that open the booking window (child → establishment ❶ → period ❷ → « Suivant » ❸), and the list of the
 * family's reservations with their state icon, a legend, and a button to each one's detail.
 */
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { BookingCatalog, ReservationSummary } from '../../shared/booking-contracts.js';
import { errorMessage } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useSession } from '../app/session.js';
import { Link, navigate } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { formatDayRange } from '../i18n/fr.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary, type SummaryError } from '../ui/error-summary.js';
import { InlineError } from '../ui/field.js';
import { Radios } from '../ui/fieldset.js';
import { Legend } from '../ui/legend.js';
import { StatusMessage } from '../ui/status-message.js';
import { StateIcon } from '../ui/state-icon.js';
import { Steps } from '../ui/steps.js';
import { useForm } from '../ui/use-form.js';
import { RESERVATION_ICONS, RESERVATION_LEGEND, reservationTitle } from '../views/reservation-view.js';
import '../ui/booking.css';

type Purpose = 'book' | 'cancel';

/** Reservations shown at a time on the home page. */
const PAGE = 5;

/** « 3 jours acceptés, 1 en attente du service »: what a reservation gave, in place of when it was made. */
function countsText(t: TFunction<['family', 'labels', 'members']>, counts: ReservationSummary['counts']): string {
  return (['accepted', 'pending', 'waitlisted', 'refused'] as const)
    .filter((k) => counts[k] > 0)
    .map((k) => t(`bookingBlock.count.${k}`, { count: counts[k] }))
    .join(', ');
}

export function BookingBlock() {
  const { t } = useTranslation(['family', 'labels', 'members']);
  const catalog = useResource('booking.catalog');
  const reservations = useResource('booking.reservations');
  const [purpose, setPurpose] = useState<Purpose | null>(null);
  const all = reservations.data ?? [];
  // issue 17: five at a time, newest first — eleven cards pushed « Mes Factures » 5,000 px down on a phone
  const [from, setFrom] = useState(0);
  const list = all.slice(from, from + PAGE);
  const blocked = catalog.data?.blocked ?? null;
  // a member without the booking right sees the reservations, and why there is no « Réserver » (issue 11)
  const canBook = useSession().account?.member?.canBook ?? true;

  return (
    <section className="card" aria-labelledby="bloc-reservations">
      <h2 id="bloc-reservations">{t('bookingBlock.title')}</h2>
      <p>{t('bookingBlock.text')}</p>
      {catalog.error && <p>{catalog.error}</p>}
      {!canBook ? (
        <StatusMessage tone="info">
          <p>{errorMessage('member.right_missing_book')}</p>
        </StatusMessage>
      ) : blocked ? (
        <StatusMessage tone="warning" title={t('bookingBlock.blocked')}>
          <p>{errorMessage(blocked)}</p>
        </StatusMessage>
      ) : (
        catalog.data && (
          <div className="booking-actions">
            <Button onClick={() => setPurpose('book')}>{t('bookingBlock.book')}</Button>
            <Button variant="secondary" onClick={() => setPurpose('cancel')}>
              {t('bookingBlock.cancel')}
            </Button>
          </div>
        )
      )}
      <div className="booking-list-head">
        <h3 id="mes-reservations">{t('bookingBlock.listTitle')}</h3>
        {all.length > 0 && <Legend items={RESERVATION_LEGEND} />}
      </div>
      {reservations.error && <p>{reservations.error}</p>}
      {reservations.data !== null && all.length === 0 && <p className="empty">{t('bookingBlock.empty')}</p>}
      {list.length > 0 && (
        <ul className="reservation-list" aria-labelledby="mes-reservations">
          {list.map((r) => (
            <li key={r.number} className="reservation-list__item">
              <StateIcon kind={RESERVATION_ICONS[r.state]} className="reservation-list__icon" />
              <div className="reservation-list__body">
                <p className="reservation-list__title">
                  <strong>{reservationTitle(r)}</strong> — {r.child.firstName} {r.child.lastName.toUpperCase()}
                </p>
                <p className="reservation-list__meta">
                  {t('bookingBlock.meta', { activity: r.activity.name, period: r.period.label })} {countsText(t, r.counts)}
                </p>
                {r.madeBy && <p className="reservation-list__meta">{t('members:madeBy', { name: r.madeBy })}</p>}
                <p className="reservation-list__state">{t('bookingBlock.state', { state: t(`labels:reservationState.${r.state}`) })}</p>
              </div>
              <Link to={`/famille/reservations/${r.number}`} className="button button--secondary button--small reservation-list__link">
                <Trans
                  t={t}
                  i18nKey="bookingBlock.detail"
                  values={{ title: reservationTitle(r).toLowerCase() }}
                  components={{ hidden: <span className="visually-hidden" /> }}
                />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {all.length > PAGE && (
        <nav className="pager" aria-label={t('bookingBlock.listTitle')}>
          <p className="pager__status" aria-live="polite">
            {t('bookingBlock.page', { from: from + 1, to: Math.min(from + PAGE, all.length), total: all.length })}
          </p>
          <div className="pager__buttons">
            <Button variant="secondary" className="button--small" disabled={from === 0} onClick={() => setFrom(Math.max(0, from - PAGE))}>
              <span aria-hidden="true">← </span>
              {t('bookingBlock.previous')}
            </Button>
            <Button variant="secondary" className="button--small" disabled={from + PAGE >= all.length} onClick={() => setFrom(from + PAGE)}>
              {t('bookingBlock.more')}
              <span aria-hidden="true"> →</span>
            </Button>
          </div>
        </nav>
      )}
      <BookingWizard purpose={purpose} catalog={catalog.data} onClose={() => setPurpose(null)} />
    </section>
  );
}

function BookingWizard({ purpose, catalog, onClose }: { purpose: Purpose | null; catalog: BookingCatalog | null; onClose: () => void }) {
  const { t } = useTranslation('family');
  return (
    <Dialog
      title={purpose === 'cancel' ? t('bookingBlock.cancel') : t('bookingBlock.book')}
      isOpen={purpose !== null}
      onOpenChange={(open) => !open && onClose()}
    >
      {purpose && catalog && <WizardForm purpose={purpose} catalog={catalog} onCancel={onClose} />}
    </Dialog>
  );
}

function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function ageText(t: TFunction<'family'>, min: number | null, max: number | null): string | null {
  if (min !== null && max !== null) return t('wizard.ageRange', { min, max });
  if (min !== null) return t('wizard.ageFrom', { min });
  if (max !== null) return t('wizard.ageUpTo', { max });
  return null;
}

function WizardForm({ purpose, catalog, onCancel }: { purpose: Purpose; catalog: BookingCatalog; onCancel: () => void }) {
  const { t } = useTranslation('family');
  const children = useResource('children.list');
  const kids = (children.data ?? []);
  const [childId, setChildId] = useState('');
  const [establishmentId, setEstablishmentId] = useState(catalog.establishments.length === 1 ? catalog.establishments[0].id : '');
  const [choice, setChoice] = useState(''); // `${activityId}/${periodId}`
  const form = useForm();

  const child = kids.find((c) => c.id === childId) ?? null;
  const establishment = catalog.establishments.find((e) => e.id === establishmentId) ?? null;
  const { errorFor } = form;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problems: SummaryError[] = [];
    if (!childId) problems.push({ path: 'wizard.child', message: t('wizard.chooseChild') });
    if (!establishmentId) problems.push({ path: 'wizard.establishment', message: t('wizard.chooseEstablishment') });
    else if (!choice) problems.push({ path: 'wizard.period', message: t('wizard.choosePeriod') });
    if (problems.length) return form.fail(problems);
    const [activityId, periodId] = choice.split('/');
    navigate(`/famille/reservations/planning/${encodeURIComponent(childId)}/${encodeURIComponent(activityId)}/${encodeURIComponent(periodId)}`);
  }

  if (children.data !== null && kids.length === 0)
    return (
      <>
        <p>{t('wizard.noChild')}</p>
        <ButtonGroup>
          <Link to="/famille/enfants/ajouter" className="button">
            {t('wizard.addChild')}
          </Link>
          <Button variant="secondary" onClick={onCancel}>
            {t('wizard.cancel')}
          </Button>
        </ButtonGroup>
      </>
    );

  if (catalog.establishments.length === 0)
    return (
      <>
        <p>{t('wizard.noPeriod')}</p>
        <Button variant="secondary" onClick={onCancel}>
          {t('wizard.close')}
        </Button>
      </>
    );

  return (
    <form noValidate onSubmit={onSubmit}>
      <p>
        {purpose === 'cancel'
          ? t('wizard.introCancel')
          : t('wizard.introBook')}
      </p>
      <Steps
        label={t('wizard.steps.label')}
        steps={[t('wizard.steps.child'), t('wizard.steps.establishment'), t('wizard.steps.period'), t('wizard.steps.days')]}
        current={!child ? 0 : !establishment ? 1 : 2}
      />
      <ErrorSummary {...form.summary} />
      {children.loading && <p className="loading">{t('wizard.loading')}</p>}
      {kids.length > 0 && (
        <Radios
          name="wizard.child"
          legend={t('wizard.child')}
          required
          error={errorFor('wizard.child')}
          options={kids.map((c) => ({ value: c.id, label: `${c.firstName} ${c.lastName.toUpperCase()}` }))}
          value={childId}
          onValueChange={setChildId}
        />
      )}
      {child && (
        <>
          <Radios
            name="wizard.establishment"
            legend={t('wizard.establishment')}
            required
            error={errorFor('wizard.establishment')}
            options={catalog.establishments.map((e) => ({ value: e.id, label: e.name }))}
            value={establishmentId}
            onValueChange={(v) => {
              setEstablishmentId(v);
              setChoice('');
            }}
          />
          {establishment && (
            <PeriodChoice establishment={establishment} childBirthDate={child.birthDate} value={choice} onChange={setChoice} error={errorFor('wizard.period')} />
          )}
        </>
      )}
      <ButtonGroup>
        <Button type="submit">{t('wizard.next')}</Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('wizard.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** ❷: the periods of the establishment's activities; those not open yet are shown, greyed, with their opening. */
function PeriodChoice({
  establishment,
  childBirthDate,
  value,
  onChange,
  error,
}: {
  establishment: BookingCatalog['establishments'][number];
  childBirthDate: string;
  value: string;
  onChange: (v: string) => void;
  error: string | null;
}) {
  const { t } = useTranslation('family');
  const today = new Date().toISOString().slice(0, 10);
  let first = true;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset className="fieldset fieldset--question" aria-describedby={error ? 'wizard-period-error' : undefined}>
        <legend className="fieldset__legend">
          {t('wizard.period')}
          <span className="required" aria-hidden="true">
            {' '}*
          </span>
        </legend>
        {error && <InlineError id="wizard-period-error" message={error} />}
        {establishment.activities.map((a) => {
          const ages = ageText(t, a.minAge, a.maxAge);
          const age = ageOn(childBirthDate, today);
          const outside = (a.minAge !== null && age < a.minAge) || (a.maxAge !== null && age > a.maxAge);
          return (
            <div key={a.id} className="period-group">
              <p className="period-group__title">
                <strong>{a.name}</strong>
                {ages && <> ({ages})</>}
              </p>
              {outside && <p className="field__hint">{t('wizard.childAge', { age })}</p>}
              <div className="choices">
                {a.periods.map((p) => {
                  const v = `${a.id}/${p.id}`;
                  const id = first ? 'wizard-period' : `wizard-period-${p.id}`;
                  first = false;
                  return (
                    <div className="choice" key={p.id}>
                      <input
                        className="choice__input"
                        type="radio"
                        id={id}
                        name="wizard-period"
                        value={v}
                        checked={value === v}
                        disabled={!p.open}
                        onChange={() => onChange(v)}
                        aria-describedby={`${id}-hint`}
                      />
                      <label className="choice__label" htmlFor={id}>
                        {p.label} ({formatDayRange(p.startDay, p.endDay)})
                      </label>
                      <p className="field__hint choice__hint" id={`${id}-hint`}>
                        {p.open
                          ? t('wizard.open', { date: formatDateTime(p.closesAt), rule: a.bookingRuleText })
                          : t('wizard.opens', { date: formatDateTime(p.opensAt) })}
                      </p>
                    </div>
                  );
                })}
              </div>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
