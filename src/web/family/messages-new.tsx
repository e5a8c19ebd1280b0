import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { DOCUMENT_FILE_ACCEPT } from '../i18n/document-labels.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary, type SummaryError } from '../ui/error-summary.js';
import { Field, SelectField, TextArea } from '../ui/field.js';
import { FilePicker } from '../ui/file-picker.js';
import { LoadState } from '../ui/loading.js';
import { useForm } from '../ui/use-form.js';
import { checkFiles } from './document-files.js';
import { clickKey, MESSAGES_PATH, sendMessageForm } from './messages-upload.js';
import { errorMessage } from '../api/client.js';

/** « Écrire à la mairie » (issue 14): a topic, a subject, the text and optional attachments. */
export function NewMessagePage() {
  const { t } = useTranslation(['messages', 'common']);
  const list = useResource('messages.list');
  const form = useForm({ topicId: '', subject: '', body: '' });
  const [files, setFiles] = useState<File[]>([]);
  // one key per page: a double click, or sending again after a network error, makes one thread
  const [key] = useState(clickKey);
  usePageTitle(t('new.title'), form.errors.length > 0);

  function check(v: { topicId: string; subject: string; body: string }): SummaryError[] {
    const problems: SummaryError[] = [];
    if (!v.topicId) problems.push({ path: 'topicId', message: errorMessage('required', 'topicId') });
    if (!v.subject.trim()) problems.push({ path: 'subject', message: errorMessage('required', 'subject') });
    if (!v.body.trim()) problems.push({ path: 'body', message: errorMessage('required', 'body') });
    return [...problems, ...(files.length ? checkFiles(files) : [])];
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        const body = new FormData();
        body.append('topicId', form.values.topicId);
        body.append('subject', form.values.subject);
        body.append('body', form.values.body);
        body.append('clientKey', key);
        for (const f of files) body.append('files', f, f.name);
        const thread = await sendMessageForm('messages.start', body);
        navigate(`${MESSAGES_PATH}/${thread.id}`, { flash: t('new.sent') });
      },
      { check, mapErrors: (list) => list.map((x) => (x.path && /^files/.test(x.path) ? { ...x, path: 'files' } : x)) },
    );
  }

  return (
    <>
      <Link to={MESSAGES_PATH} className="back-link">
        {t('thread.back')}
      </Link>
      <PageHeading>{t('new.title')}</PageHeading>
      <LoadState loading={list.loading && !list.data} error={list.error} />
      {list.data && (
        <form noValidate onSubmit={onSubmit} className="form--wide">
          <ErrorSummary {...form.summary} />
          <p>{t('new.intro')}</p>
          <SelectField
            {...form.field('topicId')}
            label={t('new.topic')}
            required
            placeholder={t('new.topicPlaceholder')}
            options={list.data.topics.map((x) => ({ value: x.id, label: x.label }))}
          />
          <Field {...form.field('subject')} label={t('new.subject')} required maxLength={120} />
          <TextArea {...form.field('body')} label={t('new.body')} hint={t('new.bodyHint')} required rows={8} maxLength={5000} />
          <FilePicker name="files" label={t('new.files')} hint={t('new.filesHint')} accept={DOCUMENT_FILE_ACCEPT} files={files} onFilesChange={setFiles} error={form.errorFor('files')} />
          <ButtonGroup>
            <Button type="submit" busy={form.busy}>
              {t('new.send')}
            </Button>
            <Link to={MESSAGES_PATH}>{t('new.cancel')}</Link>
          </ButtonGroup>
        </form>
      )}
    </>
  );
}
