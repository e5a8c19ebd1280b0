/**
 * Page weight: what a phone downloads to show the login page (the home page), as served by the portal with
 * `Accept-Encoding: br` and then `gzip`: the HTML, every script, module preload and stylesheet it names, the logo,
 * and the two API calls the page makes at start. Needs the built web app (`npm run build:web`). Prints JSON.
 */
import { startPortalProcess } from './support.js';

const LIMIT_BYTES = 200 * 1024;

async function weigh(base: string, encoding: string) {
  const files: { path: string; bytes: number; encoding: string }[] = [];
  const get = async (p: string) => {
    const r = await fetch(`${base}${p}`, { headers: { 'accept-encoding': encoding } });
    const body = Buffer.from(await r.arrayBuffer());
    if (!r.ok) throw new Error(`${p}: ${r.status}`);
    // fetch decodes the body: the bytes on the wire are in content-length when the server sent a precompressed file
    const wire = Number(r.headers.get('content-length') ?? body.length);
    files.push({ path: p, bytes: wire, encoding: r.headers.get('content-encoding') ?? 'identity' });
    return body.toString('utf8');
  };
  const html = await get('/');
  const refs = [...html.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css|svg))"/g)].map((m) => m[1]);
  for (const ref of new Set(refs)) await get(ref);
  await get('/api/config');
  await get('/api/session');
  return { total_bytes: files.reduce((n, f) => n + f.bytes, 0), files };
}

async function main(): Promise<void> {
  const portal = await startPortalProcess({ DEMO_PASSWORD: 'Bench-Comines-2026!' });
  try {
    const br = await weigh(portal.base, 'br');
    const gzip = await weigh(portal.base, 'gzip');
    console.log(
      JSON.stringify(
        {
          benchmark: 'login-page-weight',
          brotli_total_kb: Math.round(br.total_bytes / 102.4) / 10,
          gzip_total_kb: Math.round(gzip.total_bytes / 102.4) / 10,
          files: br.files,
        },
        null,
        2,
      ),
    );
    // The bound: the login page, everything included, at most 200 KB compressed. CI fails above it.
    if (gzip.total_bytes > LIMIT_BYTES) {
      console.error(`login page too heavy: ${gzip.total_bytes} bytes gzip > ${LIMIT_BYTES}`);
      process.exitCode = 1;
    }
  } finally {
    await portal.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
