/**
 * A family's members and invitations (issue 11), as the family's « Membres du foyer » page and the staff's family page
 * show them; each area adds its own actions through `actions`.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FamilyInvitation, FamilyMember, MemberRights } from '../../shared/member-contracts.js';
import { Table } from '../ui/table.js';
import { StatusTag } from '../ui/status-message.js';
import { formatDate } from '../i18n/format.js';
import { Checkbox } from '../ui/field.js';
import { Fieldset } from '../ui/fieldset.js';

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
