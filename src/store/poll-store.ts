import type { Kysely } from 'kysely';
import type { DatabaseConfig } from '../config/store-config.js';
import { openStore, type Store } from './open-store.js';
import type { Database } from './schema.js';

/** A value a gateway process keeps in step with the store by polling. */
export interface StorePoll {
  /** Reads now, whatever the timer (tests; a reload). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export interface PollStoreOptions<T> {
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  readonly intervalMs: number;
  /** What is kept, for the log: `policy changes`, `directory groups`. */
  readonly what: string;
  readonly log: (message: string) => void;
  /** A cheap fingerprint of the data (a version row, a count and a newest time). */
  readonly version: (db: Kysely<Database>) => Promise<string>;
  /** The data itself, read only when the fingerprint moved. */
  readonly load: (db: Kysely<Database>) => Promise<T>;
  /** Applies a new value; one that throws is logged, and the value is read again next tick. */
  readonly onChange: (value: T) => void;
}

/**
 * Keeps a gateway process's copy of something the console changes in the store current
 * without a restart: every `intervalMs` it reads a cheap fingerprint and, when it moved,
 * loads the data and calls `onChange`. A store that is away is logged once (and once when it
 * is back); the last value stays in force meanwhile, so the gateway never waits on the
 * database.
 *
 * ### Examples
 * ```ts
 * const poll = pollStore({ database, dataDir, intervalMs: 5000, what: 'directory groups', log,
 *   version: directoryVersion, load: loadDirectoryGroups, onChange: (groups) => { current = groups; } });
 * ```
 */
export function pollStore<T>(options: PollStoreOptions<T>): StorePoll {
  let store: Store | null = null;
  let seen: string | null = null;
  let failing = false;
  let closed = false;
  let running: Promise<void> | null = null;

  const read = async () => {
    store ??= await openStore({ url: options.database.url, dataDir: options.dataDir });
    const version = await options.version(store.db);
    if (version === seen) return;
    const value = await options.load(store.db);
    try {
      options.onChange(value);
    } catch (error) {
      // Not applied: read again at the next tick (the store itself is fine).
      options.log(
        `${options.what}: cannot apply them (${messageOf(error)}); the last copy stays in force`,
      );
      return;
    }
    seen = version;
  };
  const refresh = () => {
    running ??= read()
      .then(() => {
        if (failing) options.log(`${options.what}: the store is back; its changes apply again`);
        failing = false;
      })
      .catch((error: unknown) => {
        if (!failing) {
          options.log(
            `${options.what}: cannot read the store (${messageOf(error)}); the last copy stays in force`,
          );
        }
        failing = true;
        const broken = store;
        store = null;
        void broken?.close().catch(() => {});
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!closed) void refresh();
  }, options.intervalMs);
  timer.unref();
  void refresh();
  return {
    refresh,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
      await store?.close();
      store = null;
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
