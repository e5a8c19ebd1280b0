import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake API Particulier on loopback (tests cannot reach the State's service), speaking the documented v2 exchange
 * of the CNAF's « composition familiale » (docs/quotient.md):
 *
 *   GET /api/v2/composition-familiale?numeroAllocataire=<7 digits>&codePostal=<5 digits>
 *   header X-Api-Key: <token>
 *   200 → { quotientFamilial, mois, annee, allocataires: [{ nomPrenom, dateDeNaissance, sexe }], enfants: [...],
 *           adresse: { identite, complementIdentite, complementIdentiteGeo, numeroRue, lieuDit, codePostalVille, pays } }
 *   401 → bad or missing token; 404 → { error: 'not_found', reason, message } (no file for this number and postal
 *   code); 400 → bad parameters; 503 → service down.
 *
 * Files are added with `file(number, postalCode, quotient, month, year)`; `failNext(status)` makes the next answers
 * fail with that status; `hang` keeps requests waiting (time-outs); `delayMs` slows every answer (race tests). Each
 * request is kept in `requests` (path, query, whether the token was right).
 */
export interface FakeRequest {
  path: string;
  query: Record<string, string>;
  apiKeyOk: boolean;
}

export class FakeApiParticulier {
  readonly token = 'jeton-de-test-api-particulier-0123456789';
  readonly requests: FakeRequest[] = [];
  private files = new Map<string, { quotient: number; month: number; year: number; names: string[] }>();
  private failures: number[] = [];
  hang = false;
  delayMs = 0;
  private server: http.Server | null = null;
  private hanging: http.ServerResponse[] = [];
  url = '';

  file(number: string, postalCode: string, quotient: number, month: number, year: number, names = ['MARIE DUPONT', 'JEAN DUPONT']): void {
    this.files.set(`${number}/${postalCode}`, { quotient, month, year, names });
  }

  failNext(status: number, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(status);
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private send(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const apiKeyOk = req.headers['x-api-key'] === this.token;
    this.requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), apiKeyOk });
    if (this.hang) {
      this.hanging.push(res);
      return;
    }
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (req.method !== 'GET' || url.pathname !== '/api/v2/composition-familiale') return this.send(res, 404, { error: 'not_found', reason: 'Route inconnue', message: 'Route inconnue' });
    if (!apiKeyOk) return this.send(res, 401, { error: 'access_denied', reason: 'Jeton invalide', message: 'Jeton invalide' });
    const failure = this.failures.shift();
    if (failure) return this.send(res, failure, { error: 'service_unavailable', reason: 'Erreur du fournisseur', message: 'Erreur du fournisseur' });
    const number = url.searchParams.get('numeroAllocataire') ?? '';
    const postalCode = url.searchParams.get('codePostal') ?? '';
    if (!/^\d{1,7}$/.test(number) || !/^\d{5}$/.test(postalCode))
      return this.send(res, 400, { error: 'bad_request', reason: 'Paramètres invalides', message: 'Paramètres invalides' });
    const f = this.files.get(`${number}/${postalCode}`);
    if (!f)
      return this.send(res, 404, {
        error: 'not_found',
        reason: 'Dossier allocataire inexistant. Le document ne peut être édité.',
        message: 'Dossier allocataire inexistant. Le document ne peut être édité.',
      });
    this.send(res, 200, {
      quotientFamilial: f.quotient,
      mois: f.month,
      annee: f.year,
      allocataires: f.names.map((nomPrenom, i) => ({ nomPrenom, dateDeNaissance: i ? '01041990' : '01031988', sexe: i ? 'M' : 'F' })),
      enfants: [{ nomPrenom: 'LUCIE DUPONT', dateDeNaissance: '01012018', sexe: 'F' }],
      adresse: {
        identite: `Madame ${f.names[0]}`,
        complementIdentite: null,
        complementIdentiteGeo: null,
        numeroRue: '12 RUE DES LILAS',
        lieuDit: null,
        codePostalVille: `${postalCode} COMINES`,
        pays: 'FRANCE',
      },
    });
  }
}
