import { Writable } from 'node:stream';
import type { RouteOptions } from 'fastify';
import { loadConfig, type Config } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { buildApp } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';
import { dialectOf } from '../../src/server/db/database.js';
import type { AppContext } from '../../src/server/context.js';
import type { App } from '../../src/server/http.js';
import { smtpTransport } from '../../src/server/modules/mail/mail.transport.js';
import { deliverDueMail } from '../../src/server/modules/mail/mail.service.js';
import { generateKey } from '../../src/server/crypto/health-crypto.js';
import { createTestDatabase } from './database.js';
import { SmtpSink } from './smtp-sink.js';

export const PUBLIC_URL = 'http://portail.test';

export interface TestApp {
  app: App;
  ctx: AppContext;
  clock: ManualClock;
  /** every log line the app wrote, as raw JSON text */
  logs: string[];
  /** the loopback SMTP server, when the app was built with `smtp: true` */
  smtp: SmtpSink | null;
  /** runs the outbox relay once (as the background job would) */
  deliverMail: () => Promise<number>;
  client: (ip?: string) => TestClient;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  smtp?: boolean;
  config?: Partial<Config>;
  onRoute?: (route: RouteOptions) => void;
  clockStart?: string;
}

/** The portal on a fresh database (SQLite in memory, or a PostgreSQL schema with TEST_DATABASE_URL). */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const { db, close: closeDb } = await createTestDatabase();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const logger = createLogger('info', sink);
  let smtp: SmtpSink | null = null;
  let smtpUrl: string | undefined;
  if (opts.smtp) {
    smtp = new SmtpSink();
    smtpUrl = await smtp.start();
  }
  // A health-data key of its own, given explicitly: no key file is written under ./data by the tests.
  // the tests' push service listens on loopback (tests/support/fake-push.ts)
  const base = loadConfig({ PUSH_SERVICE_HOSTS: '127.0.0.1' });
  const config: Config = { ...base, demo: false, publicUrl: PUBLIC_URL, smtpUrl, healthDataKey: generateKey(), ...opts.config };
  const clock = new ManualClock(opts.clockStart ?? new Date().toISOString());
  const ctx: AppContext = {
    config,
    db,
    dialect: dialectOf(db),
    clock,
    mailer: smtpUrl ? smtpTransport(smtpUrl) : null,
    logger,
  };
  const app = await buildApp(ctx, { onRoute: opts.onRoute, web: false });
  await app.ready();
  return {
    app,
    ctx,
    clock,
    logs,
    smtp,
    deliverMail: () => deliverDueMail(ctx),
    client: (ip) => new TestClient(app, ip),
    close: async () => {
      await app.close();
      ctx.mailer?.close();
      await smtp?.stop();
      await closeDb();
    },
  };
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A browser-like client: keeps cookies, fetches and sends the CSRF token like the web app does. */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;
  private csrfFetch: Promise<unknown> | null = null;
  private static n = 0;
  readonly ip: string;

  constructor(
    private app: App,
    ip?: string,
  ) {
    this.ip = ip ?? `10.0.${Math.floor(TestClient.n / 250)}.${(TestClient.n++ % 250) + 1}`;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keepCookies(setCookie: string | string[] | number | undefined): void {
    if (!setCookie || typeof setCookie === 'number') return;
    for (const c of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Sets a cookie as if the server had (e.g. a session created directly in the database). */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async request<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    // One page fetches its token once: requests fired together share that first fetch (two parallel fetches without
    // a cookie would each get a new token, and the page would then hold one that its cookie does not match).
    if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) await this.csrfToken();
    const res = await this.app.inject({
      method: method as any,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}),
        ...(this.csrf && !['GET', 'HEAD'].includes(method) ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    this.keepCookies(res.headers['set-cookie']);
    let parsed: unknown = res.body;
    if (String(res.headers['content-type'] ?? '').includes('json') && res.body) parsed = JSON.parse(res.body);
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }

  /**
   * The page's CSRF token, fetched once: requests fired together share that first fetch (two parallel fetches
   * without a cookie would each get a new token, and the page would hold one that its cookie does not match).
   */
  async csrfToken(): Promise<string | null> {
    if (this.csrf === null) await (this.csrfFetch ??= this.session().finally(() => (this.csrfFetch = null)));
    return this.csrf;
  }

  /** GET /api/session, remembering the CSRF token */
  async session(): Promise<Res> {
    const res = await this.request('GET', '/api/session');
    this.csrf = res.body.csrfToken;
    return res;
  }

  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body: unknown = {}) {
    return this.request<T>('POST', url, body);
  }
  put<T = any>(url: string, body: unknown = {}) {
    return this.request<T>('PUT', url, body);
  }
  patch<T = any>(url: string, body: unknown = {}) {
    return this.request<T>('PATCH', url, body);
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }

  async login(email: string, password: string): Promise<Res> {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }
}
