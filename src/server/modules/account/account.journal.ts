import type { AppContext } from '../../context.js';
import { familyLogLines } from '../audit/audit.service.js';
import { decisionsForLog, reservationsForLog } from '../booking/booking.reservations.js';
import { paymentsForLog } from '../payment/payment.service.js';
import { submissionsForLog } from '../document/document.service.js';
import { childNames } from '../child/child.service.js';
import { formatEuros } from '../../../shared/billing-labels.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { JournalAction, JournalEntry } from '../../../shared/member-contracts.js';

/** The audit actions a family reads in its log: its record, its children's, its members. Never health values. */
const LOGGED_ACTIONS: JournalAction[] = [
  'family.updated',
  'child.created',
  'child.updated',
  'privacy.closure_requested',
  'member.invited',
  'member.invitation_withdrawn',
  'member.joined',
  'member.rights_changed',
  'member.removed',
  'member.left',
  'member.holder_changed',
  // the town's decisions about the family (staff)
  'account.validated',
  'child.household_linked',
  'child.household_unlinked',
  'child.custody_set',
  'child.household_sharing',
];

const LIMIT = 200;

/**
 * « Journal du foyer » (issue 11): who booked, cancelled, paid, edited what, and when — the family's members by name,
 * the town's services as such (`who: null`), with the service's decisions (requests and documents accepted or refused,
 * the account validated, a child's households and custody). Read from the reservations (booking), the online payments (payment) and
 * the audit log (the family's and its children's records: which blocks changed is not said, health never), newest
 * first, at most 200 lines.
 */
export async function familyJournal(ctx: AppContext, familyId: string, language: Language = 'fr'): Promise<JournalEntry[]> {
  const [reservations, decisions, payments, documents, lines] = [
    await reservationsForLog(ctx.db, familyId),
    await decisionsForLog(ctx.db, familyId),
    await paymentsForLog(ctx.db, familyId),
    await submissionsForLog(ctx.db, familyId),
    await familyLogLines(ctx.db, { familyId, actions: LOGGED_ACTIONS, limit: LIMIT }),
  ];
  const accountIds = [...reservations.map((r) => r.accountId), ...payments.flatMap((p) => (p.accountId ? [p.accountId] : [])), ...documents.flatMap((d) => (d.submittedBy ? [d.submittedBy] : [])), ...lines.flatMap((l) => (l.actor_account_id ? [l.actor_account_id] : [])), ...lines.flatMap((l) => (l.action === 'member.rights_changed' && l.target_id ? [l.target_id] : []))];
  const accounts = accountIds.length
    ? await ctx.db.selectFrom('account').select(['id', 'display_name', 'kind', 'family_id']).where('id', 'in', [...new Set(accountIds)]).execute()
    : [];
  // a member of this family (now or before) by name; staff, or anyone else, as « the town's services »
  const who = (id: string | null) => {
    const a = accounts.find((x) => x.id === id);
    return a && a.kind === 'family' && a.family_id === familyId ? (a.display_name ?? null) : null;
  };
  const childIds = [...reservations.map((r) => r.childId), ...decisions.map((d) => d.childId), ...lines.filter((l) => l.action.startsWith('child.') && l.target_id).map((l) => l.target_id!)];
  const children = await childNames(ctx.db, [...new Set(childIds)]);
  const childName = (id: string | null) => (id && children.get(id)?.first_name) || null;
  const entries: JournalEntry[] = [
    ...reservations.map((r): JournalEntry => ({ at: r.createdAt, who: who(r.accountId), action: r.kind, subject: childName(r.childId), ref: String(r.number) })),
    ...payments
      .filter((p) => p.status === 'paid')
      .map((p): JournalEntry => ({ at: p.settledAt ?? p.createdAt, who: who(p.accountId), action: 'payment', subject: formatEuros(p.amountCents, language), ref: p.id })),
    ...documents.map((d): JournalEntry => ({ at: d.submittedAt, who: who(d.submittedBy), action: 'document.sent', subject: d.typeName, ref: null })),
    // the service's decisions: requests accepted or refused, documents accepted or refused (« La mairie »)
    ...decisions.map((d): JournalEntry => ({ at: d.decidedAt, who: null, action: d.accepted ? 'request.accepted' : 'request.refused', subject: childName(d.childId), ref: String(d.number) })),
    ...documents
      .filter((d) => d.reviewedAt && d.state !== 'pending')
      .map((d): JournalEntry => ({ at: d.reviewedAt!, who: null, action: d.state === 'accepted' ? 'document.accepted' : 'document.refused', subject: d.typeName, ref: null })),
    ...lines.map((l): JournalEntry => {
      const action = l.action as JournalAction;
      const d = l.details ?? {};
      const subject = action.startsWith('child.')
        ? childName(l.target_id)
        : action === 'member.invited' || action === 'member.invitation_withdrawn'
          ? (typeof d.email === 'string' ? d.email : null)
          : action === 'member.removed' || action === 'member.left' || action === 'member.holder_changed'
            ? (typeof d.name === 'string' ? d.name : null)
            : action === 'member.rights_changed'
              ? (accounts.find((a) => a.id === l.target_id)?.display_name ?? null)
              : null;
      return { at: l.at, who: who(l.actor_account_id), action, subject, ref: null };
    }),
  ];
  return entries.sort((a, b) => b.at.localeCompare(a.at)).slice(0, LIMIT);
}
