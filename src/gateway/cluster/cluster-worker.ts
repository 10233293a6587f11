/**
 * The entry point of one cluster worker process (forked by `startCluster`, never run by
 * hand): maps the compiled index read-only, starts the gateway on the shared port, and
 * answers the primary's `reload` and `drain` messages.
 */
import cluster from 'node:cluster';
import type { ClusterLoad } from '../proxy/gateway-load.js';
import { startGateway } from '../proxy/start-gateway.js';
import {
  type ClusterMessage,
  isClusterMessage,
  WORKER_SETTINGS_ENV,
  type WorkerSettings,
} from './cluster-message.js';
import { loadMmapAddon } from './load-mmap-addon.js';
import { mapFileReadOnly } from './map-file.js';

/** How often the worker tells the primary its load. */
const LOAD_REPORT_MS = 1000;
const log = (message: string) => process.stderr.write(`[worker ${process.pid}] ${message}\n`);
const send = (message: ClusterMessage) => process.send?.(message);
const settings = JSON.parse(process.env[WORKER_SETTINGS_ENV] ?? '{}') as WorkerSettings;

// The primary tells workers when to stop. A signal sent to the whole process group (Ctrl-C
// in a terminal) must not kill a worker mid-exchange, so it drains instead.
let draining = false;
let stop: () => Promise<void> = async () => process.exit(0);
const drain = () => {
  if (draining) return;
  draining = true;
  void stop().then(
    () => process.exit(0),
    (error: Error) => {
      log(`drain failed: ${error.message}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', drain);
process.on('SIGTERM', drain);

// The whole cluster's load, as the primary last summed it: every worker's /healthz says it.
let clusterLoad: ClusterLoad | null = null;
process.on('message', (message: unknown) => {
  if (isClusterMessage(message) && message.kind === 'cluster-load') clusterLoad = message.load;
});

try {
  const gateway = await startGateway({
    ...settings,
    log,
    clusterLoad: () => clusterLoad,
    indexBytes: (path) => mapFileReadOnly(path, { log }),
    accessLogFile: `access-w${cluster.worker?.id ?? process.pid}.ndjson`,
    spoolName: `w${settings.slot ?? process.pid}`,
    portalPeers: {
      publish: (change) => send({ kind: 'portal', change }),
      subscribe: (apply) =>
        process.on('message', (message: unknown) => {
          if (isClusterMessage(message) && message.kind === 'portal') apply(message.change);
        }),
    },
  });
  stop = () => gateway.close();
  process.on('message', (message: unknown) => {
    if (!isClusterMessage(message)) return;
    if (message.kind === 'drain') drain();
    if (message.kind === 'reload') {
      gateway.reload().then(
        () => send({ kind: 'reloaded', id: message.id, error: null }),
        (error: Error) => send({ kind: 'reloaded', id: message.id, error: error.message }),
      );
    }
  });
  send({ kind: 'ready', address: gateway.address, mapped: !(loadMmapAddon() instanceof Error) });
  // Our own load, every second, for the primary to sum (a worker that stops reporting is
  // counted as down on the dashboard).
  setInterval(() => {
    if (process.connected) send({ kind: 'load', load: gateway.load() });
  }, LOAD_REPORT_MS).unref();
} catch (error) {
  // Exit once the message is out: a half-started gateway may hold handles open.
  process.send?.({ kind: 'failed', error: (error as Error).message } satisfies ClusterMessage, () =>
    process.exit(1),
  );
}
