import type { PartialDB as AccountDB } from '../modules/account/account.tables.js';
import type { PartialDB as FamilyDB } from '../modules/family/family.tables.js';
import type { PartialDB as MailDB } from '../modules/mail/mail.tables.js';
import type { PartialDB as AuditDB } from '../modules/audit/audit.tables.js';

/** The whole database: the intersection of each module's tables. */
export type DB = AccountDB & FamilyDB & MailDB & AuditDB;
