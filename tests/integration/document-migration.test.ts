import { Migrator, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import * as m0001 from '../../src/server/db/migrations/0001-foundation.js';
import * as m0002 from '../../src/server/db/migrations/0002-children.js';
import * as m0003 from '../../src/server/db/migrations/0003-bookings.js';
import * as m0003b from '../../src/server/db/migrations/0003b-unit-rules.js';
import * as m0005 from '../../src/server/db/migrations/0005-billing.js';

// The migrator's ordering rule does not depend on the dialect: checked on an in-memory SQLite database.
describe('migration 0004 (documents)', () => {
  it('is applied to a development database that ran 0005 before 0004 was merged', async () => {
    const db = openDatabase({ sqliteFile: ':memory:' });
    try {
      const early: Record<string, Migration> = { '0001-foundation': m0001, '0002-children': m0002, '0003-bookings': m0003, '0003b-unit-rules': m0003b, '0005-billing': m0005 };
      const r = await new Migrator({ db, provider: { getMigrations: async () => early } }).migrateToLatest();
      expect(r.error).toBeUndefined();
      const ran = await migrateToLatest(db);
      expect(ran).toContain('0004-documents');
      expect(await db.selectFrom('document_type').selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
