import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRuntime } from '../../cli/engine-runtime.js';
import type { LoadedConfig } from '../../config/load-config.js';
import type { ClusterLoad, GatewayLoad } from '../proxy/gateway-load.js';
import {
  type ClusterMessage,
  isClusterMessage,
  WORKER_SETTINGS_ENV,
  type WorkerSettings,
} from './cluster-message.js';
import { mapFileReadOnly, releaseFileMapping } from './map-file.js';
import { prepareSharedFiles } from './prepare-shared-files.js';

/** How to run the gateway on every core. */
export interface StartClusterOptions {
  /** Config file; absent: the built-in starter config. */
  readonly config?: string;
  /** Override the configured listen port; 0 picks one free port shared by all workers. */
  readonly port?: number;
  readonly host?: string;
  /** Worker processes; absent: one per core (`os.availableParallelism()`). */
  readonly workers?: number;
  /** Messages for people from the primary; workers write theirs to stderr. */
  readonly log?: (message: string) => void;
  /** First delay before restarting a dead worker, doubled per quick death up to 30 s. */
  readonly restartDelayMs?: number;
}

/** The primary's handle on a running cluster. */
export interface RunningCluster {
  readonly address: AddressInfo;
  /** Process ids of the workers now serving (changes when one is restarted). */
  workerPids(): readonly number[];
  /** Recompiles the index if its lists changed, then reloads every worker. */
  reload(): Promise<void>;
  /** Workers stop accepting, finish open exchanges and exit; resolves when all have. */
  close(): Promise<void>;
}

const MAX_RESTART_DELAY_MS = 30_000;
/** How often the primary sums its workers' load and tells every worker (for `/healthz`). */
const LOAD_SUM_MS = 1000;
/** A worker silent this long (it reports every second) is counted as down. */
const LOAD_STALE_MS = 5000;
/** A worker that lived this long was healthy: its death resets the backoff. */
const HEALTHY_AFTER_MS = 30_000;
/** A worker reloads by mapping a checked file and reading phrase lists: seconds at most. */
const RELOAD_TIMEOUT_MS = 60_000;
/** The gateway's own drain gives open exchanges 10 s; past this a worker is wedged. */
const DRAIN_TIMEOUT_MS = 30_000;

/**
 * Runs the web gateway in several worker processes sharing one port (Node's `cluster`
 * hands connections to workers in turn) and one copy of the compiled index (each worker
 * maps the index file read-only, so the page cache holds it once). The primary compiles
 * and checks the index, and creates the school CA and link secret, before forking, so
 * workers never compile and all sign with the same keys; SIGHUP reloads every
 * worker; a worker that dies is restarted with backoff. Must be called in the primary.
 *
 * ### Examples
 * ```ts
 * const running = await startCluster({ config: 'schoolgate.yaml', workers: 4 });
 * process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
 * ```
 */
export async function startCluster(options: StartClusterOptions = {}): Promise<RunningCluster> {
  if (!cluster.isPrimary) throw new Error('startCluster must run in the primary process');
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const count = Math.max(1, options.workers ?? availableParallelism());
  const firstDelay = options.restartDelayMs ?? 250;
  await prepareSharedFiles(await checkIndex(options, log), log);

  // Run the worker entry with the same loader as this file (.ts under tsx, .js once built).
  const here = fileURLToPath(import.meta.url);
  cluster.setupPrimary({
    exec: fileURLToPath(new URL(`./cluster-worker${extname(here)}`, import.meta.url)),
  });
  let settings: WorkerSettings = {
    config: options.config,
    port: options.port,
    host: options.host,
  };
  const restarts = new Set<NodeJS.Timeout>();
  const serving = new Set<Worker>();
  // Each serving worker's last reported load and when it came (or when it became ready).
  const loads = new Map<Worker, { load: GatewayLoad | null; atMs: number }>();
  let stopping = false;
  // A worker that fails during the first start fails startCluster; it is not retried.
  let starting = true;
  let nextReloadId = 0;
  let delay = firstDelay;

  const fork = (slot: number): Promise<{ address: AddressInfo; mapped: boolean }> => {
    const worker = cluster.fork({ [WORKER_SETTINGS_ENV]: JSON.stringify({ ...settings, slot }) });
    const bornAt = Date.now();
    let ready = false;
    return new Promise((resolve, reject) => {
      worker.on('message', (message: unknown) => {
        if (!isClusterMessage(message)) return;
        if (message.kind === 'portal') {
          for (const other of serving) if (other !== worker) other.send(message);
          return;
        }
        if (message.kind === 'load') {
          loads.set(worker, { load: message.load, atMs: Date.now() });
          return;
        }
        if (message.kind === 'ready') {
          ready = true;
          serving.add(worker);
          loads.set(worker, { load: null, atMs: Date.now() });
          resolve(message);
        } else if (message.kind === 'failed') {
          reject(new Error(`worker ${worker.process.pid} could not start: ${message.error}`));
        }
      });
      worker.on('exit', (code, signal) => {
        serving.delete(worker);
        loads.delete(worker);
        reject(new Error(`worker ${worker.process.pid} exited before it was ready`));
        if (stopping || (starting && !ready)) return;
        // Quick deaths back off (a worker that cannot start must not spin); a worker that
        // served for a while is replaced promptly and resets the backoff.
        const wait = Date.now() - bornAt > HEALTHY_AFTER_MS ? firstDelay : delay;
        delay = Math.min(wait * 2, MAX_RESTART_DELAY_MS);
        log(
          `worker ${worker.process.pid} died (${signal ?? `exit code ${code}`}); restarting it in ${wait} ms`,
        );
        const timer = setTimeout(() => {
          restarts.delete(timer);
          void fork(slot).then(
            () => log(`worker ${worker.process.pid} replaced`),
            (error: Error) => log(`restart: ${error.message}`),
          );
        }, wait);
        restarts.add(timer);
      });
    });
  };
  const started = await Promise.allSettled(Array.from({ length: count }, (_, i) => fork(i + 1)));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    stopping = true;
    for (const timer of restarts) clearTimeout(timer);
    await stopWorkers([...Object.values(cluster.workers ?? {})].filter(isWorker), log);
    throw (failure as PromiseRejectedResult).reason;
  }
  const readies = started.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const address = readies[0]!.address;
  const sharing = readies.every((ready) => ready.mapped)
    ? 'one shared copy of the index (mapped)'
    : 'a copy of the index in each worker (the mmap addon is not built)';
  starting = false;
  // Replacements must join the same port even if every worker died and port 0 was asked.
  settings = { ...settings, port: address.port };

  const reloadWorkers = async () => {
    await checkIndex(options, log);
    const id = ++nextReloadId;
    const replies = [...serving].map(
      (worker) =>
        new Promise<string | null>((resolve) => {
          const onMessage = (message: unknown) => {
            if (!isClusterMessage(message) || message.kind !== 'reloaded' || message.id !== id)
              return;
            done(message.error);
          };
          const onExit = () => done('exited during the reload');
          const timer = setTimeout(() => done('did not answer'), RELOAD_TIMEOUT_MS);
          const done = (error: string | null) => {
            clearTimeout(timer);
            worker.off('message', onMessage);
            worker.off('exit', onExit);
            resolve(error === null ? null : `worker ${worker.process.pid}: ${error}`);
          };
          worker.on('message', onMessage);
          worker.on('exit', onExit);
          // With a callback, a closed channel is reported here instead of as an 'error'
          // event that would bring the primary down.
          worker.send({ kind: 'reload', id } satisfies ClusterMessage, (error) => {
            if (error !== null) done(`cannot be reached: ${error.message}`);
          });
        }),
    );
    const errors = (await Promise.all(replies)).filter((error) => error !== null);
    if (errors.length > 0) throw new Error(errors.join('; '));
    log(`reloaded ${replies.length} workers`);
  };
  const onHangup = () =>
    void reloadWorkers().catch((error: Error) =>
      log(`reload failed, workers keep the lists and policy they had: ${error.message}`),
    );
  process.on('SIGHUP', onHangup);
  // The cluster's load for /healthz: whichever worker answers it says what all of them do.
  const loadTimer = setInterval(() => {
    const message = {
      kind: 'cluster-load',
      load: sumLoads(
        [...serving].flatMap((w) => loads.get(w) ?? []),
        count,
        Date.now(),
      ),
    } satisfies ClusterMessage;
    for (const worker of serving) {
      if (worker.isConnected()) worker.send(message, () => {});
    }
  }, LOAD_SUM_MS);
  loadTimer.unref();
  log(
    `Schoolgate cluster: ${count} workers on ${address.address}:${address.port} with ${sharing}; pids ${[...serving].map((w) => w.process.pid).join(', ')}`,
  );

  let closing: Promise<void> | null = null;
  return {
    address,
    workerPids: () => [...serving].flatMap((worker) => worker.process.pid ?? []),
    reload: reloadWorkers,
    close: () => {
      closing ??= (async () => {
        stopping = true;
        for (const timer of restarts) clearTimeout(timer);
        clearInterval(loadTimer);
        process.off('SIGHUP', onHangup);
        await stopWorkers([...Object.values(cluster.workers ?? {})].filter(isWorker), log);
        log('all workers have finished');
      })();
      return closing;
    },
  };
}

/**
 * The cluster's load from its serving workers' reports: rates, spools and connections
 * summed; a worker counts as alive while it reports (a wedged one stops), and for its
 * first seconds before its first report.
 *
 * ### Examples
 * ```ts
 * sumLoads([{ load: { requestsPerSecond: 2, eventsWaiting: 0, connections: 1 }, atMs: now }], 2, now);
 * // { requestsPerSecond: 2, eventsWaiting: 0, connections: 1, workersAlive: 1, workersConfigured: 2 }
 * ```
 */
export function sumLoads(
  reports: readonly { readonly load: GatewayLoad | null; readonly atMs: number }[],
  configured: number,
  nowMs: number,
): ClusterLoad {
  let requestsPerSecond = 0;
  let eventsWaiting = 0;
  let connections = 0;
  let alive = 0;
  for (const { load, atMs } of reports) {
    if (nowMs - atMs > LOAD_STALE_MS) continue;
    alive += 1;
    requestsPerSecond += load?.requestsPerSecond ?? 0;
    eventsWaiting += load?.eventsWaiting ?? 0;
    connections += load?.connections ?? 0;
  }
  return {
    requestsPerSecond,
    eventsWaiting,
    connections,
    workersAlive: alive,
    workersConfigured: configured,
  };
}

/**
 * Compiles the index when its lists changed (or it is missing or damaged) and checks its
 * CRC, once in the primary, so the workers only map a file known to be good. The primary
 * maps it too and releases the mapping at once, so it pins no index file (an old one
 * replaced by `lists compile` is freed when the last worker lets it go).
 */
async function checkIndex(
  options: StartClusterOptions,
  log: (message: string) => void,
): Promise<LoadedConfig> {
  const opened: Uint8Array[] = [];
  try {
    const runtime = await loadRuntime({
      config: options.config,
      log,
      indexBytes: (path) => {
        const bytes = mapFileReadOnly(path, { log });
        opened.push(bytes);
        return bytes;
      },
    });
    return runtime.loaded!;
  } finally {
    for (const bytes of opened) releaseFileMapping(bytes);
  }
}

/** Asks each worker to drain and waits for all of them to exit, killing any that hang. */
function stopWorkers(workers: readonly Worker[], log: (message: string) => void): Promise<void> {
  return Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          const timer = setTimeout(() => {
            log(`worker ${worker.process.pid} did not finish draining; killing it`);
            worker.process.kill('SIGKILL');
          }, DRAIN_TIMEOUT_MS);
          worker.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          const signal = () => worker.process.kill('SIGTERM');
          if (!worker.isConnected()) return void signal();
          worker.send({ kind: 'drain' } satisfies ClusterMessage, (error) => {
            if (error !== null) signal();
          });
        }),
    ),
  ).then(() => undefined);
}

function isWorker(worker: Worker | undefined): worker is Worker {
  return worker !== undefined;
}
