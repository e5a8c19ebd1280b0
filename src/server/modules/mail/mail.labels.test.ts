import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import labelsFr from '../../../shared/i18n/fr/labels.js';
import labelsEn from '../../../shared/i18n/en/labels.js';
import type { MailTemplate } from './mail.templates.js';

/**
 * Every mail the portal writes has a name in the staff's outbox (« Document accepté », not `document.accepted` nor
 * « Message automatique »): issue 17. The compiler checks it (`npm run typecheck` fails, naming the template), and
 * so does this test, from the templates written in the server's source.
 */
type Named = keyof typeof labelsFr.messageTemplate;
type Unnamed = Exclude<MailTemplate['template'], Named>;
const everyTemplateNamed: [Unnamed] extends [never] ? true : Unnamed = true;

function templatesInSource(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const m of text.matchAll(/\{\s*template:\s*'([a-z_]+\.[a-z_.]+)'/g)) found.add(m[1]);
  }
  return found;
}

describe('mail templates in the outbox', () => {
  it('every template written by the server has a French and an English name', () => {
    expect(everyTemplateNamed).toBe(true);
    const templates = templatesInSource(join(import.meta.dirname, '..'));
    expect(templates.size).toBeGreaterThan(20);
    const missing = [...templates].filter((t) => !(t in labelsFr.messageTemplate) || !(t in labelsEn.messageTemplate));
    expect(missing).toEqual([]);
  });
});
