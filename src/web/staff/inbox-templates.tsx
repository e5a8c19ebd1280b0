import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field, TextArea } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { useForm } from '../ui/use-form.js';
import { INBOX_PATH } from './inbox.js';
import '../ui/messages.css';
import './inbox.css';

/** « Modèles de réponse » (issue 14): ready-made answers for the inbox. */
export function InboxTemplatesPage() {
  const { t } = useTranslation('messages');
  const list = useResource('inbox.templates');
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm({ title: '', body: '' });
  usePageTitle(t('templates.title'), form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setStatus(null);
    void form.submit(
      async () => {
        const body = { title: form.values.title, body: form.values.body };
        if (editing) await call('inbox.updateTemplate', { params: { templateId: editing }, body });
        else await call('inbox.createTemplate', { body });
        form.setValues({ title: '', body: '' });
        setEditing(null);
        setStatus(t('templates.saved'));
        list.reload();
      },
      { required: ['title', 'body'] },
    );
  }

  async function remove(id: string) {
    setStatus(null);
    await call('inbox.removeTemplate', { params: { templateId: id } });
    setStatus(t('templates.removed'));
    list.reload();
  }

  return (
    <>
      <Link to={INBOX_PATH} className="back-link">
        {t('templates.back')}
      </Link>
      <PageHeading>{t('templates.title')}</PageHeading>
      <p>{t('templates.intro')}</p>
      {status && <StatusMessage>{status}</StatusMessage>}
      <LoadState loading={list.loading && !list.data} error={list.error} />
      {list.data &&
        (list.data.length === 0 ? (
          <p className="empty">{t('templates.none')}</p>
        ) : (
          <ul className="message-list">
            {list.data.map((tpl) => (
              <li key={tpl.id} className="message">
                <h2>{tpl.title}</h2>
                <p style={{ whiteSpace: 'pre-line' }}>{tpl.body}</p>
                <ButtonGroup>
                  <Button
                    variant="secondary"
                    aria-label={`${t('templates.edit')} — ${tpl.title}`}
                    onClick={() => {
                      setEditing(tpl.id);
                      form.setValues({ title: tpl.title, body: tpl.body });
                    }}
                  >
                    {t('templates.edit')}
                  </Button>
                  <Button variant="warning" aria-label={`${t('templates.remove')} — ${tpl.title}`} onClick={() => void remove(tpl.id)}>
                    {t('templates.remove')}
                  </Button>
                </ButtonGroup>
              </li>
            ))}
          </ul>
        ))}
      <form noValidate onSubmit={onSubmit} className="form--wide">
        <h2>{editing ? t('templates.edit') : t('templates.newTitle')}</h2>
        <ErrorSummary {...form.summary} />
        <Field {...form.field('title')} label={t('templates.titleLabel')} required maxLength={80} />
        <TextArea {...form.field('body')} label={t('templates.body')} required rows={6} maxLength={5000} />
        <Button type="submit" busy={form.busy}>
          {editing ? t('templates.save') : t('templates.add')}
        </Button>
      </form>
    </>
  );
}
