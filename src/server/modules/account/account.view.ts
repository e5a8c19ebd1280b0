import type { AccountView } from '../../../shared/contracts.js';
import type { SessionAccount } from './account.sessions.js';

export function toAccountView(a: SessionAccount): AccountView {
  return {
    id: a.id,
    email: a.email,
    kind: a.kind,
    role: a.role,
    status: a.status,
    displayName: a.display_name ?? a.email,
    familyId: a.family_id,
    language: a.language,
    member:
      a.kind === 'family' && a.member_role
        ? { role: a.member_role, guardianRank: a.guardian_rank, canBook: a.can_book, canPay: a.can_pay, canEdit: a.can_edit }
        : null,
  };
}
