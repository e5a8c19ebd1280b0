/**
 * Guide §7 walked in Chromium, as a parent would: « liste des documents à fournir » (every document with its state
 * and the legend), « ajouter un document » with « Parcourir » (two real files for one document: a PDF and a PNG
 * built here) and « Envoyer », the document shown awaiting review; a « .pdf » that is really text refused by the
 * server with the error summary, and a text file refused before sending. An administrator first configures a
 * document type; then a city agent previews the files (PDF in a frame, image with its text alternative), accepts
 * one document and refuses another with a reason; the parent sees both states and the reason, downloads a file and
 * all of the family's data (a ZIP with `donnees.json` inside), and asks for the account to be closed, which an
 * administrator does after a strong confirmation. Axe runs on every page and window, in normal and error states;
 * the pages fit a 320 px phone.
 */
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  expectErrorSummary,
  expectNoAxeViolations,
  label,
  launchBrowser,
  openPage,
  printAxeSummary,
  signIn as signInAt,
  startPortal,
  type Portal,
} from './support.js';
import { createFamily, createStaff } from '../support/factories.js';
import { fullChildInput } from '../support/children.js';
import { activeLists } from '../../src/server/modules/lists/lists.service.js';
import { createChild } from '../../src/server/modules/child/child.service.js';
import { saveType } from '../../src/server/modules/document/document.service.js';
import { childInput } from '../../src/shared/child-contracts.js';

const FAMILY_EMAIL = 'julie.lefebvre@example.org';
const FAMILY_PASSWORD = 'Justificatifs-Rentree-2026';
const AGENT_EMAIL = 'accueil.enfance@example.org';
const AGENT_PASSWORD = 'Verifier-Les-Pieces-2026';
const ADMIN_EMAIL = 'direction.education@example.org';
const ADMIN_PASSWORD = 'Documents-Demandes-2026';
const REFUSAL = 'La photo est floue : envoyez une photo nette des pages des vaccinations.';

let portal: Portal;
let browser: Browser;

/** A small but complete PDF: header, one page of text, cross-reference table and trailer; `padding` bytes of comment make it heavier. */
function pdfBytes(text: string, padding = 0): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  const stream = `BT /F1 12 Tf 72 770 Td (${text}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let body = `%PDF-1.4\n${padding ? `%${'x'.repeat(padding)}\n` : ''}`;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1 × 1 PNG (signature, IHDR, IDAT, IEND, real CRCs). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The entries of a ZIP, read from its central directory (stored or deflated). */
function unzip(zip: Buffer): Map<string, Buffer> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a ZIP: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

beforeAll(async () => {
  portal = await startPortal();
  const family = await createFamily(portal.ctx, { email: FAMILY_EMAIL, password: FAMILY_PASSWORD, lastName: 'Lefebvre', status: 'active' });
  const input = childInput.parse(fullChildInput(await activeLists(portal.ctx), { firstName: 'Léa', lastName: 'Lefebvre', birthDate: '2018-03-10' }));
  await createChild(portal.ctx, { familyId: family.familyId, accountId: family.accountId, email: family.email, displayName: 'Julie Lefebvre' }, input);
  const admin = await createStaff(portal.ctx, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, role: 'admin' });
  await createStaff(portal.ctx, { email: AGENT_EMAIL, password: AGENT_PASSWORD, role: 'agent' });
  await saveType(portal.ctx, { id: admin.accountId, email: admin.email }, null, {
    name: 'Carnet de vaccination',
    description: 'Les pages des vaccinations, avec le nom de l’enfant.',
    scope: 'child',
    validityKind: 'none',
    validityMonths: null,
    required: true,
    requiredForActivityIds: [],
    active: true,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  printAxeSummary('documents');
  await browser?.close();
  await portal?.close();
});

const newPage = (width?: number) => openPage(browser, width);
const signIn = (page: Page, email: string, password: string) => signInAt(page, portal.baseUrl, email, password);

/** The checklist entry of a document, by its title (« Carnet de vaccination — Léa Lefebvre »…). */
const entry = (page: Page, list: string, title: string | RegExp) =>
  page.getByRole('list', { name: list }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/documents-${name}.png`, fullPage: true });
}

async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow on ${what} at 320 px`).toBeLessThanOrEqual(0);
}

describe('supporting documents (guide §7)', () => {
  it('an administrator adds a document type asked of every family', async () => {
    const page = await newPage();
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Documents demandés aux familles' }).click();
    await page.getByRole('heading', { name: 'Documents demandés aux familles', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'Carnet de vaccination', exact: true }).waitFor();
    await expectNoAxeViolations(page, 'types de documents (agent administrateur)');

    await page.getByRole('button', { name: 'Ajouter un type de document' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter un type de document' });
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expectErrorSummary(dialog, 3);
    await expectNoAxeViolations(page, 'fenêtre type de document (erreur)');

    await dialog.getByLabel(label('Nom du document')).fill('Justificatif de domicile');
    await dialog.getByLabel(label('Précisions pour les familles (facultatif)')).fill('Facture d’électricité ou de téléphone de moins de 3 mois.');
    await dialog.getByRole('radio', { name: 'La famille (un seul document)' }).check();
    await dialog.getByRole('radio', { name: 'Une année scolaire (jusqu’au 31 août)' }).check();
    expect(await dialog.getByRole('checkbox', { name: 'Document obligatoire' }).isChecked()).toBe(true);
    await expectNoAxeViolations(page, 'fenêtre type de document');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Le type de document « Justificatif de domicile » est enregistré.' }).waitFor();
    await page.getByRole('cell', { name: 'Justificatif de domicile', exact: true }).waitFor();
    await expectNoAxeViolations(page, 'types de documents (après ajout)');
    await page.context().close();
  });

  it('a parent sees the list, adds documents with « Parcourir » and « Envoyer », and a bad file is refused', async () => {
    const page = await newPage();
    await signIn(page, FAMILY_EMAIL, FAMILY_PASSWORD);
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    const block = page.getByRole('region', { name: 'Mes documents' });
    await block.getByText('2 documents à envoyer.').waitFor();
    await block.getByRole('link', { name: 'Liste des documents à fournir' }).click();

    // « liste des documents à fournir »: each required document, « À fournir »
    await page.getByRole('heading', { name: 'Liste des documents à fournir', level: 2 }).waitFor();
    const domicile = entry(page, 'Documents à fournir', 'Justificatif de domicile');
    const vaccins = entry(page, 'Documents à fournir', /^Carnet de vaccination — Léa Lefebvre$/i);
    await domicile.getByText('À fournir', { exact: true }).waitFor();
    await vaccins.getByText('À fournir', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'liste des documents à fournir');
    // the legend opens on hover (« visible en survolant le bouton »)
    await page.getByRole('button', { name: 'Légende' }).hover();
    await page.getByText('Envoyé, en attente de vérification', { exact: true }).first().waitFor();
    await expectNoAxeViolations(page, 'liste des documents (légende ouverte)');
    await page.mouse.move(0, 0);

    // « ajouter un document »: nothing chosen → the error summary says what is missing
    await page.getByRole('link', { name: 'Ajouter un document' }).first().click();
    await page.getByRole('heading', { name: 'Ajouter un document', level: 2 }).waitFor();
    await expectNoAxeViolations(page, 'ajouter un document');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const summary = await expectErrorSummary(page, 2);
    expect(await summary.textContent()).toContain('Choisissez au moins un fichier avec « Parcourir ».');
    expect(await page.title()).toMatch(/^Erreur : Ajouter un document/);
    await expectNoAxeViolations(page, 'ajouter un document (erreur)');

    // two files for one document (« Parcourir » accepts several), then « Envoyer »
    await page.getByLabel(label('Document')).selectOption({ label: 'Justificatif de domicile' });
    await page.getByLabel(label('Document')).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('file');
    const ring = await page.locator('label.file-picker__button').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(ring, 'the « Parcourir » button shows the keyboard focus').toBe('solid');
    await page.getByLabel('Parcourir', { exact: true }).setInputFiles([
      { name: 'facture-electricite.pdf', mimeType: 'application/pdf', buffer: pdfBytes('Facture EDF - Lefebvre', 1_500_000) },
      { name: 'facture-verso.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await page.getByRole('list', { name: 'Fichiers choisis' }).getByText('facture-verso.png', { exact: true }).waitFor();
    await shot(page, 'ajouter-fichiers-choisis');
    await expectNoAxeViolations(page, 'ajouter un document (fichiers choisis)');
    // a slow connection (200 ko/s up): the progress bar shows while the 1,5 Mo go up
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 200 * 1024 });
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.getByRole('progressbar', { name: 'Envoi en cours' }).waitFor();
    await expectNoAxeViolations(page, 'ajouter un document (envoi en cours)');
    await page.getByRole('status').filter({ hasText: 'Votre document « Justificatif de domicile » a été envoyé (2 fichiers).' }).waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await domicile.getByText('Envoyé, en attente de vérification', { exact: true }).waitFor();
    await entry(page, 'Documents envoyés', 'Justificatif de domicile').getByRole('link', { name: 'Télécharger facture-electricite.pdf' }).waitFor();
    await expectNoAxeViolations(page, 'liste des documents (envoyé)');

    // from the list, « Envoyer ce document » opens the form with the type and the child chosen
    await vaccins.getByRole('link', { name: /^Envoyer ce document/ }).click();
    await page.getByRole('heading', { name: 'Ajouter un document', level: 2 }).waitFor();
    expect(await page.getByLabel(label('Enfant concerné')).inputValue()).not.toBe('');

    // a text file is refused before sending; a « .pdf » that is really text is refused by the server
    await page.getByLabel('Parcourir', { exact: true }).setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('bonjour') });
    await page.getByRole('button', { name: 'Envoyer' }).click();
    expect(await (await expectErrorSummary(page, 1)).textContent()).toContain('« notes.txt » : Ce fichier n’est pas un PDF');
    await page.getByRole('button', { name: 'Retirer le fichier notes.txt' }).click();
    await page.getByLabel('Parcourir', { exact: true }).setInputFiles({ name: 'carnet.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Ceci est un simple texte, pas un PDF.\n') });
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const refused = await expectErrorSummary(page, 1);
    expect(await refused.textContent()).toContain('n’est pas un PDF, une image JPEG ou une image PNG valide');
    await expectNoAxeViolations(page, 'ajouter un document (fichier refusé par le serveur)');

    // the real photo of the booklet
    await page.getByRole('button', { name: 'Retirer le fichier carnet.pdf' }).click();
    await page.getByLabel('Parcourir', { exact: true }).setInputFiles({ name: 'carnet-vaccins.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.getByRole('status').filter({ hasText: /Votre document « Carnet de vaccination — Léa Lefebvre » a été envoyé \(1 fichier\)\./i }).waitFor();
    await vaccins.getByText('Envoyé, en attente de vérification', { exact: true }).waitFor();
    await page.context().close();

    // a phone: no horizontal scroll
    const phone = await newPage(320);
    await signIn(phone, FAMILY_EMAIL, FAMILY_PASSWORD);
    await phone.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await phone.goto(`${portal.baseUrl}/famille/documents`);
    await entry(phone, 'Documents envoyés', 'Justificatif de domicile').waitFor();
    await expectNoHorizontalScroll(phone, 'the list of documents');
    await shot(phone, 'liste-320');
    await expectNoAxeViolations(phone, 'liste des documents à 320 px');
    await phone.getByRole('link', { name: 'Ajouter un document' }).first().click();
    await phone.getByLabel(label('Document')).selectOption({ label: 'Carnet de vaccination' });
    await phone.getByLabel('Parcourir', { exact: true }).setInputFiles({ name: 'un-nom-de-fichier-tres-long-pris-par-le-telephone-20261127.png', mimeType: 'image/png', buffer: PNG });
    await expectNoHorizontalScroll(phone, 'the « ajouter un document » form');
    await shot(phone, 'ajouter-320');
    await expectNoAxeViolations(phone, 'ajouter un document à 320 px');
    await phone.context().close();
  });

  it('a city agent previews the files, accepts one document and refuses another with a reason', async () => {
    const page = await newPage();
    await signIn(page, AGENT_EMAIL, AGENT_PASSWORD);
    await page.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();
    await page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'documents à vérifier', exact: true }) }).getByText('2', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Documents à vérifier', exact: true }).click();
    await page.getByRole('heading', { name: 'Documents à vérifier', level: 1 }).waitFor();
    await page.getByRole('table', { name: '2 documents à vérifier' }).waitFor();
    await expectNoAxeViolations(page, 'documents à vérifier');

    await page.getByRole('link', { name: 'Examiner « Justificatif de domicile » de' }).click();
    await page.getByRole('heading', { name: 'Vérifier « Justificatif de domicile »', level: 1 }).waitFor();
    const frame = page.locator('iframe[title^="Aperçu du PDF facture-electricite.pdf"]');
    await frame.waitFor();
    const image = page.getByRole('img', { name: /^Aperçu de l’image facture-verso\.png/ });
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    const preview = await page.request.get(`${portal.baseUrl}${await frame.getAttribute('src')}`);
    expect(preview.status()).toBe(200);
    expect(preview.headers()['content-type']).toContain('application/pdf');
    expect(preview.headers()['x-content-type-options']).toBe('nosniff');
    await expectNoAxeViolations(page, 'vérifier un document (aperçu PDF et image)');
    await shot(page, 'verifier-apercu');
    // A pointer moves onto the button before clicking, as a hand does: headless Chromium gives the first pointer
    // event after a PDF frame has loaded to that frame's viewer, whatever the coordinates.
    await page.getByRole('button', { name: 'Accepter le document' }).hover();
    await page.getByRole('button', { name: 'Accepter le document' }).click();
    await page.getByRole('status').filter({ hasText: '« Justificatif de domicile » de la famille' }).waitFor();
    await page.getByRole('table', { name: '1 document à vérifier' }).waitFor();

    await page.getByRole('link', { name: /^Examiner « Carnet de vaccination — Léa Lefebvre » de/i }).click();
    await page.getByRole('img', { name: /^Aperçu de l’image carnet-vaccins\.png/ }).waitFor();
    // the family's whole file, as staff see it
    await page.getByRole('link', { name: /^tous ses documents/ }).click();
    await page.getByRole('heading', { name: /^Documents de la famille Lefebvre/, level: 1 }).waitFor();
    await entry(page, 'Documents à fournir', 'Justificatif de domicile').getByText('Accepté', { exact: true }).waitFor();
    await entry(page, 'Documents envoyés', 'Justificatif de domicile').getByRole('link', { name: 'Télécharger facture-electricite.pdf' }).waitFor();
    await expectNoAxeViolations(page, 'documents d’une famille (agent)');
    await page.goBack();
    await page.getByRole('img', { name: /^Aperçu de l’image carnet-vaccins\.png/ }).waitFor();
    await page.getByRole('button', { name: 'Refuser le document' }).click();
    const dialog = page.getByRole('dialog', { name: 'Refuser le document' });
    await expectNoAxeViolations(page, 'fenêtre refuser un document');
    await dialog.getByRole('button', { name: 'Refuser le document' }).click();
    expect(await (await expectErrorSummary(dialog, 1)).textContent()).toContain('Indiquez le motif du refus');
    await expectNoAxeViolations(page, 'fenêtre refuser un document (erreur)');
    await dialog.getByLabel(label('Motif du refus')).fill(REFUSAL);
    await dialog.getByRole('button', { name: 'Refuser le document' }).click();
    await page.getByRole('status').filter({ hasText: 'est refusé. Le motif a été envoyé par courriel à la famille.' }).waitFor();
    await page.getByText('Aucun document à vérifier.').waitFor();
    // the family is told by e-mail, the refusal with its reason
    await portal.waitForMail(FAMILY_EMAIL, /^Votre document a été accepté —/);
    expect((await portal.waitForMail(FAMILY_EMAIL, /^Votre document n’a pas pu être accepté —/)).text).toContain(REFUSAL);
    await expectNoAxeViolations(page, 'documents à vérifier (vide)');
    await page.context().close();
  });

  it('the parent sees both decisions and the reason, downloads a file and all of its data, and asks for the account to be closed', async () => {
    const page = await newPage();
    await signIn(page, FAMILY_EMAIL, FAMILY_PASSWORD);
    await page.getByRole('heading', { name: 'Mon compte famille', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Mes documents' }).getByRole('link', { name: 'Liste des documents à fournir' }).click();
    const domicile = entry(page, 'Documents à fournir', 'Justificatif de domicile');
    const vaccins = entry(page, 'Documents à fournir', /^Carnet de vaccination — Léa Lefebvre$/i);
    await domicile.getByText('Accepté', { exact: true }).waitFor();
    await domicile.getByText(/^Valable jusqu’au 31\/08\/\d{4}\.$/).waitFor();
    await vaccins.getByText('Refusé', { exact: true }).waitFor();
    expect(await vaccins.textContent()).toContain(`Motif du refus : ${REFUSAL}`);
    await expectNoAxeViolations(page, 'liste des documents (accepté et refusé)');
    await shot(page, 'liste-accepte-refuse');

    // the family downloads its own file
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      entry(page, 'Documents envoyés', 'Justificatif de domicile').getByRole('link', { name: 'Télécharger facture-electricite.pdf' }).click(),
    ]);
    expect((await readFile((await file.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // « Mes Informations » → « Télécharger toutes mes données »: a ZIP with donnees.json and the files
    await page.getByRole('link', { name: 'Mon compte famille' }).first().click();
    await page.getByRole('link', { name: 'Télécharger toutes mes données ou demander la fermeture de mon compte' }).click();
    await page.getByRole('heading', { name: 'Mes données personnelles', level: 1 }).waitFor();
    await expectNoAxeViolations(page, 'mes données personnelles');
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger toutes mes données' }).click()]);
    const bytes = await readFile((await zip.path())!);
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    const entries = unzip(bytes);
    const json = JSON.parse(entries.get('donnees.json')!.toString('utf8'));
    expect(json.format).toBe('portail-familles/export@1');
    expect(JSON.stringify(json.children)).toContain('Léa');
    expect([...entries.keys()].some((k) => k.startsWith('documents/') && k.endsWith('.pdf'))).toBe(true);

    // « Demander la fermeture de mon compte »: what is erased and what the law keeps, then the request
    await page.getByRole('button', { name: 'Demander la fermeture de mon compte' }).click();
    const dialog = page.getByRole('dialog', { name: 'Demander la fermeture de mon compte' });
    expect(await dialog.textContent()).toContain('la loi oblige la mairie à garder les factures et les paiements');
    await expectNoAxeViolations(page, 'fenêtre demander la fermeture du compte');
    await dialog.getByLabel(label('Motif (facultatif)')).fill('Déménagement à Lille.');
    await dialog.getByRole('button', { name: 'Envoyer la demande de fermeture' }).click();
    await page.getByRole('status').filter({ hasText: 'Votre demande de fermeture de compte a été envoyée à la mairie.' }).waitFor();
    await page.getByText('Vous avez demandé la fermeture de votre compte.').waitFor();
    await expectNoAxeViolations(page, 'mes données personnelles (fermeture demandée)');
    await page.context().close();
  });

  it('an administrator closes the family after typing its name again, and the family can no longer sign in', async () => {
    const page = await newPage();
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Demandes de fermeture de compte' }).click();
    await page.getByRole('heading', { name: 'Fermetures de comptes', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'Déménagement à Lille.' }).waitFor();
    await expectNoAxeViolations(page, 'fermetures de comptes');
    await page.getByRole('button', { name: /^Fermer le compte de la famille/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Fermer le compte de la famille' });
    await dialog.getByLabel(label('Pour confirmer, recopiez le nom de famille du responsable 1')).fill('Dupont');
    await dialog.getByRole('button', { name: 'Fermer définitivement le compte' }).click();
    await expectErrorSummary(dialog, 1);
    await expectNoAxeViolations(page, 'fenêtre fermer le compte (erreur)');
    await dialog.getByLabel(label('Pour confirmer, recopiez le nom de famille du responsable 1')).fill('Lefebvre');
    await dialog.getByRole('button', { name: 'Fermer définitivement le compte' }).click();
    await page.getByRole('status').filter({ hasText: 'est fermé.' }).waitFor();
    await page.getByText('Aucune demande de fermeture.').waitFor();
    await expectNoAxeViolations(page, 'fermetures de comptes (après fermeture)');
    await page.context().close();

    const family = await newPage();
    await signIn(family, FAMILY_EMAIL, FAMILY_PASSWORD);
    await family.getByRole('alert').waitFor();
    expect(await family.getByRole('heading', { name: 'Mon compte famille', level: 1 }).count()).toBe(0);
    await family.context().close();
  });
});
