import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { child, fieldsOf, parseSoap, type SoapMessage } from '../../src/server/modules/payment/soap.js';

/**
 * A fake PayFiP web service on loopback (a test double of the DGFiP's service, which tests cannot reach), speaking
 * the documented SOAP 1.1 messages of PaiementSecuriseService:
 *
 *   creerPaiementSecurise      arg0: exer, mel, montant, numcli, objet, refdet, saisie, urlnotif, urlredirect
 *                              → return: idOp
 *   recupererDetailPaiementSecurise  arg0: idOp
 *                              → return: dattrans, exer, heurtrans, idOp, mel, montant, numauto, numcli, objet, refdet,
 *                                resultrans (P card / V direct debit paid, R / Z refused, A abandoned), saisie
 *   faults (HTTP 500, soap:Fault with detail/FonctionnelleErreur): P5 result not known yet, P1 unknown idOp,
 *   R3 invalid parameter.
 *
 * Each request and answer is kept in `exchanges` so that tests can assert the shapes. Tests decide the result of
 * an operation with `decide`, or alter its answer with `tamper` (forgery, amount mismatch), or replace the next
 * answers whole with `rawAnswer` (a malformed document, another prefix…). Requests are read with the portal's SOAP
 * parser: the operation is the Body's first element, in PaiementSecuriseService's namespace whatever its prefix.
 */
export interface FakeOperation {
  idOp: string;
  fields: Record<string, string>;
  resultrans: 'P' | 'V' | 'R' | 'Z' | 'A' | null;
  numauto: string;
  /** overrides in the detail answer (e.g. another montant) */
  tamper: Record<string, string>;
}

export interface Exchange {
  operation: string;
  request: string;
  status: number;
  response: string;
}

const NS = 'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';
const CREATE_FIELDS = ['exer', 'mel', 'montant', 'numcli', 'objet', 'refdet', 'saisie', 'urlnotif', 'urlredirect'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

function fault(code: string, descriptif: string): string {
  return envelope(
    `<soap:Fault><faultcode>soap:Server</faultcode><faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur</faultstring>` +
      `<detail><ns1:FonctionnelleErreur xmlns:ns1="http://securite.service.tpa.cp.finances.gouv.fr/reponse"><code>${code}</code>` +
      `<descriptif>${esc(descriptif)}</descriptif><libelle>${esc(descriptif)}</libelle><severite>2</severite></ns1:FonctionnelleErreur></detail></soap:Fault>`,
  );
}

export class FakePayfip {
  readonly operations = new Map<string, FakeOperation>();
  readonly exchanges: Exchange[] = [];
  /** answer every call with HTTP 503 (an outage) */
  down = false;
  /** answer every call with this status and body, as they are (after recording the request's operation) */
  rawAnswer: { status: number; xml: string } | null = null;
  private server: http.Server | null = null;
  private n = 0;
  url = '';

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        const { status, xml, operation } = this.answer(req, body);
        this.exchanges.push({ operation, request: body, status, response: xml });
        res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' });
        res.end(xml);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/tpa/services/securite`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The family's choice on PayFiP's page (or the bank's answer). */
  decide(idOp: string, resultrans: FakeOperation['resultrans']): void {
    this.op(idOp).resultrans = resultrans;
  }

  tamper(idOp: string, fields: Record<string, string>): void {
    this.op(idOp).tamper = fields;
  }

  op(idOp: string): FakeOperation {
    const op = this.operations.get(idOp);
    if (!op) throw new Error(`fake PayFiP: no operation ${idOp}`);
    return op;
  }

  get lastIdOp(): string {
    return [...this.operations.keys()].at(-1)!;
  }

  private answer(req: http.IncomingMessage, body: string): { status: number; xml: string; operation: string } {
    if (this.down) return { status: 503, xml: 'Service Unavailable', operation: 'down' };
    if (req.method !== 'POST' || !/text\/xml/.test(req.headers['content-type'] ?? ''))
      return { status: 415, xml: '', operation: 'invalid' };
    let request: SoapMessage;
    try {
      request = parseSoap(body);
    } catch {
      return { status: 500, xml: fault('R3', 'Requête illisible'), operation: 'unreadable' };
    }
    const operation = request.body.local;
    if (this.rawAnswer) return { ...this.rawAnswer, operation };
    if (request.body.ns !== NS) return { status: 500, xml: fault('R3', 'Espace de noms inconnu'), operation };
    const arg0 = fieldsOf(child(request.body, 'arg0'));
    if (operation === 'creerPaiementSecurise') {
      const fields: Record<string, string> = {};
      for (const f of CREATE_FIELDS) {
        const v = arg0[f];
        if (v === undefined) return { status: 500, xml: fault('R3', `Paramètre ${f} absent`), operation };
        fields[f] = v;
      }
      if (!/^\d{6}$/.test(fields.numcli!)) return { status: 500, xml: fault('R3', 'numcli invalide'), operation };
      if (!/^[A-Za-z0-9]{1,30}$/.test(fields.refdet!)) return { status: 500, xml: fault('R3', 'refdet invalide'), operation };
      if (!/^[A-Za-z0-9 ]{0,100}$/.test(fields.objet!)) return { status: 500, xml: fault('R3', 'objet invalide'), operation };
      if (!/^\d+$/.test(fields.montant!) || Number(fields.montant) <= 0) return { status: 500, xml: fault('R3', 'montant invalide'), operation };
      if (!/^[TXW]$/.test(fields.saisie!)) return { status: 500, xml: fault('R3', 'saisie invalide'), operation };
      const idOp = `${Date.now().toString(16)}${(++this.n).toString(16).padStart(4, '0')}fake`;
      this.operations.set(idOp, { idOp, fields, resultrans: null, numauto: `${100000 + this.n}`, tamper: {} });
      return {
        status: 200,
        operation,
        xml: envelope(`<ns2:creerPaiementSecuriseResponse xmlns:ns2="${NS}"><return><idOp>${idOp}</idOp></return></ns2:creerPaiementSecuriseResponse>`),
      };
    }
    if (operation === 'recupererDetailPaiementSecurise') {
      const idOp = arg0.idOp ?? '';
      const op = this.operations.get(idOp);
      if (!op) return { status: 500, xml: fault('P1', 'IdOp incorrect'), operation };
      if (!op.resultrans) return { status: 500, xml: fault('P5', 'Résultat de la transaction non connu'), operation };
      const paid = op.resultrans === 'P' || op.resultrans === 'V';
      const detail: Record<string, string> = {
        dattrans: '27112026',
        exer: op.fields.exer!,
        heurtrans: '1015',
        idOp,
        mel: op.fields.mel!,
        montant: op.fields.montant!,
        numauto: paid ? op.numauto : '',
        numcli: op.fields.numcli!,
        objet: op.fields.objet!,
        refdet: op.fields.refdet!,
        resultrans: op.resultrans,
        saisie: op.fields.saisie!,
        ...op.tamper,
      };
      const inner = Object.entries(detail)
        .map(([k, v]) => `<${k}>${esc(v)}</${k}>`)
        .join('');
      return {
        status: 200,
        operation,
        xml: envelope(`<ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2="${NS}"><return>${inner}</return></ns2:recupererDetailPaiementSecuriseResponse>`),
      };
    }
    return { status: 500, xml: fault('R3', 'Opération inconnue'), operation };
  }
}
