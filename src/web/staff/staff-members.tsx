import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field } from '../ui/field.js';
import { Radios } from '../ui/fieldset.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { useForm } from '../ui/use-form.js';
import { InvitationsTable, MembersTable, RightsFields } from '../views/members-view.js';
import type { FamilyMember, MemberRights } from '../../shared/member-contracts.js';

/** The staff's family page, « Membres du foyer » (issue 11): members and rights, invitations, invite a member. */
export function StaffMembers({ familyId }: { familyId: string }) {
  const { t } = useTranslation('members');
  const data = useResource('staffMembers.list', { params: { familyId } });
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<FamilyMember | null>(null);
  const [removing, setRemoving] = useState<FamilyMember | null>(null);
  const action = useForm();
  const invite = useForm({ email: '', guardianRank: '' as '' | '1' | '2' });
  const [inviteRights, setInviteRights] = useState<MemberRights>({ canBook: true, canPay: false, canEdit: false });
  const members = data.data?.members ?? [];
  const invitations = data.data?.invitations ?? [];
  const taken = new Set([...members.map((m) => m.guardianRank), ...invitations.filter((i) => i.state === 'pending').map((i) => i.guardianRank)]);
  const freeRanks = ([1, 2] as const).filter((r) => !taken.has(r));

  function onInvite(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    void invite.submit(
      async () => {
        const email = invite.values.email.trim().toLowerCase();
        const rank = Number(invite.values.guardianRank || freeRanks[freeRanks.length - 1]) as 1 | 2;
        await call('staffMembers.invite', { params: { familyId }, body: { email, guardianRank: rank, rights: inviteRights } });
        setNotice(t('invite.sent', { email }));
        invite.setValues({ email: '', guardianRank: '' });
        data.reload();
      },
      { required: ['email'] },
    );
  }

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
              <p>{t('invite.text')}</p>
              <ErrorSummary {...invite.summary} />
              <form noValidate onSubmit={onInvite}>
                <Field {...invite.field('email')} label={t('invite.email')} hint={t('invite.emailHint')} type="email" autoComplete="off" spellCheck={false} autoCapitalize="none" required />
                {freeRanks.length > 1 && (
                  <Radios
                    name="guardianRank"
                    legend={t('invite.guardian')}
                    options={freeRanks.map((r) => ({ value: String(r) as '1' | '2', label: t('guardian', { rank: r }) }))}
                    value={invite.values.guardianRank || String(freeRanks[freeRanks.length - 1])}
                    onValueChange={(v) => invite.set('guardianRank', v as '1' | '2')}
                    error={invite.errorFor('guardianRank')}
                  />
                )}
                <RightsFields prefix="rights." rights={inviteRights} onChange={setInviteRights} />
                <Button type="submit" busy={invite.busy}>
                  {t('invite.submit')}
                </Button>
              </form>
            </>
          )}
        </>
      )}
      {editing && <RightsDialog familyId={familyId} member={editing} onClose={() => setEditing(null)} onSaved={(name) => (setNotice(t('editRights.saved', { name })), data.reload())} />}
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

function RightsDialog({ familyId, member, onClose, onSaved }: { familyId: string; member: FamilyMember; onClose: () => void; onSaved: (name: string) => void }) {
  const { t } = useTranslation(['members', 'common']);
  const form = useForm();
  const [rights, setRights] = useState<MemberRights>(member.rights);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(async () => {
      await call('staffMembers.setRights', { params: { familyId, accountId: member.accountId }, body: rights });
      onSaved(member.displayName);
      onClose();
    });
  }
  return (
    <Dialog title={t('editRights.title', { name: member.displayName })} isOpen onOpenChange={(open) => !open && onClose()}>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary {...form.summary} />
        <RightsFields prefix="edit." rights={rights} onChange={setRights} />
        <ButtonGroup>
          <Button type="submit" busy={form.busy}>
            {t('editRights.submit')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('common:cancel')}
          </Button>
        </ButtonGroup>
      </form>
    </Dialog>
  );
}
