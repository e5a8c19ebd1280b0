import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Checkbox, Field } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { INBOX_PATH } from './inbox.js';

/**
 * « Sujets des messages » (issue 14): the subjects a family chooses from when it writes to the city. A subject is
 * renamed or withdrawn, never deleted (its threads keep it); a withdrawn one is no longer offered to families.
 * Agents read the list; an administrator changes it (the server's access table says the same).
 */
export function InboxTopicsPage() {
  const { t } = useTranslation('messages');
  const list = useResource('inbox.topics');
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { account } = useSession();
  const isAdmin = account?.role === 'admin';
  const form = useForm({ label: '', active: true });
  usePageTitle(t('topics.title'), form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setStatus(null);
    void form.submit(
      async () => {
        const body = { label: form.values.label, active: form.values.active };
        if (editing) await call('inbox.updateTopic', { params: { topicId: editing }, body });
        else await call('inbox.createTopic', { body });
        form.setValues({ label: '', active: true });
        setEditing(null);
        setStatus(t('topics.saved', { label: body.label }));
        list.reload();
      },
      { required: ['label'] },
    );
  }

  async function toggle(id: string, label: string, active: boolean) {
    setStatus(null);
    await call('inbox.updateTopic', { params: { topicId: id }, body: { label, active } });
    setStatus(active ? t('topics.offered', { label }) : t('topics.withdrawn', { label }));
    list.reload();
  }

  return (
    <>
      <Link to={INBOX_PATH} className="back-link">
        {t('topics.back')}
      </Link>
      <PageHeading>{t('topics.title')}</PageHeading>
      <p>{t('topics.intro')}</p>
      {status && <StatusMessage>{status}</StatusMessage>}
      <LoadState loading={list.loading && !list.data} error={list.error} />
      {list.data && (
        <Table caption={t('topics.caption')} head={isAdmin ? [t('topics.label'), t('topics.state'), t('topics.actions')] : [t('topics.label'), t('topics.state')]}>
          {list.data.map((topic) => (
            <tr key={topic.id}>
              <th scope="row">{topic.label}</th>
              <td>{topic.active ? t('topics.active') : t('topics.inactive')}</td>
              {isAdmin && (
                <td>
                  <ButtonGroup>
                    <Button
                      variant="secondary"
                      aria-label={`${t('topics.rename')} — ${topic.label}`}
                      onClick={() => {
                        setEditing(topic.id);
                        setStatus(null);
                        form.setValues({ label: topic.label, active: topic.active });
                      }}
                    >
                      {t('topics.rename')}
                    </Button>
                    <Button
                      variant={topic.active ? 'warning' : 'secondary'}
                      aria-label={`${topic.active ? t('topics.withdraw') : t('topics.offer')} — ${topic.label}`}
                      onClick={() => void toggle(topic.id, topic.label, !topic.active)}
                    >
                      {topic.active ? t('topics.withdraw') : t('topics.offer')}
                    </Button>
                  </ButtonGroup>
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      {!isAdmin && <p>{t('topics.adminOnly')}</p>}
      {isAdmin && (
        <form noValidate onSubmit={onSubmit} className="form--wide">
          <h2>{editing ? t('topics.editTitle') : t('topics.newTitle')}</h2>
          <ErrorSummary {...form.summary} />
          <Field {...form.field('label')} label={t('topics.labelField')} hint={t('topics.labelHint')} required maxLength={60} />
          <Checkbox name="active" label={t('topics.activeField')} checked={form.values.active} onCheckedChange={(v) => form.set('active', v)} />
          <ButtonGroup>
            <Button type="submit" busy={form.busy}>
              {editing ? t('topics.save') : t('topics.add')}
            </Button>
            {editing && (
              <Button
                variant="secondary"
                onClick={() => {
                  setEditing(null);
                  form.setValues({ label: '', active: true });
                }}
              >
                {t('topics.cancel')}
              </Button>
            )}
          </ButtonGroup>
        </form>
      )}
    </>
  );
}
