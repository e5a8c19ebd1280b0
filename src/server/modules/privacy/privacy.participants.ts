import { registerAccountPrivacy } from '../account/account.privacy.js';
import { registerAuditPrivacy } from '../audit/audit.privacy.js';
import { registerChildPrivacy } from '../child/child.privacy.js';
import { registerDocumentPrivacy } from '../document/document.privacy.js';
import { registerFamilyPrivacy } from '../family/family.privacy.js';
import { registerMailPrivacy } from '../mail/mail.privacy.js';
import { registerBillingPrivacy } from '../billing/billing.privacy.js';
import { registerPaymentPrivacy } from '../payment/payment.privacy.js';
import { registerBookingPrivacy } from '../booking/booking.privacy.js';
import { registerFranceConnectPrivacy } from '../franceconnect/franceconnect.privacy.js';
import { registerMessagingPrivacy } from '../messaging/messaging.privacy.js';
import { registerCampaignPrivacy } from '../campaign/campaign.privacy.js';
import { registerQuotientPrivacy } from '../quotient/quotient.privacy.js';

/**
 * The app's wiring of export and closure: each module holding family data declares its part, explicitly (no
 * side-effect import). Called by buildApp (src/server/app.ts); registering again replaces (tests build many apps).
 */
export function registerPrivacyParticipants(): void {
  registerDocumentPrivacy();
  registerChildPrivacy();
  registerFamilyPrivacy();
  registerAccountPrivacy();
  registerMailPrivacy();
  registerAuditPrivacy();
  registerBillingPrivacy();
  registerPaymentPrivacy();
  registerBookingPrivacy();
  registerFranceConnectPrivacy();
  registerMessagingPrivacy();
  registerCampaignPrivacy();
  registerQuotientPrivacy();
}

