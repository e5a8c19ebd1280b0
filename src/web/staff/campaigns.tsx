/**
 * Request campaigns (issue 12, docs/fair-opening.md): the list, a new campaign, and one campaign's page —
 * configuration (mode, window, eligibility, ordered and weighted priority criteria, siblings, seed), simulation side
 * by side with first-come (weights changed and re-run), publication, and the families' staff-set categories.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { useSession } from '../app/session.js';
import { dayLabel } from '../i18n/fr.js';
import { formatDateTime } from '../i18n/format.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import type { CampaignDetail, CampaignView } from '../../shared/campaign-contracts.js';
import { CampaignForm, draftOf, emptyDraft, inputOf, type Draft } from './campaign-form.js';
import { CampaignSimulation, CampaignFamilies } from './campaign-results.js';
import '../ui/campaigns.css';

export function CampaignsPage() {
  const { t } = useTranslation('campaigns');
  const { account } = useSession();
  const isAdmin = account?.role === 'admin';
  usePageTitle(t('staff.title'));
  const list = useResource('staffCampaigns.list');
  return (
    <>
      <Link to="/agent" className="back-link">
        {t('staff.back')}
      </Link>
      <PageHeading>{t('staff.title')}</PageHeading>
      <p>{t('staff.intro')}</p>
      <LoadState loading={list.loading && !list.data} error={list.error} />
      {list.data && list.data.length === 0 && <p className="empty">{t('staff.none')}</p>}
      {list.data && list.data.length > 0 && (
        <Table caption={t('staff.listCaption')} head={[t('staff.activity'), t('staff.phase'), t('staff.window'), t('staff.wishes'), '']}>
          {list.data.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                {c.activity.name} — {c.period.label}
              </th>
              <td>{t(`phase.${c.phase}`)}</td>
              <td>
                {formatDateTime(c.opensAt)} → {formatDateTime(c.closesAt)}
              </td>
              <td>{c.wishes}</td>
              <td>
                <Link to={`/agent/campagnes/${c.id}`}>
                  {t('staff.open')}
                  <span className="visually-hidden">
                    {' '}
                    {c.activity.name} — {c.period.label}
                  </span>
                </Link>
              </td>
            </tr>
          ))}
        </Table>
      )}
      {isAdmin && <NewCampaign taken={new Set((list.data ?? []).map((c) => c.period.id))} />}
    </>
  );
}

function NewCampaign({ taken }: { taken: Set<string> }) {
  const { t } = useTranslation('campaigns');
  const catalog = useResource('catalog.get');
  const [draft, setDraft] = useState<Draft>(() => emptyDraft());
  const form = useForm();
  const periods = (catalog.data?.establishments ?? []).flatMap((e) =>
    e.activities.flatMap((a) => a.periods.filter((p) => !taken.has(p.id)).map((p) => ({ value: p.id, label: `${a.name} — ${p.label}` }))),
  );
  async function create() {
    await form.submit(async () => {
      const c = await call('staffCampaigns.create', { body: inputOf(draft) });
      navigate(`/agent/campagnes/${c.id}`, { flash: t('staff.created') });
    });
  }
  return (
    <section aria-labelledby="nouvelle-campagne">
      <h2 id="nouvelle-campagne">{t('staff.newTitle')}</h2>
      <ErrorSummary {...form.summary} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <CampaignForm draft={draft} onChange={setDraft} errorFor={form.errorFor} periods={periods} />
        <ButtonGroup>
          <Button type="submit" busy={form.busy}>
            {t('staff.create')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

export function CampaignPage({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('campaigns');
  const { account } = useSession();
  const isAdmin = account?.role === 'admin';
  const detail = useResource('staffCampaigns.get', { params: { campaignId } });
  const c = detail.data?.campaign;
  // said above the campaign's body, which is drawn again (new version) once published
  const [published, setPublished] = useState<string | null>(null);
  usePageTitle(c ? t('staff.editTitle', { activity: c.activity.name, period: c.period.label }) : t('staff.title'));
  return (
    <>
      <Link to="/agent/campagnes" className="back-link">
        {t('staff.back')}
      </Link>
      <PageHeading>{c ? t('staff.editTitle', { activity: c.activity.name, period: c.period.label }) : t('staff.title')}</PageHeading>
      <LoadState loading={detail.loading && !detail.data} error={detail.error} />
      {published && <StatusMessage>{published}</StatusMessage>}
      {detail.data && c && (
        <CampaignBody
          key={`${c.id}-${c.version}`}
          detail={detail.data}
          isAdmin={isAdmin}
          reload={detail.reload}
          onPublished={() => {
            setPublished(t('staff.publishedNow'));
            detail.reload();
          }}
        />
      )}
    </>
  );
}

function CampaignBody({ detail, isAdmin, reload, onPublished }: { detail: CampaignDetail; isAdmin: boolean; reload: () => void; onPublished: () => void }) {
  const { t } = useTranslation('campaigns');
  const c = detail.campaign;
  const [draft, setDraft] = useState<Draft>(() => draftOf(c));
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm();
  const editable = isAdmin && c.phase !== 'published';
  async function save() {
    setSaved(null);
    const ok = await form.submit(async () => {
      await call('staffCampaigns.update', { params: { campaignId: c.id }, body: { ...inputOf(draft), version: c.version } });
    });
    if (ok) {
      setSaved(t('staff.saved'));
      reload();
    }
  }
  return (
    <>
      <p>
        <strong>{t(`phase.${c.phase}`)}</strong>
        {c.publishedAt ? ` — ${t('staff.published', { day: formatDateTime(c.publishedAt) })}` : ''}
      </p>
      {saved && <StatusMessage>{saved}</StatusMessage>}
      <section aria-labelledby="configuration">
        <h2 id="configuration" className="visually-hidden">
          {t('staff.editTitle', { activity: c.activity.name, period: c.period.label })}
        </h2>
        <ErrorSummary {...form.summary} />
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <CampaignForm draft={draft} onChange={setDraft} errorFor={form.errorFor} periods={null} readOnly={!editable} seed={c.seed} />
          {editable && (
            <ButtonGroup>
              <Button type="submit" busy={form.busy}>
                {t('staff.save')}
              </Button>
            </ButtonGroup>
          )}
        </form>
      </section>
      {c.mode === 'requests' && <CampaignSimulation campaign={c} draft={draft} detail={detail} />}
      {c.mode === 'requests' && isAdmin && <Publish campaign={c} onDone={onPublished} />}
      <CampaignFamilies detail={detail} onSaved={reload} />
    </>
  );
}

function Publish({ campaign: c, onDone }: { campaign: CampaignView; onDone: () => void }) {
  const { t } = useTranslation('campaigns');
  const [confirming, setConfirming] = useState(false);
  const form = useForm();
  if (c.phase === 'published') return null;
  async function publish() {
    const ok = await form.submit(async () => {
      await call('staffCampaigns.publish', { params: { campaignId: c.id } });
    });
    setConfirming(false);
    if (ok) onDone();
  }
  return (
    <section aria-labelledby="publication">
      <h2 id="publication">{t('staff.publishTitle')}</h2>
      <p>{t('staff.publishHelp')}</p>
      <ErrorSummary {...form.summary} />
      {!confirming ? (
        <ButtonGroup>
          <Button onClick={() => setConfirming(true)}>{t('staff.publish')}</Button>
        </ButtonGroup>
      ) : (
        <div className="confirm-inline" role="group" aria-labelledby="publication-question">
          <p id="publication-question">{t('staff.publishConfirm', { activity: c.activity.name, period: c.period.label })}</p>
          <ButtonGroup>
            <Button busy={form.busy} onClick={() => void publish()}>
              {t('staff.confirm')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t('staff.cancel')}
            </Button>
          </ButtonGroup>
        </div>
      )}
    </section>
  );
}

/** « lundi 6 juillet » for a day of the tables. */
export function dayText(day: string): string {
  return dayLabel(day);
}
