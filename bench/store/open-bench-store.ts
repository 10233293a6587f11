/**
 * Opens a fresh, migrated store for the benchmark on either dialect, under the benchmark's
 * data folder, and says how big it is on disk.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, type Store } from '../../src/store/open-store.js';
import { type PostgresServer, startPostgresServer } from '../../test/support/postgres-server.js';

export type BenchDialect = 'sqlite' | 'postgres';

/** Settings the PostgreSQL cluster runs with: durability defaults (fsync on), more memory and WAL. */
export const POSTGRES_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '2GB',
  max_wal_size: '8GB',
  checkpoint_timeout: '15min',
};

/** Where stores are made: one SQLite file per name, or one database per name on one cluster. */
export interface BenchStores {
  open(name: string): Promise<Store>;
  /** Bytes on disk of the store `name` (SQLite file + WAL; PostgreSQL database size). */
  size(store: Store, name: string): Promise<number>;
  /** Stops PostgreSQL and deletes everything the benchmark wrote. */
  destroy(): void;
}

/**
 * Makes the store factory for `dialect` under `dir` (created; deleted by `destroy`), or on
 * the SQLite folder `reuse` that an earlier `--keep` run left.
 *
 * ### Examples
 * ```ts
 * const stores = await benchStores('sqlite', '/work/bench-store-data');
 * const store = await stores.open('main');
 * ```
 */
export async function benchStores(
  dialect: BenchDialect,
  dir: string,
  reuse?: string,
): Promise<BenchStores> {
  if (reuse !== undefined && dialect !== 'sqlite') throw new Error('--reuse is for SQLite only');
  const root = reuse ?? join(dir, `${dialect}-${process.pid}`);
  mkdirSync(root, { recursive: true, mode: 0o755 });
  if (dialect === 'sqlite') {
    const file = (name: string) => join(root, `${name}.db`);
    return {
      open: (name) => openStore({ url: `sqlite:${file(name)}`, dataDir: root }),
      async size(_store, name) {
        let bytes = 0;
        for (const suffix of ['', '-wal', '-shm']) {
          const path = `${file(name)}${suffix}`;
          if (existsSync(path)) bytes += statSync(path).size;
        }
        return bytes;
      },
      destroy: () => rmSync(root, { recursive: true, force: true }),
    };
  }
  const server: PostgresServer = await startPostgresServer({
    parentDir: root,
    settings: POSTGRES_SETTINGS,
  });
  return {
    async open(name) {
      const url = await server.createDatabase(`bench_${name}`);
      return openStore({ url, dataDir: root, poolSize: 4 });
    },
    async size(store) {
      const result = await sql<{
        n: number;
      }>`select pg_database_size(current_database()) as n`.execute(store.db);
      return Number(result.rows[0]?.n ?? 0);
    },
    destroy() {
      server.destroy();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
