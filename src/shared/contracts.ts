/**
 * The HTTP contracts shared by the server (validation, OpenAPI) and the browser (types, form field names).
 * Validation messages are error *codes* (see errors.ts); the UI and the server's error handler turn them into French.
 */
import { z } from 'zod';
import { normalizePhone } from './phone.js';
import { checkPassword } from './password-policy.js';
import { stripInvisible } from './text.js';
import { LANGUAGES } from './i18n/languages.js';

// ---------- building blocks ----------
// Free text people type loses its invisible format characters (bidirectional controls, zero-width characters…):
// a name shown to others must read as it is stored (see text.ts).
const str = (max = 100) => z.string({ error: 'required' }).overwrite(stripInvisible).trim().max(max, { error: 'too_long' });
export const requiredText = (max = 100) => str(max).min(1, { error: 'required' });
export const optionalText = (max = 100) =>
  z
    .string()
    .overwrite(stripInvisible)
    .trim()
    .max(max, { error: 'too_long' })
    .nullish()
    .transform((v) => (v ? v : null));

export const email = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required' })
  .max(254, { error: 'too_long' })
  .toLowerCase()
  .pipe(z.email({ error: 'email.invalid' }));

export const phone = requiredText(30).transform((v, ctx) => {
  const n = normalizePhone(v);
  if (!n) {
    ctx.addIssue({ code: 'custom', message: 'phone.invalid' });
    return z.NEVER;
  }
  return n;
});
export const optionalPhone = optionalText(30).transform((v, ctx) => {
  if (v === null) return null;
  const n = normalizePhone(v);
  if (!n) {
    ctx.addIssue({ code: 'custom', message: 'phone.invalid' });
    return z.NEVER;
  }
  return n;
});

/** A calendar day, YYYY-MM-DD, that exists. */
export const isoDay = z
  .string({ error: 'required' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date.invalid' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { error: 'date.invalid' });

export const birthDate = isoDay.refine((s) => s >= '1900-01-01' && s <= new Date().toISOString().slice(0, 10), {
  error: 'date.out_of_range',
});
export const optionalBirthDate = z
  .union([z.literal(''), z.null(), z.undefined(), birthDate])
  .transform((v) => (v ? v : null));

export const postalCode = requiredText(5).regex(/^\d{5}$/, { error: 'postal_code.invalid' });

/** The password a person chooses, checked against the CNIL policy. */
export const newPassword = z
  .string({ error: 'required' })
  .min(1, { error: 'required' })
  .superRefine((pw, ctx) => {
    const problem = checkPassword(pw);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const civility = z.enum(['M', 'MME'], { error: 'required' });
export type Civility = z.infer<typeof civility>;

export const FAMILY_SITUATIONS = ['married', 'pacs', 'cohabiting', 'single', 'separated', 'divorced', 'widowed'] as const;
export const BENEFITS_REGIMES = ['CAF', 'MSA', 'AUTRE'] as const;

// ---------- session & accounts ----------
/** PUT /api/account/language: the language of the pages and e-mails (issue 10). */
export const languageInput = z.object({ language: z.enum(LANGUAGES, { error: 'choice.invalid' }) });

export const accountView = z.object({
  id: z.string(),
  email: z.string(),
  kind: z.enum(['family', 'staff']),
  role: z.enum(['admin', 'agent']).nullable(),
  status: z.enum(['pending', 'active', 'rejected', 'disabled']),
  displayName: z.string(),
  familyId: z.string().nullable(),
  language: z.enum(LANGUAGES),
  /** a staff member who must enrol a second factor and has none yet: the session may only do that (issue 11) */
  enrolmentRequired: z.boolean().optional(),
  /** a family member's place and rights (issue 11), null for staff */
  member: z
    .object({
      role: z.enum(['holder', 'member']),
      guardianRank: z.number().int().nullable(),
      canBook: z.boolean(),
      canPay: z.boolean(),
      canEdit: z.boolean(),
    })
    .nullable(),
});
export type AccountView = z.infer<typeof accountView>;

/** GET /api/session */
export const sessionView = z.object({ csrfToken: z.string(), account: accountView.nullable() });
export type SessionView = z.infer<typeof sessionView>;

/** GET /api/config */
export const publicConfig = z.object({
  city: z.object({
    name: z.string(),
    logoUrl: z.string(),
    address: z.string(),
    phone: z.string(),
    email: z.string(),
    website: z.string(),
  }),
  demo: z.boolean(),
  smtp: z.boolean(),
  /** « S'identifier avec FranceConnect » is offered (issue 11) */
  franceConnect: z.boolean(),
});
export type PublicConfig = z.infer<typeof publicConfig>;

/** POST /api/auth/login */
export const loginInput = z.object({
  email: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(254, { error: 'too_long' }).toLowerCase(),
  password: z.string({ error: 'required' }).min(1, { error: 'required' }).max(1024, { error: 'too_long' }),
});
export type LoginInput = z.input<typeof loginInput>;

/** POST /api/accounts — « Créer mon compte » */
export const registerInput = z
  .object({
    civility,
    lastName: requiredText(80),
    firstName: requiredText(80),
    email,
    phone,
    addressLine1: requiredText(120),
    addressLine2: optionalText(120),
    postalCode,
    city: requiredText(80),
    password: newPassword,
    passwordConfirmation: z.string({ error: 'required' }).min(1, { error: 'required' }),
    acceptTerms: z.literal(true, { error: 'terms.required' }),
  })
  .superRefine((v, ctx) => {
    if (v.password && v.passwordConfirmation && v.password !== v.passwordConfirmation)
      ctx.addIssue({ code: 'custom', path: ['passwordConfirmation'], message: 'password.mismatch' });
  });
export type RegisterInput = z.input<typeof registerInput>;

/** POST /api/auth/password-reset/request */
export const passwordResetRequestInput = z.object({ email });
/** POST /api/auth/password-reset/confirm */
export const passwordResetConfirmInput = z
  .object({
    token: z.string({ error: 'token.invalid' }).min(10, { error: 'token.invalid' }).max(200, { error: 'token.invalid' }),
    password: newPassword,
    passwordConfirmation: z.string({ error: 'required' }).min(1, { error: 'required' }),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.passwordConfirmation)
      ctx.addIssue({ code: 'custom', path: ['passwordConfirmation'], message: 'password.mismatch' });
  });
export type PasswordResetConfirmInput = z.input<typeof passwordResetConfirmInput>;

/** POST /api/account/email-change — the new login e-mail, confirmed by the current password */
export const emailChangeInput = z.object({
  newEmail: email,
  currentPassword: z.string({ error: 'required' }).min(1, { error: 'required' }).max(1024, { error: 'too_long' }),
});
export type EmailChangeInput = z.input<typeof emailChangeInput>;
/** POST /api/auth/email-change/confirm — from the mailed link; logs the family in */
export const tokenInput = z.object({
  token: z.string({ error: 'token.invalid' }).min(10, { error: 'token.invalid' }).max(200, { error: 'token.invalid' }),
});

/**
 * POST /api/auth/token-check (issue 17) — what a mailed link's page asks when it opens, before the family types
 * anything: `password` covers the forgotten-password link and the staff invitation, `email` the new address's link.
 */
export const tokenCheckInput = z.object({
  token: z.string({ error: 'token.invalid' }).max(200, { error: 'token.invalid' }),
  purpose: z.enum(['password', 'email'], { error: 'request.invalid' }),
});
/** valid: the link works; used: it served already, or a newer link replaced it; expired: too old; unknown: never issued */
export const tokenCheckResponse = z.object({ status: z.enum(['valid', 'used', 'expired', 'unknown']) });
export type TokenCheckStatus = z.infer<typeof tokenCheckResponse>['status'];

/** POST /api/account/password */
export const passwordChangeInput = z
  .object({
    currentPassword: z.string({ error: 'required' }).min(1, { error: 'required' }).max(1024, { error: 'too_long' }),
    newPassword,
    newPasswordConfirmation: z.string({ error: 'required' }).min(1, { error: 'required' }),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword !== v.newPasswordConfirmation)
      ctx.addIssue({ code: 'custom', path: ['newPasswordConfirmation'], message: 'password.mismatch' });
  });
export type PasswordChangeInput = z.input<typeof passwordChangeInput>;

// ---------- family record (§4.3) ----------
export const guardianInput = z.object({
  civility,
  lastName: requiredText(80),
  firstName: requiredText(80),
  birthDate: optionalBirthDate,
  mobilePhone: optionalPhone,
  homePhone: optionalPhone,
  workPhone: optionalPhone,
  email: z
    .union([z.literal(''), z.null(), z.undefined(), email])
    .transform((v) => (v ? v : null)),
  profession: optionalText(100),
  employer: optionalText(100),
});
export type GuardianInput = z.input<typeof guardianInput>;
export type Guardian = z.output<typeof guardianInput>;

export const familyInput = z
  .object({
    guardian1: guardianInput,
    guardian2: guardianInput.nullable(),
    addressLine1: requiredText(120),
    addressLine2: optionalText(120),
    postalCode,
    city: requiredText(80),
    familySituation: z.enum(FAMILY_SITUATIONS, { error: 'required' }),
    benefitsRegime: z.enum(BENEFITS_REGIMES, { error: 'choice.invalid' }).nullable(),
    benefitsNumber: optionalText(20).refine((v) => v === null || /^[0-9A-Za-z]{4,20}$/.test(v), {
      error: 'benefits_number.invalid',
    }),
    familyQuotient: z
      .union([z.null(), z.number({ error: 'number.invalid' }).int({ error: 'number.invalid' })])
      .refine((v) => v === null || (v >= 0 && v <= 99_999), { error: 'number.out_of_range' }),
    payerRank: z.union([z.literal(1), z.literal(2)], { error: 'required' }),
  })
  .superRefine((v, ctx) => {
    if (!v.guardian1.mobilePhone && !v.guardian1.homePhone)
      ctx.addIssue({ code: 'custom', path: ['guardian1', 'mobilePhone'], message: 'phone.one_required' });
    if (v.payerRank === 2 && !v.guardian2)
      ctx.addIssue({ code: 'custom', path: ['payerRank'], message: 'payer.guardian2_missing' });
    if (v.benefitsNumber && !v.benefitsRegime)
      ctx.addIssue({ code: 'custom', path: ['benefitsRegime'], message: 'required' });
  });
export type FamilyInput = z.input<typeof familyInput>;

export const familyRecord = z.object({
  id: z.string(),
  accountStatus: z.enum(['pending', 'active', 'rejected', 'disabled']),
  loginEmail: z.string(),
  guardian1: z.object({
    civility: civility.nullable(),
    lastName: z.string(),
    firstName: z.string(),
    birthDate: z.string().nullable(),
    mobilePhone: z.string().nullable(),
    homePhone: z.string().nullable(),
    workPhone: z.string().nullable(),
    email: z.string().nullable(),
    profession: z.string().nullable(),
    employer: z.string().nullable(),
  }),
  guardian2: z
    .object({
      civility: civility.nullable(),
      lastName: z.string(),
      firstName: z.string(),
      birthDate: z.string().nullable(),
      mobilePhone: z.string().nullable(),
      homePhone: z.string().nullable(),
      workPhone: z.string().nullable(),
      email: z.string().nullable(),
      profession: z.string().nullable(),
      employer: z.string().nullable(),
    })
    .nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  familySituation: z.enum(FAMILY_SITUATIONS).nullable(),
  benefitsRegime: z.enum(BENEFITS_REGIMES).nullable(),
  benefitsNumber: z.string().nullable(),
  familyQuotient: z.number().nullable(),
  payerRank: z.union([z.literal(1), z.literal(2)]),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FamilyRecord = z.infer<typeof familyRecord>;

/** GET /api/postal-codes?q= — a postal code (or its start) or the start of a city name */
export const postalCodeQuery = z.object({ q: z.string().trim().min(2, { error: 'too_short' }).max(60, { error: 'too_long' }) });
export const postalCodeMatch = z.object({ postalCode: z.string(), city: z.string(), inseeCode: z.string() });
export type PostalCodeMatch = z.infer<typeof postalCodeMatch>;

// ---------- back-office ----------
export const familySummary = z.object({
  familyId: z.string(),
  accountId: z.string(),
  loginEmail: z.string(),
  accountStatus: z.enum(['pending', 'active', 'rejected', 'disabled']),
  guardian1Name: z.string(),
  phone: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  createdAt: z.string(),
});
export type FamilySummary = z.infer<typeof familySummary>;

/** GET /api/staff/families?q=&postalCode=&status= */
export const familySearchQuery = z.object({
  q: z.string().trim().max(100, { error: 'too_long' }).optional(),
  postalCode: z.string().trim().max(5, { error: 'too_long' }).optional(),
  status: z.enum(['pending', 'active', 'rejected', 'disabled']).optional(),
});

/** GET /api/staff/families/:familyId */
export const staffFamilyView = z.object({
  family: familyRecord,
  account: z.object({
    id: z.string(),
    email: z.string(),
    status: z.enum(['pending', 'active', 'rejected', 'disabled']),
    createdAt: z.string(),
    validatedAt: z.string().nullable(),
    rejectionReason: z.string().nullable(),
  }),
});
export type StaffFamilyView = z.infer<typeof staffFamilyView>;

/** POST /api/staff/accounts/:accountId/reject */
export const rejectInput = z.object({ reason: requiredText(500) });

export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  familyId: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditQuery = z.object({
  familyId: z.string().max(64).optional(),
  before: z.coerce.number().int().positive().optional(),
});

export const outboxItem = z.object({
  id: z.number(),
  createdAt: z.string(),
  template: z.string(),
  toAddress: z.string(),
  subject: z.string(),
  status: z.enum(['pending', 'sent', 'failed', 'not_sent']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof outboxItem>;
/** `linksMasked`: single-use links of the addressee were masked in the bodies (see mail.redact.ts). */
export const outboxMessage = outboxItem.extend({ textBody: z.string(), htmlBody: z.string(), linksMasked: z.boolean() });
export type OutboxMessage = z.infer<typeof outboxMessage>;

export const staffAccount = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'agent']),
  status: z.enum(['pending', 'active', 'rejected', 'disabled']),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type StaffAccount = z.infer<typeof staffAccount>;
/** POST /api/staff/staff-accounts — the new agent receives a link to choose a password */
export const staffAccountInput = z.object({
  email,
  displayName: requiredText(100),
  role: z.enum(['admin', 'agent'], { error: 'required' }),
});
/** PATCH /api/staff/staff-accounts/:accountId */
export const staffAccountPatch = z.object({
  role: z.enum(['admin', 'agent'], { error: 'choice.invalid' }).optional(),
  disabled: z.boolean().optional(),
});

/** Every error body: a stable code, a French message, and per-field codes/messages for 400s. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
    retryAfterSeconds: z.number().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
