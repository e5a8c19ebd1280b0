/**
 * A family's members and invitations (issue 11), as the family's « Membres du foyer » page and the staff's family page
 * show them; each area adds its own actions through `actions`.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FamilyInvitation, FamilyMember, MemberRights } from '../../shared/member-contracts.js';
import { Table } from '../ui/table.js';
import { StatusTag } from '../ui/status-message.js';
import { formatDate } from '../i18n/format.js';
import { Checkbox } from '../ui/field.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { Field } from '../ui/field.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { useForm } from '../ui/use-form.js';

/** « Réserver et annuler, Payer les factures » — or « Tous les droits » / « Consultation seulement ». */
export function rightsText(t: TFunction<'members'>, rights: MemberRights, holder = false): string {
  if (holder || (rights.canBook && rights.canPay && rights.canEdit)) return t('rights.all');
  const list = (['canBook', 'canPay', 'canEdit'] as const).filter((k) => rights[k]).map((k) => t(`rights.${k}`));
  return list.length ? list.join(', ') : t('rights.seeOnly');
}

const STATUS_TONE = { active: 'success', pending: 'warning', rejected: 'danger', disabled: 'neutral' } as const;
const INVITATION_TONE = { pending: 'info', accepted: 'success', withdrawn: 'neutral', expired: 'neutral' } as const;

export function MembersTable({ members, me, actions }: { members: FamilyMember[]; me?: string | null; actions?: (m: FamilyMember) => ReactNode }) {
  const { t } = useTranslation('members');
  const head = [t('list.name'), t('list.login'), t('list.role'), t('list.rights'), t('list.status')];
  if (actions) head.push(t('list.actions'));
  return (
    <Table caption={t('list.caption')} captionHidden head={head}>
      {members.map((m) => (
        <tr key={m.accountId}>
          <td>
            {m.displayName} {m.accountId === me && <span>{t('you')}</span>}
          </td>
          <td>{m.email}</td>
          <td>
            {t(`role.${m.role}`)}
            {m.guardianRank && (
              <>
                <br />
                {t('guardian', { rank: m.guardianRank })}
              </>
            )}
          </td>
          <td>{rightsText(t, m.rights, m.role === 'holder')}</td>
          <td>
            <StatusTag tone={STATUS_TONE[m.status]}>{t(`status.${m.status}`)}</StatusTag>
          </td>
          {actions && <td>{actions(m)}</td>}
        </tr>
      ))}
    </Table>
  );
}

export function InvitationsTable({ invitations, actions }: { invitations: FamilyInvitation[]; actions?: (i: FamilyInvitation) => ReactNode }) {
  const { t } = useTranslation('members');
  if (!invitations.length) return <p>{t('invitations.none')}</p>;
  const head = [t('invitations.email'), t('invitations.guardian'), t('invitations.rights'), t('invitations.state'), t('invitations.sentOn'), t('invitations.by')];
  if (actions) head.push(t('list.actions'));
  return (
    <Table caption={t('invitations.caption')} head={head}>
      {invitations.map((i) => (
        <tr key={i.id}>
          <td>{i.email}</td>
          <td>{t('guardian', { rank: i.guardianRank })}</td>
          <td>{rightsText(t, i.rights)}</td>
          <td>
            <StatusTag tone={INVITATION_TONE[i.state]}>{t(`invitations.states.${i.state}`)}</StatusTag>
            {i.state === 'pending' && (
              <>
                <br />
                {t('invitations.expiresOn', { date: formatDate(i.expiresAt) })}
              </>
            )}
          </td>
          <td>{formatDate(i.createdAt)}</td>
          <td>{i.invitedBy ?? t('invitations.byStaff')}</td>
          {actions && <td>{i.state === 'pending' ? actions(i) : null}</td>}
        </tr>
      ))}
    </Table>
  );
}

/** The three rights as checkboxes under one legend (the holder's « Tous les droits » is not editable). */
export function RightsFields({ prefix, rights, onChange }: { prefix: string; rights: MemberRights; onChange: (r: MemberRights) => void }) {
  const { t } = useTranslation('members');
  return (
    <Fieldset legend={t('rights.legend')} kind="question" hint={t('rights.hint')}>
      {(['canBook', 'canPay', 'canEdit'] as const).map((k) => (
        <Checkbox key={k} name={`${prefix}${k}`} label={t(`rights.${k}`)} checked={rights[k]} onCheckedChange={(v) => onChange({ ...rights, [k]: v })} />
      ))}
    </Fieldset>
  );
}

export interface InviteValues extends Record<string, string> {
  email: string;
  guardianRank: '' | '1' | '2';
}
export type InviteForm = ReturnType<typeof useForm<InviteValues>>;
export interface InviteBody {
  email: string;
  guardianRank: 1 | 2;
  rights: MemberRights;
}

/** The guardians still free for an invitation: neither a member's nor a pending invitation's. */
export function freeGuardianRanks(members: FamilyMember[], invitations: FamilyInvitation[]): (1 | 2)[] {
  const taken = new Set([...members.map((m) => m.guardianRank), ...invitations.filter((i) => i.state === 'pending').map((i) => i.guardianRank)]);
  return ([1, 2] as const).filter((r) => !taken.has(r));
}

/**
 * The invite form both areas show (the address, which guardian when both are free, the rights). The page owns `form`
 * (its errors go into the page's title); `send` posts it through the area's route, `onSent` tells the page.
 */
export function InviteMemberForm({ form, freeRanks, onStart, send, onSent }: {
  form: InviteForm;
  freeRanks: (1 | 2)[];
  onStart: () => void;
  send: (body: InviteBody) => Promise<void>;
  onSent: (email: string) => void;
}) {
  const { t } = useTranslation('members');
  const [rights, setRights] = useState<MemberRights>({ canBook: true, canPay: false, canEdit: false });
  const defaultRank = String(freeRanks[freeRanks.length - 1]) as '1' | '2';

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    onStart();
    void form.submit(
      async () => {
        const email = form.values.email.trim().toLowerCase();
        await send({ email, guardianRank: Number(form.values.guardianRank || defaultRank) as 1 | 2, rights });
        form.setValues({ email: '', guardianRank: '' });
        onSent(email);
      },
      { required: ['email'] },
    );
  }

  return (
    <>
      <p>{t('invite.text')}</p>
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={onSubmit}>
        <Field {...form.field('email')} label={t('invite.email')} hint={t('invite.emailHint')} type="email" autoComplete="off" spellCheck={false} autoCapitalize="none" required />
        {freeRanks.length > 1 && (
          <Radios
            name="guardianRank"
            legend={t('invite.guardian')}
            options={freeRanks.map((r) => ({ value: String(r) as '1' | '2', label: t('guardian', { rank: r }) }))}
            value={form.values.guardianRank || defaultRank}
            onValueChange={(v) => form.set('guardianRank', v as '1' | '2')}
            error={form.errorFor('guardianRank')}
          />
        )}
        <RightsFields prefix="rights." rights={rights} onChange={setRights} />
        <Button type="submit" busy={form.busy}>
          {t('invite.submit')}
        </Button>
      </form>
    </>
  );
}

/** The holder's or staff's window to change a member's rights; `save` posts them through the area's route. */
export function RightsDialog({ member, save, onClose, onSaved }: {
  member: FamilyMember;
  save: (rights: MemberRights) => Promise<unknown>;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const { t } = useTranslation(['members', 'common']);
  const form = useForm();
  const [rights, setRights] = useState<MemberRights>(member.rights);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(async () => {
      await save(rights);
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
