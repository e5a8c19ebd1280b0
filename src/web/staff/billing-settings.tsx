/**
 * « Régies et tarifs » (admin): the collection offices (numbering code, address, how to pay, resident postal and
 * INSEE codes, payment term, the activities each invoices) and one tariff per unit (quotient bands with resident and
 * non-resident prices, sibling reductions, late-booking and unbooked-presence surcharges, unjustified absences).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Office, Tariff, TariffBand } from '../../shared/billing-contracts.js';
import { formatEuros } from '../ui/money.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { i18n } from '../i18n/i18n.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary, type SummaryError } from '../ui/error-summary.js';
import { Checkbox, Field, TextArea } from '../ui/field.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { LoadState } from '../ui/loading.js';
import { centsToInput, parseEuros } from '../ui/money.js';
import { StatusMessage } from '../ui/status-message.js';
import { SummaryList } from '../ui/summary-list.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { BillingNav } from './billing-nav.js';

interface UnitRow {
  unitId: string;
  unitLabel: string;
  activityId: string;
  activityName: string;
}

export function BillingSettingsPage() {
  const { t } = useTranslation('staffAdmin');
  usePageTitle(t('settings.title'));
  const offices = useResource('staffBilling.offices');
  const tariffs = useResource('staffBilling.tariffs');
  const cat = useResource('catalog.get');
  const [editOffice, setEditOffice] = useState<Office | 'new' | null>(null);
  const [editUnit, setEditUnit] = useState<UnitRow | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const activities = (cat.data?.establishments ?? []).flatMap((e) => e.activities.map((a) => ({ ...a, establishmentName: e.name })));
  const activityName = (id: string) => activities.find((a) => a.id === id)?.name ?? id;
  const units: UnitRow[] = activities.flatMap((a) => a.units.map((u) => ({ unitId: u.id, unitLabel: u.label, activityId: a.id, activityName: a.name })));
  const tariffOf = (unitId: string) => tariffs.data?.find((x) => x.unitId === unitId) ?? null;

  return (
    <>
      <PageHeading>{t('settings.title')}</PageHeading>
      <BillingNav />
      {done && <StatusMessage>{done}</StatusMessage>}
      <h2>{t('settings.offices')}</h2>
      <LoadState loading={offices.loading && !offices.data} error={offices.error} />
      {offices.data?.length === 0 && <p className="empty">{t('settings.noOffice')}</p>}
      {offices.data?.map((o) => (
        <section key={o.id} className="card" aria-labelledby={`regie-${o.id}`}>
          <h3 id={`regie-${o.id}`}>
            {o.name} ({o.code})
          </h3>
          <SummaryList
            rows={[
              [t('settings.address'), o.address],
              [t('settings.howToPay'), o.paymentInstructions],
              [t('settings.postalCodes'), o.residentPostalCodes.join(', ')],
              [t('settings.inseeCodes'), o.residentInseeCodes.join(', ')],
              [t('settings.paymentTerm'), t('settings.paymentTermDays', { count: o.paymentTermDays })],
              [t('settings.activities'), o.activityIds.map(activityName).join(', ')],
            ]}
          />
          <Button variant="secondary" onClick={() => setEditOffice(o)}>
            {t('settings.edit')}
            <span className="visually-hidden"> {t('settings.editOfficeHidden', { name: o.name })}</span>
          </Button>
        </section>
      ))}
      <ButtonGroup>
        <Button onClick={() => setEditOffice('new')}>{t('settings.create')}</Button>
      </ButtonGroup>

      <h2>{t('settings.tariffs')}</h2>
      <LoadState loading={(tariffs.loading && !tariffs.data) || (cat.loading && !cat.data)} error={tariffs.error ?? cat.error} />
      {units.length > 0 && (
        <Table
          caption={t('settings.tariffsCaption')}
          captionHidden
          head={[
            t('settings.head.unit'),
            t('settings.head.bands'),
            t('settings.head.siblings'),
            t('settings.head.surcharges'),
            t('settings.head.absence'),
            t('settings.head.action'),
          ]}
        >
          {units.map((u) => {
            const tariff = tariffOf(u.unitId);
            return (
              <tr key={u.unitId}>
                <td>
                  {u.activityName} — {u.unitLabel}
                </td>
                <td>{tariff ? <BandsText bands={tariff.rule.bands} /> : <span className="muted">{t('settings.noTariff')}</span>}</td>
                <td>
                  {tariff
                    ? tariff.rule.siblingReductionsPercent.map((p, i) => t('settings.siblingReduction', { rank: i + 1, percent: p })).join(', ') || t('settings.none')
                    : ''}
                </td>
                <td>{tariff ? surchargesText(tariff) : ''}</td>
                <td>{tariff ? (tariff.rule.unjustifiedAbsenceCharged ? t('settings.charged') : t('settings.notCharged')) : ''}</td>
                <td>
                  <Button variant="secondary" className="button--small" onClick={() => setEditUnit(u)}>
                    {tariff ? t('settings.edit') : t('settings.define')}
                    <span className="visually-hidden"> {t('settings.editTariffHidden', { activity: u.activityName, unit: u.unitLabel })}</span>
                  </Button>
                </td>
              </tr>
            );
          })}
        </Table>
      )}

      <Dialog title={editOffice === 'new' ? t('settings.create') : t('settings.editOffice')} isOpen={editOffice !== null} onOpenChange={(open) => !open && setEditOffice(null)}>
        {editOffice !== null && (
          <OfficeForm
            office={editOffice === 'new' ? null : editOffice}
            activities={activities.map((a) => ({ id: a.id, label: `${a.name} (${a.establishmentName})` }))}
            onCancel={() => setEditOffice(null)}
            onSaved={(o) => {
              setEditOffice(null);
              setDone(t('settings.officeSaved', { name: o.name }));
              offices.reload();
            }}
          />
        )}
      </Dialog>
      <Dialog
        title={editUnit ? t('settings.tariffTitle', { activity: editUnit.activityName, unit: editUnit.unitLabel }) : t('settings.tariffTitleDefault')} isOpen={editUnit !== null} onOpenChange={(open) => !open && setEditUnit(null)}>
        {editUnit && (
          <TariffForm
            unit={editUnit}
            tariff={tariffOf(editUnit.unitId)}
            onCancel={() => setEditUnit(null)}
            onSaved={() => {
              setDone(t('settings.tariffSaved', { activity: editUnit.activityName, unit: editUnit.unitLabel }));
              setEditUnit(null);
              tariffs.reload();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function BandsText({ bands }: { bands: TariffBand[] }) {
  const { t } = useTranslation('staffAdmin');
  let from = 0;
  return (
    <ul className="plain-list">
      {bands.map((b, i) => {
        const range = b.upToQuotient === null ? t('settings.bandFrom', { from }) : t('settings.bandRange', { from, to: b.upToQuotient });
        if (b.upToQuotient !== null) from = b.upToQuotient + 1;
        return (
          <li key={i}>
            {t('settings.bandLine', { range, resident: formatEuros(b.residentCents), nonResident: formatEuros(b.nonResidentCents) })}
          </li>
        );
      })}
    </ul>
  );
}

function surchargeText(s: { kind: 'percent' | 'fixed'; value: number }): string {
  return s.kind === 'percent' ? i18n.t('staffAdmin:settings.surchargePercent', { value: s.value }) : `+${formatEuros(s.value)}`;
}

function surchargesText(tariff: Tariff): string {
  const parts: string[] = [];
  const { lateBooking, unbookedPresence } = tariff.rule;
  if (lateBooking) parts.push(i18n.t('staffAdmin:settings.lateBookingText', { days: lateBooking.daysBefore, surcharge: surchargeText(lateBooking) }));
  if (unbookedPresence) parts.push(i18n.t('staffAdmin:settings.unbookedText', { surcharge: surchargeText(unbookedPresence) }));
  return parts.join(i18n.t('staffAdmin:settings.listSeparator')) || i18n.t('staffAdmin:settings.none');
}

const splitCodes = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);

function OfficeForm({ office, activities, onCancel, onSaved }: { office: Office | null; activities: { id: string; label: string }[]; onCancel: () => void; onSaved: (o: Office) => void }) {
  const [v, setV] = useState({
    name: office?.name ?? '',
    code: office?.code ?? '',
    address: office?.address ?? '',
    paymentInstructions: office?.paymentInstructions ?? '',
    residentPostalCodes: office?.residentPostalCodes.join(', ') ?? '',
    residentInseeCodes: office?.residentInseeCodes.join(', ') ?? '',
    paymentTermDays: String(office?.paymentTermDays ?? 30),
  });
  const [activityIds, setActivityIds] = useState<string[]>(office?.activityIds ?? []);
  const form = useForm();
  const { t } = useTranslation('staffAdmin');
  const set = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  const errorFor = (path: string) => form.errors.find((e) => e.path === path || e.path?.startsWith(`${path}.`))?.message ?? null;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problems: SummaryError[] = [];
    if (!v.name.trim()) problems.push({ path: 'name', message: t('settings.officeForm.nameMissing') });
    if (!v.code.trim()) problems.push({ path: 'code', message: t('settings.officeForm.codeMissing') });
    const term = Number(v.paymentTermDays);
    if (!Number.isInteger(term) || term < 1 || term > 120) problems.push({ path: 'paymentTermDays', message: t('settings.officeForm.termInvalid') });
    const body = {
      name: v.name,
      code: v.code.trim().toUpperCase(),
      address: v.address,
      paymentInstructions: v.paymentInstructions,
      residentPostalCodes: splitCodes(v.residentPostalCodes),
      residentInseeCodes: splitCodes(v.residentInseeCodes).map((c) => c.toUpperCase()),
      paymentTermDays: term,
      activityIds,
    };
    void form.submit(
      async () => onSaved(office ? await call('staffBilling.updateOffice', { params: { officeId: office.id }, body }) : await call('staffBilling.createOffice', { body })),
      {
        check: () => problems,
        // a problem on one code of a list (residentPostalCodes.2) is shown on the list's field
        mapErrors: (list) => list.map((x) => (x.path ? { ...x, path: x.path.replace(/\.\d+$/, '') } : x)),
      },
    );
  }

  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary {...form.summary} />
      <Field name="name" label={t('settings.officeForm.name')} required value={v.name} onValueChange={set('name')} error={errorFor('name')} />
      <Field name="code" label={t('settings.officeForm.code')} hint={t('settings.officeForm.codeHint')} required width="code" value={v.code} onValueChange={set('code')} error={errorFor('code')} />
      <TextArea name="address" label={t('settings.officeForm.address')} rows={2} value={v.address} onValueChange={set('address')} error={errorFor('address')} />
      <TextArea name="paymentInstructions" label={t('settings.officeForm.paymentInstructions')} rows={3} value={v.paymentInstructions} onValueChange={set('paymentInstructions')} error={errorFor('paymentInstructions')} />
      <Field name="residentPostalCodes" label={t('settings.officeForm.postalCodes')} hint={t('settings.officeForm.postalCodesHint')} value={v.residentPostalCodes} onValueChange={set('residentPostalCodes')} error={errorFor('residentPostalCodes')} />
      <Field name="residentInseeCodes" label={t('settings.officeForm.inseeCodes')} hint={t('settings.officeForm.inseeCodesHint')} value={v.residentInseeCodes} onValueChange={set('residentInseeCodes')} error={errorFor('residentInseeCodes')} />
      <Field name="paymentTermDays" label={t('settings.officeForm.paymentTermDays')} required inputMode="numeric" width="short" value={v.paymentTermDays} onValueChange={set('paymentTermDays')} error={errorFor('paymentTermDays')} />
      <Fieldset legend={t('settings.officeForm.activities')} kind="question" hint={t('settings.officeForm.activitiesHint')}>
        {activities.length === 0 && <p className="empty">{t('settings.officeForm.noActivity')}</p>}
        {activities.map((a) => (
          <Checkbox
            key={a.id}
            name={`activityIds.${a.id}`}
            label={a.label}
            checked={activityIds.includes(a.id)}
            onCheckedChange={(c) => setActivityIds((ids) => (c ? [...ids, a.id] : ids.filter((x) => x !== a.id)))}
          />
        ))}
      </Fieldset>
      <ButtonGroup>
        <Button type="submit" busy={form.busy}>
          {t('settings.officeForm.save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('settings.officeForm.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

type SurchargeKind = 'none' | 'percent' | 'fixed';
interface BandDraft {
  upTo: string;
  resident: string;
  nonResident: string;
}

function TariffForm({ unit, tariff, onCancel, onSaved }: { unit: UnitRow; tariff: Tariff | null; onCancel: () => void; onSaved: () => void }) {
  const rule = tariff?.rule;
  const [bands, setBands] = useState<BandDraft[]>(
    rule?.bands.map((b) => ({ upTo: b.upToQuotient === null ? '' : String(b.upToQuotient), resident: centsToInput(b.residentCents), nonResident: centsToInput(b.nonResidentCents) })) ?? [
      { upTo: '', resident: '', nonResident: '' },
    ],
  );
  const [siblings, setSiblings] = useState(rule?.siblingReductionsPercent.join(', ') ?? '');
  const [lateKind, setLateKind] = useState<SurchargeKind>(rule?.lateBooking?.kind ?? 'none');
  const [lateValue, setLateValue] = useState(rule?.lateBooking ? (rule.lateBooking.kind === 'fixed' ? centsToInput(rule.lateBooking.value) : String(rule.lateBooking.value)) : '');
  const [lateDays, setLateDays] = useState(rule?.lateBooking ? String(rule.lateBooking.daysBefore) : '2');
  const [unbookedKind, setUnbookedKind] = useState<SurchargeKind>(rule?.unbookedPresence?.kind ?? 'none');
  const [unbookedValue, setUnbookedValue] = useState(
    rule?.unbookedPresence ? (rule.unbookedPresence.kind === 'fixed' ? centsToInput(rule.unbookedPresence.value) : String(rule.unbookedPresence.value)) : '',
  );
  const [absence, setAbsence] = useState<'yes' | 'no'>(rule && !rule.unjustifiedAbsenceCharged ? 'no' : 'yes');
  const form = useForm();
  const { errorFor } = form;
  const { t } = useTranslation('staffAdmin');
  const kindOptions = [
    { value: 'none' as const, label: t('settings.tariffForm.kindNone') },
    { value: 'percent' as const, label: t('settings.tariffForm.kindPercent') },
    { value: 'fixed' as const, label: t('settings.tariffForm.kindFixed') },
  ];

  function surcharge(kind: SurchargeKind, value: string, path: string, problems: SummaryError[]) {
    if (kind === 'none') return null;
    const n = kind === 'fixed' ? parseEuros(value) : /^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : null;
    if (n === null) {
      problems.push({ path, message: kind === 'fixed' ? t('settings.tariffForm.surchargeFixedInvalid') : t('settings.tariffForm.surchargePercentInvalid') });
      return null;
    }
    return { kind, value: n };
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problems: SummaryError[] = [];
    const parsed = bands.map((b, i) => {
      const last = i === bands.length - 1;
      const upTo = last ? null : /^\d{1,5}$/.test(b.upTo.trim()) ? Number(b.upTo.trim()) : NaN;
      if (!last && Number.isNaN(upTo)) problems.push({ path: `bands.${i}.upToQuotient`, message: t('settings.tariffForm.bandUpToInvalid', { n: i + 1 }) });
      const resident = parseEuros(b.resident);
      const nonResident = parseEuros(b.nonResident);
      if (resident === null) problems.push({ path: `bands.${i}.residentCents`, message: t('settings.tariffForm.bandResidentInvalid', { n: i + 1 }) });
      if (nonResident === null) problems.push({ path: `bands.${i}.nonResidentCents`, message: t('settings.tariffForm.bandNonResidentInvalid', { n: i + 1 }) });
      return { upToQuotient: upTo, residentCents: resident ?? 0, nonResidentCents: nonResident ?? 0 };
    });
    const sib = splitCodes(siblings);
    if (sib.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 100)) problems.push({ path: 'siblingReductionsPercent', message: t('settings.tariffForm.siblingsInvalid') });
    const late = surcharge(lateKind, lateValue, 'lateBooking.value', problems);
    const days = Number(lateDays);
    if (lateKind !== 'none' && (!Number.isInteger(days) || days < 1 || days > 60)) problems.push({ path: 'lateBooking.daysBefore', message: t('settings.tariffForm.lateDaysInvalid') });
    const unbooked = surcharge(unbookedKind, unbookedValue, 'unbookedPresence.value', problems);
    const body = {
      bands: parsed,
      siblingReductionsPercent: sib.map(Number),
      lateBooking: late ? { ...late, daysBefore: days } : null,
      unbookedPresence: unbooked,
      unjustifiedAbsenceCharged: absence === 'yes',
    };
    void form.submit(
      async () => {
        await call('staffBilling.setTariff', { params: { unitId: unit.unitId }, body });
        onSaved();
      },
      { check: () => problems, mapErrors: (list) => list.map((x) => (x.path === 'bands' ? { ...x, path: 'bands.0.upToQuotient' } : x)) },
    );
  }

  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary {...form.summary} />
      <Fieldset legend={t('settings.tariffForm.bands')} kind="question" hint={t('settings.tariffForm.bandsHint')}>
        {bands.map((b, i) => {
          const last = i === bands.length - 1;
          return (
            <div className="allocation-row" key={i}>
              <p>
                <strong>{t('settings.tariffForm.band', { n: i + 1 })}</strong>
              </p>
              {!last && (
                <Field
                  name={`bands.${i}.upToQuotient`}
                  label={t('settings.tariffForm.bandUpTo', { n: i + 1 })}
                  inputMode="numeric"
                  width="short"
                  value={b.upTo}
                  onValueChange={(x) => setBands((bs) => bs.map((y, j) => (j === i ? { ...y, upTo: x } : y)))}
                  error={errorFor(`bands.${i}.upToQuotient`)}
                />
              )}
              <Field
                name={`bands.${i}.residentCents`}
                label={t('settings.tariffForm.bandResident', { n: i + 1 })}
                inputMode="decimal"
                width="short"
                value={b.resident}
                onValueChange={(x) => setBands((bs) => bs.map((y, j) => (j === i ? { ...y, resident: x } : y)))}
                error={errorFor(`bands.${i}.residentCents`)}
              />
              <Field
                name={`bands.${i}.nonResidentCents`}
                label={t('settings.tariffForm.bandNonResident', { n: i + 1 })}
                inputMode="decimal"
                width="short"
                value={b.nonResident}
                onValueChange={(x) => setBands((bs) => bs.map((y, j) => (j === i ? { ...y, nonResident: x } : y)))}
                error={errorFor(`bands.${i}.nonResidentCents`)}
              />
              {bands.length > 1 && (
                <Button variant="secondary" className="button--small" onClick={() => setBands((bs) => bs.filter((_, j) => j !== i))}>
                  {t('settings.tariffForm.removeBand', { n: i + 1 })}
                </Button>
              )}
            </div>
          );
        })}
        {bands.length < 20 && (
          <Button variant="secondary" className="button--small" onClick={() => setBands((bs) => [{ upTo: '', resident: '', nonResident: '' }, ...bs])}>
            {t('settings.tariffForm.addBand')}
          </Button>
        )}
      </Fieldset>
      <Field
        name="siblingReductionsPercent"
        label={t('settings.tariffForm.siblings')}
        hint={t('settings.tariffForm.siblingsHint')}
        value={siblings}
        onValueChange={setSiblings}
        error={errorFor('siblingReductionsPercent')}
      />
      <Radios name="lateBooking.kind" legend={t('settings.tariffForm.lateBooking')} options={kindOptions} value={lateKind} onValueChange={setLateKind} inline />
      {lateKind !== 'none' && (
        <>
          <Field name="lateBooking.value" label={lateKind === 'fixed' ? t('settings.tariffForm.surchargeEuros') : t('settings.tariffForm.surchargePercent')} width="short" inputMode="decimal" value={lateValue} onValueChange={setLateValue} error={errorFor('lateBooking.value')} />
          <Field name="lateBooking.daysBefore" label={t('settings.tariffForm.lateDays')} width="short" inputMode="numeric" value={lateDays} onValueChange={setLateDays} error={errorFor('lateBooking.daysBefore')} />
        </>
      )}
      <Radios name="unbookedPresence.kind" legend={t('settings.tariffForm.unbooked')} options={kindOptions} value={unbookedKind} onValueChange={setUnbookedKind} inline />
      {unbookedKind !== 'none' && (
        <Field name="unbookedPresence.value" label={unbookedKind === 'fixed' ? t('settings.tariffForm.surchargeEuros') : t('settings.tariffForm.surchargePercent')} width="short" inputMode="decimal" value={unbookedValue} onValueChange={setUnbookedValue} error={errorFor('unbookedPresence.value')} />
      )}
      <Radios
        name="unjustifiedAbsenceCharged"
        legend={t('settings.tariffForm.absence')}
        hint={t('settings.tariffForm.absenceHint')}
        options={[
          { value: 'yes' as const, label: t('settings.tariffForm.charged') },
          { value: 'no' as const, label: t('settings.tariffForm.notCharged') },
        ]}
        value={absence}
        onValueChange={setAbsence}
        inline
      />
      <ButtonGroup>
        <Button type="submit" busy={form.busy}>
          {t('settings.tariffForm.save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('settings.tariffForm.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

