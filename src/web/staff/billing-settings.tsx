/**
 * « Régies et tarifs » (admin): the collection offices (numbering code, address, how to pay, resident postal and
 * INSEE codes, payment term, the activities each invoices) and one tariff per unit (quotient bands with resident and
 * non-resident prices, sibling reductions, late-booking and unbooked-presence surcharges, unjustified absences).
 */
import { useState, type FormEvent } from 'react';
import type { Office, Tariff, TariffBand } from '../../shared/billing-contracts.js';
import { formatEuros } from '../../shared/billing-labels.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
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
  usePageTitle('Régies et tarifs');
  const offices = useResource('staffBilling.offices');
  const tariffs = useResource('staffBilling.tariffs');
  const cat = useResource('catalog.get');
  const [editOffice, setEditOffice] = useState<Office | 'new' | null>(null);
  const [editUnit, setEditUnit] = useState<UnitRow | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const activities = (cat.data?.establishments ?? []).flatMap((e) => e.activities.map((a) => ({ ...a, establishmentName: e.name })));
  const activityName = (id: string) => activities.find((a) => a.id === id)?.name ?? id;
  const units: UnitRow[] = activities.flatMap((a) => a.units.map((u) => ({ unitId: u.id, unitLabel: u.label, activityId: a.id, activityName: a.name })));
  const tariffOf = (unitId: string) => tariffs.data?.find((t) => t.unitId === unitId) ?? null;

  return (
    <>
      <PageHeading>Régies et tarifs</PageHeading>
      <BillingNav />
      {done && <StatusMessage>{done}</StatusMessage>}
      <h2>Régies</h2>
      <LoadState loading={offices.loading && !offices.data} error={offices.error} />
      {offices.data?.length === 0 && <p className="empty">Aucune régie.</p>}
      {offices.data?.map((o) => (
        <section key={o.id} className="card" aria-labelledby={`regie-${o.id}`}>
          <h3 id={`regie-${o.id}`}>
            {o.name} ({o.code})
          </h3>
          <SummaryList
            rows={[
              ['Adresse', o.address],
              ['Comment payer', o.paymentInstructions],
              ['Codes postaux des résidents', o.residentPostalCodes.join(', ')],
              ['Codes INSEE des résidents', o.residentInseeCodes.join(', ')],
              ['Délai de paiement', `${o.paymentTermDays} jours`],
              ['Activités facturées', o.activityIds.map(activityName).join(', ')],
            ]}
          />
          <Button variant="secondary" onClick={() => setEditOffice(o)}>
            Modifier<span className="visually-hidden"> la régie {o.name}</span>
          </Button>
        </section>
      ))}
      <ButtonGroup>
        <Button onClick={() => setEditOffice('new')}>Créer une régie</Button>
      </ButtonGroup>

      <h2>Tarifs par unité</h2>
      <LoadState loading={(tariffs.loading && !tariffs.data) || (cat.loading && !cat.data)} error={tariffs.error ?? cat.error} />
      {units.length > 0 && (
        <Table caption="Tarifs par activité et par unité" captionHidden head={['Activité — unité', 'Tranches (résident / hors commune)', 'Réductions fratrie', 'Majorations', 'Absence non justifiée', 'Action']}>
          {units.map((u) => {
            const t = tariffOf(u.unitId);
            return (
              <tr key={u.unitId}>
                <td>
                  {u.activityName} — {u.unitLabel}
                </td>
                <td>{t ? <BandsText bands={t.rule.bands} /> : <span className="muted">Aucun tarif : non facturé</span>}</td>
                <td>{t ? t.rule.siblingReductionsPercent.map((p, i) => `${i + 1}e : −${p} %`).join(', ') || 'Aucune' : ''}</td>
                <td>{t ? surchargesText(t) : ''}</td>
                <td>{t ? (t.rule.unjustifiedAbsenceCharged ? 'Facturée' : 'Non facturée') : ''}</td>
                <td>
                  <Button variant="secondary" className="button--small" onClick={() => setEditUnit(u)}>
                    {t ? 'Modifier' : 'Définir'}
                    <span className="visually-hidden">
                      {' '}
                      le tarif {u.activityName} — {u.unitLabel}
                    </span>
                  </Button>
                </td>
              </tr>
            );
          })}
        </Table>
      )}

      <Dialog title={editOffice === 'new' ? 'Créer une régie' : 'Modifier la régie'} isOpen={editOffice !== null} onOpenChange={(open) => !open && setEditOffice(null)}>
        {editOffice !== null && (
          <OfficeForm
            office={editOffice === 'new' ? null : editOffice}
            activities={activities.map((a) => ({ id: a.id, label: `${a.name} (${a.establishmentName})` }))}
            onCancel={() => setEditOffice(null)}
            onSaved={(o) => {
              setEditOffice(null);
              setDone(`La régie ${o.name} est enregistrée.`);
              offices.reload();
            }}
          />
        )}
      </Dialog>
      <Dialog title={editUnit ? `Tarif : ${editUnit.activityName} — ${editUnit.unitLabel}` : 'Tarif'} isOpen={editUnit !== null} onOpenChange={(open) => !open && setEditUnit(null)}>
        {editUnit && (
          <TariffForm
            unit={editUnit}
            tariff={tariffOf(editUnit.unitId)}
            onCancel={() => setEditUnit(null)}
            onSaved={() => {
              setDone(`Le tarif ${editUnit.activityName} — ${editUnit.unitLabel} est enregistré.`);
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
  let from = 0;
  return (
    <ul className="plain-list">
      {bands.map((b, i) => {
        const range = b.upToQuotient === null ? `QF ${from} et plus (ou non déclaré)` : `QF ${from} à ${b.upToQuotient}`;
        if (b.upToQuotient !== null) from = b.upToQuotient + 1;
        return (
          <li key={i}>
            {range} : {formatEuros(b.residentCents)} / {formatEuros(b.nonResidentCents)}
          </li>
        );
      })}
    </ul>
  );
}

function surchargeText(s: { kind: 'percent' | 'fixed'; value: number }): string {
  return s.kind === 'percent' ? `+${s.value} %` : `+${formatEuros(s.value)}`;
}

function surchargesText(t: Tariff): string {
  const parts: string[] = [];
  if (t.rule.lateBooking) parts.push(`réservation moins de ${t.rule.lateBooking.daysBefore} j avant : ${surchargeText(t.rule.lateBooking)}`);
  if (t.rule.unbookedPresence) parts.push(`présence sans réservation : ${surchargeText(t.rule.unbookedPresence)}`);
  return parts.join(' ; ') || 'Aucune';
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
  const set = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  const errorFor = (path: string) => form.errors.find((e) => e.path === path || e.path?.startsWith(`${path}.`))?.message ?? null;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problems: SummaryError[] = [];
    if (!v.name.trim()) problems.push({ path: 'name', message: 'Saisissez le nom de la régie.' });
    if (!v.code.trim()) problems.push({ path: 'code', message: 'Saisissez le code de la régie (2 à 10 majuscules ou chiffres).' });
    const term = Number(v.paymentTermDays);
    if (!Number.isInteger(term) || term < 1 || term > 120) problems.push({ path: 'paymentTermDays', message: 'Le délai de paiement est un nombre de jours entre 1 et 120.' });
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
      <Field name="name" label="Nom" required value={v.name} onValueChange={set('name')} error={errorFor('name')} />
      <Field name="code" label="Code" hint="2 à 10 majuscules ou chiffres, imprimé dans les numéros de facture." required width="code" value={v.code} onValueChange={set('code')} error={errorFor('code')} />
      <TextArea name="address" label="Adresse" rows={2} value={v.address} onValueChange={set('address')} error={errorFor('address')} />
      <TextArea name="paymentInstructions" label="Comment payer (imprimé sur les factures)" rows={3} value={v.paymentInstructions} onValueChange={set('paymentInstructions')} error={errorFor('paymentInstructions')} />
      <Field name="residentPostalCodes" label="Codes postaux des résidents" hint="Séparés par des virgules, par exemple 59560, 59117." value={v.residentPostalCodes} onValueChange={set('residentPostalCodes')} error={errorFor('residentPostalCodes')} />
      <Field name="residentInseeCodes" label="Codes INSEE des résidents" hint="Séparés par des virgules, par exemple 59152." value={v.residentInseeCodes} onValueChange={set('residentInseeCodes')} error={errorFor('residentInseeCodes')} />
      <Field name="paymentTermDays" label="Délai de paiement (en jours)" required inputMode="numeric" width="short" value={v.paymentTermDays} onValueChange={set('paymentTermDays')} error={errorFor('paymentTermDays')} />
      <Fieldset legend="Activités facturées par cette régie" kind="question" hint="Une activité cochée ici quitte la régie qui la facturait.">
        {activities.length === 0 && <p className="empty">Aucune activité.</p>}
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
          Enregistrer
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Annuler
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
  const kindOptions = [
    { value: 'none' as const, label: 'Aucune' },
    { value: 'percent' as const, label: 'En pourcentage du prix' },
    { value: 'fixed' as const, label: 'Montant fixe en euros' },
  ];

  function surcharge(kind: SurchargeKind, value: string, path: string, problems: SummaryError[]) {
    if (kind === 'none') return null;
    const n = kind === 'fixed' ? parseEuros(value) : /^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : null;
    if (n === null) {
      problems.push({ path, message: kind === 'fixed' ? 'Saisissez la majoration en euros, par exemple 5,00.' : 'Saisissez la majoration en pourcentage, un nombre entier, par exemple 50.' });
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
      if (!last && Number.isNaN(upTo)) problems.push({ path: `bands.${i}.upToQuotient`, message: `Tranche ${i + 1} : saisissez le quotient maximum (un nombre entier).` });
      const resident = parseEuros(b.resident);
      const nonResident = parseEuros(b.nonResident);
      if (resident === null) problems.push({ path: `bands.${i}.residentCents`, message: `Tranche ${i + 1} : saisissez le prix résident en euros, par exemple 2,75.` });
      if (nonResident === null) problems.push({ path: `bands.${i}.nonResidentCents`, message: `Tranche ${i + 1} : saisissez le prix hors commune en euros, par exemple 4,50.` });
      return { upToQuotient: upTo, residentCents: resident ?? 0, nonResidentCents: nonResident ?? 0 };
    });
    const sib = splitCodes(siblings);
    if (sib.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 100)) problems.push({ path: 'siblingReductionsPercent', message: 'Les réductions sont des pourcentages entiers entre 0 et 100, séparés par des virgules.' });
    const late = surcharge(lateKind, lateValue, 'lateBooking.value', problems);
    const days = Number(lateDays);
    if (lateKind !== 'none' && (!Number.isInteger(days) || days < 1 || days > 60)) problems.push({ path: 'lateBooking.daysBefore', message: 'Le délai est un nombre de jours entre 1 et 60.' });
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
      <Fieldset legend="Tranches de quotient familial" kind="question" hint="Par quotient croissant ; la dernière tranche n’a pas de plafond et s’applique aussi aux familles sans quotient déclaré.">
        {bands.map((b, i) => {
          const last = i === bands.length - 1;
          return (
            <div className="allocation-row" key={i}>
              <p>
                <strong>Tranche {i + 1}</strong>
              </p>
              {!last && (
                <Field
                  name={`bands.${i}.upToQuotient`}
                  label={`Tranche ${i + 1} : quotient maximum`}
                  inputMode="numeric"
                  width="short"
                  value={b.upTo}
                  onValueChange={(x) => setBands((bs) => bs.map((y, j) => (j === i ? { ...y, upTo: x } : y)))}
                  error={errorFor(`bands.${i}.upToQuotient`)}
                />
              )}
              <Field
                name={`bands.${i}.residentCents`}
                label={`Tranche ${i + 1} : prix résident (en euros)`}
                inputMode="decimal"
                width="short"
                value={b.resident}
                onValueChange={(x) => setBands((bs) => bs.map((y, j) => (j === i ? { ...y, resident: x } : y)))}
                error={errorFor(`bands.${i}.residentCents`)}
              />
              <Field
                name={`bands.${i}.nonResidentCents`}
                label={`Tranche ${i + 1} : prix hors commune (en euros)`}
                inputMode="decimal"
                width="short"
                value={b.nonResident}
                onValueChange={(x) => setBands((bs) => bs.map((y, j) => (j === i ? { ...y, nonResident: x } : y)))}
                error={errorFor(`bands.${i}.nonResidentCents`)}
              />
              {bands.length > 1 && (
                <Button variant="secondary" className="button--small" onClick={() => setBands((bs) => bs.filter((_, j) => j !== i))}>
                  Retirer la tranche {i + 1}
                </Button>
              )}
            </div>
          );
        })}
        {bands.length < 20 && (
          <Button variant="secondary" className="button--small" onClick={() => setBands((bs) => [{ upTo: '', resident: '', nonResident: '' }, ...bs])}>
            Ajouter une tranche au début
          </Button>
        )}
      </Fieldset>
      <Field
        name="siblingReductionsPercent"
        label="Réductions par rang dans la fratrie (en %)"
        hint="Du 1er enfant (l’aîné) au suivant, séparés par des virgules : « 0, 10, 20 » = −10 % pour le 2e, −20 % à partir du 3e."
        value={siblings}
        onValueChange={setSiblings}
        error={errorFor('siblingReductionsPercent')}
      />
      <Radios name="lateBooking.kind" legend="Majoration pour réservation tardive" options={kindOptions} value={lateKind} onValueChange={setLateKind} inline />
      {lateKind !== 'none' && (
        <>
          <Field name="lateBooking.value" label={lateKind === 'fixed' ? 'Majoration (en euros)' : 'Majoration (en %)'} width="short" inputMode="decimal" value={lateValue} onValueChange={setLateValue} error={errorFor('lateBooking.value')} />
          <Field name="lateBooking.daysBefore" label="Réservation faite moins de … jours avant" width="short" inputMode="numeric" value={lateDays} onValueChange={setLateDays} error={errorFor('lateBooking.daysBefore')} />
        </>
      )}
      <Radios name="unbookedPresence.kind" legend="Majoration pour présence sans réservation" options={kindOptions} value={unbookedKind} onValueChange={setUnbookedKind} inline />
      {unbookedKind !== 'none' && (
        <Field name="unbookedPresence.value" label={unbookedKind === 'fixed' ? 'Majoration (en euros)' : 'Majoration (en %)'} width="short" inputMode="decimal" value={unbookedValue} onValueChange={setUnbookedValue} error={errorFor('unbookedPresence.value')} />
      )}
      <Radios
        name="unjustifiedAbsenceCharged"
        legend="Absence non justifiée"
        hint="Une absence justifiée n’est jamais facturée."
        options={[
          { value: 'yes' as const, label: 'Facturée' },
          { value: 'no' as const, label: 'Non facturée' },
        ]}
        value={absence}
        onValueChange={setAbsence}
        inline
      />
      <ButtonGroup>
        <Button type="submit" busy={form.busy}>
          Enregistrer le tarif
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </ButtonGroup>
    </form>
  );
}

