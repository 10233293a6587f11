/**
 * The gateway and the console running together from one `schoolgate.yaml`, as a school runs
 * them: both on 127.0.0.1 at ports chosen at run time, over the gateway's data folder, with
 * console accounts for the staff a test signs in as. Changes made in the console reach the
 * gateway only as they do in production (files and the store it polls).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { type RunningConsole, startConsole } from '../../src/console/start-console.js';
import { type RunningGateway, startGateway } from '../../src/gateway/proxy/start-gateway.js';
import { type CurlResult, runCurl } from '../support/run-curl.js';
import { createStaffAccounts, type TestStaff } from './console-fixture.js';

export interface LiveConsoleOptions {
  /** The start of the scratch folder's name in the system's temp folder, e.g. `sg-policy-`. */
  readonly prefix: string;
  /**
   * The text of `schoolgate.yaml`, or a function that makes it once the scratch folder
   * exists (for a config naming files the test writes there by absolute path).
   */
  readonly yaml: string | ((dir: string) => string | Promise<string>);
  /** Files written in the scratch folder before the config (list files), by name. */
  readonly files?: Readonly<Record<string, string>>;
  /** The console accounts to create once the console is up (password `PASSWORD`). */
  readonly staff?: readonly TestStaff[];
}

export interface LiveConsole {
  /** The scratch folder holding the config, its files and the data folder (`./data`). */
  readonly dir: string;
  readonly gateway: RunningGateway;
  readonly console: RunningConsole;
  /** The console's address: `http://127.0.0.1:<port>`. */
  readonly base: string;
  /** Runs curl through the gateway's proxy (`-x`) with `args` after the proxy. */
  curl(...args: string[]): Promise<CurlResult>;
  /** Stops the console and the gateway and removes the scratch folder. */
  close(): Promise<void>;
}

/**
 * Writes `files` and `schoolgate.yaml` in a new scratch folder, starts the gateway from
 * that config and the console over the gateway's data folder, then creates the `staff`
 * accounts. If starting fails, whatever had started is stopped and the folder removed.
 *
 * ### Examples
 * ```ts
 * live = await startLiveConsole({
 *   prefix: 'sg-policy-',
 *   files: { 'games.txt': 'play.test\n' },
 *   yaml: 'dataDir: ./data\nlists: …',
 *   staff: [{ username: 'it', role: 'it_admin' }],
 * });
 * const it_ = await signInAs(live.base, 'it');
 * ```
 */
export async function startLiveConsole(options: LiveConsoleOptions): Promise<LiveConsole> {
  const dir = mkdtempSync(join(tmpdir(), options.prefix));
  let gateway: RunningGateway | undefined;
  let running: RunningConsole | undefined;
  const close = async () => {
    await running?.close();
    await gateway?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const [name, text] of Object.entries(options.files ?? {})) {
      writeFileSync(join(dir, name), text);
    }
    const config = join(dir, 'schoolgate.yaml');
    const yaml = typeof options.yaml === 'string' ? options.yaml : await options.yaml(dir);
    writeFileSync(config, yaml);
    gateway = await startGateway({ config, port: 0, host: '127.0.0.1', log: () => {} });
    running = await startConsole({
      config: loadConfig(config).config,
      dataDir: gateway.dataDir,
      gatewayPort: gateway.address.port,
      log: () => {},
      port: 0,
      host: '127.0.0.1',
    });
    await createStaffAccounts(running.store.db, options.staff ?? []);
  } catch (error) {
    await close();
    throw error;
  }
  const proxy = `http://127.0.0.1:${gateway.address.port}`;
  return {
    dir,
    gateway,
    console: running,
    base: `http://127.0.0.1:${running.address.port}`,
    curl: (...args) => runCurl(['-x', proxy, ...args]),
    close,
  };
}
