import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ece from 'http_ece';

/**
 * A Web Push service on loopback, after RFC 8030 (push message: POST to the subscription's endpoint, `TTL` header,
 * 201 Created), RFC 8291 (payload encrypted with aes128gcm for the subscription's P-256 key and auth secret) and
 * RFC 8292 (VAPID: `Authorization: vapid t=<JWT>, k=<public key>`). It holds the browser's side of one or more
 * subscriptions (their private keys), decrypts each push and keeps it; `gone` endpoints answer 410.
 */
export interface ReceivedPush {
  endpoint: string;
  ttl: string | undefined;
  vapidKey: string | null;
  jwtAudience: string | null;
  payload: { title: string; body: string; url: string };
}

export class FakePushService {
  private server: Server | null = null;
  private base = '';
  private readonly keys = new Map<string, { ecdh: ECDH; auth: string }>();
  readonly received: ReceivedPush[] = [];
  readonly gone = new Set<string>();

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const endpoint = `${this.base}${req.url}`;
        if (this.gone.has(endpoint)) {
          res.statusCode = 410;
          res.end();
          return;
        }
        const sub = this.keys.get(endpoint);
        const auth = String(req.headers.authorization ?? '');
        const m = /^vapid t=([^,]+), k=(.+)$/.exec(auth);
        if (!sub || req.method !== 'POST' || req.headers['content-encoding'] !== 'aes128gcm' || !m) {
          res.statusCode = 400;
          res.end();
          return;
        }
        const claims = JSON.parse(Buffer.from(m[1].split('.')[1], 'base64url').toString()) as { aud?: string };
        const plain = ece.decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: sub.ecdh, authSecret: sub.auth });
        this.received.push({ endpoint, ttl: req.headers.ttl as string | undefined, vapidKey: m[2], jwtAudience: claims.aud ?? null, payload: JSON.parse(plain.toString('utf8')) });
        res.statusCode = 201;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A browser's new subscription: what PushManager.subscribe() would give the page. */
  subscription(): { endpoint: string; keys: { p256dh: string; auth: string } } {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16).toString('base64url');
    const endpoint = `${this.base}/push/${randomBytes(8).toString('hex')}`;
    this.keys.set(endpoint, { ecdh, auth });
    return { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth } };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
