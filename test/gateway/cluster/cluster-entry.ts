/**
 * A primary for the cluster tests: `node --import tsx cluster-entry.ts <config> <port>
 * <workers>` starts the cluster, prints one JSON line `{ port, pids }` once every worker
 * is listening, and drains on SIGTERM or SIGINT, exiting 0 when all workers are done.
 */
import { startCluster } from '../../../src/gateway/cluster/start-cluster.js';

const [config, port, workers] = process.argv.slice(2);
const running = await startCluster({
  config,
  port: Number(port),
  host: '127.0.0.1',
  workers: Number(workers),
  log: (message) => process.stderr.write(`[primary] ${message}\n`),
});
process.stdout.write(
  `${JSON.stringify({ port: running.address.port, pids: running.workerPids() })}\n`,
);
const stop = () => void running.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
