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
  };
}
