import type { PartialDB as AccountDB } from '../modules/account/account.tables.js';
import type { PartialDB as FamilyDB } from '../modules/family/family.tables.js';
import type { PartialDB as MailDB } from '../modules/mail/mail.tables.js';
import type { PartialDB as AuditDB } from '../modules/audit/audit.tables.js';
import type { PartialDB as ListsDB } from '../modules/lists/lists.tables.js';
import type { PartialDB as ChildDB } from '../modules/child/child.tables.js';
import type { PartialDB as CryptoDB } from '../crypto/crypto.tables.js';
import type { PartialDB as CatalogDB } from '../modules/catalog/catalog.tables.js';
import type { PartialDB as BookingDB } from '../modules/booking/booking.tables.js';
import type { PartialDB as DocumentDB } from '../modules/document/document.tables.js';
import type { PartialDB as PrivacyDB } from '../modules/privacy/privacy.tables.js';
import type { PartialDB as BillingDB } from '../modules/billing/billing.tables.js';
import type { PartialDB as BillingMoneyDB } from '../modules/billing/billing.money.tables.js';
import type { PartialDB as PaymentDB } from '../modules/payment/payment.tables.js';
import type { PartialDB as JobsDB } from '../jobs/jobs.tables.js';
import type { PartialDB as FranceConnectDB } from '../modules/franceconnect/franceconnect.tables.js';
import type { PartialDB as AccountMfaDB } from '../modules/account/account.mfa.tables.js';
import type { PartialDB as CampaignDB } from '../modules/campaign/campaign.tables.js';
import type { PartialDB as MessagingDB } from '../modules/messaging/messaging.tables.js';
import type { PartialDB as QuotientDB } from '../modules/quotient/quotient.tables.js';

/** The whole database: the intersection of each module's tables. */
export type DB = AccountDB & FamilyDB & MailDB & AuditDB & ListsDB & ChildDB & CryptoDB & CatalogDB & BookingDB & DocumentDB & PrivacyDB & BillingDB & BillingMoneyDB & PaymentDB & JobsDB & FranceConnectDB & AccountMfaDB & MessagingDB & CampaignDB & QuotientDB;
