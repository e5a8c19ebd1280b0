/** Namespace « security », English: the same keys as fr/security.ts (staff two-factor login (TOTP, recovery codes, passkeys) and the list of sessions). */
import type fr from '../fr/security.js';
import type { Catalogue } from '../catalogue.js';

const security: Catalogue<typeof fr> = {
  title: 'Account security',
};

export default security;
