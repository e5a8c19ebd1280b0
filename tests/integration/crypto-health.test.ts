import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily, createStaff } from '../support/factories.js';
import { loginAs } from '../support/login.js';
import { createChildFor } from '../support/children.js';
import { createTestDatabase } from '../support/database.js';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import {
  createHealthCipher,
  generateKey,
  HealthKeyError,
  KEY_FILE_NAME,
  openHealthCipher,
  parseKey,
} from '../../src/server/crypto/health-crypto.js';

let t: TestApp;
const dirs: string[] = [];
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-key-'));
  dirs.push(d);
  return d;
}

const quiet = createLogger('silent');

describe('health-data cipher', () => {
  const cipher = createHealthCipher(parseKey(generateKey(), 'test'));

  it('round-trips, with a fresh IV each time and the key id in the ciphertext', () => {
    const a = cipher.encrypt('Allergie : arachide — stylo d’adrénaline', 'child:1:health');
    const b = cipher.encrypt('Allergie : arachide — stylo d’adrénaline', 'child:1:health');
    expect(a).not.toBe(b);
    expect(a).toMatch(new RegExp(`^hd1:${cipher.keyId}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$`));
    expect(a).not.toContain('arachide');
    expect(cipher.decrypt(a, 'child:1:health')).toBe('Allergie : arachide — stylo d’adrénaline');
  });

  it('refuses a tampered value, a value moved to another child, and another key — never garbage', () => {
    const token = cipher.encrypt('PAI : oui', 'child:1:health');
    const parts = token.split(':');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    const tampered = [...parts.slice(0, 3), body.toString('base64url')].join(':');
    expect(() => cipher.decrypt(tampered, 'child:1:health')).toThrow();
    expect(() => cipher.decrypt(token, 'child:2:health')).toThrow();
    const other = createHealthCipher(parseKey(generateKey(), 'test'));
    expect(() => other.decrypt(token, 'child:1:health')).toThrow(HealthKeyError);
  });

  it('accepts only a 32-byte base64 key', () => {
    expect(() => parseKey('trop-court', 'HEALTH_DATA_KEY')).toThrow(/absente ou incorrecte.*32 octets/s);
    expect(() => parseKey(Buffer.alloc(16).toString('base64'), 'HEALTH_DATA_KEY')).toThrow(HealthKeyError);
    expect(parseKey(`${generateKey()}\n`, 'file')).toHaveLength(32);
  });
});

describe('health data at rest', () => {
  it('the database holds ciphertext only: no medical value in clear in the child row or its history', async () => {
    const f = await createFamily(t.ctx);
    const child = await createChildFor(t, f);
    const row = await t.ctx.db.selectFrom('child').selectAll().where('id', '=', child.id).executeTakeFirstOrThrow();
    expect(row.health_data).toMatch(new RegExp(`^hd1:${t.ctx.health!.keyId}:`));
    for (const secret of ['Arachide', 'adrénaline', 'amygdales', 'lunettes', 'Lambert', 'Pasteur', '0320123456', 'Varicelle'])
      expect(row.health_data).not.toContain(secret);
    expect(JSON.parse(t.ctx.health!.decrypt(row.health_data, `child:${child.id}:health`))).toMatchObject({
      carePlan: true,
      observations: 'Porte des lunettes',
    });
    // the same ciphertext pasted on another child does not decrypt (bound to its child)
    const other = await createChildFor(t, f);
    await t.ctx.db.updateTable('child').set({ health_data: row.health_data }).where('id', '=', other.id).execute();
    const agent = await loginAs(t, (await createStaff(t.ctx)).accountId);
    expect((await agent.get(`/api/staff/children/${other.id}`)).status).toBe(500);
  });

  it('no health data reaches the logs', async () => {
    const f = await createFamily(t.ctx);
    const c = await loginAs(t, f.accountId);
    const child = await createChildFor(t, f);
    const agent = await loginAs(t, (await createStaff(t.ctx)).accountId);
    await agent.get(`/api/staff/children/${child.id}`);
    await agent.get(`/api/staff/children/${child.id}/emergency-sheet`);
    await c.get(`/api/children/${child.id}`);
    await c.put(`/api/children/${child.id}`, { firstName: 'x', health: { observations: 'Somnambule', allergies: { a: { answer: true, comment: 'Kiwi sévère' } } } });
    const logs = t.logs.join('\n');
    for (const secret of ['Arachide', 'amygdales', 'lunettes', 'Somnambule', 'Kiwi']) expect(logs).not.toContain(secret);
  });
});

describe('the health-data key at start', () => {
  it('embedded default: generates DATA_DIR/health-data.key (mode 0600) on first start, then reuses it', async () => {
    const { db, close } = await createTestDatabase();
    try {
      await db.deleteFrom('crypto_key_check').execute();
      const dataDir = tempDir();
      const config = { ...loadConfig({}), dataDir, healthDataKey: undefined };
      const first = await openHealthCipher(config, db, quiet);
      const file = path.join(dataDir, KEY_FILE_NAME);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const second = await openHealthCipher(config, db, quiet);
      expect(second.keyId).toBe(first.keyId);
      const check = await db.selectFrom('crypto_key_check').selectAll().execute();
      expect(check).toEqual([expect.objectContaining({ name: 'health-data', key_id: first.keyId })]);
      expect(check[0].check_value).toMatch(/^hd1:/);
    } finally {
      await close();
    }
  });

  it('a missing key on a database that holds health data is an explicit error, and no new key is made', async () => {
    const { db, close } = await createTestDatabase();
    try {
      const config = { ...loadConfig({}), dataDir: tempDir(), healthDataKey: generateKey() };
      await openHealthCipher(config, db, quiet);
      const lost = { ...config, healthDataKey: undefined };
      await expect(openHealthCipher(lost, db, quiet)).rejects.toThrow(HealthKeyError);
      await expect(openHealthCipher(lost, db, quiet)).rejects.toThrow(
        /Clé de chiffrement des données de santé absente ou incorrecte.*health-data encryption key missing or wrong.*HEALTH_DATA_KEY/s,
      );
      expect(fs.existsSync(path.join(config.dataDir, KEY_FILE_NAME))).toBe(false);
    } finally {
      await close();
    }
  });

  it('a wrong key (environment or key file) is an explicit error', async () => {
    const { db, close } = await createTestDatabase();
    try {
      const dataDir = tempDir();
      const config = { ...loadConfig({}), dataDir, healthDataKey: generateKey() };
      const right = await openHealthCipher(config, db, quiet);
      await expect(openHealthCipher({ ...config, healthDataKey: generateKey() }, db, quiet)).rejects.toThrow(
        /absente ou incorrecte.*n’est pas celle qui a chiffré cette base/s,
      );
      fs.writeFileSync(path.join(dataDir, KEY_FILE_NAME), generateKey(), { mode: 0o600 });
      await expect(openHealthCipher({ ...config, healthDataKey: undefined }, db, quiet)).rejects.toThrow(HealthKeyError);
      expect((await openHealthCipher(config, db, quiet)).keyId).toBe(right.keyId);
    } finally {
      await close();
    }
  });

  it('HEALTH_DATA_KEY is read from the environment', () => {
    const key = generateKey();
    expect(loadConfig({ HEALTH_DATA_KEY: key }).healthDataKey).toBe(key);
    expect(loadConfig({}).healthDataKey).toBeUndefined();
  });

  it('the portal refuses to start when the key file of an existing database is lost', () => {
    const dataDir = tempDir();
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'migrate'], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', HEALTH_DATA_KEY: '', LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 30_000,
      });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(fs.existsSync(path.join(dataDir, KEY_FILE_NAME))).toBe(true);
    fs.rmSync(path.join(dataDir, KEY_FILE_NAME));
    const second = run();
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/Clé de chiffrement des données de santé absente ou incorrecte/);
    expect(fs.existsSync(path.join(dataDir, KEY_FILE_NAME))).toBe(false);
  });
});
