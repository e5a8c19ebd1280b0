import { beforeAll, describe, expect, it } from 'vitest';
import { completePlurals } from '../../shared/i18n/catalogue.js';
import { fr } from '../../shared/i18n/fr/index.js';
import { i18n } from '../i18n/i18n.js';
import { checkFiles } from './document-files.js';

beforeAll(async () => {
  // the messages speak the page's language: French here
  if (!i18n.isInitialized) await i18n.init({ lng: 'fr', resources: { fr: completePlurals(fr) }, interpolation: { escapeValue: false } });
  await i18n.changeLanguage('fr');
});

const file = (name: string, size: number, type = '') => new File([new Uint8Array(size)], name, { type });

describe('checkFiles (what the browser refuses before sending)', () => {
  it('asks for a file when none is chosen', () => {
    expect(checkFiles([])).toEqual([{ path: 'files', message: 'Choisissez au moins un fichier avec « Parcourir ».' }]);
  });

  it('accepts PDF, JPEG and PNG by name or declared type, up to 10 Mo each', () => {
    expect(checkFiles([file('avis.PDF', 10), file('photo.jpeg', 10), file('IMG_0001', 10, 'image/jpeg'), file('scan.png', 10 * 1024 * 1024)])).toEqual([]);
  });

  it('refuses more than 5 files at once', () => {
    expect(checkFiles(Array.from({ length: 6 }, (_, i) => file(`page-${i}.png`, 10)))[0].message).toContain('au plus 5 fichiers');
  });

  it('names each refused file with its reason', () => {
    const problems = checkFiles([file('ok.pdf', 10), file('notes.txt', 10, 'text/plain'), file('vide.pdf', 0), file('gros.jpg', 10 * 1024 * 1024 + 1), file('IMG_1234.HEIC', 10)]);
    expect(problems.map((p) => p.message.split(' : ')[0])).toEqual(['« notes.txt »', '« vide.pdf »', '« gros.jpg »', '« IMG_1234.HEIC »']);
    expect(problems[1].message).toContain('Ce fichier est vide.');
    expect(problems[2].message).toContain('10 Mo');
    expect(problems[3].message).toContain('HEIC');
    expect(problems.every((p) => p.path === 'files')).toBe(true);
  });
});
