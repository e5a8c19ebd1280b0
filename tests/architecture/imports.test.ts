/**
 * The house's rules, checked on every `npm test` (issue 10): what may import what, and which module may touch
 * which table. Read from the source text (import specifiers, Kysely table names, table names in raw SQL), so it
 * needs no compiler and runs in a second.
 *
 * Import rules fail at the first breach. Table ownership is a ratchet: each module's reads and writes of other
 * modules' tables are counted and may not grow beyond tests/architecture/table-ownership.baseline.json (the debt
 * issue 10 names, to be paid down module by module; lower the numbers when you pay some).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..', '..');
const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const p = path.join(root, dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(rel(p)));
    else if (/\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

const sources = filesUnder('src').map((f) => ({ file: rel(f), text: fs.readFileSync(f, 'utf8') }));

/** Every relative import of a file, resolved to a path from the repository's root (extension as written). */
function importsOf(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]);
  return specs.filter((s) => s.startsWith('.')).map((s) => rel(path.resolve(root, path.dirname(file), s)).replace(/\.js$/, '.ts'));
}

const RULES: { name: string; from: RegExp; to: RegExp; unless?: (from: string, to: string) => boolean }[] = [
  { name: 'the web talks to the server over HTTP only', from: /^src\/web\//, to: /^src\/server\// },
  { name: 'the server never imports the web', from: /^src\/server\//, to: /^src\/web\// },
  { name: 'src/shared imports neither side', from: /^src\/shared\//, to: /^src\/(server|web)\// },
  // views both areas show live in src/web/views/; one area's pages are not the other's library
  { name: 'the staff pages do not import the family area', from: /^src\/web\/staff\//, to: /^src\/web\/family\// },
  { name: 'the family pages do not import the staff area', from: /^src\/web\/family\//, to: /^src\/web\/staff\// },
  { name: 'shared views, components and the API client belong to neither area', from: /^src\/web\/(views|ui|api)\//, to: /^src\/web\/(family|staff)\// },
  {
    name: "a module's repo and tables are its own",
    from: /^src\/server\/modules\//,
    to: /^src\/server\/modules\/[^/]+\/[^/]+\.(repo|tables)\.ts$/,
    unless: (from, to) => from.split('/')[3] === to.split('/')[3],
  },
  {
    name: 'database and crypto infrastructure sit below the modules (schema.ts only gathers their table types)',
    from: /^src\/server\/(db|crypto)\//,
    to: /^src\/server\/modules\//,
    unless: (from) => from === 'src/server/db/schema.ts',
  },
  { name: 'nothing imports the entry points', from: /^src\//, to: /^src\/server\/(main|app)\.ts$/, unless: (from) => from === 'src/server/main.ts' },
];

/**
 * Breaches known when the rules were written (issue 10's debt), all paid since (the account, family and staff repos
 * no longer share row types). The list may only shrink: a breach paid off must leave it.
 */
const KNOWN_BREACHES: string[] = [];

describe('import rules', () => {
  for (const rule of RULES)
    it(rule.name, () => {
      const breaches = sources.flatMap(({ file, text }) =>
        rule.from.test(file) ? importsOf(file, text).filter((to) => rule.to.test(to) && !rule.unless?.(file, to)).map((to) => `${file} → ${to}`) : [],
      );
      expect(breaches.filter((b) => !KNOWN_BREACHES.includes(b))).toEqual([]);
    });

  it('the known breaches are still there (remove them from the list once paid off)', () => {
    const all = new Set(sources.flatMap(({ file, text }) => importsOf(file, text).map((to) => `${file} → ${to}`)));
    expect(KNOWN_BREACHES.filter((b) => !all.has(b))).toEqual([]);
  });
});

// ---------- table ownership ----------

/** table → owning module, from each module's `PartialDB` (src/server/modules/<m>/<m>.tables.ts, src/server/<infra>/*.tables.ts). */
function owners(): Map<string, string> {
  const map = new Map<string, string>();
  for (const { file, text } of sources) {
    if (!file.endsWith('.tables.ts')) continue;
    const owner = file.startsWith('src/server/modules/') ? file.split('/')[3] : file.split('/')[2];
    const block = text.match(/export interface PartialDB \{([^}]*)\}/)?.[1] ?? '';
    for (const m of block.matchAll(/^\s*([a-z_]+)\s*:/gm)) map.set(m[1], owner);
  }
  return map;
}

const TABLE_USE = [
  /\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|with)\(\s*'([a-z_]+)(?:\s+as\s+\w+)?'/g,
  /\b(?:from|join|update|into)\s+"?([a-z_]+)"?(?=[\s(),;`]|$)/gi,
];

function foreignUses(): Record<string, Record<string, number>> {
  const own = owners();
  const out: Record<string, Record<string, number>> = {};
  for (const { file, text } of sources) {
    const m = file.match(/^src\/server\/modules\/([^/]+)\//);
    if (!m) continue;
    const module = m[1];
    // raw SQL is only read inside sql`…` templates (the second pattern would otherwise match French prose)
    const rawSql = [...text.matchAll(/sql(?:<[^>]*>)?`([^`]*)`/g)].map((x) => x[1]).join('\n');
    const tables = [...text.matchAll(TABLE_USE[0])].map((x) => x[1]).concat([...rawSql.matchAll(TABLE_USE[1])].map((x) => x[1].toLowerCase()));
    for (const t of tables) {
      const owner = own.get(t);
      if (!owner || owner === module) continue;
      const key = `${t} (${owner})`;
      (out[module] ??= {})[key] = (out[module][key] ?? 0) + 1;
    }
  }
  return out;
}

const BASELINE = path.join(import.meta.dirname, 'table-ownership.baseline.json');

describe('table ownership', () => {
  it("no module touches another module's tables more than the recorded debt", () => {
    const now = foreignUses();
    if (process.env.UPDATE_TABLE_BASELINE) fs.writeFileSync(BASELINE, `${JSON.stringify(now, null, 2)}\n`);
    const baseline = JSON.parse(fs.readFileSync(BASELINE, 'utf8')) as Record<string, Record<string, number>>;
    const grown: string[] = [];
    for (const [module, uses] of Object.entries(now))
      for (const [table, n] of Object.entries(uses))
        if (n > (baseline[module]?.[table] ?? 0)) grown.push(`${module} → ${table}: ${n} (recorded ${baseline[module]?.[table] ?? 0})`);
    expect(grown).toEqual([]);
  });

  it('knows who owns every table the migrations create', () => {
    const own = owners();
    const created = sources
      .filter((s) => s.file.startsWith('src/server/db/migrations/'))
      .flatMap((s) => [...s.text.matchAll(/createTable\('([a-z_]+)'\)/g)].map((m) => m[1]));
    // infrastructure tables: configuration generations (db/generations.ts), shared rate limits (plugins/rate-limit-store.ts)
    expect(created.filter((t) => !own.has(t) && !['config_generation', 'rate_limit'].includes(t))).toEqual([]);
  });
});
