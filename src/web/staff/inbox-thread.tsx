import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Checkbox, SelectField, TextArea } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage, StatusTag } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { formatBytes } from '../ui/file-size.js';
import { formatDateTime } from '../i18n/format.js';
import { INBOX_PATH } from './inbox.js';
import type { StaffThread } from '../../shared/messages-contracts.js';
import '../ui/messages.css';
import './inbox.css';

function newKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** One exchange for staff (issue 14): messages and internal notes, who read what, assignment, open/closed, answer with a template. */
export function InboxThreadPage({ threadId }: { threadId: string }) {
  const { t } = useTranslation('messages');
  const loaded = useResource('inbox.thread', { params: { threadId } });
  const templates = useResource('inbox.templates');
  const [thread, setThread] = useState<StaffThread | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState('');
  const [internal, setInternal] = useState(false);
  const [assignTo, setAssignTo] = useState<string | null>(null);
  const [key, setKey] = useState(newKey);
  const form = useForm({ body: '' });
  const data = thread ?? loaded.data;
  usePageTitle(data?.subject ?? t('inbox.title'), form.errors.length > 0);

  function insertTemplate() {
    const tpl = templates.data?.find((x) => x.id === templateId);
    if (tpl) form.set('body', form.values.body ? `${form.values.body}\n\n${tpl.body}` : tpl.body);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!data) return;
    setStatus(null);
    void form.submit(
      async () => {
        const r = await call('inbox.reply', { params: { threadId }, body: { body: form.values.body, internal, clientKey: key, expectedLast: data.lastMessageAt } });
        setThread(r);
        form.set('body', '');
        setKey(newKey());
        setStatus(internal ? t('staffThread.noteSaved') : t('staffThread.sent'));
        setInternal(false);
      },
      {
        required: ['body'],
        // a colleague answered meanwhile: show the thread as it is now, above the kept draft
        mapErrors: (list, err) => {
          if ((err as { code?: string }).code === 'messages.answered_meanwhile') loaded.reload();
          return list;
        },
      },
    );
  }

  async function act(run: () => Promise<StaffThread>, done: string) {
    setStatus(null);
    try {
      setThread(await run());
      setStatus(done);
    } catch (e) {
      form.fail([{ message: (e as Error).message }]);
    }
  }

  return (
    <>
      <Link to={INBOX_PATH} className="back-link">
        {t('staffThread.back')}
      </Link>
      <LoadState loading={loaded.loading && !data} error={loaded.error} />
      {data && (
        <>
          <PageHeading>{data.subject}</PageHeading>
          {status && <StatusMessage>{status}</StatusMessage>}
          <p>
            {t('staffThread.family', { name: data.familyName })} — <Link to={`/agent/familles/${data.familyId}`}>{t('staffThread.familyLink')}</Link>
            <br />
            {t('staffThread.topic', { topic: data.kind === 'announcement' ? t('list.announcement') : data.topicLabel })} —{' '}
            {data.state === 'closed' ? t('inbox.states.closed') : t(`inbox.waitingOn.${data.waitingOn}`)}
          </p>
          <ol className="message-list" aria-label={t('staffThread.messagesCaption')}>
            {data.messages.map((m) => (
              <li key={m.id} className={`message message--${m.internal ? 'note' : m.author}`}>
                <p className="message__meta">
                  <strong>{t('thread.from', { name: m.authorName, date: formatDateTime(m.createdAt) })}</strong>
                  {m.internal && <> — {t('staffThread.note')}</>}
                  {!m.internal && (
                    <>
                      {' '}
                      —{' '}
                      <StatusTag tone={m.read ? 'success' : 'neutral'}>
                        {m.author === 'staff' ? (m.read ? t('staffThread.readByFamily') : t('staffThread.notReadByFamily')) : m.read ? t('staffThread.readByCity') : t('staffThread.notReadByCity')}
                      </StatusTag>
                    </>
                  )}
                </p>
                <div className="message__body">
                  {m.body.split(/\n{2,}/).map((para, i) => (
                    <p key={i} style={{ whiteSpace: 'pre-line' }}>
                      {para}
                    </p>
                  ))}
                </div>
                {m.attachments.length > 0 && (
                  <ul className="link-list" aria-label={t('thread.attachments')}>
                    {m.attachments.map((a) => (
                      <li key={a.id}>
                        <a href={fileUrl('inbox.file', { params: { fileId: a.id } })} download>
                          {a.fileName}
                        </a>{' '}
                        ({formatBytes(a.size)})
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>

          <form noValidate onSubmit={onSubmit} className="form--wide">
            <h2>{t('staffThread.reply')}</h2>
            <ErrorSummary {...form.summary} />
            {templates.data && templates.data.length > 0 && (
              <div className="inline-action">
                <SelectField
                  name="templateId"
                  label={t('staffThread.template')}
                  placeholder={t('staffThread.templatePlaceholder')}
                  value={templateId}
                  onValueChange={setTemplateId}
                  options={templates.data.map((x) => ({ value: x.id, label: x.title }))}
                />
                <Button variant="secondary" onClick={insertTemplate}>
                  {t('staffThread.insert')}
                </Button>
              </div>
            )}
            <TextArea {...form.field('body')} label={t('staffThread.body')} required rows={8} maxLength={5000} />
            <Checkbox name="internal" label={t('staffThread.internal')} checked={internal} onCheckedChange={setInternal} />
            <Button type="submit" busy={form.busy}>
              {t('staffThread.send')}
            </Button>
          </form>

          <h2>{t('staffThread.assign')}</h2>
          <div className="inline-action">
            <SelectField
              name="assignedTo"
              label={t('staffThread.assign')}
              value={assignTo ?? data.assignedTo ?? ''}
              onValueChange={setAssignTo}
              options={[{ value: '', label: t('staffThread.nobody') }, ...data.agents.map((a) => ({ value: a.id, label: a.name }))]}
            />
            <Button variant="secondary" onClick={() => void act(() => call('inbox.assign', { params: { threadId }, body: { assignedTo: (assignTo ?? data.assignedTo ?? '') || null } }), t('staffThread.assigned'))}>
              {t('staffThread.assignButton')}
            </Button>
          </div>
          <ButtonGroup>
            {data.state === 'open' ? (
              <Button variant="secondary" onClick={() => void act(() => call('inbox.state', { params: { threadId }, body: { state: 'closed' } }), t('staffThread.closed'))}>
                {t('staffThread.close')}
              </Button>
            ) : (
              <Button variant="secondary" onClick={() => void act(() => call('inbox.state', { params: { threadId }, body: { state: 'open' } }), t('staffThread.reopened'))}>
                {t('staffThread.reopen')}
              </Button>
            )}
          </ButtonGroup>

          <Table caption={t('staffThread.readsCaption')} head={[t('staffThread.who'), t('staffThread.when')]}>
            {data.reads.map((r, i) => (
              <tr key={i}>
                <td>{r.kind === 'family' ? t('staffThread.familyReader', { name: r.who }) : r.who}</td>
                <td>{formatDateTime(r.readAt)}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </>
  );

}
