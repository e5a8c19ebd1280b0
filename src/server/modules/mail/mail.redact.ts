/**
 * Mailed links that carry a single-use token (password reset, e-mail change confirmation, staff invitation: see
 * linkTo in account.tokens.ts, `…?jeton=<token>`) work once, for whoever holds them. Outside the mail itself they are
 * masked whole: in the family's data export, in the back-office outbox, and in the outbox row once the mail has left.
 */
const TOKEN_LINK = /\bhttps?:\/\/[^\s"'<>]*?[?&](?:amp;)?(?:jeton|token)=[^\s"'<>]*/gi;
/** A token passed some other way than the portal's links (defence in depth: `jeton=…` or `token=…` anywhere). */
const TOKEN_PARAM = /\b(jeton|token)=[A-Za-z0-9_%.~-]{8,}/gi;

export const MASKED_LINK = '[lien personnel à usage unique masqué]';
const MASKED_PARAM = '=[masqué]';

/** The body without any usable single-use link or token. */
export function maskMailTokens(body: string): string {
  return body.replace(TOKEN_LINK, MASKED_LINK).replace(TOKEN_PARAM, (_m, name: string) => `${name}${MASKED_PARAM}`);
}

/** Whether the body holds a link or token that maskMailTokens would mask. */
export function hasMailTokens(body: string): boolean {
  return maskMailTokens(body) !== body;
}

/** Whether the body shows a masked link or token (masked now, or when the mail left). */
export function hasMaskedTokens(body: string): boolean {
  return body.includes(MASKED_LINK) || body.includes(MASKED_PARAM);
}
