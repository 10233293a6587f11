import type { DatabaseConfig } from '../../config/store-config.js';
import { openStore, type Store } from '../../store/open-store.js';
import {
  type ConsolePolicy,
  EMPTY_CONSOLE_POLICY,
  loadConsolePolicy,
} from './load-console-policy.js';
import { policyVersion } from './policy-cells.js';

export interface PolicyCellsWatch {
  /** The console's cells, exceptions and exemptions as last read (none until the first read). */
  current(): ConsolePolicy;
  /** Reads now, whatever the timer (tests; a reload). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Keeps a gateway process's copy of the console's policy changes current (cells,
 * exceptions, inspection exemptions): every `intervalMs` it reads the one-row version (a
 * microsecond query) and, when it moved, the changes, and calls `onChange`. A change made in the console reaches every gateway process within
 * about `intervalMs`, without a restart. A database that is away is logged once; the last
 * changes stay in force. An `onChange` that throws is logged and the changes are read
 * again at the next tick.
 *
 * ### Examples
 * ```ts
 * const watch = watchPolicyCells({ database, dataDir, intervalMs: 2000, log, onChange: (changes) => rebuild(changes) });
 * ```
 */
export function watchPolicyCells(options: {
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  readonly intervalMs: number;
  readonly log: (message: string) => void;
  readonly onChange: (changes: ConsolePolicy) => void;
}): PolicyCellsWatch {
  let store: Store | null = null;
  let version = -1;
  let current: ConsolePolicy = EMPTY_CONSOLE_POLICY;
  let failing = false;
  let closed = false;
  let running: Promise<void> | null = null;

  const read = async () => {
    store ??= await openStore({ url: options.database.url, dataDir: options.dataDir });
    const now = await policyVersion(store.db);
    if (now === version) return;
    const loaded = await loadConsolePolicy(store.db);
    current = loaded;
    options.onChange(loaded);
    // Only once applied: a change the gateway could not apply is tried again.
    version = loaded.version;
  };
  const refresh = () => {
    running ??= read()
      .then(() => {
        if (failing) options.log('policy changes: the store is back; console changes apply again');
        failing = false;
      })
      .catch((error: unknown) => {
        if (!failing) {
          options.log(
            `policy changes: cannot read the store (${error instanceof Error ? error.message : String(error)}); the last policy stays in force`,
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
    current: () => current,
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
