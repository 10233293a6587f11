import type { DatabaseConfig } from '../../config/store-config.js';
import type { PolicyCell } from '../../engine/policy/apply-policy-cells.js';
import { openStore, type Store } from '../../store/open-store.js';
import { loadPolicyCells, policyVersion } from './policy-cells.js';

export interface PolicyCellsWatch {
  /** The cells as last read (none until the first read). */
  current(): readonly PolicyCell[];
  /** Reads now, whatever the timer (tests; a reload). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Keeps a gateway process's copy of the console's policy cells current: every `intervalMs`
 * it reads the one-row version (a microsecond query) and, when it moved, the cells, and
 * calls `onChange`. A change made in the console reaches every gateway process within
 * about `intervalMs`, without a restart. A database that is away is logged once; the last
 * cells stay in force.
 *
 * ### Examples
 * ```ts
 * const watch = watchPolicyCells({ database, dataDir, intervalMs: 2000, log, onChange: (cells) => rebuild(cells) });
 * ```
 */
export function watchPolicyCells(options: {
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  readonly intervalMs: number;
  readonly log: (message: string) => void;
  readonly onChange: (cells: readonly PolicyCell[]) => void;
}): PolicyCellsWatch {
  let store: Store | null = null;
  let version = -1;
  let cells: readonly PolicyCell[] = [];
  let failing = false;
  let closed = false;
  let running: Promise<void> | null = null;

  const read = async () => {
    store ??= await openStore({ url: options.database.url, dataDir: options.dataDir });
    const now = await policyVersion(store.db);
    if (now === version) return;
    const loaded = await loadPolicyCells(store.db);
    version = loaded.version;
    cells = loaded.cells.map(({ group, category, action }) => ({ group, category, action }));
    options.onChange(cells);
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
    current: () => cells,
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
