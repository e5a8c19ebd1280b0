import { registerAccountPrivacy } from '../account/account.privacy.js';
import { registerAuditPrivacy } from '../audit/audit.privacy.js';
import { registerChildPrivacy } from '../child/child.privacy.js';
import { registerDocumentPrivacy } from '../document/document.privacy.js';
import { registerFamilyPrivacy } from '../family/family.privacy.js';
import { registerMailPrivacy } from '../mail/mail.privacy.js';
import { registerBookingPrivacyPending } from './registrations-pending.js';

/**
 * The app's wiring of export and closure: each module holding family data declares its part, explicitly (no
 * side-effect import). Called by privacyRoutes, i.e. by buildApp; the call belongs in buildApp itself
 * (src/server/app.ts), outside the change that wrote this. billing and payment still declare themselves when their
 * routes files are imported (billing.privacy.ts, payment.privacy.ts) until they export a registration function too.
 */
export function registerPrivacyParticipants(): void {
  registerDocumentPrivacy();
  registerChildPrivacy();
  registerFamilyPrivacy();
  registerAccountPrivacy();
  registerMailPrivacy();
  registerAuditPrivacy();
  registerBookingPrivacyPending();
}

