import { z } from 'zod';
import { civility, email, optionalText, phone, postalCode, requiredText } from './contracts.js';

/**
 * FranceConnect (issue 11): what the pages and the server exchange. The guardian's names and birth date are never
 * sent by the page: they are the identity FranceConnect gave, kept by the server.
 */

/** GET /api/franceconnect/registration — the identity FranceConnect gave for a new family, to prefill the form (null: none, or no longer) */
export const fcRegistrationView = z.object({
  givenName: z.string(),
  familyName: z.string(),
  birthdate: z.string().nullable(),
  email: z.string().nullable(),
});
export type FcRegistrationView = z.infer<typeof fcRegistrationView>;

/** POST /api/franceconnect/registration — « Créer mon compte » with FranceConnect: the rest of the family's form, no password */
export const fcRegisterInput = z.object({
  civility,
  email,
  phone,
  addressLine1: requiredText(120),
  addressLine2: optionalText(120),
  postalCode,
  city: requiredText(80),
  acceptTerms: z.literal(true, { error: 'terms.required' }),
});
export type FcRegisterInput = z.input<typeof fcRegisterInput>;

/** GET /api/franceconnect/status — the signed-in family account's link */
export const fcStatusView = z.object({
  linked: z.boolean(),
  identity: z
    .object({ givenName: z.string(), familyName: z.string(), birthdate: z.string().nullable(), linkedAt: z.string() })
    .nullable(),
  /** whether the account can sign in with a password (an account created through FranceConnect has none until one is chosen) */
  hasPassword: z.boolean(),
  /** the guardian of the family record this account is (the one whose identity is locked while linked) */
  guardianRank: z.number().int(),
});
export type FcStatusView = z.infer<typeof fcStatusView>;

/** POST /api/franceconnect/link and /logout: where the browser goes next (null: nowhere else, the portal only) */
export const fcRedirect = z.object({ url: z.string().nullable() });
