import { createContext, useContext, type ReactNode } from 'react';
import type { AccountView, PublicConfig } from '../../shared/contracts.js';

export interface Session {
  config: PublicConfig;
  account: AccountView | null;
  /** after login, logout, e-mail confirmation: the new signed-in account (or null) */
  setAccount: (account: AccountView | null) => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Where an account lands after signing in. */
export function homeOf(account: AccountView): string {
  return account.kind === 'staff' ? '/agent' : '/famille';
}
