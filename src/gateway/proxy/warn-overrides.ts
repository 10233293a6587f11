/**
 * The warnings a person has chosen to pass ("continue"), per person and host, each for a
 * short time. In memory: an override is a convenience, not a record (the event log keeps
 * the record), so losing them on restart only means seeing the warning again.
 */
export interface WarnOverrides {
  grant(userKey: string, host: string, until: number): void;
  has(userKey: string, host: string, now: number): boolean;
  /** Drops expired overrides; call now and then so the map stays small. */
  prune(now: number): void;
}

export function createWarnOverrides(): WarnOverrides {
  const until = new Map<string, number>();
  const key = (userKey: string, host: string) => `${userKey}\u0000${host}`;
  return {
    grant: (userKey, host, expiry) => {
      until.set(key(userKey, host), expiry);
    },
    has: (userKey, host, now) => {
      if (until.size === 0) return false;
      const expiry = until.get(key(userKey, host));
      return expiry !== undefined && expiry > now;
    },
    prune: (now) => {
      for (const [k, expiry] of until) if (expiry <= now) until.delete(k);
    },
  };
}
