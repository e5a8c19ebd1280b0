/**
 * A campaign's simulation (figures side by side with first-come, places per unit and day, per criterion) and the
 * families who submitted wishes with their staff-set categories (issue 12).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { dayLabel } from '../i18n/fr.js';
import { formatDateTime } from '../i18n/format.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { Checkbox } from '../ui/field.js';
import { Fieldset } from '../ui/fieldset.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { CAMPAIGN_FLAGS, type CampaignDetail, type CampaignFlag, type CampaignView, type Simulation } from '../../shared/campaign-contracts.js';
import { criteriaOf, type Draft } from './campaign-form.js';

export function CampaignSimulation({ campaign: c, draft, detail }: { campaign: CampaignView; draft: Draft; detail: CampaignDetail }) {
  const { t } = useTranslation('campaigns');
  const [sim, setSim] = useState<Simulation | null>(detail.simulations[0] ?? null);
  const [announce, setAnnounce] = useState('');
  const form = useForm();
  async function run() {
    await form.submit(async () => {
      const s = await call('staffCampaigns.simulate', { params: { campaignId: c.id }, body: { criteria: criteriaOf(draft), siblingsTogether: draft.siblingsTogether } });
      setSim(s);
      setAnnounce(t('staff.simulated', { all: s.requests.familiesAll, part: s.requests.familiesPart, none: s.requests.familiesNone }));
    });
  }
  const figures: [string, keyof Simulation['requests']][] = [
    [t('staff.familiesAll'), 'familiesAll'],
    [t('staff.familiesPart'), 'familiesPart'],
    [t('staff.familiesNone'), 'familiesNone'],
    [t('staff.allocated'), 'allocated'],
    [t('staff.waitlisted'), 'waitlisted'],
    [t('staff.ineligible'), 'ineligible'],
    [t('staff.capped'), 'capped'],
  ];
  const shown = c.phase === 'published' && detail.published ? null : sim;
  return (
    <section aria-labelledby="simulation">
      <h2 id="simulation">{t('staff.simulateTitle')}</h2>
      {c.phase !== 'published' && <p>{t('staff.simulateHelp')}</p>}
      <ErrorSummary {...form.summary} />
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      {c.phase !== 'published' && (
        <ButtonGroup>
          <Button busy={form.busy} onClick={() => void run()}>
            {t('staff.simulate')}
          </Button>
        </ButtonGroup>
      )}
      {c.phase === 'published' && detail.published && (
        <Table caption={t('staff.figuresCaption')} head={[t('staff.figure'), t('staff.requests')]}>
          {figures.map(([label, k]) => (
            <tr key={k}>
              <th scope="row">{label}</th>
              <td>{detail.published![k]}</td>
            </tr>
          ))}
        </Table>
      )}
      {shown && (
        <>
          <p className="muted">{formatDateTime(shown.createdAt)}</p>
          <Table caption={t('staff.figuresCaption')} head={[t('staff.figure'), t('staff.requests'), t('staff.firstCome')]}>
            {figures.map(([label, k]) => (
              <tr key={k}>
                <th scope="row">{label}</th>
                <td>{shown.requests[k]}</td>
                <td>{shown.firstCome[k]}</td>
              </tr>
            ))}
          </Table>
          <Table caption={t('staff.criteriaCaption')} head={[t('staff.criterion'), t('staff.raised'), t('staff.servedAll'), t('staff.servedPart')]}>
            {shown.perCriterion.map((p) => (
              <tr key={`${p.criterion}-${p.flag ?? ''}`}>
                <th scope="row">
                  {t(`criterion.${p.criterion}`)}
                  {p.flag ? ` (${t(`flag.${p.flag as CampaignFlag}`)})` : ''}
                </th>
                <td>{p.applicants}</td>
                <td>{p.servedAll}</td>
                <td>{p.servedPart}</td>
              </tr>
            ))}
          </Table>
          <Table caption={t('staff.cellsCaption')} head={[t('staff.day'), t('staff.unit'), t('staff.places'), t('staff.wished'), t('staff.requests'), t('staff.firstCome')]}>
            {shown.cells.map((cell) => (
              <tr key={`${cell.unitId}-${cell.day}`}>
                <th scope="row">{dayLabel(cell.day)}</th>
                <td>{cell.unitLabel}</td>
                <td>{cell.places}</td>
                <td>{cell.wished}</td>
                <td>{cell.requests}</td>
                <td>{cell.firstCome}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </section>
  );
}

export function CampaignFamilies({ detail, onSaved }: { detail: CampaignDetail; onSaved: () => void }) {
  const { t } = useTranslation('campaigns');
  return (
    <section aria-labelledby="familles">
      <h2 id="familles">{t('staff.familiesTitle')}</h2>
      {detail.families.length === 0 && <p className="empty">{t('staff.noFamilies')}</p>}
      {detail.families.length > 0 && (
        <Table caption={t('staff.familiesCaption')} head={[t('staff.family'), t('staff.wishes'), t('staff.resident'), t('staff.categories')]}>
          {detail.families.map((f) => (
            <tr key={f.familyId}>
              <th scope="row">{f.name}</th>
              <td>{f.wishes}</td>
              <td>{f.resident ? t('staff.yes') : t('staff.no')}</td>
              <td>
                <FlagsEditor familyId={f.familyId} childId={null} legend={t('staff.familyCategories', { family: f.name })} flags={f.flags} onSaved={onSaved} />
                {f.children.map((ch) => (
                  <FlagsEditor key={ch.id} familyId={f.familyId} childId={ch.id} legend={t('staff.childCategories', { child: ch.name })} flags={ch.flags} onSaved={onSaved} />
                ))}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

function FlagsEditor({ familyId, childId, legend, flags, onSaved }: { familyId: string; childId: string | null; legend: string; flags: CampaignFlag[]; onSaved: () => void }) {
  const { t } = useTranslation('campaigns');
  const [chosen, setChosen] = useState<CampaignFlag[]>(flags);
  const [done, setDone] = useState(false);
  const form = useForm();
  const options = childId ? (['disability_or_pai'] as const) : CAMPAIGN_FLAGS.filter((f) => f !== 'disability_or_pai');
  const key = `flags-${familyId}-${childId ?? 'famille'}`;
  return (
    <form
      noValidate
      className="flags-editor"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        void form
          .submit(async () => {
            await call('staffCampaigns.flags', { params: { familyId }, body: { childId, flags: chosen } });
          })
          .then((ok) => {
            if (ok) {
              setDone(true);
              onSaved();
            }
          });
      }}
    >
      <ErrorSummary {...form.summary} />
      <Fieldset kind="question" legend={legend}>
        {options.map((f) => (
          <Checkbox
            key={f}
            name={`${key}.${f}`}
            label={t(`flag.${f}`)}
            checked={chosen.includes(f)}
            onCheckedChange={(v) => setChosen(v ? [...chosen, f] : chosen.filter((x) => x !== f))}
          />
        ))}
      </Fieldset>
      <Button type="submit" variant="secondary" className="button--small" busy={form.busy}>
        {t('staff.saveFlags')}
        <span className="visually-hidden"> — {legend}</span>
      </Button>
      {done && <StatusMessage>{t('staff.flagsSaved')}</StatusMessage>}
    </form>
  );
}
