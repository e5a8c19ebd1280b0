/**
 * Builds src/server/modules/postal/postal-data.tsv.gz, the only postal data the portal reads, from the
 * `codes-postaux` package (La Poste's « base officielle des codes postaux » joined to INSEE's communes by Etalab):
 * postal code, INSEE code and commune name, one line per (postal code, commune), in the order the portal lists them.
 *
 * Run it once when the data should be refreshed; the package is fetched with `npm pack` into a temporary folder
 * outside the project (the portal depends on it neither at install time nor at run time):
 *
 *   npx tsx scripts/build-postal-data.ts [version, default 4.1.2] [--from path/to/codes-postaux.json]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

interface Entry {
  codePostal: string;
  codeCommune: string;
  nomCommune: string;
}

const OUT = fileURLToPath(new URL('../src/server/modules/postal/postal-data.tsv.gz', import.meta.url));

function fromPackage(version: string): { entries: Entry[]; source: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codes-postaux-'));
  try {
    const tgz = execFileSync('npm', ['pack', `codes-postaux@${version}`, '--silent', '--pack-destination', dir], { cwd: dir, encoding: 'utf8' }).trim().split('\n').at(-1)!;
    execFileSync('tar', ['-xzf', path.join(dir, tgz), '-C', dir, 'package/codes-postaux.json', 'package/package.json']);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package/package.json'), 'utf8')) as { version: string };
    return { entries: JSON.parse(fs.readFileSync(path.join(dir, 'package/codes-postaux.json'), 'utf8')) as Entry[], source: `codes-postaux ${pkg.version}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const fromIdx = args.indexOf('--from');
const { entries, source } =
  fromIdx >= 0
    ? { entries: JSON.parse(fs.readFileSync(args[fromIdx + 1]!, 'utf8')) as Entry[], source: path.basename(args[fromIdx + 1]!) }
    : fromPackage(args.find((a) => !a.startsWith('--')) ?? '4.1.2');

const seen = new Set<string>();
const rows: Entry[] = [];
for (const e of entries) {
  if (!/^\d{5}$/.test(e.codePostal) || !/^[0-9][0-9AB]\d{3}$/.test(e.codeCommune) || !e.nomCommune || /[\t\r\n]/.test(e.nomCommune))
    throw new Error(`unexpected entry ${JSON.stringify(e)}`);
  const id = `${e.codePostal}|${e.codeCommune}`;
  if (seen.has(id)) continue; // the same commune under several « libellés d'acheminement »: listed once, as the portal did
  seen.add(id);
  rows.push(e);
}
// the portal's order (postal.service.ts sorts the same way on load)
rows.sort((a, b) => a.codePostal.localeCompare(b.codePostal) || a.nomCommune.localeCompare(b.nomCommune));

const tsv = `# ${source} — postal code, INSEE code, commune (La Poste / INSEE, Licence Ouverte)\n` + rows.map((e) => `${e.codePostal}\t${e.codeCommune}\t${e.nomCommune}\n`).join('');
// gzip without a timestamp or a name: the same data gives the same bytes
const gz = zlib.gzipSync(Buffer.from(tsv, 'utf8'), { level: 9 });
fs.writeFileSync(OUT, gz);
console.log(`${path.relative(process.cwd(), OUT)}: ${rows.length} rows from ${entries.length} entries, ${tsv.length} bytes of TSV, ${gz.length} bytes gzipped`);
