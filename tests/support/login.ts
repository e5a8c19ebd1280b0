import type { TestApp, TestClient } from './app.js';
import { createSession, SESSION_COOKIE } from '../../src/server/modules/account/account.sessions.js';

/**
 * A client signed in as `accountId`, through a session written directly in the database: no password hashing,
 * no login throttling, so tests about other features stay fast and independent of the login route.
 */
export async function loginAs(t: TestApp, accountId: string): Promise<TestClient> {
  const client = t.client();
  const token = await createSession(t.ctx.db, t.ctx, accountId, 'vitest');
  client.setCookie(SESSION_COOKIE, token);
  return client;
}
