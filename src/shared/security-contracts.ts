/** Staff two-factor login and the session list (issue 11): request and response shapes, shared by server and web. */
import { z } from 'zod';

export const mfaMethod = z.enum(['totp', 'recovery', 'passkey']);
export type MfaMethod = z.infer<typeof mfaMethod>;

/** POST /api/auth/login when the staff account has a second factor: no session yet, the methods it can use. */
export const secondStepResponse = z.object({ secondStep: z.array(mfaMethod) });

/** a TOTP code (6 digits, spaces tolerated) */
export const totpCodeInput = z.object({
  code: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(20, { error: 'too_long' }),
});
/** a recovery code (XXXXX-XXXXX) */
export const recoveryCodeInput = totpCodeInput;

/** WebAuthn JSON as the browser library sends it: checked by @simplewebauthn/server, not here. */
const webauthnJson = z.record(z.string(), z.unknown());

export const passkeyLoginInput = z.object({ response: webauthnJson });
export const passkeyRegisterInput = z.object({
  response: webauthnJson,
  name: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(60, { error: 'too_long' }),
});
export const passkeyRenameInput = z.object({
  name: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(60, { error: 'too_long' }),
});
/** options for navigator.credentials (PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON) */
export const webauthnOptions = z.record(z.string(), z.unknown());

export const passkeyView = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });

/** GET /api/staff/security */
export const securityView = z.object({
  required: z.boolean(),
  enrolmentOnly: z.boolean(),
  totp: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  passkeys: z.array(passkeyView),
});
export type SecurityView = z.infer<typeof securityView>;

/** POST /api/staff/security/totp: the secret to enrol, shown as a QR code (SVG) and as text */
export const totpEnrolment = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });

/** after a factor is added: the recovery codes when the account had none (shown once) */
export const factorAdded = z.object({ recoveryCodes: z.array(z.string()).nullable() });
export const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

/** GET /api/account/sessions */
export const sessionLine = z.object({
  id: z.string(),
  browser: z.string().nullable(),
  system: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
export type SessionLine = z.infer<typeof sessionLine>;
/** POST /api/account/sessions/end-all: every other session, or every one including this one */
export const endAllInput = z.object({ includeCurrent: z.boolean().default(false) });
export const endedResponse = z.object({ ended: z.number().int() });

/** GET /api/staff/staff-security: per staff account, its factors and requirement */
export const staffFactors = z.object({
  accountId: z.string(),
  totp: z.boolean(),
  passkeys: z.number().int(),
  recoveryCodesLeft: z.number().int(),
  requirement: z.enum(['default', 'required', 'optional']),
  required: z.boolean(),
});
export type StaffFactors = z.infer<typeof staffFactors>;
export const requirementInput = z.object({ requirement: z.enum(['default', 'required', 'optional'], { error: 'choice.invalid' }) });

/** A short description of a device from its User-Agent: browser and system, or null when unknown. */
export function describeUserAgent(ua: string | null): { browser: string | null; system: string | null } {
  if (!ua) return { browser: null, system: null };
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /HeadlessChrome|Chrome\//.test(ua)
          ? /Chromium/.test(ua) ? 'Chromium' : 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : null;
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : null;
  return { browser, system };
}
