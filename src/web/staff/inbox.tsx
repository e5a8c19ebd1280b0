import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { Button } from '../ui/button.js';
import { Field, SelectField } from '../ui/field.js';
import { Fieldset } from '../ui/fieldset.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage, StatusTag } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { formatDateTime } from '../i18n/format.js';
import type { InboxQuery } from '../../shared/messages-contracts.js';

export const INBOX_PATH = '/agent/messagerie';

type Filter = NonNullable<InboxQuery['filter']>;
type State = NonNullable<InboxQuery['state']>;
const FILTERS: Filter[] = ['all', 'waiting', 'unread', 'mine', 'unassigned'];
const STATES: State[] = ['open', 'closed', 'all'];

/** « Messagerie des familles » (issue 14): counts per topic, filters, search, the threads. */
export function InboxPage() {
  const { t } = useTranslation('messages');
  const flash = useFlash();
  const [draft, setDraft] = useState({ topicId: '', filter: 'all' as Filter, state: 'open' as State, q: '' });
  const [query, setQuery] = useState(draft);
  const inbox = useResource('inbox.list', { query: { topicId: query.topicId || undefined, filter: query.filter, state: query.state, q: query.q || undefined } });
  usePageTitle(t('inbox.title'));

  function apply(e: FormEvent) {
    e.preventDefault();
    setQuery(draft);
  }

  const data = inbox.data;
  return (
    <>
      <PageHeading>{t('inbox.title')}</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <p>{t('inbox.intro')}</p>
      <ul className="link-list">
        <li>
          <Link to={`${INBOX_PATH}/modeles`}>{t('inbox.templates')}</Link>
        </li>
        <li>
          <Link to={`${INBOX_PATH}/sujets`}>{t('inbox.topics')}</Link>
        </li>
        <li>
          <Link to="/agent/annonces">{t('inbox.announcements')}</Link>
        </li>
        <li>
          <Link to="/agent/actualites">{t('inbox.news')}</Link>
        </li>
      </ul>
      <LoadState loading={inbox.loading && !data} error={inbox.error} />
      {data && (
        <>
          <Table caption={t('inbox.countsCaption')} head={[t('inbox.topic'), t('inbox.waiting'), t('inbox.unread'), t('inbox.open')]}>
            {data.counts.map((c) => (
              <tr key={c.topicId}>
                <th scope="row">{c.label}</th>
                <td>{c.waiting}</td>
                <td>{c.unread}</td>
                <td>{c.open}</td>
              </tr>
            ))}
          </Table>
          <form onSubmit={apply} className="form--wide" role="search">
            <Fieldset legend={t('inbox.filterLegend')}>
              <SelectField
                name="topicId"
                label={t('inbox.filterTopic')}
                value={draft.topicId}
                onValueChange={(v) => setDraft({ ...draft, topicId: v })}
                options={[{ value: '', label: t('inbox.allTopics') }, ...data.topics.map((x) => ({ value: x.id, label: x.label }))]}
              />
              <SelectField name="filter" label={t('inbox.filter')} value={draft.filter} onValueChange={(v) => setDraft({ ...draft, filter: v as Filter })} options={FILTERS.map((f) => ({ value: f, label: t(`inbox.filters.${f}`) }))} />
              <SelectField name="state" label={t('inbox.stateLabel')} value={draft.state} onValueChange={(v) => setDraft({ ...draft, state: v as State })} options={STATES.map((s) => ({ value: s, label: t(`inbox.states.${s}`) }))} />
              <Field name="q" label={t('inbox.search')} value={draft.q} onValueChange={(v) => setDraft({ ...draft, q: v })} maxLength={100} />
              <Button type="submit" variant="secondary">
                {t('inbox.apply')}
              </Button>
            </Fieldset>
          </form>
          {data.threads.length === 0 ? (
            <p className="empty">{t('inbox.none')}</p>
          ) : (
            <Table caption={t('inbox.caption')} head={[t('inbox.subject'), t('inbox.family'), t('inbox.topic'), t('inbox.status'), t('inbox.assigned'), t('inbox.last')]}>
              {data.threads.map((th) => (
                <tr key={th.id}>
                  <td>
                    <Link to={`${INBOX_PATH}/${th.id}`}>{th.subject}</Link> {th.unread && <StatusTag tone="info">{t('staffThread.notReadByCity')}</StatusTag>}
                  </td>
                  <td>{th.familyName}</td>
                  <td>{th.topicLabel}</td>
                  <td>{th.state === 'closed' ? t('inbox.states.closed') : t(`inbox.waitingOn.${th.waitingOn}`)}</td>
                  <td>{th.assignedName ?? t('inbox.nobody')}</td>
                  <td>{formatDateTime(th.lastMessageAt)}</td>
                </tr>
              ))}
            </Table>
          )}
        </>
      )}
    </>
  );
}
