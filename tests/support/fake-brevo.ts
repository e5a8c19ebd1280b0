import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Brevo's transactional SMS API on loopback, after its documentation: `POST /v3/transactionalSMS/sms`, header
 * `api-key`, JSON `{ sender, recipient, content, type, … }`; 201 `{ reference, messageId, smsCount, usedCredits,
 * remainingCredits }`; 401 `{ code: 'unauthorized', message }` for a bad key; 400 `{ code: 'invalid_parameter',
 * message }` for a bad recipient; `failNext` makes the next calls answer 500.
 */
export class FakeBrevo {
  private server: Server | null = null;
  readonly apiKey = 'xkeysib-test-0123456789';
  readonly sent: { sender: string; recipient: string; content: string; type: string }[] = [];
  failNext = 0;
  url = '';

  async start(): Promise<string> {
    let id = 1000;
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const reply = (status: number, body: unknown) => {
          res.statusCode = status;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(body));
        };
        if (req.method !== 'POST' || req.url !== '/v3/transactionalSMS/sms') return reply(404, { code: 'not_found', message: 'Not found' });
        if (req.headers['api-key'] !== this.apiKey) return reply(401, { code: 'unauthorized', message: 'Key not found' });
        if (this.failNext > 0) {
          this.failNext--;
          return reply(500, { code: 'internal_error', message: 'Internal error' });
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { sender: string; recipient: string; content: string; type: string };
        if (!/^[1-9]\d{7,14}$/.test(body.recipient ?? '')) return reply(400, { code: 'invalid_parameter', message: 'Invalid phone number' });
        if (!body.sender || !body.content) return reply(400, { code: 'missing_parameter', message: 'sender and content are required' });
        this.sent.push(body);
        id++;
        return reply(201, { reference: `ref-${id}`, messageId: id, smsCount: 1, usedCredits: 1, remainingCredits: 99 });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v3`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
