import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChildHistoryEntry } from '../../shared/child-contracts.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { ChildRecordView, childName } from '../views/child-view.js';
import { formatDateTime } from '../i18n/format.js';
import { Button, ButtonLink } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { StatusMessage } from '../ui/status-message.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { historyLabel, historyValue } from './child-history-words.js';
import { StaffHouseholds } from './child-households.js';
import '../ui/records.css';

/** The whole child record for the staff (this read is written to the audit log), and the history of changes. */
export function StaffChildPage({ childId }: { childId: string }) {
  const { t } = useTranslation('staff');
  const id = encodeURIComponent(childId);
  const child = useResource('staffChildren.get', { params: { childId } });
  const title = child.status === 404 ? t('child.notFound') : child.data ? t('child.titleNamed', { name: childName(child.data) }) : t('child.title');
  usePageTitle(title);

  return (
    <>
      <Link to="/agent/enfants" className="back-link">
        {t('child.back')}
      </Link>
      <PageHeading>{title}</PageHeading>
      <LoadState loading={child.loading} error={child.error} />
      {child.data && (
        <>
          <StatusMessage tone="info">
            <p>{t('child.healthNotice')}</p>
          </StatusMessage>
          <ul className="link-list">
            <li>
              <Link to={`/agent/familles/${encodeURIComponent(child.data.familyId)}`}>{t('child.familyLink')}</Link>
            </li>
          </ul>
          <ButtonLink to={`/agent/enfants/${id}/fiche-urgence`}>{t('child.emergencySheet')}</ButtonLink>
          <ChildRecordView child={child.data} />
          <p className="muted">
            {t('child.dates', { created: formatDateTime(child.data.createdAt), updated: formatDateTime(child.data.updatedAt) })}
          </p>
          <StaffHouseholds childId={childId} />
          <History childId={childId} />
        </>
      )}
    </>
  );
}

/** The history is loaded on request: reading it is itself an audited access to health data. */
function History({ childId }: { childId: string }) {
  const { t } = useTranslation(['staff', 'labels', 'common']);
  const [entries, setEntries] = useState<ChildHistoryEntry[] | null>(null);
  const form = useForm();

  function load() {
    void form.submit(async () => setEntries(await call('staffChildren.history', { params: { childId } })));
  }

  return (
    <section aria-labelledby="historique">
      <h2 id="historique">{t('child.history.title')}</h2>
      <ErrorSummary {...form.summary} />
      {entries === null ? (
        <>
          <p>{t('child.history.intro')}</p>
          <Button variant="secondary" busy={form.busy} onClick={() => void load()}>
            {t('child.history.show')}
          </Button>
        </>
      ) : entries.length === 0 ? (
        <p className="empty" role="status">
          {t('child.history.empty')}
        </p>
      ) : (
        <Table
          caption={t('child.history.caption', { count: entries.length })}
          head={[
            t('child.history.head.date'),
            t('child.history.head.by'),
            t('child.history.head.information'),
            t('child.history.head.oldValue'),
            t('child.history.head.newValue'),
          ]}
        >
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at)}</td>
              <td>
                {e.actorName ?? <span className="muted">{t('child.history.unknown')}</span>}
                {e.actorKind === 'staff' ? ` ${t('child.history.byStaff')}` : e.actorKind === 'family' ? ` ${t('child.history.byFamily')}` : ''}
              </td>
              <td>{historyLabel(t, e.field, e.label)}</td>
              <td>{historyValue(t, e.field, e.oldValue) ?? <span className="muted">{t('child.history.emptyValue')}</span>}</td>
              <td>{historyValue(t, e.field, e.newValue) ?? <span className="muted">{t('child.history.emptyValue')}</span>}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
