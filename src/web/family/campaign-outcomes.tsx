/**
 * « Résultats de mes demandes » (issue 12): for each published campaign, each wish's outcome in plain words with its
 * reason, the seed and the rules used, and where the child stands today — its waiting-list rank moves as places free.
 */
import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { dayLabel } from '../i18n/fr.js';
import { formatDateTime } from '../i18n/format.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';
import '../ui/campaigns.css';

export function CampaignOutcomesPage() {
  const { t } = useTranslation('campaigns');
  usePageTitle(t('outcomes.title'));
  const outcomes = useResource('campaigns.outcomes');
  return (
    <>
      <Link to="/famille" className="back-link">
        {t('wishes.back')}
      </Link>
      <PageHeading>{t('outcomes.title')}</PageHeading>
      <LoadState loading={outcomes.loading && !outcomes.data} error={outcomes.error} />
      {outcomes.data && outcomes.data.length === 0 && <p className="empty">{t('outcomes.none')}</p>}
      {outcomes.data && outcomes.data.length > 0 && <p>{t('outcomes.rankMoves')}</p>}
      {outcomes.data?.map((c) => (
        <section key={c.campaignId} aria-labelledby={`campagne-${c.campaignId}`}>
          <h2 id={`campagne-${c.campaignId}`}>
            {c.activityName} — {c.periodLabel}
          </h2>
          <p>{t('outcomes.published', { day: formatDateTime(c.publishedAt) })}</p>
          <Table
            caption={t('outcomes.caption', { activity: c.activityName, period: c.periodLabel })}
            head={[t('outcomes.child'), t('outcomes.day'), t('outcomes.unit'), t('outcomes.result'), t('outcomes.now')]}
          >
            {c.items.map((i) => (
              <tr key={`${i.childId}-${i.day}-${i.unitLabel}`}>
                <th scope="row">{i.childName}</th>
                <td>{dayLabel(i.day)}</td>
                <td>{i.unitLabel}</td>
                <td>{i.text}</td>
                <td>
                  {i.now === 'accepted'
                    ? t('outcomes.nowAccepted')
                    : i.now === 'pending'
                      ? t('outcomes.nowPending')
                      : i.now === 'waitlisted'
                        ? t('outcomes.nowWaitlisted', { rank: i.rankNow ?? 0 })
                        : t('outcomes.nowNone')}
                </td>
              </tr>
            ))}
          </Table>
          <details className="campaign-rules">
            <summary>{t('outcomes.rulesTitle')}</summary>
            <ul>
              {c.rules.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <p>{t('outcomes.seed', { seed: c.seed, text: c.seedText })}</p>
          </details>
        </section>
      ))}
    </>
  );
}
