import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { knownMigrations } from '../../src/store/migrate-store.js';
import { describeDatabaseUrl, openStore } from '../../src/store/open-store.js';
import { StoreError } from '../../src/store/store-error.js';
import { DIALECTS, freshDatabase, openTestStore } from '../support/store-dialects.js';

for (const dialect of DIALECTS) {
  describe(`openStore on ${dialect}`, () => {
    it('creates every table and records the migrations', async () => {
      const store = await openTestStore(dialect);
      try {
        const tables = (await store.db.introspection.getTables()).map((t) => t.name);
        for (const name of ['events', 'event_rollups', 'audit_log', 'legal_holds']) {
          assert.ok(tables.includes(name), `${name} in ${tables.join(', ')}`);
        }
        const rows = await sql<{
          name: string;
        }>`select name from kysely_migration order by name`.execute(store.db);
        assert.deepEqual(
          rows.rows.map((r) => r.name),
          [...knownMigrations(dialect)],
        );
      } finally {
        await store.close();
      }
    });

    it('opens an existing database again without migrating twice', async () => {
      const { url, dataDir } = await freshDatabase(dialect);
      await (await openStore({ url, dataDir })).close();
      const again = await openStore({ url, dataDir });
      const rows = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
        again.db,
      );
      assert.equal(Number(rows.rows[0]?.n), knownMigrations(dialect).length);
      await again.close();
    });

    it('refuses a database migrated by a newer version', async () => {
      const { url, dataDir } = await freshDatabase(dialect);
      const store = await openStore({ url, dataDir });
      await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01')`.execute(
        store.db,
      );
      await store.close();
      await assert.rejects(openStore({ url, dataDir }), (error: unknown) => {
        assert.ok(StoreError.is(error, 'SG_ERR_STORE_NEWER'));
        assert.match(error.message, /9999-from-the-future/);
        return true;
      });
    });
  });
}

describe('database urls', () => {
  it('rejects a url it does not understand, without showing the password', async () => {
    await assert.rejects(
      openStore({ url: 'mysql://root:secret@db/x', dataDir: '.' }),
      (error: unknown) => {
        assert.ok(StoreError.is(error, 'SG_ERR_STORE_URL'));
        assert.doesNotMatch(error.message, /secret/);
        return true;
      },
    );
  });

  it('hides passwords when describing a url', () => {
    assert.equal(
      describeDatabaseUrl('postgres://sg:p%40ss@db:5432/schoolgate'),
      'postgres://sg:***@db:5432/schoolgate',
    );
  });

  it('reports an unreachable PostgreSQL as unavailable', async () => {
    await assert.rejects(
      openStore({ url: 'postgres://sg:pw@127.0.0.1:1/none', dataDir: '.' }),
      (error: unknown) => {
        assert.ok(StoreError.is(error, 'SG_ERR_STORE_UNAVAILABLE'));
        assert.doesNotMatch(error.message, /pw@/);
        return true;
      },
    );
  });
});
