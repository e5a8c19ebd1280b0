import { describe, expect, it } from 'vitest';
import { hasMailTokens, maskMailTokens, MASKED_LINK } from './mail.redact.js';
import { renderMail } from './mail.templates.js';
import { linkTo } from '../account/account.tokens.js';
import { newToken } from '../account/account.sessions.js';
import type { AppContext } from '../../context.js';

const ctx = { config: { publicUrl: 'https://portail.ville.fr' } } as AppContext;
const city = { name: 'Ville-Test', logoUrl: '', address: '1 place de la Mairie', phone: '01 23 45 67 89', email: 'mairie@ville.fr', website: 'https://ville.fr' };

describe('maskMailTokens', () => {
  it('masks the whole link made by linkTo, in the text and the HTML of each mail that carries one', () => {
    const token = newToken();
    const link = linkTo(ctx, '/nouveau-mot-de-passe', token);
    const mails = [
      renderMail({ template: 'password.reset', email: 'a@example.org', resetUrl: link }, city, 'fr'),
      renderMail({ template: 'email_change.confirm', confirmUrl: link }, city, 'fr'),
      renderMail({ template: 'staff.invitation', displayName: 'Agent', email: 'b@example.org', setPasswordUrl: link }, city, 'fr'),
    ];
    for (const m of mails) {
      expect(m.text).toContain(token);
      expect(hasMailTokens(m.text)).toBe(true);
      for (const body of [m.text, m.html]) {
        const masked = maskMailTokens(body);
        expect(masked).not.toContain(token);
        expect(masked).not.toContain('/nouveau-mot-de-passe?');
        expect(masked).toContain(MASKED_LINK);
        expect(hasMailTokens(masked)).toBe(false);
      }
    }
  });

  it('leaves links without a token alone', () => {
    const m = renderMail({ template: 'account.validated', firstName: 'Odile', loginUrl: 'https://portail.ville.fr/connexion' }, city, 'fr');
    expect(maskMailTokens(m.text)).toBe(m.text);
    expect(maskMailTokens(m.html)).toBe(m.html);
    expect(hasMailTokens(m.text)).toBe(false);
  });

  it('masks a token given in another shape too', () => {
    expect(maskMailTokens('voir /reinitialiser?a=1&amp;jeton=abcdefghij')).toBe('voir /reinitialiser?a=1&amp;jeton=[masqué]');
    expect(maskMailTokens('https://x.fr/p?a=1&token=AbC_d-123456789')).toBe(MASKED_LINK);
    expect(maskMailTokens('token=short')).toBe('token=short');
  });
});
