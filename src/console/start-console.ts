import type { AddressInfo } from 'node:net';
import type { SchoolgateConfig } from '../config/config-schema.js';
import { openStore, type Store } from '../store/open-store.js';
import { type ConsoleRoutes, createConsoleApp } from './create-console-app.js';

export interface StartConsoleOptions {
  readonly config: SchoolgateConfig;
  readonly dataDir: string;
  /** The gateway's own address, for its `/healthz` on the dashboard. */
  readonly gatewayPort: number;
  readonly log: (message: string) => void;
  /** Override the configured port (tests: 0). */
  readonly port?: number;
  readonly host?: string;
  readonly now?: () => number;
  /** Route modules beyond the built-in ones (tests of a module not yet registered). */
  readonly extraRoutes?: readonly ConsoleRoutes[];
  /** The config file's folder, for its relative paths (the Lists page reads list files). */
  readonly configBaseDir?: string;
}

export interface RunningConsole {
  readonly address: AddressInfo;
  readonly store: Store;
  close(): Promise<void>;
}

/**
 * Starts the console (API and UI) in the gateway's main process, on `console.listen`
 * (8080). Its own store connection; the gateway's health is read from its `/healthz`.
 *
 * ### Examples
 * ```ts
 * const console = await startConsole({ config, dataDir, gatewayPort: 3128, log });
 * ```
 */
export async function startConsole(options: StartConsoleOptions): Promise<RunningConsole> {
  const { config } = options;
  const store = await openStore({ url: config.database.url, dataDir: options.dataDir });
  try {
    const app = await createConsoleApp(
      {
        store,
        config,
        dataDir: options.dataDir,
        now: options.now ?? Date.now,
        log: options.log,
        gatewayHealth: () => fetchHealth(options.gatewayPort),
        ...(options.configBaseDir === undefined ? {} : { configBaseDir: options.configBaseDir }),
      },
      options.extraRoutes,
    );
    await app.listen({
      port: options.port ?? config.console.listen.port,
      host: options.host ?? config.console.listen.host,
    });
    const address = app.server.address() as AddressInfo;
    return {
      address,
      store,
      close: async () => {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function fetchHealth(port: number): Promise<Record<string, unknown> | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
      signal: AbortSignal.timeout(2000),
    });
    return response.ok ? ((await response.json()) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
