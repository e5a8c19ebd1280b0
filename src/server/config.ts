import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** proxy-addr's names for address ranges, accepted by Fastify's trustProxy */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.has(entry) || isIP(entry)) return true;
  const m = /^(.+)\/(\d{1,3})$/.exec(entry); // CIDR: 10.0.0.0/8, fd00::/8
  if (!m) return false;
  const family = isIP(m[1]);
  return family !== 0 && Number(m[2]) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY, as Fastify's `trustProxy`: `false` (default: the TCP peer is the client); the proxies' addresses, CIDR
 * ranges or `loopback` / `linklocal` / `uniquelocal`, comma-separated (recommended: the client is the rightmost
 * X-Forwarded-For address that is not one of them, and a client reaching the portal directly cannot pick its address);
 * `true`: every hop is trusted and the leftmost X-Forwarded-For address wins (only safe when nothing but the proxy can
 * reach the portal and the proxy overwrites the header). `1`/`0`, `yes`/`no`, `on`/`off` keep their boolean meaning.
 * No hop count: Fastify 5 trusts nothing for a number (a direct client could spoof enough hops).
 */
const trustProxyVar = z.string().transform((raw, zc): boolean | string[] => {
  const v = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (entries.length === 0 || bad.length) {
    zc.addIssue({
      code: 'custom',
      message: `true, false, ou les adresses / plages des relais (CIDR, loopback, linklocal, uniquelocal) séparées par des virgules ; invalide : ${bad.join(', ') || raw}`,
    });
    return z.NEVER;
  }
  return entries;
});

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  DEMO: bool.optional(),
  DEMO_PASSWORD: z.string().min(12, 'DEMO_PASSWORD doit compter au moins 12 caractères').optional(),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: trustProxyVar.default(false),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  CITY_NAME: z.string().default('Ville de Comines'),
  CITY_LOGO_URL: z.string().default('/logo-ville.svg'),
  CITY_ADDRESS: z.string().default('Hôtel de Ville, Grand Place, 59560 Comines'),
  CITY_PHONE: z.string().default('03 20 00 00 00'),
  CITY_EMAIL: z.string().default('enfance@ville-comines.example'),
  CITY_WEBSITE: z.string().default('https://www.ville-comines.example'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(100_000),
  HEALTH_DATA_KEY: z.string().optional(),
  PAYMENT_PROVIDER: z.enum(['demo', 'payfip']).default('demo'),
  PAYFIP_NUMCLI: z.string().regex(/^\d{6}$/, 'PAYFIP_NUMCLI compte 6 chiffres').optional(),
  PAYFIP_URL: z.string().url().default('https://www.payfip.gouv.fr/tpa/services/securite'),
  PAYFIP_PAYMENT_URL: z.string().url().default('https://www.payfip.gouv.fr/tpa/paiementws.web'),
  PAYFIP_SAISIE: z.enum(['T', 'X', 'W']).default('T'),
  DEMO_BANK_DELAY_SECONDS: z.coerce.number().int().min(0).max(600).default(4),
  METRICS_TOKEN: z.string().min(24, 'METRICS_TOKEN doit compter au moins 24 caractères').optional(),
  BOOKING_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  // issue 15: hours of one child-day per unit for the statistics (docs/statistics.md): « matin=1.5 repas=2 <unit id>=3.25 »
  STATS_UNIT_HOURS: z.string().max(8000).regex(/^\s*([\w-]+=\d{1,2}(\.\d{1,2})?[\s,;]*)*$/, 'key=hours pairs, e.g. matin=1.5 repas=2').optional(),
  STATS_DEFAULT_UNIT_HOURS: z.coerce.number().positive().max(24).optional(),
  FRANCECONNECT_ENABLED: bool.optional(),
  FRANCECONNECT_CLIENT_ID: z.string().optional(),
  FRANCECONNECT_CLIENT_SECRET: z.string().optional(),
  FRANCECONNECT_ISSUER: z.string().url().optional(),
  FRANCECONNECT_SCOPES: z.string().default('openid given_name family_name birthdate email'),
  FRANCECONNECT_ACR_VALUES: z.string().regex(/^eidas[123]$/, 'eidas1, eidas2 ou eidas3').default('eidas1'),
  FRANCECONNECT_ID_TOKEN_ALG: z.enum(['ES256', 'RS256', 'HS256']).default('ES256'),
  FRANCECONNECT_USERINFO_ALG: z.enum(['ES256', 'RS256', 'HS256', 'none']).default('ES256'),
  STAFF_MFA_AGENTS: z.enum(['required', 'optional']).default('optional'),
  // notifications (issue 14, docs/messages.md)
  SMS_PROVIDER: z.enum(['demo', 'brevo', 'off']).default('demo'),
  BREVO_API_KEY: z.string().optional(),
  BREVO_API_URL: z.string().url().default('https://api.brevo.com/v3'),
  SMS_SENDER: z.string().regex(/^[A-Za-z0-9]{1,11}$/, 'SMS_SENDER : 11 lettres ou chiffres au plus').default('Portail'),
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  PUSH_SERVICE_HOSTS: z
    .string()
    .default('fcm.googleapis.com,updates.push.services.mozilla.com,web.push.apple.com,*.notify.windows.com')
    .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)),
  // family quotient from the CAF (issue 15, docs/quotient.md)
  QUOTIENT_PROVIDER: z.enum(['demo', 'api-particulier']).default('demo'),
  API_PARTICULIER_URL: z.string().url().default('https://particulier.api.gouv.fr'),
  API_PARTICULIER_TOKEN: z.string().optional(),
  API_PARTICULIER_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
});

export interface CityConfig {
  name: string;
  logoUrl: string;
  address: string;
  phone: string;
  email: string;
  website: string;
}

export interface Config {
  env: string;
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… or undefined for the embedded SQLite file under dataDir */
  databaseUrl?: string;
  demo: boolean;
  demoPassword?: string;
  publicUrl: string;
  /** Fastify's trustProxy: false, true, or the proxies' addresses / CIDR ranges / range names (TRUST_PROXY) */
  trustProxy: boolean | string[];
  smtpUrl?: string;
  mailFrom: string;
  city: CityConfig;
  logLevel: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  bodyLimit: number;
  /** base64 of 32 bytes; unset: DATA_DIR/health-data.key (generated on first start) — see crypto/health-crypto.ts */
  healthDataKey?: string;
  payment: PaymentConfig;
  /** bearer token for GET /metrics (Prometheus); unset: only a signed-in administrator reads it */
  metricsToken?: string;
  /** bookings computed at once by one instance, the others queued in arrival order (BOOKING_CONCURRENCY; unset: the booking module's default for the database) */
  bookingConcurrency?: number;
  /** issue 15, docs/statistics.md: STATS_UNIT_HOURS (unit code or id = hours per child-day) and STATS_DEFAULT_UNIT_HOURS */
  statsUnitHours?: string;
  statsDefaultUnitHours?: number;
  /**
   * Staff two-factor login (issue 11, docs/staff-security.md). Agents: STAFF_MFA_AGENTS=required|optional (default
   * optional; the staff accounts page can require it of one agent). Administrators: always required — there is no
   * environment variable for it; only test harnesses whose journeys are not about two-factor login set 'optional'.
   */
  staffMfa: { admins: 'required' | 'optional'; agents: 'required' | 'optional' };
  /** sign-in with FranceConnect (docs/franceconnect.md); null: off, no button, its routes answer 404 */
  franceConnect: FranceConnectConfig | null;
  /** SMS and Web Push (issue 14, docs/messages.md) */
  notifications: NotificationsConfig;
  /** the family quotient's provider (issue 15, docs/quotient.md) */
  quotient: QuotientConfig;
}

export interface QuotientConfig {
  /** demo: deterministic answers for the demo numbers, nothing leaves; api-particulier: the State's API Particulier */
  provider: 'demo' | 'api-particulier';
  /** API Particulier's base URL and token (X-Api-Key); never logged */
  apiParticulier: { url: string; token: string } | null;
  timeoutMs: number;
}

export interface NotificationsConfig {
  /** demo: SMS kept in the portal's SMS outbox, nothing leaves; brevo: Brevo's transactional SMS API; off: no SMS channel */
  smsProvider: 'demo' | 'brevo' | 'off';
  brevo: { apiKey: string; apiUrl: string } | null;
  smsSender: string;
  /** VAPID keys of Web Push (base64url); unset: generated once and kept in the database */
  vapid: { publicKey: string; privateKey: string } | null;
  /**
   * The push services a device's subscription may point at (`*.` for any subdomain): the server POSTs to that
   * address, so anything else (an internal host, a database port) is refused. Plain http only for a loopback host
   * named here (the tests' push service).
   */
  pushHosts: string[];
}

export interface FranceConnectConfig {
  clientId: string;
  clientSecret: string;
  /** the issuer, its discovery document at `<issuer>/.well-known/openid-configuration` */
  issuer: string;
  scopes: string;
  /** the eIDAS level asked (`acr_values`) and required at least in the ID token's `acr` */
  acrValues: string;
  idTokenAlg: 'ES256' | 'RS256' | 'HS256';
  /** none: the UserInfo answer is plain JSON; otherwise a JWT signed with this algorithm (FranceConnect v2 signs it) */
  userinfoAlg: 'ES256' | 'RS256' | 'HS256' | 'none';
  /** PUBLIC_URL + /api/franceconnect/callback, declared at FranceConnect */
  redirectUri: string;
  /** PUBLIC_URL + /api/franceconnect/logout-callback, declared at FranceConnect */
  postLogoutRedirectUri: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** FranceConnect's settings, or null when it is off; a half-configured FranceConnect stops the start. */
function franceConnectConfig(e: z.output<typeof envSchema>, publicUrl: string): FranceConnectConfig | null {
  const enabled = e.FRANCECONNECT_ENABLED ?? Boolean(e.FRANCECONNECT_CLIENT_ID);
  if (!enabled) return null;
  const missing = (['FRANCECONNECT_CLIENT_ID', 'FRANCECONNECT_CLIENT_SECRET', 'FRANCECONNECT_ISSUER'] as const).filter((k) => !e[k]);
  if (missing.length)
    throw new Error(`Configuration invalide / invalid configuration:\n${missing.map((k) => `  ${k}: obligatoire pour FranceConnect`).join('\n')}`);
  const issuer = new URL(e.FRANCECONNECT_ISSUER!);
  // Plain HTTP only towards this machine (the tests' loopback provider): a real FranceConnect is HTTPS.
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname)))
    throw new Error('Configuration invalide / invalid configuration:\n  FRANCECONNECT_ISSUER: une adresse https://');
  return {
    clientId: e.FRANCECONNECT_CLIENT_ID!,
    clientSecret: e.FRANCECONNECT_CLIENT_SECRET!,
    issuer: e.FRANCECONNECT_ISSUER!.replace(/\/$/, ''),
    scopes: e.FRANCECONNECT_SCOPES,
    acrValues: e.FRANCECONNECT_ACR_VALUES,
    idTokenAlg: e.FRANCECONNECT_ID_TOKEN_ALG,
    userinfoAlg: e.FRANCECONNECT_USERINFO_ALG,
    redirectUri: `${publicUrl}/api/franceconnect/callback`,
    postLogoutRedirectUri: `${publicUrl}/api/franceconnect/logout-callback`,
  };
}

export interface PaymentConfig {
  /** demo: the simulated bank embedded in the portal (default); payfip: the DGFiP's PayFiP web service */
  provider: 'demo' | 'payfip';
  payfip: { numcli: string; wsUrl: string; paymentUrl: string; saisie: 'T' | 'X' | 'W' } | null;
  /** how long the demo bank waits before sending its notification */
  demoBankDelayMs: number;
}

/** Reads the environment once; fails fast with a French/English message naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (e.g. `SMTP_URL= npm start`).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configuration invalide / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.PAYMENT_PROVIDER === 'payfip' && !e.PAYFIP_NUMCLI)
    throw new Error('Configuration invalide / invalid configuration:\n  PAYFIP_NUMCLI: obligatoire avec PAYMENT_PROVIDER=payfip');
  if (e.SMS_PROVIDER === 'brevo' && !e.BREVO_API_KEY)
    throw new Error('Configuration invalide / invalid configuration:\n  BREVO_API_KEY: obligatoire avec SMS_PROVIDER=brevo');
  if (e.QUOTIENT_PROVIDER === 'api-particulier' && !e.API_PARTICULIER_TOKEN)
    throw new Error('Configuration invalide / invalid configuration:\n  API_PARTICULIER_TOKEN: obligatoire avec QUOTIENT_PROVIDER=api-particulier');
  if (Boolean(e.VAPID_PUBLIC_KEY) !== Boolean(e.VAPID_PRIVATE_KEY))
    throw new Error('Configuration invalide / invalid configuration:\n  VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: les deux ou aucune');
  if (e.NODE_ENV === 'production' && !e.PUBLIC_URL)
    throw new Error('Configuration invalide / invalid configuration:\n  PUBLIC_URL: obligatoire en production (l’adresse publique du portail, ex. https://famille.ville.fr)');
  const embedded = !e.DATABASE_URL;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.DEMO ?? embedded,
    demoPassword: e.DEMO_PASSWORD,
    publicUrl,
    trustProxy: e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM ?? `"${e.CITY_NAME} — Portail Familles" <ne-pas-repondre@portail-familles.example>`,
    city: {
      name: e.CITY_NAME,
      logoUrl: e.CITY_LOGO_URL,
      address: e.CITY_ADDRESS,
      phone: e.CITY_PHONE,
      email: e.CITY_EMAIL,
      website: e.CITY_WEBSITE,
    },
    logLevel: e.LOG_LEVEL,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    bodyLimit: e.BODY_LIMIT_BYTES,
    healthDataKey: e.HEALTH_DATA_KEY,
    payment: {
      provider: e.PAYMENT_PROVIDER,
      payfip: e.PAYFIP_NUMCLI
        ? { numcli: e.PAYFIP_NUMCLI, wsUrl: e.PAYFIP_URL, paymentUrl: e.PAYFIP_PAYMENT_URL, saisie: e.PAYFIP_SAISIE }
        : null,
      demoBankDelayMs: e.DEMO_BANK_DELAY_SECONDS * 1000,
    },
    metricsToken: e.METRICS_TOKEN,
    bookingConcurrency: e.BOOKING_CONCURRENCY,
    statsUnitHours: e.STATS_UNIT_HOURS,
    statsDefaultUnitHours: e.STATS_DEFAULT_UNIT_HOURS,
    staffMfa: { admins: 'required', agents: e.STAFF_MFA_AGENTS },
    franceConnect: franceConnectConfig(e, publicUrl),
    notifications: {
      smsProvider: e.SMS_PROVIDER,
      brevo: e.BREVO_API_KEY ? { apiKey: e.BREVO_API_KEY, apiUrl: e.BREVO_API_URL.replace(/\/$/, '') } : null,
      smsSender: e.SMS_SENDER,
      vapid: e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY } : null,
      pushHosts: e.PUSH_SERVICE_HOSTS,
    },
    quotient: {
      provider: e.QUOTIENT_PROVIDER,
      apiParticulier: e.API_PARTICULIER_TOKEN ? { url: e.API_PARTICULIER_URL.replace(/\/$/, ''), token: e.API_PARTICULIER_TOKEN } : null,
      timeoutMs: e.API_PARTICULIER_TIMEOUT_SECONDS * 1000,
    },
  };
}

export function generateDemoPassword(): string {
  // 4 character classes, 20 characters: well above the CNIL threshold
  return `Demo-${randomBytes(9).toString('base64url')}-7a`;
}
