import type { PaymentOrder, PaymentProvider } from './payment.provider.js';
import { ProviderUnavailableError } from './payment.provider.js';
import type { ProviderResult } from './payment.state.js';
import { child, fieldsOf, parseSoap, type SoapFault, type SoapMessage } from './soap.js';

/**
 * PayFiP (DGFiP), web-service variant: SOAP 1.1 over HTTPS. Requests are written as plain XML strings (two
 * operations, a handful of fields: a SOAP library would weigh more than the protocol); answers are read with an XML
 * parser (./soap.ts: any prefix, no DTD, no entity expansion, a malformed answer is a ProviderUnavailableError).
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

/** A SOAP Fault that the portal does not read as a result: nothing is decided, ask again later. */
export class PayfipFaultError extends ProviderUnavailableError {
  constructor(
    readonly fault: SoapFault,
    context: string,
  ) {
    super(`${context}: fault ${fault.code ?? (fault.faultcode || '?')}${fault.descriptif ? ` (${fault.descriptif})` : ''}: ${fault.faultstring}`.slice(0, 200));
    this.name = 'PayfipFaultError';
  }
}

/** The fields of the operation's return element (…Response/return/*), by local name. */
function returnFields(msg: SoapMessage): Record<string, string> {
  return fieldsOf(child(msg.body, 'return'));
}

/** Reads recupererDetailPaiementSecurise's answer into the portal's terms. */
export function resultOfDetail(answer: string | SoapMessage): ProviderResult {
  const msg = typeof answer === 'string' ? parseSoap(answer) : answer;
  if (msg.fault) {
    if (msg.fault.code === 'P5') return { kind: 'pending', code: 'P5' };
    if (msg.fault.code === 'P1') return { kind: 'unknown', code: 'P1' };
    throw new PayfipFaultError(msg.fault, 'PayFiP');
  }
  const f = returnFields(msg);
  const resultrans = f.resultrans;
  const montant = Number(f.montant);
  const refdet = f.refdet ?? '';
  const amountCents = f.montant !== undefined && f.montant !== '' && Number.isInteger(montant) ? montant : NaN;
  switch (resultrans) {
    case 'P':
    case 'V': {
      const numauto = f.numauto ?? '';
      const idOp = f.idOp ?? '';
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

/** Reads creerPaiementSecurise's answer: the operation id, or a clear error. */
export function idOpOfCreate(answer: string | SoapMessage): string {
  const msg = typeof answer === 'string' ? parseSoap(answer) : answer;
  if (msg.fault) throw new PayfipFaultError(msg.fault, 'PayFiP refused the order');
  const idOp = returnFields(msg).idOp;
  if (!idOp || !/^[A-Za-z0-9-]{1,64}$/.test(idOp)) throw new ProviderUnavailableError('PayFiP: no idOp in the answer');
  return idOp;
}

export class PayfipProvider implements PaymentProvider {
  readonly name = 'payfip' as const;
  constructor(private readonly opts: PayfipOptions) {}

  private async call(operation: string, fields: Record<string, string | number>): Promise<SoapMessage> {
    let res: Response;
    let text: string;
    try {
      res = await fetch(this.opts.wsUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
        body: soapEnvelope(operation, fields),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
      });
      text = await res.text();
    } catch (err) {
      throw new ProviderUnavailableError(`PayFiP unreachable: ${(err as Error).message}`.slice(0, 200));
    }
    if (res.ok) return parseSoap(text);
    // SOAP 1.1 faults come with HTTP 500; anything else non-2xx is the network's or the server's trouble
    let msg: SoapMessage | null = null;
    try {
      msg = parseSoap(text);
    } catch {
      msg = null;
    }
    if (!msg?.fault) throw new ProviderUnavailableError(`PayFiP HTTP ${res.status}`);
    return msg;
  }

  async create(order: PaymentOrder): Promise<{ opId: string; redirectUrl: string }> {
    const msg = await this.call('creerPaiementSecurise', {
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
    const idOp = idOpOfCreate(msg);
    return { opId: idOp, redirectUrl: `${this.opts.paymentUrl}?idop=${encodeURIComponent(idOp)}` };
  }

  async status(opId: string): Promise<ProviderResult> {
    return resultOfDetail(await this.call('recupererDetailPaiementSecurise', { idOp: opId }));
  }
}
