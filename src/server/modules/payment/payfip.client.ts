import type { PaymentOrder, PaymentProvider } from './payment.provider.js';
import { ProviderUnavailableError } from './payment.provider.js';
import type { ProviderResult } from './payment.state.js';

/**
 * PayFiP (DGFiP), web-service variant: SOAP 1.1 over HTTPS, written as plain XML strings (two operations, a handful
 * of fields: a SOAP library would weigh more than the protocol).
 *
 *   creerPaiementSecurise(arg0: exer, mel, montant, numcli, objet, refdet, saisie, urlnotif, urlredirect) → return.idOp
 *   recupererDetailPaiementSecurise(arg0: idOp) → return: dattrans, exer, heurtrans, idOp, mel, montant, numauto,
 *     numcli, objet, refdet, resultrans, saisie
 *   faults carry detail/FonctionnelleErreur/code: P5 result not known yet, P1 unknown idOp, others (P4, R3…) errors.
 */
export const PAYFIP_NS =
  'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';

export interface PayfipOptions {
  /** 6 digits, the collectivity's PayFiP client number */
  numcli: string;
  /** the web-service endpoint (…/tpa/services/securite) */
  wsUrl: string;
  /** the payment page, opened with ?idop= */
  paymentUrl: string;
  /** T test, X activation, W production */
  saisie: 'T' | 'X' | 'W';
  timeoutMs?: number;
}

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function xmlUnescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** The text of the first element with this local name, whatever its prefix; undefined when absent. */
export function xmlField(xml: string, name: string): string | undefined {
  const m = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[A-Za-z_][\\w.-]*:)?${name}>`).exec(xml);
  if (m) return xmlUnescape(m[1]!.trim());
  if (new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?:\\s[^>]*)?/>`).test(xml)) return '';
  return undefined;
}

export function soapEnvelope(operation: string, fields: Record<string, string | number>): string {
  // arg0's children in alphabetical order, unqualified, as the WSDL (JAX-WS) declares them
  const body = Object.keys(fields)
    .sort()
    .map((k) => `<${k}>${xmlEscape(String(fields[k]))}</${k}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pai="${PAYFIP_NS}">` +
    `<soapenv:Header/><soapenv:Body><pai:${operation}><arg0>${body}</arg0></pai:${operation}></soapenv:Body></soapenv:Envelope>`
  );
}

export interface SoapFault {
  faultstring: string;
  /** FonctionnelleErreur/code, e.g. P5 */
  code: string | undefined;
  descriptif: string | undefined;
}

export function parseFault(xml: string): SoapFault | null {
  if (!/<(?:[\w.-]+:)?Fault[\s>]/.test(xml)) return null;
  return { faultstring: xmlField(xml, 'faultstring') ?? '', code: xmlField(xml, 'code'), descriptif: xmlField(xml, 'descriptif') };
}

/** PayFiP's objet: ≤ 100 ASCII letters, digits and spaces (accents folded, anything else becomes a space). */
export function payfipObject(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100)
    .trim();
}

/** Reads recupererDetailPaiementSecurise's answer into the portal's terms. */
export function resultOfDetail(xml: string): ProviderResult {
  const fault = parseFault(xml);
  if (fault) {
    if (fault.code === 'P5') return { kind: 'pending', code: 'P5' };
    if (fault.code === 'P1') return { kind: 'unknown', code: 'P1' };
    throw new ProviderUnavailableError(`PayFiP fault ${fault.code ?? '?'}: ${fault.faultstring}`.slice(0, 200));
  }
  const resultrans = xmlField(xml, 'resultrans');
  const montant = Number(xmlField(xml, 'montant'));
  const refdet = xmlField(xml, 'refdet') ?? '';
  const amountCents = Number.isInteger(montant) ? montant : NaN;
  switch (resultrans) {
    case 'P':
    case 'V': {
      const numauto = xmlField(xml, 'numauto') ?? '';
      const idOp = xmlField(xml, 'idOp') ?? '';
      // numauto identifies the bank transaction; idOp keeps it unique when a test platform leaves it empty
      return { kind: 'paid', transactionId: numauto ? `${numauto}/${idOp}` : idOp, amountCents, reference: refdet, code: resultrans };
    }
    case 'R':
    case 'Z':
      return { kind: 'refused', amountCents: Number.isNaN(amountCents) ? null : amountCents, reference: refdet, code: resultrans };
    case 'A':
      return { kind: 'abandoned', code: 'A' };
    default:
      throw new ProviderUnavailableError(`PayFiP: unexpected resultrans ${String(resultrans).slice(0, 5)}`);
  }
}

export class PayfipProvider implements PaymentProvider {
  readonly name = 'payfip' as const;
  constructor(private readonly opts: PayfipOptions) {}

  private async call(operation: string, fields: Record<string, string | number>): Promise<string> {
    let res: Response;
    try {
      res = await fetch(this.opts.wsUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
        body: soapEnvelope(operation, fields),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new ProviderUnavailableError(`PayFiP unreachable: ${(err as Error).message}`.slice(0, 200));
    }
    const text = await res.text();
    // SOAP 1.1 faults come with HTTP 500; anything else non-2xx is the network's or the server's trouble
    if (!res.ok && !parseFault(text)) throw new ProviderUnavailableError(`PayFiP HTTP ${res.status}`);
    return text;
  }

  async create(order: PaymentOrder): Promise<{ opId: string; redirectUrl: string }> {
    const xml = await this.call('creerPaiementSecurise', {
      exer: order.year,
      mel: order.email,
      montant: order.amountCents,
      numcli: this.opts.numcli,
      objet: payfipObject(order.object),
      refdet: order.reference,
      saisie: this.opts.saisie,
      urlnotif: order.notifyUrl,
      urlredirect: order.returnUrl,
    });
    const fault = parseFault(xml);
    if (fault) throw new ProviderUnavailableError(`PayFiP refused the order: ${fault.code ?? '?'} ${fault.descriptif ?? ''}`.slice(0, 200));
    const idOp = xmlField(xml, 'idOp');
    if (!idOp || !/^[A-Za-z0-9-]{1,64}$/.test(idOp)) throw new ProviderUnavailableError('PayFiP: no idOp in the answer');
    return { opId: idOp, redirectUrl: `${this.opts.paymentUrl}?idop=${encodeURIComponent(idOp)}` };
  }

  async status(opId: string): Promise<ProviderResult> {
    return resultOfDetail(await this.call('recupererDetailPaiementSecurise', { idOp: opId }));
  }
}
