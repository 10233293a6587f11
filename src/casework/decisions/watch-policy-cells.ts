import type { DatabaseConfig } from '../../config/store-config.js';
import { pollStore, type StorePoll } from '../../store/poll-store.js';
import { type ConsolePolicy, loadConsolePolicy } from './load-console-policy.js';
import { policyVersion } from './policy-cells.js';

/**
 * Keeps a gateway process's copy of the console's policy changes current (cells,
 * exceptions, inspection exemptions): every `intervalMs` it reads the one-row version (a
 * microsecond query) and, when it moved, the changes, and calls `onChange`. A change made in
 * the console reaches every gateway process within about `intervalMs`, without a restart. A
 * database that is away is logged once; the last changes stay in force. An `onChange` that
 * throws is logged and the changes are read again at the next tick.
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
}): StorePoll {
  return pollStore({
    ...options,
    what: 'policy changes',
    version: async (db) => String(await policyVersion(db)),
    load: loadConsolePolicy,
  });
}
