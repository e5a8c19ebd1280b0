import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { DateInput } from '../ui/date-input.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field, TextArea } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { formatDay } from '../i18n/format.js';
import { INBOX_PATH } from './inbox.js';

/** « Actualités » (issue 14): news for the families' home page, each with its publication window. */
export function NewsPage() {
  const { t } = useTranslation('messages');
  const list = useResource('news.list');
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm({ title: '', body: '', publishFrom: '', publishUntil: '' });
  usePageTitle(t('newsAdmin.title'), form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setStatus(null);
    void form.submit(
      async () => {
        const v = form.values;
        const body = { title: v.title, body: v.body, publishFrom: v.publishFrom, publishUntil: v.publishUntil || null };
        if (editing) await call('news.update', { params: { newsId: editing }, body });
        else await call('news.create', { body });
        form.setValues({ title: '', body: '', publishFrom: '', publishUntil: '' });
        setEditing(null);
        setStatus(t('newsAdmin.saved'));
        list.reload();
      },
      { required: ['title', 'body', 'publishFrom'] },
    );
  }

  async function remove(id: string) {
    setStatus(null);
    await call('news.remove', { params: { newsId: id } });
    setStatus(t('newsAdmin.removed'));
    list.reload();
  }

  return (
    <>
      <Link to={INBOX_PATH} className="back-link">
        {t('staffThread.back')}
      </Link>
      <PageHeading>{t('newsAdmin.title')}</PageHeading>
      <p>{t('newsAdmin.intro')}</p>
      {status && <StatusMessage>{status}</StatusMessage>}
      <LoadState loading={list.loading && !list.data} error={list.error} />
      {list.data &&
        (list.data.length === 0 ? (
          <p className="empty">{t('newsAdmin.none')}</p>
        ) : (
          <Table caption={t('newsAdmin.caption')} captionHidden head={[t('newsAdmin.titleLabel'), t('newsAdmin.published'), t('newsAdmin.actions')]}>
            {list.data.map((n) => (
              <tr key={n.id}>
                <td>
                  <strong>{n.title}</strong>
                  <br />
                  {n.body}
                </td>
                <td>{n.publishUntil ? t('newsAdmin.window', { from: formatDay(n.publishFrom), until: formatDay(n.publishUntil) }) : t('newsAdmin.windowOpen', { from: formatDay(n.publishFrom) })}</td>
                <td>
                  <ButtonGroup>
                    <Button
                      variant="secondary"
                      aria-label={`${t('newsAdmin.edit')} — ${n.title}`}
                      onClick={() => {
                        setEditing(n.id);
                        form.setValues({ title: n.title, body: n.body, publishFrom: n.publishFrom, publishUntil: n.publishUntil ?? '' });
                      }}
                    >
                      {t('newsAdmin.edit')}
                    </Button>
                    <Button variant="warning" aria-label={`${t('newsAdmin.remove')} — ${n.title}`} onClick={() => void remove(n.id)}>
                      {t('newsAdmin.remove')}
                    </Button>
                  </ButtonGroup>
                </td>
              </tr>
            ))}
          </Table>
        ))}
      <form noValidate onSubmit={onSubmit} className="form--wide">
        <h2>{editing ? t('newsAdmin.edit') : t('newsAdmin.newTitle')}</h2>
        <ErrorSummary {...form.summary} />
        <Field {...form.field('title')} label={t('newsAdmin.titleLabel')} required maxLength={120} />
        <TextArea {...form.field('body')} label={t('newsAdmin.body')} required rows={5} maxLength={5000} />
        <DateInput {...form.field('publishFrom')} label={t('newsAdmin.from')} required />
        <DateInput {...form.field('publishUntil')} label={t('newsAdmin.until')} hint={t('newsAdmin.untilHint')} />
        <Button type="submit" busy={form.busy}>
          {editing ? t('newsAdmin.save') : t('newsAdmin.add')}
        </Button>
      </form>
    </>
  );
}
