import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { useForm } from '../ui/use-form.js';
import { freeGuardianRanks, InvitationsTable, InviteMemberForm, MembersTable, RightsDialog, type InviteValues } from '../views/members-view.js';
import type { FamilyMember } from '../../shared/member-contracts.js';

/** The staff's family page, « Membres du foyer » (issue 11): members and rights, invitations, invite a member. */
export function StaffMembers({ familyId }: { familyId: string }) {
  const { t } = useTranslation('members');
  const data = useResource('staffMembers.list', { params: { familyId } });
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<FamilyMember | null>(null);
  const [removing, setRemoving] = useState<FamilyMember | null>(null);
  const action = useForm();
  const invite = useForm<InviteValues>({ email: '', guardianRank: '' });
  const members = data.data?.members ?? [];
  const invitations = data.data?.invitations ?? [];
  const freeRanks = freeGuardianRanks(members, invitations);

  function withdraw(id: string, email: string) {
    setNotice(null);
    void action.submit(async () => {
      await call('staffMembers.withdraw', { params: { familyId, invitationId: id } });
      setNotice(t('invitations.withdrawn', { email }));
      data.reload();
    });
  }

  function remove() {
    const m = removing;
    if (!m) return;
    void action
      .submit(async () => {
        await call('staffMembers.remove', { params: { familyId, accountId: m.accountId } });
        setNotice(t('remove.done', { name: m.displayName }));
        data.reload();
      })
      .finally(() => setRemoving(null));
  }

  return (
    <section aria-labelledby="membres-du-foyer">
      <h2 id="membres-du-foyer">{t('title')}</h2>
      {notice && <StatusMessage>{notice}</StatusMessage>}
      <ErrorSummary {...action.summary} />
      <LoadState loading={data.loading} error={data.error} />
      {data.data && (
        <>
          <MembersTable
            members={members}
            actions={(m) => (
              <ButtonGroup>
                {m.role === 'member' && (
                  <Button variant="secondary" onClick={() => setEditing(m)}>
                    {t('editRights.open', { name: m.displayName })}
                  </Button>
                )}
                {members.length > 1 && (
                  <Button variant="secondary" onClick={() => setRemoving(m)}>
                    {t('remove.open', { name: m.displayName })}
                  </Button>
                )}
              </ButtonGroup>
            )}
          />
          <h3>{t('invitations.title')}</h3>
          <InvitationsTable
            invitations={invitations}
            actions={(i) => (
              <Button variant="secondary" busy={action.busy} onClick={() => withdraw(i.id, i.email)}>
                {t('invitations.withdraw', { email: i.email })}
              </Button>
            )}
          />
          {freeRanks.length > 0 && (
            <>
              <h3>{t('invite.title')}</h3>
              <InviteMemberForm
                form={invite}
                freeRanks={freeRanks}
                onStart={() => setNotice(null)}
                send={async (body) => void (await call('staffMembers.invite', { params: { familyId }, body }))}
                onSent={(email) => (setNotice(t('invite.sent', { email })), data.reload())}
              />
            </>
          )}
        </>
      )}
      {editing && <RightsDialog member={editing} save={(rights) => call('staffMembers.setRights', { params: { familyId, accountId: editing.accountId }, body: rights })} onClose={() => setEditing(null)} onSaved={(name) => (setNotice(t('editRights.saved', { name })), data.reload())} />}
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
    </section>
  );
}
