/**
 * Family members (issue 11): one login per guardian, their rights, invitations, and the family's log (« Journal du
 * foyer »). Shared by the server's routes (account.members.routes.ts) and the web pages.
 */
import { z } from 'zod';
import { email, newPassword, requiredText } from './contracts.js';

/** The rights a member may be given; the holder holds them all. */
export const memberRights = z.object({
  canBook: z.boolean({ error: 'required' }),
  canPay: z.boolean({ error: 'required' }),
  canEdit: z.boolean({ error: 'required' }),
});
export type MemberRights = z.infer<typeof memberRights>;

export const MEMBER_ROLES = ['holder', 'member'] as const;
export const INVITATION_STATES = ['pending', 'accepted', 'withdrawn', 'expired'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export const familyMember = z.object({
  accountId: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(MEMBER_ROLES),
  /** the guardian of the family record this login is: 1 or 2 */
  guardianRank: z.number().int().nullable(),
  status: z.enum(['pending', 'active', 'rejected', 'disabled']),
  rights: memberRights,
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type FamilyMember = z.infer<typeof familyMember>;

export const familyInvitation = z.object({
  id: z.string(),
  email: z.string(),
  guardianRank: z.number().int(),
  rights: memberRights,
  state: z.enum(INVITATION_STATES),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** who invited: a member's name, or « la mairie » for staff (null) */
  invitedBy: z.string().nullable(),
});
export type FamilyInvitation = z.infer<typeof familyInvitation>;

/** GET /api/family/members and the staff's family page. */
export const membersView = z.object({
  members: z.array(familyMember),
  invitations: z.array(familyInvitation),
});
export type MembersView = z.infer<typeof membersView>;

/** POST /api/family/invitations (holder) and POST /api/staff/families/:familyId/invitations. */
export const invitationInput = z.object({
  email,
  guardianRank: z.union([z.literal(1), z.literal(2)], { error: 'choice.invalid' }),
  rights: memberRights,
});
export type InvitationInput = z.infer<typeof invitationInput>;

const token = z.string({ error: 'token.invalid' }).min(10, { error: 'token.invalid' }).max(200, { error: 'token.invalid' });
export const invitationToken = z.object({ token });

/** What the invitee sees when opening the link: whom they join, as whom, with which login. */
export const invitationPreview = z.object({
  email: z.string(),
  familyName: z.string(),
  invitedBy: z.string().nullable(),
  guardianRank: z.number().int(),
  rights: memberRights,
  expiresAt: z.string(),
});
export type InvitationPreview = z.infer<typeof invitationPreview>;

/** POST /api/invitations/accept: the invitee's own name and password; the login is the invited address. */
export const invitationAcceptInput = z
  .object({
    token,
    firstName: requiredText(80),
    lastName: requiredText(80),
    password: newPassword,
    passwordConfirmation: z.string({ error: 'required' }).min(1, { error: 'required' }),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.passwordConfirmation)
      ctx.addIssue({ code: 'custom', path: ['passwordConfirmation'], message: 'password.mismatch' });
  });
export type InvitationAcceptInput = z.infer<typeof invitationAcceptInput>;

export const invitationAccepted = z.object({ status: z.enum(['active', 'pending']) });

/** One line of the family's log: who did what, when (never health details). */
export const journalEntry = z.object({
  at: z.string(),
  /** the member's name; null when the town's services did it */
  who: z.string().nullable(),
  action: z.enum([
    'booking',
    'cancellation',
    'mixed',
    'payment',
    'family.updated',
    'child.created',
    'child.updated',
    'document.sent',
    'privacy.closure_requested',
    'member.invited',
    'member.invitation_withdrawn',
    'member.joined',
    'member.rights_changed',
    'member.removed',
    'member.left',
    'member.holder_changed',
    'request.accepted',
    'request.refused',
    'document.accepted',
    'document.refused',
    'account.validated',
    'child.household_linked',
    'child.household_unlinked',
    'child.custody_set',
    'child.household_sharing',
  ]),
  /** what it was about: a child's name, a reservation number, an amount, a member's name or address */
  subject: z.string().nullable(),
  /** the reservation number or payment id, for a link */
  ref: z.string().nullable(),
});
export type JournalEntry = z.infer<typeof journalEntry>;
export type JournalAction = JournalEntry['action'];
