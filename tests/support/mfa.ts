import * as OTPAuth from 'otpauth';
import type { TestApp, TestClient } from './app.js';
import { healthCipher } from '../../src/server/context.js';
import type { Clock } from '../../src/server/clock.js';

/** The 6-digit code of a TOTP secret at the clock's time (`offsetSteps` 30-second steps later). */
export function totpCode(secret: string, clock: Clock, offsetSteps = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: clock.now().getTime() + offsetSteps * 30_000 });
}

/** Gives a staff account a confirmed TOTP directly in the database (as if enrolled); answers its secret. */
export async function enrolTotp(t: { ctx: TestApp['ctx'] }, accountId: string): Promise<string> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const now = t.ctx.clock.now().toISOString();
  await t.ctx.db
    .insertInto('mfa_totp')
    .values({ account_id: accountId, secret: healthCipher(t.ctx).encrypt(secret, `account:${accountId}:totp`), confirmed_at: now, last_step: null, created_at: now })
    .execute();
  return secret;
}

/** Signs a staff member in through both steps: password, then the TOTP code of the moment. */
export async function signInWithTotp(client: TestClient, clock: Clock, email: string, password: string, secret: string): Promise<void> {
  const first = await client.post('/api/auth/login', { email, password });
  if (first.status !== 200 || !first.body.secondStep) throw new Error(`password step: ${first.status} ${JSON.stringify(first.body)}`);
  const second = await client.post('/api/auth/second-step/totp', { code: totpCode(secret, clock) });
  if (second.status !== 200) throw new Error(`second step: ${second.status} ${JSON.stringify(second.body)}`);
}
