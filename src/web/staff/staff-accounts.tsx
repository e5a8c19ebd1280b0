import type { FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { StaffAccount } from '../../shared/contracts.js';
import { call, type BodyOf } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { formatDateTime } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field } from '../ui/field.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage, StatusTag } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { useRowAction } from '../ui/use-row-action.js';
import { StaffFactorsSection } from './staff-security.js';

const ROLES = ['agent', 'admin'] as const;

const STATUS_TONES = { pending: 'info', active: 'success', rejected: 'danger', disabled: 'neutral' } as const;

/** Staff accounts (administrators): invite an agent, change a role, disable or enable an account. */
export function StaffAccountsPage() {
  const { t } = useTranslation(['staff', 'labels']);
  const { account: me } = useSession();
  const list = useResource('staff.staffAccounts');
  const rows = (list.data ?? []);
  const form = useForm({ email: '', displayName: '', role: '' as '' | 'agent' | 'admin' });
  const action = useRowAction();
  const { done, setDone, busyId } = action;
  usePageTitle(t('staffAccounts.title'), form.errors.length > 0);

  function onCreate(e: FormEvent) {
    e.preventDefault();
    action.clear();
    void form.submit(async () => {
      // no role: the server says « obligatoire »
      await call('staff.createStaffAccount', { body: { ...form.values, role: (form.values.role || undefined) as BodyOf<'staff.createStaffAccount'>['role'] } });
      setDone(t('staffAccounts.invited', { email: form.values.email.trim() }));
      form.setValues({ email: '', displayName: '', role: '' });
      list.reload();
    });
  }

  function change(a: StaffAccount, body: { role?: 'admin' | 'agent'; disabled?: boolean }, message: string) {
    return action.run(
      a.id,
      async () => {
        await call('staff.updateStaffAccount', { params: { accountId: a.id }, body });
        return message;
      },
      list.reload,
    );
  }

  return (
    <>
      <Link to="/agent" className="back-link">
        {t('shared.dashboard')}
      </Link>
      <PageHeading>{t('staffAccounts.title')}</PageHeading>
      {done && <StatusMessage>{done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null && (
        <Table
          caption={t('staffAccounts.caption')}
          head={[
            t('staffAccounts.head.name'),
            t('staffAccounts.head.email'),
            t('staffAccounts.head.role'),
            t('staffAccounts.head.status'),
            t('staffAccounts.head.lastLogin'),
            t('shared.actions'),
          ]}
        >
          {rows.map((a) => {
            const self = a.id === me?.id;
            const otherRole = a.role === 'admin' ? 'agent' : 'admin';
            return (
              <tr key={a.id}>
                <td>
                  {a.displayName}
                  {self && <span className="muted"> {t('staffAccounts.you')}</span>}
                </td>
                <td>{a.email}</td>
                <td>{t(`labels:role.${a.role}`)}</td>
                <td>
                  <StatusTag tone={STATUS_TONES[a.status]}>{t(`labels:staffStatus.${a.status}`)}</StatusTag>
                </td>
                <td>{a.lastLoginAt ? formatDateTime(a.lastLoginAt) : <span className="muted">{t('staffAccounts.never')}</span>}</td>
                <td>
                  {self ? (
                    <span className="muted">{t('staffAccounts.noActionOnSelf')}</span>
                  ) : (
                    <>
                      <Button
                        variant="secondary"
                        className="button--small"
                        busy={busyId === a.id}
                        onClick={() => void change(a, { role: otherRole }, t('staffAccounts.roleChanged', { name: a.displayName, role: t(`labels:role.${otherRole}`).toLowerCase() }))}
                      >
                        <Trans
                          t={t}
                          i18nKey={otherRole === 'admin' ? 'staffAccounts.makeAdmin' : 'staffAccounts.makeAgent'}
                          values={{ name: a.displayName }}
                          components={{ hidden: <span className="visually-hidden" /> }}
                        />
                      </Button>
                      {a.status === 'disabled' ? (
                        <Button variant="secondary" className="button--small" busy={busyId === a.id} onClick={() => void change(a, { disabled: false }, t('staffAccounts.reactivated', { name: a.displayName }))}>
                          <Trans t={t} i18nKey="staffAccounts.reactivate" values={{ name: a.displayName }} components={{ hidden: <span className="visually-hidden" /> }} />
                        </Button>
                      ) : (
                        <Button variant="warning" className="button--small" busy={busyId === a.id} onClick={() => void change(a, { disabled: true }, t('staffAccounts.disabled', { name: a.displayName }))}>
                          <Trans t={t} i18nKey="staffAccounts.disable" values={{ name: a.displayName }} components={{ hidden: <span className="visually-hidden" /> }} />
                        </Button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
      )}

      {list.data !== null && <StaffFactorsSection accounts={rows} meId={me?.id} />}

      <h2>{t('staffAccounts.invite.title')}</h2>
      <p>{t('staffAccounts.invite.intro')}</p>
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={onCreate}>
        <Fieldset legend={t('staffAccounts.invite.legend')}>
          <Field
            {...form.field('email')}
            label={t('staffAccounts.invite.email')}
            required
            type="email"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
          />
          <Field {...form.field('displayName')} label={t('staffAccounts.invite.name')} hint={t('staffAccounts.invite.nameHint')} required autoComplete="off" />
          <Radios {...form.field('role')} legend={t('staffAccounts.invite.role')} required options={ROLES.map((value) => ({ value, label: t(`staffAccounts.roles.${value}`) }))} />
        </Fieldset>
        <Button type="submit" busy={form.busy}>
          {t('staffAccounts.invite.submit')}
        </Button>
      </form>
    </>
  );
}
