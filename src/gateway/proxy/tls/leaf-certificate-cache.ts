import { createSecureContext, type SecureContext } from 'node:tls';
import type { LeafCertificate } from './leaf-certificate.js';
import { normaliseLeafName } from './normalise-leaf-name.js';
import { TlsError } from './tls-error.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Ready-to-use TLS server contexts for inspected hosts, one per host name, so a leaf is
 * signed once per host rather than once per connection. Least recently used entries are
 * dropped beyond `maxEntries`; concurrent requests for a host share one issuance.
 */
export interface LeafCertificateCache {
  /** The context for `hostname` (DNS name or IP literal); rejects with `SG_ERR_LEAF_HOSTNAME`. */
  get(hostname: string): Promise<SecureContext>;
  /** `get` in the shape `tls` wants for `SNICallback`. */
  readonly sniCallback: (
    servername: string,
    callback: (error: Error | null, context?: SecureContext) => void,
  ) => void;
  /** Entries held, in-flight issuances included. */
  readonly size: number;
  /** Counters since creation, for the health page. */
  stats(): { hits: number; misses: number; evictions: number };
}

/**
 * Creates the cache in front of `issue` (normally `SchoolCa.issueLeaf`). An entry is
 * reissued when its leaf is within `renewBeforeMs` of expiry, so no client ever sees an
 * expired certificate from a long-running gateway. A failed issuance is not cached.
 *
 * ### Examples
 * ```ts
 * const leaves = createLeafCertificateCache({ issue: (h) => ca.issueLeaf(h), now: () => new Date() });
 * tls.createServer({ SNICallback: leaves.sniCallback, ALPNProtocols: ['http/1.1'] });
 * ```
 */
export function createLeafCertificateCache(options: {
  /** Signs a leaf for a normalised host name. */
  readonly issue: (hostname: string) => Promise<LeafCertificate>;
  /** The clock, for the renewal check. */
  readonly now: () => Date;
  /** Most hosts held; default 10,000. */
  readonly maxEntries?: number;
  /** Reissue this long before a leaf's notAfter; default one day. */
  readonly renewBeforeMs?: number;
}): LeafCertificateCache {
  return new LruLeafCache(
    options.issue,
    options.now,
    options.maxEntries ?? 10_000,
    options.renewBeforeMs ?? DAY_MS,
  );
}

interface Entry {
  /** Set right after the entry is made: the promise needs the entry to record `renewAt`. */
  context: Promise<SecureContext>;
  /** Epoch ms from which the entry must be reissued; Infinity while in flight. */
  renewAt: number;
}

/** Placeholder for `Entry.context` during the entry's own construction; never awaited. */
const PENDING: Promise<SecureContext> = new Promise(() => {});

class LruLeafCache implements LeafCertificateCache {
  // A Map iterates in insertion order: re-inserting on each hit keeps the least recently
  // used entry first, which is all an LRU needs.
  readonly #entries = new Map<string, Entry>();
  readonly #issue: (hostname: string) => Promise<LeafCertificate>;
  readonly #now: () => Date;
  readonly #maxEntries: number;
  readonly #renewBeforeMs: number;
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  constructor(
    issue: (hostname: string) => Promise<LeafCertificate>,
    now: () => Date,
    maxEntries: number,
    renewBeforeMs: number,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError('maxEntries must be a positive integer');
    }
    this.#issue = issue;
    this.#now = now;
    this.#maxEntries = maxEntries;
    this.#renewBeforeMs = renewBeforeMs;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(hostname: string): Promise<SecureContext> {
    const name = normaliseLeafName(hostname);
    if (name === null) {
      return Promise.reject(TlsError.create('SG_ERR_LEAF_HOSTNAME', JSON.stringify(hostname)));
    }
    const key = name.value;
    const found = this.#entries.get(key);
    if (found !== undefined) {
      this.#entries.delete(key);
      if (found.renewAt > this.#now().getTime()) {
        this.#entries.set(key, found);
        this.#hits++;
        return found.context;
      }
    }
    this.#misses++;
    const entry: Entry = { context: PENDING, renewAt: Number.POSITIVE_INFINITY };
    entry.context = this.#load(key, entry);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.#maxEntries) {
      // Callers already waiting on an evicted in-flight entry still get their context.
      this.#entries.delete(this.#entries.keys().next().value as string);
      this.#evictions++;
    }
    return entry.context;
  }

  readonly sniCallback = (
    servername: string,
    callback: (error: Error | null, context?: SecureContext) => void,
  ): void => {
    this.get(servername).then(
      (context) => callback(null, context),
      (error: Error) => callback(error),
    );
  };

  stats(): { hits: number; misses: number; evictions: number } {
    return { hits: this.#hits, misses: this.#misses, evictions: this.#evictions };
  }

  async #load(hostname: string, entry: Entry): Promise<SecureContext> {
    try {
      const leaf = await this.#issue(hostname);
      const context = createSecureContext({
        cert: leaf.certificatePem,
        key: leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }),
        minVersion: 'TLSv1.2',
      });
      entry.renewAt = leaf.notAfter.getTime() - this.#renewBeforeMs;
      return context;
    } catch (error) {
      // Not cached: the next request for the host tries again.
      if (this.#entries.get(hostname) === entry) this.#entries.delete(hostname);
      throw error;
    }
  }
}
