import type { PublicUser } from '../../identity/local-user.js';

/** A sign-in or sign-out at the portal, as passed between gateway workers. */
export type PortalChange =
  | { readonly op: 'sign-in'; readonly address: string; readonly user: PublicUser }
  | { readonly op: 'sign-out'; readonly address: string };

/**
 * How a gateway shares portal sign-ins with its sibling workers: `publish` tells the others
 * of a change made here; `subscribe` applies theirs. A single process needs neither.
 */
export interface PortalPeers {
  publish(change: PortalChange): void;
  subscribe(apply: (change: PortalChange) => void): void;
}
