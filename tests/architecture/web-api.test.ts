/**
 * The web calls the API by route name (issue 10): paths are written once, in src/shared/api/routes.ts. A page that
 * writes an '/api/…' URL by hand escapes the endpoint map and its check against the server
 * (tests/integration/endpoint-map.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..', '..');

function webSources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return webSources(rel);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

describe('the web and the endpoint map', () => {
  it('no page writes an /api URL: routes are called by name (src/shared/api/routes.ts)', () => {
    const offenders = webSources('src/web').flatMap((file) =>
      fs
        .readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ line: line.trim(), at: `${file}:${i + 1}` }))
        // a string or template literal starting with /api (comments may name routes)
        .filter(({ line }) => !/^(\/\/|\*|\/\*)/.test(line) && /['"`]\/api[/'"`?]/.test(line))
        .map(({ at, line }) => `${at}  ${line}`),
    );
    expect(offenders).toEqual([]);
  });

  it('asList() is gone: every list answer is typed by the map', () => {
    const users = webSources('src/web').filter((f) => /\basList\b/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(users).toEqual([]);
  });
});
