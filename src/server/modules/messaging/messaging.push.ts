import webpush from 'web-push';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import type { Executor } from '../../db/write.js';

/**
 * Web Push (issue 14, docs/messages.md): VAPID keys (VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY, else a pair generated
 * once and kept in `push_key`, the same for every instance), and one push sent with the `web-push` library — it
 * encrypts the payload (aes128gcm) and signs the VAPID JWT; the request itself goes out with fetch (so that the tests'
 * push service on loopback is reached over plain HTTP, as a real one is over HTTPS).
 */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const cache = new WeakMap<AppContext, VapidKeys>();

export async function vapidKeys(ctx: AppContext, db: Executor = ctx.db): Promise<VapidKeys> {
  const known = ctx.config.notifications?.vapid ?? cache.get(ctx);
  if (known) return known;
  const fresh = webpush.generateVAPIDKeys();
  // two instances generating at once: the first INSERT wins, both read it back
  await db
    .insertInto('push_key')
    .values({ id: 'vapid', public_key: fresh.publicKey, private_key: fresh.privateKey, created_at: isoNow(ctx.clock) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db.selectFrom('push_key').select(['public_key', 'private_key']).where('id', '=', 'vapid').executeTakeFirstOrThrow();
  const keys = { publicKey: row.public_key, privateKey: row.private_key };
  cache.set(ctx, keys);
  return keys;
}

export class PushGone extends Error {}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether the server may POST to this subscription endpoint: https to a push service named in PUSH_SERVICE_HOSTS
 * (`*.notify.windows.com` matches its subdomains), or plain http to a loopback host named there (tests). A family
 * cannot make the portal call an internal address by registering it as « a device ».
 */
export function pushEndpointAllowed(endpoint: string, hosts: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  const host = u.hostname.toLowerCase();
  const named = hosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) && host.length > h.length - 1 : host === h));
  if (!named) return false;
  return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(host));
}

/** Sends one notification; throws PushGone when the subscription no longer exists (404/410). */
export async function sendPush(
  ctx: AppContext,
  subscription: { endpoint: string; p256dh: string; auth: string },
  payload: { title: string; body: string; url: string },
): Promise<void> {
  if (!pushEndpointAllowed(subscription.endpoint, ctx.config.notifications.pushHosts)) throw new PushGone('push service not allowed');
  const keys = await vapidKeys(ctx);
  const details = webpush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
    JSON.stringify(payload),
    {
      vapidDetails: { subject: `mailto:${ctx.config.city.email}`, publicKey: keys.publicKey, privateKey: keys.privateKey },
      TTL: 24 * 3600,
      contentEncoding: 'aes128gcm',
    },
  );
  const res = await fetch(details.endpoint, {
    method: details.method,
    headers: details.headers as Record<string, string>,
    body: details.body ? new Uint8Array(details.body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status === 404 || res.status === 410) throw new PushGone(`push ${res.status}`);
  if (res.status < 200 || res.status >= 300) throw new Error(`push service answered ${res.status}`);
}
