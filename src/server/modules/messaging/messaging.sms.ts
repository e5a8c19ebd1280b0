import type { NotificationsConfig } from '../../config.js';

/**
 * The SMS channel's providers (issue 14, docs/messages.md). `demo` keeps every SMS in the portal's SMS outbox
 * (status « kept »: nothing leaves, the staff read them in the back-office); `brevo` sends through Brevo's
 * transactional SMS API (https://api.brevo.com/v3, `POST /transactionalSMS/sms`, `api-key` header, JSON body
 * `{ sender, recipient, content, type: 'transactional', unicodeEnabled }`, 201 `{ reference, messageId, smsCount,
 * usedCredits, remainingCredits }`, errors `{ code, message }` with 400/401/402). Numbers are never logged.
 */
export interface SmsProvider {
  name: 'demo' | 'brevo';
  /** sends one SMS; resolves with the provider's id, rejects with an SmsError */
  send(to: string, body: string): Promise<{ providerId: string }>;
}

export class SmsError extends Error {
  constructor(
    message: string,
    /** false: trying again will not help (bad number, bad key, no credits left is retried) */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SmsError';
  }
}

/** « 0612345678 » → « 33612345678 »; « +32470123456 » → « 32470123456 » (international format without +). */
export function internationalNumber(stored: string): string | null {
  if (/^0[1-9]\d{8}$/.test(stored)) return `33${stored.slice(1)}`;
  if (/^\+[1-9]\d{7,14}$/.test(stored)) return stored.slice(1);
  return null;
}

/** Only mobile numbers receive SMS: French 06 / 07, or an international number. */
export function isMobile(stored: string): boolean {
  return /^0[67]\d{8}$/.test(stored) || /^\+(?!33)[1-9]\d{7,14}$/.test(stored) || /^\+33[67]\d{8}$/.test(stored);
}

export class BrevoSmsProvider implements SmsProvider {
  readonly name = 'brevo' as const;
  constructor(
    private readonly apiUrl: string,
    private readonly apiKey: string,
    private readonly sender: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(to: string, body: string): Promise<{ providerId: string }> {
    const recipient = internationalNumber(to);
    if (!recipient) throw new SmsError('invalid recipient number', false);
    let res: Response;
    try {
      res = await fetch(`${this.apiUrl}/transactionalSMS/sms`, {
        method: 'POST',
        headers: { 'api-key': this.apiKey, accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ sender: this.sender, recipient, content: body, type: 'transactional', unicodeEnabled: true, tag: 'portail-familles' }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new SmsError(`network: ${(err as Error).name}`, true);
    }
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      /* not JSON: the status says enough */
    }
    if (res.status === 201 || res.status === 200) {
      const id = json.messageId ?? json.reference;
      if (id === undefined) throw new SmsError('answer without messageId', true);
      return { providerId: String(id) };
    }
    const code = typeof json.code === 'string' ? json.code : `http_${res.status}`;
    // 400 invalid_parameter (bad number or sender) and 401 (bad key) will not get better by retrying; 402
    // not_enough_credits, 429 and 5xx may
    const retryable = res.status === 402 || res.status === 429 || res.status >= 500;
    throw new SmsError(`brevo ${res.status} ${code}`, retryable);
  }
}

/** The demo provider never sends: its SMS stay in the outbox (status « kept »), readable by the staff. */
export class DemoSmsProvider implements SmsProvider {
  readonly name = 'demo' as const;
  async send(): Promise<{ providerId: string }> {
    return { providerId: 'demo' };
  }
}

export function smsProvider(config: NotificationsConfig): SmsProvider | null {
  if (config.smsProvider === 'off') return null;
  if (config.smsProvider === 'brevo' && config.brevo) return new BrevoSmsProvider(config.brevo.apiUrl, config.brevo.apiKey, config.smsSender);
  return new DemoSmsProvider();
}
