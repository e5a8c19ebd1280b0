import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../db/schema.js';
import type { Config } from '../config.js';

/**
 * Encryption at rest of children's health data: AES-256-GCM (node:crypto), a random 96-bit IV per value, the
 * 128-bit tag checked on every read. The key lives outside the database (HEALTH_DATA_KEY, or the generated
 * DATA_DIR/health-data.key); the database holds a check value so that a missing or wrong key stops the start
 * with a clear message instead of producing garbage. See docs/health-data-encryption.md.
 *
 * A ciphertext reads `hd1:<keyId>:<iv>:<ciphertext+tag>` (base64url): the format version and the id of the key
 * that wrote it, so a later key rotation can tell old values from new ones.
 */

const VERSION = 'hd1';
const CHECK_NAME = 'health-data';
const CHECK_TEXT = 'portail-familles:health-data-key-check';
export const KEY_FILE_NAME = 'health-data.key';

const FR_EN = 'Clé de chiffrement des données de santé absente ou incorrecte / health-data encryption key missing or wrong';

/** A missing, malformed or wrong health-data key: the portal must not start. */
export class HealthKeyError extends Error {
  constructor(detail: string) {
    super(`${FR_EN} : ${detail}\nVoir / see docs/health-data-encryption.md`);
    this.name = 'HealthKeyError';
  }
}

export interface HealthCipher {
  readonly keyId: string;
  /** `context` binds the value to where it is stored (e.g. "child:<id>:health"): moved elsewhere, it will not decrypt */
  encrypt(plaintext: string, context: string): string;
  decrypt(token: string, context: string): string;
}

/** A short, public identifier of the key (not the key): the start of a SHA-256 of it. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('portail-familles:health-key-id:').update(key).digest('hex').slice(0, 12);
}

/** The key from its base64 text; 32 bytes exactly. */
export function parseKey(text: string, origin: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) || key.length !== 32)
    throw new HealthKeyError(`${origin} doit contenir 32 octets encodés en base64 (openssl rand -base64 32) / ${origin} must hold 32 bytes in base64`);
  return key;
}

export function generateKey(): string {
  return randomBytes(32).toString('base64');
}

export function createHealthCipher(key: Buffer): HealthCipher {
  if (key.length !== 32) throw new HealthKeyError('la clé doit faire 32 octets / the key must be 32 bytes');
  const keyId = keyIdOf(key);
  return {
    keyId,
    encrypt(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(`${VERSION}:${keyId}:${context}`));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}:${keyId}:${iv.toString('base64url')}:${body.toString('base64url')}`;
    },
    decrypt(token, context) {
      const parts = token.split(':');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new Error('health data: unknown ciphertext format');
      const [, id, ivText, bodyText] = parts;
      if (id !== keyId) throw new HealthKeyError(`une donnée a été chiffrée avec la clé ${id}, la clé chargée est ${keyId}`);
      const body = Buffer.from(bodyText, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
      decipher.setAAD(Buffer.from(`${VERSION}:${id}:${context}`));
      decipher.setAuthTag(body.subarray(body.length - 16));
      // A wrong key or a tampered value throws here ("unable to authenticate data"): never garbage.
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Where the key comes from: HEALTH_DATA_KEY when set; else DATA_DIR/health-data.key, created (mode 0600) on the
 * first start of an empty database. A database that already holds health data never gets a new key silently.
 */
async function loadKey(config: Config, db: Kysely<DB>, logger: Logger, hasCheck: boolean): Promise<Buffer> {
  if (config.healthDataKey) return parseKey(config.healthDataKey, 'HEALTH_DATA_KEY');
  const file = path.join(config.dataDir, KEY_FILE_NAME);
  if (fs.existsSync(file)) {
    const mode = fs.statSync(file).mode & 0o077;
    if (mode) logger.warn({ file }, 'health-data key file is readable by other users: chmod 600 it');
    return parseKey(fs.readFileSync(file, 'utf8'), file);
  }
  if (hasCheck)
    throw new HealthKeyError(
      `la base contient des données de santé chiffrées mais ni HEALTH_DATA_KEY ni ${file} ne sont présents : restaurez la clé / the database holds encrypted health data but neither HEALTH_DATA_KEY nor ${file} is present: restore the key`,
    );
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(file, `${generateKey()}\n`, { mode: 0o600, flag: 'wx' });
  logger.warn(
    { file },
    config.databaseUrl
      ? 'health-data key generated in DATA_DIR: with PostgreSQL and several instances, set HEALTH_DATA_KEY instead and keep a copy of the key apart from the database backups'
      : 'health-data key generated: back it up apart from the database (without it, health data cannot be read)',
  );
  return parseKey(fs.readFileSync(file, 'utf8'), file);
}

/**
 * Loads the health-data key and checks it against the database (first start: records the check value).
 * Throws HealthKeyError — with a French and English message — when the key is missing, malformed or wrong.
 */
export async function openHealthCipher(config: Config, db: Kysely<DB>, logger: Logger): Promise<HealthCipher> {
  const existing = await db.selectFrom('crypto_key_check').selectAll().where('name', '=', CHECK_NAME).executeTakeFirst();
  const cipher = createHealthCipher(await loadKey(config, db, logger, Boolean(existing)));
  let check = existing;
  if (!check) {
    // Two instances starting on a new database at once: the first insert wins, the other is verified against it.
    await db
      .insertInto('crypto_key_check')
      .values({
        name: CHECK_NAME,
        key_id: cipher.keyId,
        check_value: cipher.encrypt(CHECK_TEXT, 'key-check'),
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    check = await db.selectFrom('crypto_key_check').selectAll().where('name', '=', CHECK_NAME).executeTakeFirstOrThrow();
  }
  let ok = false;
  try {
    ok = check.key_id === cipher.keyId && cipher.decrypt(check.check_value, 'key-check') === CHECK_TEXT;
  } catch {
    ok = false;
  }
  if (!ok)
    throw new HealthKeyError(
      `la clé chargée (${cipher.keyId}) n’est pas celle qui a chiffré cette base (${check.key_id}) / the loaded key (${cipher.keyId}) is not the one this database was encrypted with (${check.key_id})`,
    );
  return cipher;
}
