/**
 * Runs store tests on both dialects (STYLE habit 13): `for (const dialect of DIALECTS)`.
 * SQLite gets a fresh file in a temp folder; PostgreSQL a fresh database in one private
 * cluster per test file, started on first use and stopped by `after()`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openStore, type Store } from '../../src/store/open-store.js';
import type { StoreDialect } from '../../src/store/store-dialect.js';
import { type PostgresServer, startPostgresServer } from './postgres-server.js';

export const DIALECTS: readonly StoreDialect[] = ['sqlite', 'postgres'];

let server: Promise<PostgresServer> | undefined;
let databases = 0;
const folders: string[] = [];

// Registered on import, at the top level, so it runs once after every test of the file.
after(async () => {
  (await server)?.destroy();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** Settings that make a throwaway test cluster fast; durability is not under test there. */
const FAST = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };

/** The shared test cluster of this file, started on first use. */
export function testPostgres(): Promise<PostgresServer> {
  if (server === undefined) {
    server = startPostgresServer({ settings: FAST });
  }
  return server;
}

/** A fresh, empty database URL (and a data folder) for one test on `dialect`. */
export async function freshDatabase(
  dialect: StoreDialect,
): Promise<{ url: string; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sg-store-'));
  folders.push(dataDir);
  if (dialect === 'sqlite') return { url: `sqlite:${join(dataDir, 'test.db')}`, dataDir };
  const pgServer = await testPostgres();
  databases += 1;
  return { url: await pgServer.createDatabase(`t${process.pid}_${databases}`), dataDir };
}

/** A fresh, migrated store on `dialect`; close it at the end of the test. */
export async function openTestStore(dialect: StoreDialect): Promise<Store & { dataDir: string }> {
  const { url, dataDir } = await freshDatabase(dialect);
  const store = await openStore({ url, dataDir });
  return Object.assign(store, { dataDir });
}

/**
 * A fresh database on `dialect` and a config file using it (with groups `pupils` and
 * `staff`), for tests that run the real `schoolgate` command against a store.
 */
export async function freshStoreConfig(
  dialect: StoreDialect,
): Promise<{ url: string; dataDir: string; config: string }> {
  const { url, dataDir } = await freshDatabase(dialect);
  const config = join(dataDir, 'schoolgate.yaml');
  writeFileSync(
    config,
    `dataDir: ${dataDir}\ndatabase:\n  url: '${url}'\nlists: {}\npolicy:\n  defaultGroup: pupils\n  groups: [{ id: pupils, label: Pupils }, { id: staff, label: Staff }]\n`,
  );
  return { url, dataDir, config };
}
