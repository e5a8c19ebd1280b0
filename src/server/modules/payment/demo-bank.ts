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

/** The simulated bank's stylesheet (issue 17: the page was unstyled), served from the portal: CSP `style-src 'self'`. */
export const DEMO_BANK_CSS_PATH = `${DEMO_BANK_PATH}/assets/bank.css`;
export const DEMO_BANK_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:100%;line-height:1.5;color:#1b1b1b;background:#eef1f5}
body{margin:0;min-height:100vh;display:flex;flex-direction:column}
.bank-banner{background:#7a1f00;color:#fff;text-align:center;padding:.5rem 1rem;font-weight:700;letter-spacing:.02em}
.bank-banner p{margin:0}
.bank-top{background:#0b3d66;color:#fff;padding:1rem 1.25rem}
.bank-top p{margin:0;max-width:40rem;margin-inline:auto}
.bank-brand{font-size:1.25rem;font-weight:700}
main{flex:1;width:100%;max-width:32rem;margin:1.5rem auto;padding:0 1rem}
.bank-card{background:#fff;border:1px solid #c5ccd6;border-radius:.75rem;padding:1.5rem;box-shadow:0 2px 6px rgba(0,0,0,.08)}
h1{font-size:1.5rem;margin:0 0 1rem;color:#0b3d66}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem;margin:0 0 1.5rem}
dt{font-weight:600;color:#3b4452}
dd{margin:0;font-variant-numeric:tabular-nums}
dd.amount{font-size:1.375rem;font-weight:700}
fieldset{border:0;padding:0;margin:0}
legend{font-weight:700;margin-bottom:.75rem;padding:0}
.bank-actions{display:flex;flex-direction:column;gap:.75rem}
button,.bank-link{display:block;width:100%;min-height:2.75rem;padding:.625rem 1rem;font:inherit;font-weight:600;border-radius:.5rem;cursor:pointer;text-align:center;text-decoration:none;border:2px solid transparent}
button[value=accepted]{background:#0b6e2e;color:#fff}
button[value=refused]{background:#fff;color:#a4161a;border-color:#a4161a}
button[value=abandoned],.bank-link{background:#fff;color:#0b3d66;border-color:#0b3d66}
button:hover,.bank-link:hover{filter:brightness(.92);text-decoration:underline}
button:focus-visible,.bank-link:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.bank-note{margin-top:1.25rem;color:#3b4452;font-size:.9375rem}
footer{background:#1b1b1b;color:#fff;text-align:center;padding:.75rem 1rem}
footer p{margin:0}
@media (prefers-reduced-motion:no-preference){button{transition:filter .15s}}
`;

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
    `<meta name="robots" content="noindex"><title>${esc(t('server:demoBank.title', { title, simulation: t('server:demoBank.simulation') }))}</title>` +
    `<link rel="stylesheet" href="${DEMO_BANK_CSS_PATH}"></head><body>` +
    `<header><div class="bank-banner"><p><strong>${simulation}</strong></p></div><div class="bank-top"><p class="bank-brand">${esc(t('server:demoBank.payment'))}</p><p>${w('intro')}</p></div></header><main><div class="bank-card">`;
  const foot = `</div></main><footer><p><strong>${simulation}</strong></p></footer></body></html>`;
  if (!op) return { status: 404, html: `${head(t('server:demoBank.unknown'))}<h1>${w('unknown')}</h1><p>${w('unknownText')}</p>${foot}` };
  if (op.outcome) {
    return {
      status: 200,
      html:
        `${head(t('server:demoBank.done'))}<h1>${w('done')}</h1><p>${esc(t('server:demoBank.doneText', { reference: op.reference }))}</p>` +
        `<p><a class="bank-link" href="${esc(op.return_url)}">${w('back')}</a></p>${foot}`,
    };
  }
  const buttons = `<div class="bank-actions">${DEMO_CHOICES.map((v) => `<button type="submit" name="choice" value="${v}">${w(v)}</button>`).join('')}</div>`;
  return {
    status: 200,
    html:
      `${head(t('server:demoBank.payment'))}<h1>${esc(t('server:demoBank.heading', { simulation: t('server:demoBank.simulation') }))}</h1>` +
      `<dl><dt>${w('amount')}</dt><dd class="amount">${esc(formatEuros(op.amount_cents, language))}</dd><dt>${w('reference')}</dt><dd>${esc(op.reference)}</dd><dt>${w('payee')}</dt><dd>${esc(ctx.config.city.name)}</dd></dl>` +
      `<form method="post" action="${DEMO_BANK_PATH}/${esc(opId)}"><fieldset><legend>${w('choose')}</legend>${buttons}</fieldset></form>` +
      `<p class="bank-note">${w('later')}</p>${foot}`,
  };
}
