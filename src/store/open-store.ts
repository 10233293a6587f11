import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrateStore } from './migrate-store.js';
import type { Database } from './schema.js';
import { StoreError } from './store-error.js';

interface StoreBase {
  /** The typed query builder every repository uses, on either dialect. */
  readonly db: Kysely<Database>;
  /** Where the data lives, safe to log: a file path, or the PostgreSQL URL without its password. */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * SQLite, embedded. `sqlite` is the same connection Kysely uses; only the event insert uses
 * it directly (prepared once, run per row: 3-4x Kysely's per-batch statements, bench/store),
 * and only while holding Kysely's connection (`db.connection()`), so the two never interleave.
 */
export interface SqliteStore extends StoreBase {
  readonly dialect: 'sqlite';
  readonly sqlite: BetterSqlite3.Database;
}

export interface PostgresStore extends StoreBase {
  readonly dialect: 'postgres';
}

/** An open event store: a typed Kysely handle on SQLite or PostgreSQL. */
export type Store = SqliteStore | PostgresStore;

export interface OpenStoreOptions {
  /**
   * `postgres://user:pass@host:port/db` (or `postgresql://`), `sqlite:<file>`, `sqlite::memory:`,
   * or absent for the default: `<dataDir>/schoolgate.db`.
   */
  readonly url?: string | undefined;
  /** The data folder; relative SQLite paths resolve against it. */
  readonly dataDir: string;
  /** Run migrations on open (default true; `false` for tools that must not change the schema). */
  readonly migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
}

/**
 * Opens the store named by `database.url`, runs pending migrations and returns a typed
 * handle. SQLite runs in WAL mode with `synchronous=NORMAL` (a crash may lose the last
 * transactions but never corrupts; durability of events comes from the spool, which the
 * writer only commits after the insert).
 *
 * ### Examples
 * ```ts
 * const store = await openStore({ dataDir: './data' }); // ./data/schoolgate.db
 * const pgStore = await openStore({ url: 'postgres://sg@127.0.0.1:5432/schoolgate', dataDir });
 * await store.close();
 * ```
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const url = options.url ?? `sqlite:${resolve(options.dataDir, 'schoolgate.db')}`;
  const store = /^postgres(ql)?:\/\//i.test(url)
    ? openPostgres(url, options.poolSize ?? 10)
    : url.startsWith('sqlite:')
      ? openSqlite(url.slice('sqlite:'.length), options.dataDir)
      : undefined;
  if (store === undefined) {
    throw StoreError.create(
      'SG_ERR_STORE_URL',
      describeDatabaseUrl(url),
      'use postgres://..., sqlite:<file> or leave it out',
    );
  }
  try {
    if (options.migrate !== false) await migrateStore(store.db, store.dialect);
  } catch (error) {
    await store.close();
    throw asStoreError(error, store.description);
  }
  return store;
}

function openSqlite(path: string, dataDir: string): SqliteStore {
  const file = path === ':memory:' ? path : resolve(dataDir, path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  // 32 KiB pages: fewer, fuller B-tree pages for the three event indexes; about 1.25x the
  // insert rate of the 4 KiB default (bench/store). Only takes effect on a new file, before
  // WAL mode is set; an existing database keeps its page size.
  sqlite.pragma('page_size = 32768');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('cache_size = -262144'); // 256 MiB of page cache: index pages of a busy day stay hot
  sqlite.pragma('temp_store = MEMORY');
  // Checkpoint the WAL every ~80 MB rather than every 4 MB: fewer, larger copies into the
  // main file under a sustained insert load (bench/store).
  sqlite.pragma('wal_autocheckpoint = 20000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', sqlite, description: file, close: () => db.destroy() };
}

/** int8 (bigint), numeric (sum of bigints) and count: all well inside 2^53 here. */
const NUMERIC_TYPE_IDS = new Set([20, 1700]);

function openPostgres(url: string, poolSize: number): PostgresStore {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((id: number, format?: 'text' | 'binary') =>
        NUMERIC_TYPE_IDS.has(id)
          ? Number
          : pg.types.getTypeParser(id, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (server restarted) must not crash the gateway; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    description: describeDatabaseUrl(url),
    close: () => db.destroy(),
  };
}

/** A database URL with its password replaced, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

function asStoreError(error: unknown, where: string): Error {
  if (StoreError.is(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return Object.assign(StoreError.create('SG_ERR_STORE_UNAVAILABLE', where, message), {
    cause: error,
  });
}
