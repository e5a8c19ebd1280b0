/**
 * `npm run build:server`: the server and the shared code compiled to plain JavaScript (tsconfig.build.json,
 * src/ → dist/ with the same layout: dist/server/main.js, dist/shared/…), so production runs `node`, not tsx.
 * Files of src/server and src/shared that are not TypeScript (the postal data `postal-data.tsv.gz`…) are copied
 * beside their module: whatever a module finds relative to itself (import.meta.url) is found in dist/ too.
 *
 *   node scripts/build-server.mjs              build
 *   node scripts/build-server.mjs --if-stale   build only when the sources changed since the last build (nothing
 *                                              printed otherwise): npm run migrate|seed-demo|backup|restore, and
 *                                              the cluster (scripts/cluster-lib.ts) before it starts instances;
 *                                              where no build can be made (dist/ not writable, TypeScript not
 *                                              installed) the existing build is kept, with a warning
 *
 * The build is written into a temporary directory under dist/ and moved into place only when it succeeded (a type
 * error leaves the previous build untouched), under a lock directory, so that concurrent builds (test files
 * starting clusters in parallel) and running instances never see a half-written build. Messages go to stderr:
 * `npm run --silent backup` prints only its JSON on stdout.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
/** the directories of src/ the server build holds, each compiled to dist/<name> */
const PARTS = ['server', 'shared'];
const INFO = path.join(dist, 'server', 'build-info.json');
const LOCK = path.join(dist, '.server-build.lock');
const INPUTS = ['tsconfig.build.json', 'tsconfig.base.json', 'scripts/build-server.mjs'];

const isTest = (name) => /\.test\.tsx?$/.test(name);

function sourceFiles() {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !isTest(e.name)) out.push(p);
    }
  };
  for (const part of PARTS) walk(path.join(root, 'src', part));
  return out.sort();
}

/** What the build is made from: every source and asset, and the build's own configuration (name, size, mtime). */
function fingerprint() {
  const hash = crypto.createHash('sha256');
  for (const file of [...sourceFiles(), ...INPUTS.map((f) => path.join(root, f))]) {
    const st = fs.statSync(file);
    hash.update(`${path.relative(root, file)}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function builtFingerprint() {
  try {
    return JSON.parse(fs.readFileSync(INFO, 'utf8')).fingerprint;
  } catch {
    return null;
  }
}

const fresh = () => builtFingerprint() === fingerprint() && PARTS.every((p) => fs.existsSync(path.join(dist, p)));
const log = (msg) => process.stderr.write(`[build:server] ${msg}\n`);
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

class BuildError extends Error {}
/** this user or this install cannot build at all (the code is not theirs, TypeScript pruned): see main() */
class CannotBuild extends BuildError {}
function fail(msg) {
  throw new BuildError(msg);
}

/** A lock directory (mkdir is atomic); one left by a build that died is taken over after 10 minutes. */
function lock() {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      return;
    } catch (err) {
      if (err.code === 'EACCES' || err.code === 'EROFS' || err.code === 'EPERM')
        throw new CannotBuild(`cannot write ${path.relative(root, dist)}/ (${err.code}): run \`npm run build\` as the owner of the code`);
      if (err.code !== 'EEXIST') throw err;
    }
    try {
      if (Date.now() - fs.statSync(LOCK).mtimeMs > 10 * 60_000) fs.rmSync(LOCK, { recursive: true, force: true });
    } catch {
      // released meanwhile
    }
    if (Date.now() > deadline) fail(`${path.relative(root, LOCK)} held for 5 minutes: another build? remove it if not`);
    sleep(200);
  }
}

function copyAssets(to) {
  for (const file of sourceFiles()) {
    if (/\.tsx?$/.test(file)) continue;
    const target = path.join(to, path.relative(path.join(root, 'src'), file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
}

function build() {
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  if (!fs.existsSync(tsc)) throw new CannotBuild('TypeScript is not installed (a devDependency): run `npm ci` then `npm run build`');
  const print = fingerprint();
  const tmp = fs.mkdtempSync(path.join(dist, '.server-build-'));
  try {
    const started = Date.now();
    // tsc's diagnostics to stderr too
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', tmp], {
      cwd: root,
      stdio: ['ignore', 2, 2],
    });
    if (r.status !== 0) fail(`tsc failed (exit ${r.status ?? r.signal}): the previous build, if any, is left in place`);
    copyAssets(tmp);
    fs.writeFileSync(path.join(tmp, 'server', 'build-info.json'), `${JSON.stringify({ fingerprint: print, builtAt: new Date().toISOString() })}\n`);
    // into place: each part renamed away then replaced (a rename is atomic; the gap between the two is microseconds)
    const old = path.join(tmp, 'previous');
    fs.mkdirSync(old);
    for (const part of PARTS) {
      const target = path.join(dist, part);
      if (fs.existsSync(target)) fs.renameSync(target, path.join(old, part));
      fs.renameSync(path.join(tmp, part), target);
    }
    log(`dist/server/main.js built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function main() {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && fresh()) return;
  try {
    fs.mkdirSync(dist, { recursive: true });
  } catch (err) {
    throw new CannotBuild(`cannot create ${path.relative(root, dist)}/ (${err.code}): run \`npm run build\` as the owner of the code`);
  }
  lock();
  try {
    // another process may have built while this one waited for the lock
    if (ifStale && fresh()) return;
    if (ifStale) log('the sources changed since the last build (or there is none): building');
    build();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  if (!(err instanceof BuildError)) throw err;
  log(err.message);
  // --if-stale where no build can be made (the service user after `git checkout` of a release not yet built, a
  // pruned install): the existing build is the one the service runs, so a backup or a migration goes on with it
  const usable = err instanceof CannotBuild && process.argv.includes('--if-stale') && fs.existsSync(path.join(dist, 'server', 'main.js'));
  if (usable) log('the sources changed since dist/server was built: going on with that build');
  else process.exitCode = 1;
}
