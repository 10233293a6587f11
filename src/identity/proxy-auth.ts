import { createHmac, randomBytes } from 'node:crypto';
import type { LocalUser, PublicUser, UserLookup } from './local-user.js';
import { type AuthFailureReason, parseBasicCredentials } from './parse-basic-credentials.js';
import { verifyPassword } from './password-hash.js';
import { userKey } from './user-key.js';

/**
 * What a `Proxy-Authorization` header proves. `invalid` covers both garbage and wrong
 * credentials; `reason` says which, for the log (see `AuthFailureReason`).
 */
export type AuthResult =
  | { readonly kind: 'user'; readonly user: PublicUser }
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly reason: AuthFailureReason };

/** Settings for `createProxyAuthenticator`. */
export interface ProxyAuthenticatorConfig {
  /** Where users are looked up, by `userKey(name)`. Required. */
  readonly users: UserLookup;
  /** Clock in milliseconds (`Date.now` in production). Required. */
  readonly now: () => number;
  /** How long a verified header is trusted without re-hashing. Default 60 s. */
  readonly cacheTtlMs?: number;
  /**
   * How long a header that failed verification is refused without re-hashing. Default 5 s:
   * long enough that a browser retrying a stale password for a page's subrequests costs one
   * argon2 run, short enough that a password just reset works almost at once.
   */
  readonly failureCacheTtlMs?: number;
  /** Most cached headers kept; the oldest are dropped first. Default 10,000. */
  readonly maxCacheEntries?: number;
  /** Password check, injectable for tests. Default `verifyPassword` (argon2id). */
  readonly verify?: (hash: string, password: string) => Promise<boolean>;
}

/** Checks proxy credentials for every request, cheaply after the first. */
export interface ProxyAuthenticator {
  /** Parses and verifies a `Proxy-Authorization` value. Never throws for bad input. */
  authenticate(proxyAuthorization: string | undefined): Promise<AuthResult>;
  /** Verifies a name and password as typed into the sign-in portal (not cached). */
  checkPassword(username: string, password: string): Promise<AuthResult>;
  /** Forgets every cached result, e.g. after the users file is reloaded. */
  clearCache(): void;
  readonly cacheSize: number;
}

/**
 * A valid argon2id hash (same parameters as new hashes) of a random password nobody knows.
 * Unknown users are verified against it so that "no such user" takes as long as "wrong
 * password" and the timing does not reveal which names exist.
 */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$prMkgSzeZXB73uUa7dUNNQ$8+0tlzRHTTjGv47tBV+zlFf50hOSv3LadIxChkbc4QQ';

interface Checked {
  readonly result: AuthResult;
  readonly record?: LocalUser;
}

type CacheEntry =
  | { readonly ok: true; readonly expiresAt: number; readonly key: string; readonly hash: string }
  | { readonly ok: false; readonly expiresAt: number; readonly reason: AuthFailureReason };

/**
 * Creates the proxy authenticator. A page load makes dozens of requests with the same header,
 * so verified headers are cached for `cacheTtlMs`, keyed by an HMAC-SHA-256 of the header
 * value under a per-process random key (never the password, and no unsalted digest a memory
 * dump could be brute-forced from). A cached success is re-checked against the current user
 * record on every hit: a user disabled or given a new password since stops working at once,
 * not after the TTL. Concurrent requests with the same new header share one verification.
 * Failures are cached only as failures, for `failureCacheTtlMs`.
 *
 * NOTE: argon2id in hash-wasm runs on the calling thread (about 50 ms per verification at
 * the OWASP minimum), so a burst of first sign-ins stalls that worker's event loop briefly.
 *
 * ### Examples
 * ```ts
 * const auth = createProxyAuthenticator({ users: loadUsersFile(path), now: Date.now });
 * const result = await auth.authenticate(req.headers['proxy-authorization']);
 * if (result.kind === 'user') result.user.groups; // ['teaching-staff']
 * ```
 */
export function createProxyAuthenticator(config: ProxyAuthenticatorConfig): ProxyAuthenticator {
  const { users, now } = config;
  const ttl = config.cacheTtlMs ?? 60_000;
  const failureTtl = config.failureCacheTtlMs ?? 5_000;
  const maxEntries = config.maxCacheEntries ?? 10_000;
  const verify = config.verify ?? verifyPassword;
  const hmacKey = randomBytes(32);
  const cache = new Map<string, CacheEntry>();
  const inFlight = new Map<string, Promise<AuthResult>>();

  /** Verifies, returning the record verified against so the cache pins that exact hash. */
  async function check(username: string, password: string): Promise<Checked> {
    const user = await users.get(userKey(username));
    let ok = false;
    try {
      ok = await verify(user?.passwordHash ?? DUMMY_HASH, password);
    } catch {
      ok = false;
    }
    if (user === undefined || !ok) return { result: invalid('bad-credentials') };
    // Checked after the password so a disabled account's name is as hidden as any other.
    if (user.disabled) return { result: invalid('disabled') };
    return { result: { kind: 'user', user: publicUser(user) }, record: user };
  }

  function remember(cacheKey: string, entry: CacheEntry): void {
    cache.delete(cacheKey);
    cache.set(cacheKey, entry);
    // Map keeps insertion order, so the first keys are the oldest.
    for (const oldest of cache.keys()) {
      if (cache.size <= maxEntries) break;
      cache.delete(oldest);
    }
  }

  async function fromCache(cacheKey: string): Promise<AuthResult | null> {
    const entry = cache.get(cacheKey);
    if (entry === undefined) return null;
    if (entry.expiresAt <= now()) {
      cache.delete(cacheKey);
      return null;
    }
    if (!entry.ok) return invalid(entry.reason);
    const user = await users.get(entry.key);
    if (user === undefined || user.disabled || user.passwordHash !== entry.hash) {
      cache.delete(cacheKey);
      return null;
    }
    return { kind: 'user', user: publicUser(user) };
  }

  async function verifyAndRemember(
    cacheKey: string,
    username: string,
    password: string,
  ): Promise<AuthResult> {
    const { result, record } = await check(username, password);
    if (record !== undefined) {
      const key = userKey(record.username);
      remember(cacheKey, { ok: true, expiresAt: now() + ttl, key, hash: record.passwordHash });
    } else if (result.kind === 'invalid') {
      remember(cacheKey, { ok: false, expiresAt: now() + failureTtl, reason: result.reason });
    }
    return result;
  }

  return Object.freeze({
    async authenticate(header: string | undefined): Promise<AuthResult> {
      const parsed = parseBasicCredentials(header);
      if (parsed.kind !== 'credentials') return parsed;
      const cacheKey = createHmac('sha256', hmacKey).update(header!).digest('base64');
      const cached = await fromCache(cacheKey);
      if (cached !== null) return cached;
      const pending = inFlight.get(cacheKey);
      if (pending !== undefined) return pending;
      const started = verifyAndRemember(cacheKey, parsed.username, parsed.password).finally(() =>
        inFlight.delete(cacheKey),
      );
      inFlight.set(cacheKey, started);
      return started;
    },
    async checkPassword(username: string, password: string): Promise<AuthResult> {
      return (await check(username.normalize('NFC'), password.normalize('NFC'))).result;
    },
    clearCache(): void {
      cache.clear();
    },
    get cacheSize(): number {
      return cache.size;
    },
  });
}

function publicUser(user: LocalUser): PublicUser {
  return Object.freeze({
    username: user.username,
    displayName: user.displayName,
    groups: Object.freeze([...user.groups]),
  });
}

function invalid(reason: AuthFailureReason): AuthResult {
  return Object.freeze({ kind: 'invalid', reason });
}
