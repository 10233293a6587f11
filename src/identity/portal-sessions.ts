import { z } from 'zod';
import { IpAddress } from './ip-address.js';
import type { PublicUser } from './local-user.js';

/** A device address signed in to the portal: who is using it, until when. */
export interface PortalSession {
  /** Canonical address text (`IpAddress.normalise`): mapped IPv6 is stored as IPv4. */
  readonly address: string;
  readonly user: PublicUser;
  readonly signedInAt: number;
  readonly expiresAt: number;
}

/** Plain JSON of the live sessions, for the store to persist across a restart. */
export interface PortalSessionsSnapshot {
  readonly version: 1;
  readonly sessions: readonly PortalSession[];
}

/** Settings for `createPortalSessions`. */
export interface PortalSessionsConfig {
  /** Clock in milliseconds. Required. */
  readonly now: () => number;
  /** How long a sign-in lasts, from sign-in (not sliding). Required. */
  readonly ttlMs: number;
}

/** The portal's address -> person table. */
export interface PortalSessions {
  /** Maps `address` to `user` for `ttlMs`, replacing any earlier sign-in there. Throws if `address` is not an IP address. */
  signIn(address: string, user: PublicUser): PortalSession;
  /** Ends the session at `address`; true when there was one. */
  signOut(address: string): boolean;
  /** The live session at `address`, or undefined (also for text that is not an address). */
  lookup(address: string): PortalSession | undefined;
  /** Drops expired sessions; returns how many. Call it now and then (lookup also ignores them). */
  expireStale(): number;
  snapshot(): PortalSessionsSnapshot;
  /** Replaces the sessions with a snapshot's live ones; returns how many were kept. Throws on a malformed snapshot. */
  restore(snapshot: unknown): number;
  readonly size: number;
}

const snapshotSchema = z.strictObject({
  version: z.literal(1),
  sessions: z.array(
    z.strictObject({
      address: z.string(),
      user: z.strictObject({
        username: z.string().min(1),
        displayName: z.string(),
        groups: z.array(z.string()),
      }),
      signedInAt: z.number().finite(),
      expiresAt: z.number().finite(),
    }),
  ),
});

/**
 * Creates the portal session table. A device that cannot do proxy authentication (a games
 * console, a tablet's app store) is signed in through the portal page, and its address then
 * stands for that person until the session expires or they sign out. Sessions are fixed
 * length, not sliding: on a shared device the next person must not inherit the last one's
 * identity just because the device stayed busy. State is in memory; `snapshot()` and
 * `restore()` let the store keep it across a restart.
 *
 * ### Examples
 * ```ts
 * const portal = createPortalSessions({ now: Date.now, ttlMs: 60 * 60_000 });
 * portal.signIn('::ffff:10.20.3.4', { username: 'jdoe', displayName: 'J Doe', groups: ['default'] });
 * portal.lookup('10.20.3.4')?.user.username; // 'jdoe'
 * ```
 */
export function createPortalSessions(config: PortalSessionsConfig): PortalSessions {
  const { now, ttlMs } = config;
  if (!(ttlMs > 0)) throw new RangeError(`portal session ttlMs must be positive, got ${ttlMs}`);
  const sessions = new Map<string, PortalSession>();

  function live(key: string): PortalSession | undefined {
    const session = sessions.get(key);
    if (session === undefined) return undefined;
    if (session.expiresAt <= now()) {
      sessions.delete(key);
      return undefined;
    }
    return session;
  }

  return {
    signIn(address: string, user: PublicUser): PortalSession {
      const key = IpAddress.normalise(address);
      if (key === null)
        throw new TypeError(`portal sign-in: ${JSON.stringify(address)} is not an IP address`);
      const at = now();
      const session: PortalSession = Object.freeze({
        address: key,
        user: Object.freeze({
          username: user.username,
          displayName: user.displayName,
          groups: Object.freeze([...user.groups]),
        }),
        signedInAt: at,
        expiresAt: at + ttlMs,
      });
      sessions.set(key, session);
      return session;
    },
    signOut(address: string): boolean {
      const key = IpAddress.normalise(address);
      return key !== null && sessions.delete(key);
    },
    lookup(address: string): PortalSession | undefined {
      const key = IpAddress.normalise(address);
      return key === null ? undefined : live(key);
    },
    expireStale(): number {
      const at = now();
      let dropped = 0;
      for (const [key, session] of sessions) {
        if (session.expiresAt <= at) {
          sessions.delete(key);
          dropped++;
        }
      }
      return dropped;
    },
    snapshot(): PortalSessionsSnapshot {
      const at = now();
      const list = [...sessions.values()].filter((s) => s.expiresAt > at);
      return { version: 1, sessions: list.map((s) => structuredClone(s)) };
    },
    restore(snapshot: unknown): number {
      const parsed = snapshotSchema.parse(snapshot);
      const at = now();
      sessions.clear();
      for (const s of parsed.sessions) {
        const key = IpAddress.normalise(s.address);
        // A session longer than today's ttl can only come from a changed setting or an edited
        // file: cap it rather than honour it.
        const expiresAt = Math.min(s.expiresAt, s.signedInAt + ttlMs);
        if (key === null || expiresAt <= at) continue;
        sessions.set(
          key,
          Object.freeze({
            address: key,
            user: Object.freeze({ ...s.user, groups: Object.freeze([...s.user.groups]) }),
            signedInAt: s.signedInAt,
            expiresAt,
          }),
        );
      }
      return sessions.size;
    },
    get size(): number {
      return sessions.size;
    },
  };
}
