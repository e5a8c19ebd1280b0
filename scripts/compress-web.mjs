// Precompresses the built web app (gzip and brotli, best level) so the server sends small files without
// compressing on each request. @fastify/static picks the .br/.gz twin when the browser accepts it.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(process.argv[2] ?? 'dist/web');
const wanted = /\.(js|css|html|svg|json|txt|webmanifest)$/;
let files = 0;
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (wanted.test(entry.name)) {
      const data = fs.readFileSync(p);
      fs.writeFileSync(`${p}.gz`, zlib.gzipSync(data, { level: 9 }));
      fs.writeFileSync(
        `${p}.br`,
        zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
      );
      files++;
    }
  }
}
if (!fs.existsSync(root)) {
  console.error(`nothing to compress: ${root} does not exist`);
  process.exit(1);
}
walk(root);
console.log(`precompressed ${files} files in ${path.relative(process.cwd(), root)}`);
