import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { useSession } from '../app/session.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { useForm } from '../ui/use-form.js';
import { freeGuardianRanks, InvitationsTable, InviteMemberForm, MembersTable, RightsDialog, type InviteValues } from '../views/members-view.js';
import type { FamilyMember } from '../../shared/member-contracts.js';

/** « Membres du foyer » (issue 11): the members and their rights, invitations, the invite form, leaving. */
export function MembersPage() {
  const { t } = useTranslation('members');
  const { account, setAccount } = useSession();
  const data = useResource('members.list');
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<FamilyMember | null>(null);
  const [removing, setRemoving] = useState<FamilyMember | null>(null);
  const [leaving, setLeaving] = useState(false);
  const action = useForm();
  const invite = useForm<InviteValues>({ email: '', guardianRank: '' });
  usePageTitle(t('title'), invite.errors.length > 0 || action.errors.length > 0);

  const holder = account?.member?.role === 'holder';
  const members = data.data?.members ?? [];
  const invitations = data.data?.invitations ?? [];
  const freeRanks = freeGuardianRanks(members, invitations);

  function withdraw(id: string, email: string) {
    setNotice(null);
    void action.submit(async () => {
      await call('members.withdraw', { params: { invitationId: id } });
      setNotice(t('invitations.withdrawn', { email }));
      data.reload();
    });
  }

  function remove() {
    const m = removing;
    if (!m) return;
    void action
      .submit(async () => {
        await call('members.remove', { params: { accountId: m.accountId } });
        setNotice(t('remove.done', { name: m.displayName }));
        data.reload();
      })
      .finally(() => setRemoving(null));
  }

  function leave() {
    void action
      .submit(async () => {
        await call('members.leave', {});
        setAccount(null);
        navigate('/', { replace: true, flash: t('leave.done') });
      })
      .finally(() => setLeaving(false));
  }

  return (
    <>
      <Link to="/famille" className="back-link">
        {t('back')}
      </Link>
      <PageHeading>{t('title')}</PageHeading>
      <p>{t('intro')}</p>
      {notice && <StatusMessage>{notice}</StatusMessage>}
      <ErrorSummary {...action.summary} />
      <LoadState loading={data.loading} error={data.error} />
      {data.data && (
        <>
          <MembersTable
            members={members}
            me={account?.id}
            actions={
              holder
                ? (m) =>
                    m.role === 'member' ? (
                      <ButtonGroup>
                        <Button variant="secondary" onClick={() => setEditing(m)}>
                          {t('editRights.open', { name: m.displayName })}
                        </Button>
                        <Button variant="secondary" onClick={() => setRemoving(m)}>
                          {t('remove.open', { name: m.displayName })}
                        </Button>
                      </ButtonGroup>
                    ) : null
                : undefined
            }
          />
          <p>
            <Link to="/famille/journal">{t('block.journal')}</Link>
          </p>

          <h2>{t('invitations.title')}</h2>
          <InvitationsTable
            invitations={invitations}
            actions={
              holder
                ? (i) => (
                    <Button variant="secondary" busy={action.busy} onClick={() => withdraw(i.id, i.email)}>
                      {t('invitations.withdraw', { email: i.email })}
                    </Button>
                  )
                : undefined
            }
          />

          <h2>{t('invite.title')}</h2>
          {!holder ? (
            <p>{t('invite.holderOnly')}</p>
          ) : freeRanks.length === 0 ? (
            <p>{t('invite.full')}</p>
          ) : (
            <InviteMemberForm
              form={invite}
              freeRanks={freeRanks}
              onStart={() => setNotice(null)}
              send={async (body) => void (await call('members.invite', { body }))}
              onSent={(email) => (setNotice(t('invite.sent', { email })), data.reload())}
            />
          )}

          <h2>{t('leave.title')}</h2>
          {members.length <= 1 ? (
            <p>{t('leave.lastMember')}</p>
          ) : (
            <>
              <p>{t('leave.text')}</p>
              <Button variant="secondary" onClick={() => setLeaving(true)}>
                {t('leave.open')}
              </Button>
            </>
          )}
        </>
      )}
      {editing && <RightsDialog member={editing} save={(rights) => call('members.setRights', { params: { accountId: editing.accountId }, body: rights })} onClose={() => setEditing(null)} onSaved={(name) => (setNotice(t('editRights.saved', { name })), data.reload())} />}
      <ConfirmDialog
        title={removing ? t('remove.title', { name: removing.displayName }) : ''}
        isOpen={removing !== null}
        confirmLabel={t('remove.confirm')}
        onConfirm={remove}
        onCancel={() => setRemoving(null)}
        busy={action.busy}
      >
        <p>{t('remove.text')}</p>
      </ConfirmDialog>
      <ConfirmDialog title={t('leave.confirmTitle')} isOpen={leaving} confirmLabel={t('leave.confirm')} onConfirm={leave} onCancel={() => setLeaving(false)} busy={action.busy}>
        <p>{t('leave.confirmText')}</p>
      </ConfirmDialog>
    </>
  );
}

