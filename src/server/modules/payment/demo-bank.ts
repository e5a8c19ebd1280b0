import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { addMs, isoNow } from '../../clock.js';
import { formatEuros } from '../../../shared/billing-labels.js';
import type { PaymentOrder, PaymentProvider } from './payment.provider.js';
import type { ProviderResult } from './payment.state.js';
import { translator } from '../../i18n.js';
import type { Language } from '../../../shared/i18n/languages.js';

/**
 * The demo provider: a simulated bank served by the portal itself, so that a newcomer can pay after `npm start`.
 * It behaves like a real one where it matters: the family decides on the bank's page, the result is known by the
 * provider only, and its notification comes a few seconds later through the same verification as PayFiP's.
 */
export const DEMO_BANK_PATH = '/demo-bank';
export const SIMULATION = 'SIMULATION — aucun paiement réel';
export const DEMO_CHOICES = ['accepted', 'refused', 'abandoned'] as const;
export type DemoChoice = (typeof DEMO_CHOICES)[number];

export class DemoBankProvider implements PaymentProvider {
  readonly name = 'demo' as const;
  constructor(private readonly ctx: AppContext) {}

  async create(order: PaymentOrder): Promise<{ opId: string; redirectUrl: string }> {
    const opId = randomBytes(18).toString('base64url');
    await this.ctx.db
      .insertInto('demo_bank_operation')
      .values({
        op_id: opId,
        reference: order.reference,
        amount_cents: order.amountCents,
        notify_url: order.notifyUrl,
        return_url: order.returnUrl,
        created_at: isoNow(this.ctx.clock),
        outcome: null,
        decided_at: null,
        notify_at: null,
        notified_at: null,
        locked_until: null,
      })
      .execute();
    // the simulated bank is served by the portal: at the address the family's browser uses (its return address)
    return { opId, redirectUrl: `${new URL(order.returnUrl).origin}${DEMO_BANK_PATH}/${opId}` };
  }

  async status(opId: string): Promise<ProviderResult> {
    const op = await this.ctx.db.selectFrom('demo_bank_operation').selectAll().where('op_id', '=', opId).executeTakeFirst();
    if (!op) return { kind: 'unknown', code: 'unknown_operation' };
    // like a bank that needs a moment: the result is known from the time it sends its notification
    if (!op.outcome || !op.notify_at || op.notify_at > isoNow(this.ctx.clock)) return { kind: 'pending', code: 'processing' };
    if (op.outcome === 'accepted')
      return { kind: 'paid', transactionId: `DEMO-${opId}`, amountCents: op.amount_cents, reference: op.reference, code: 'accepted' };
    if (op.outcome === 'refused') return { kind: 'refused', amountCents: op.amount_cents, reference: op.reference, code: 'refused' };
    return { kind: 'abandoned', code: 'abandoned' };
  }
}

/**
 * The family's choice on the simulated page; once only (conditional write: only an undecided operation changes, a
 * second click or a second tab changes nothing). Returns where the bank sends the browser back.
 */
export async function decideDemoOperation(ctx: AppContext, opId: string, choice: DemoChoice): Promise<string | null> {
  const now = isoNow(ctx.clock);
  await ctx.db
    .updateTable('demo_bank_operation')
    .set({ outcome: choice, decided_at: now, notify_at: addMs(now, ctx.config.payment.demoBankDelayMs) })
    .where('op_id', '=', opId)
    .where('outcome', 'is', null)
    .execute();
  const op = await ctx.db.selectFrom('demo_bank_operation').select('return_url').where('op_id', '=', opId).executeTakeFirst();
  return op?.return_url ?? null;
}

/**
 * Sends the simulated bank's due notifications (the job "demo-bank-notify"): each operation is claimed with a
 * lease, handed to `notify` (the payment module's notification handler), and marked notified.
 */
export async function sendDemoNotifications(ctx: AppContext, notify: (opId: string) => Promise<void>, batch = 20): Promise<number> {
  const now = isoNow(ctx.clock);
  const due = await ctx.db
    .selectFrom('demo_bank_operation')
    .select('op_id')
    .where('notified_at', 'is', null)
    .where('notify_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .limit(batch)
    .execute();
  let sent = 0;
  for (const { op_id } of due) {
    const claimed = await ctx.db
      .updateTable('demo_bank_operation')
      .set((eb) => ({ locked_until: addMs(now, 60_000), notify_attempts: eb('notify_attempts', '+', 1) }))
      .where('op_id', '=', op_id)
      .where('notified_at', 'is', null)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    try {
      await notify(op_id);
      await ctx.db.updateTable('demo_bank_operation').set({ notified_at: isoNow(ctx.clock), locked_until: null }).where('op_id', '=', op_id).execute();
      sent++;
    } catch (err) {
      ctx.logger.warn({ err, op: op_id.slice(0, 6) }, 'demo bank notification failed, will retry');
    }
  }
  return sent;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The simulated bank's page, in the visitor's language: accessible, no card field (nothing to type), labelled a simulation. */
export async function demoBankPage(ctx: AppContext, opId: string, language: Language = 'fr'): Promise<{ status: number; html: string }> {
  const op = await ctx.db.selectFrom('demo_bank_operation').selectAll().where('op_id', '=', opId).executeTakeFirst();
  const t = translator(language);
  const w = (k: 'intro' | 'unknown' | 'unknownText' | 'done' | 'back' | 'accepted' | 'refused' | 'abandoned' | 'payment' | 'amount' | 'reference' | 'payee' | 'choose' | 'later') =>
    esc(t(`server:demoBank.${k}`));
  const simulation = esc(t('server:demoBank.simulation'));
  const head = (title: string) =>
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${esc(t('server:demoBank.title', { title, simulation: t('server:demoBank.simulation') }))}</title></head><body>` +
    `<header><p><strong>${simulation}</strong></p><p>${w('intro')}</p></header><main>`;
  const foot = `</main><footer><p><strong>${simulation}</strong></p></footer></body></html>`;
  if (!op) return { status: 404, html: `${head(t('server:demoBank.unknown'))}<h1>${w('unknown')}</h1><p>${w('unknownText')}</p>${foot}` };
  if (op.outcome) {
    return {
      status: 200,
      html:
        `${head(t('server:demoBank.done'))}<h1>${w('done')}</h1><p>${esc(t('server:demoBank.doneText', { reference: op.reference }))}</p>` +
        `<p><a href="${esc(op.return_url)}">${w('back')}</a></p>${foot}`,
    };
  }
  const buttons = DEMO_CHOICES.map((v) => `<p><button type="submit" name="choice" value="${v}">${w(v)}</button></p>`).join('');
  return {
    status: 200,
    html:
      `${head(t('server:demoBank.payment'))}<h1>${esc(t('server:demoBank.heading', { simulation: t('server:demoBank.simulation') }))}</h1>` +
      `<dl><dt>${w('amount')}</dt><dd>${esc(formatEuros(op.amount_cents, language))}</dd><dt>${w('reference')}</dt><dd>${esc(op.reference)}</dd><dt>${w('payee')}</dt><dd>${esc(ctx.config.city.name)}</dd></dl>` +
      `<form method="post" action="${DEMO_BANK_PATH}/${esc(opId)}"><fieldset><legend>${w('choose')}</legend>${buttons}</fieldset></form>` +
      `<p>${w('later')}</p>${foot}`,
  };
}
