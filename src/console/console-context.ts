import type { SchoolgateConfig } from '../config/config-schema.js';
import type { Store } from '../store/open-store.js';

/** What every route needs: the store, the config, the clock and the gateway's health. */
export interface ConsoleContext {
  readonly store: Store;
  readonly config: SchoolgateConfig;
  readonly now: () => number;
  /** The gateway's `/healthz` body, or null when it cannot be reached. */
  readonly gatewayHealth: () => Promise<Record<string, unknown> | null>;
  /** For errors people must see (the gateway's log); never passwords, tokens or records. */
  readonly log: (message: string) => void;
}
