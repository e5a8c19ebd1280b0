import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { Button } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { TextArea } from '../ui/field.js';
import { FilePicker } from '../ui/file-picker.js';
import { DOCUMENT_FILE_ACCEPT } from '../i18n/document-labels.js';
import { checkFiles } from './document-files.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage, StatusTag } from '../ui/status-message.js';
import { useForm } from '../ui/use-form.js';
import { formatBytes } from '../ui/file-size.js';
import { formatDateTime } from '../i18n/format.js';
import { clickKey, MESSAGES_PATH, sendMessageForm } from './messages-upload.js';
import type { FamilyThread } from '../../shared/messages-contracts.js';
import '../ui/messages.css';

/** One exchange with the city (issue 14): its messages, « Lu » under the family's, attachments, the reply form. */
export function MessageThreadPage({ threadId }: { threadId: string }) {
  const { t } = useTranslation('messages');
  const loaded = useResource('messages.thread', { params: { threadId } });
  const [thread, setThread] = useState<FamilyThread | null>(null);
  const [sent, setSent] = useState(false);
  const flash = useFlash();
  const form = useForm({ body: '' });
  const [key, setKey] = useState(clickKey);
  const [files, setFiles] = useState<File[]>([]);
  const data = thread ?? loaded.data;
  usePageTitle(data?.subject ?? t('list.title'), form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSent(false);
    void form.submit(
      async () => {
        const body = new FormData();
        body.append('body', form.values.body);
        body.append('clientKey', key);
        for (const f of files) body.append('files', f, f.name);
        setThread(await sendMessageForm('messages.reply', body, threadId));
        form.set('body', '');
        setFiles([]);
        setKey(clickKey());
        setSent(true);
      },
      {
        required: ['body'],
        check: () => (files.length ? checkFiles(files) : []),
        mapErrors: (list) => list.map((x) => (x.path && /^files/.test(x.path) ? { ...x, path: 'files' } : x)),
      },
    );
  }

  return (
    <>
      <Link to={MESSAGES_PATH} className="back-link">
        {t('thread.back')}
      </Link>
      <LoadState loading={loaded.loading && !data} error={loaded.error} />
      {data && (
        <>
          <PageHeading>{data.subject}</PageHeading>
          {flash && <StatusMessage>{flash}</StatusMessage>}
          <p>{data.kind === 'announcement' ? t('list.announcement') : data.topicLabel}</p>
          <ol className="message-list" aria-label={t('thread.messagesCaption')}>
            {data.messages.map((m) => (
              <li key={m.id} className={`message message--${m.author}`}>
                <p className="message__meta">
                  <strong>{t('thread.from', { name: m.author === 'staff' ? `${m.authorName} (${t('thread.city')})` : m.authorName, date: formatDateTime(m.createdAt) })}</strong>
                  {m.author === 'family' && <> — <StatusTag tone={m.read ? 'success' : 'neutral'}>{m.read ? t('thread.read') : t('thread.notRead')}</StatusTag></>}
                </p>
                <div className="message__body">
                  {m.body.split(/\n{2,}/).map((para, i) => (
                    <p key={i}>
                      {para.split('\n').map((line, j) => (
                        <span key={j}>
                          {j > 0 && <br />}
                          {line}
                        </span>
                      ))}
                    </p>
                  ))}
                </div>
                {m.attachments.length > 0 && (
                  <ul className="link-list" aria-label={t('thread.attachments')}>
                    {m.attachments.map((a) => (
                      <li key={a.id}>
                        <a href={fileUrl('messages.file', { params: { fileId: a.id } })} download>
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
          {data.kind === 'announcement' ? (
            <p>{t('thread.announcementNoReply')}</p>
          ) : (
            <form noValidate onSubmit={onSubmit} className="form--wide">
              <h2>{t('thread.reply')}</h2>
              {sent && <StatusMessage>{t('thread.sent')}</StatusMessage>}
              <ErrorSummary {...form.summary} />
              {data.state === 'closed' && <p>{t('thread.closedNote')}</p>}
              <TextArea {...form.field('body')} label={t('thread.replyLabel')} required rows={6} maxLength={5000} />
              <FilePicker name="files" label={t('new.files')} hint={t('new.filesHint')} accept={DOCUMENT_FILE_ACCEPT} files={files} onFilesChange={setFiles} error={form.errorFor('files')} />
              <Button type="submit" busy={form.busy}>
                {t('thread.send')}
              </Button>
            </form>
          )}
        </>
      )}
    </>
  );
}
