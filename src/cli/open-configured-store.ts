import { userInfo } from 'node:os';
import type { LoadedConfig } from '../config/load-config.js';
import { dataDir } from '../lists/compile-sources.js';
import { openStore, type Store } from '../store/open-store.js';

/**
 * Opens the store the configuration names (`database.url`, or the SQLite file in the data
 * folder), migrated to this version. Commands close it when they finish.
 *
 * ### Examples
 * ```ts
 * const store = await openConfiguredStore(loadConfig(options.config));
 * try { ... } finally { await store.close(); }
 * ```
 */
export function openConfiguredStore(loaded: LoadedConfig): Promise<Store> {
  return openStore({ url: loaded.config.database.url, dataDir: dataDir(loaded) });
}

/**
 * Who is acting when a person runs a command, for the audit trail: `cli:<login name>`. The
 * console will record its signed-in user instead.
 */
export function cliActor(): string {
  return `cli:${userInfo().username}`;
}
