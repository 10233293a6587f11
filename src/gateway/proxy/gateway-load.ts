/**
 * One gateway process's load, for `/healthz`: what a cluster worker reports to the primary
 * every second, and what the primary sums over its workers.
 */
export interface GatewayLoad {
  /** Requests decided per second over the last minute (`RequestRate`). */
  readonly requestsPerSecond: number;
  /** Events in this process's spool, not yet in the store. */
  readonly eventsWaiting: number;
  /** Client connections open now. */
  readonly connections: number;
}

/** The whole cluster's load, summed by the primary over its live workers. */
export interface ClusterLoad extends GatewayLoad {
  /** Workers serving and reporting now. */
  readonly workersAlive: number;
  /** Workers the cluster was started with. */
  readonly workersConfigured: number;
}

/**
 * The load part of `/healthz`: this process's own figures, or the cluster's sums when the
 * gateway runs as one worker of several (each worker answers `/healthz` on the shared port,
 * so each must say what the whole gateway does, not its share). Rates are rounded to one
 * decimal; the lists' age is the compiled index's, which is rebuilt whenever a list changes.
 *
 * ### Examples
 * ```ts
 * loadHealth(own, null, builtAt, Date.now());
 * // { requestsPerSecond: 12.5, workers: { alive: 1, configured: 1 }, eventsWaiting: 0, ... }
 * ```
 */
export function loadHealth(
  own: GatewayLoad,
  cluster: ClusterLoad | null,
  indexBuiltAtMs: number,
  nowMs: number,
) {
  const load = cluster ?? own;
  return {
    requestsPerSecond: Math.round(load.requestsPerSecond * 10) / 10,
    workers: {
      alive: cluster?.workersAlive ?? 1,
      configured: cluster?.workersConfigured ?? 1,
    },
    eventsWaiting: load.eventsWaiting,
    connections: load.connections,
    listsAgeSeconds: Math.max(0, Math.floor((nowMs - indexBuiltAtMs) / 1000)),
  };
}
