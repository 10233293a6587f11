import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/load-config.js';
import { startConsole } from '../../console/start-console.js';
import { startCluster } from '../../gateway/cluster/start-cluster.js';
import { startGateway } from '../../gateway/proxy/start-gateway.js';
import { dataDir } from '../../lists/compile-sources.js';
import { scheduleDigests } from '../../monitor/digest/schedule-digests.js';
import { openConfiguredStore } from '../open-configured-store.js';
import { configDigest, recordChange } from '../record-change.js';
import { startRetentionJob } from '../start-retention-job.js';

const PID_FILE = 'gateway.pid';

/**
 * `schoolgate start`: the web gateway on the configured port (3128 by default), with the
 * built-in config when none is given. SIGHUP (or `schoolgate reload`) reloads lists and
 * policy; SIGINT and SIGTERM stop accepting, let open exchanges finish, then exit.
 */
export async function startCommand(options: {
  config?: string;
  port?: string;
  workers?: string;
  consolePort?: string;
}): Promise<void> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`--port: '${options.port}' is not a port number`);
  }
  const workers = options.workers === undefined ? availableParallelism() : Number(options.workers);
  if (!Number.isInteger(workers) || workers < 1)
    throw new Error(`--workers: '${options.workers}' is not a count`);
  await prepareStore(options.config);
  const gateway =
    workers > 1
      ? await startClusterGateway(options.config, port, workers)
      : await startGateway({ config: options.config, port });
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const loaded = loadConfig(options.config);
  const retention = startRetentionJob(loaded, log);
  // Digests go from the main process only; the workers' delivery workers send them.
  const digests = loaded.config.monitor.enabled
    ? scheduleDigests(loaded.config, () => openConfiguredStore(loaded), log)
    : null;
  const consoleApp = loaded.config.console.enabled
    ? await startConsole({
        config: loaded.config,
        dataDir: gateway.dataDir,
        configBaseDir: loaded.baseDir,
        gatewayPort: gateway.address.port,
        log,
        ...(options.consolePort === undefined ? {} : { port: Number(options.consolePort) }),
      }).catch((error: Error) => {
        log(`the console did not start (${error.message}); the gateway runs without it`);
        return null;
      })
    : null;
  const pidFile = join(gateway.dataDir, PID_FILE);
  writeFileSync(pidFile, `${process.pid}\n`);
  const { address, port: bound } = gateway.address;
  process.stdout.write(
    `Schoolgate is running. Point browsers at the proxy ${address}:${bound} (or the PAC file http://<this host>:${bound}/proxy.pac).\n` +
      `The school certificate to install on devices: http://<this host>:${bound}/ca\n` +
      (consoleApp === null
        ? ''
        : `The console: http://<this host>:${consoleApp.address.port}/ (first time: schoolgate users add <you> --role it_admin)\n`),
  );
  const stop = (signal: string) => {
    process.stderr.write(`${signal}: finishing open requests, then stopping\n`);
    retention.stop();
    digests?.stop();
    void consoleApp?.close();
    void gateway.close().then(() => {
      rmSync(pidFile, { force: true });
      process.exit(0);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/**
 * Brings the store's schema up to date once, in this process, before any worker starts: two
 * workers migrating one SQLite file at the same moment would race (SQLite has no migration
 * lock across processes). A database that cannot be reached is no reason not to filter:
 * the gateway starts, events wait in the spool, and the writer migrates when it connects.
 */
async function prepareStore(config: string | undefined): Promise<void> {
  try {
    const loaded = loadConfig(config);
    await (await openConfiguredStore(loaded)).close();
    // The policy in force from now on: the trail shows when it changed, by its digest.
    await recordChange(loaded, {
      actor: 'system:gateway',
      action: 'policy.load',
      targetKind: 'policy',
      target: loaded.file,
      details: { sha256: configDigest(loaded) },
    });
  } catch (error) {
    process.stderr.write(
      `event store not ready (${(error as Error).message}); starting anyway, events wait in the spool\n`,
    );
  }
}

/**
 * Several worker processes on one port, sharing one mapped copy of the index (see
 * src/gateway/cluster/). The primary handles SIGHUP itself.
 */
async function startClusterGateway(
  config: string | undefined,
  port: number | undefined,
  workers: number,
) {
  const running = await startCluster({ config, port, workers });
  return { address: running.address, dataDir: dataDir(loadConfig(config)), close: running.close };
}

/** `schoolgate reload`: asks the running gateway (by its pid file) to reload lists and policy. */
export async function reloadCommand(options: { config?: string }): Promise<void> {
  const loaded = loadConfig(options.config);
  const pidFile = join(dataDir(loaded), PID_FILE);
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    throw new Error(`no running gateway found (${pidFile} is missing): is it started?`);
  }
  try {
    process.kill(pid, 'SIGHUP');
  } catch (error) {
    throw new Error(`cannot signal the gateway (pid ${pid}): ${(error as Error).message}`);
  }
  process.stdout.write(`asked the gateway (pid ${pid}) to reload its lists and policy\n`);
  await recordChange(loaded, {
    action: 'policy.reload',
    targetKind: 'policy',
    target: loaded.file,
    details: { sha256: configDigest(loaded) },
  });
}
