import type { AddressInfo } from 'node:net';
import type { ClusterLoad, GatewayLoad } from '../proxy/gateway-load.js';
import type { PortalChange } from '../proxy/portal-change.js';

/**
 * What the cluster's primary and its workers say to each other over the IPC channel.
 * Primary to worker: `reload`, `drain`, `cluster-load` (every second: the sums for
 * `/healthz`). Worker to primary: `ready` (listening), `failed` (could not start),
 * `reloaded` (with `error` when the reload failed), `load` (every second: its own load).
 */
export type ClusterMessage =
  | { readonly kind: 'reload'; readonly id: number }
  | { readonly kind: 'drain' }
  | { readonly kind: 'ready'; readonly address: AddressInfo; readonly mapped: boolean }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'reloaded'; readonly id: number; readonly error: string | null }
  /** A portal sign-in or sign-out in one worker, relayed by the primary to the others. */
  | { readonly kind: 'portal'; readonly change: PortalChange }
  | { readonly kind: 'load'; readonly load: GatewayLoad }
  | { readonly kind: 'cluster-load'; readonly load: ClusterLoad };

/** What the primary hands each worker, as JSON in `SCHOOLGATE_CLUSTER_WORKER`. */
export interface WorkerSettings {
  readonly config?: string;
  readonly port?: number;
  readonly host?: string;
  /**
   * The worker's slot, 1..count, kept by its replacement: the slot names the worker's own
   * event spool (`spool/w<slot>`), so events a dead worker left there are drained by the
   * worker that takes its place.
   */
  readonly slot?: number;
}

/** The environment variable carrying `WorkerSettings` to a forked worker. */
export const WORKER_SETTINGS_ENV = 'SCHOOLGATE_CLUSTER_WORKER';

/** True for values that look like a `ClusterMessage` (IPC also carries Node's own messages). */
export function isClusterMessage(value: unknown): value is ClusterMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string'
  );
}
