import type { SchoolgateConfig } from '../config/config-schema.js';
import type { Store } from '../store/open-store.js';

/** What every route needs: the store, the config, the clock and the gateway's health. */
export interface ConsoleContext {
  readonly store: Store;
  readonly config: SchoolgateConfig;
  /** The data folder (resolved): the school CA is in its `ca/` folder. */
  readonly dataDir: string;
  readonly now: () => number;
  /** The gateway's `/healthz` body, or null when it cannot be reached. */
  readonly gatewayHealth: () => Promise<Record<string, unknown> | null>;
  /** For errors people must see (the gateway's log); never passwords, tokens or records. */
  readonly log: (message: string) => void;
  /**
   * The folder the config's relative paths (list files, `dataDir`) are resolved against:
   * the config file's folder. Absent: the working directory (as for the built-in config).
   */
  readonly configBaseDir?: string;
}
