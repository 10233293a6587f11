import type { CategoryIndex, IndexHeader, IndexMatch, MatchedEntry } from './category-index.js';
import { INDEX_FORMAT } from './index-format.js';
import type { IndexImage } from './index-image.js';
import { KeyHash } from './key-hash.js';
import { RecordFlag } from './record-flag.js';

const { seed1, seed2, step1, step2, finishHi, finishLo, home } = KeyHash;

// Flags as they sit in a slot's meta word (`setId | flags << 24`).
const DOMAIN = RecordFlag.domain << 24;
const IP = RecordFlag.ip << 24;
const URL = RecordFlag.url << 24;
const HOST_HAS_URL = RecordFlag.hostHasUrl << 24;
const WWW = RecordFlag.listedWithWww << 24;
const SET_ID_MASK = 0xffffff;
const SLASH = 47;
const EMPTY: readonly string[] = Object.freeze([]);
const KIND_NAMES = ['domain', 'ip', 'url'] as const;
const HIT_DOMAIN = 0;
const HIT_IP = 1;
const HIT_URL = 2;

/**
 * Wraps an `IndexImage` (typically views over a loaded buffer) as a `CategoryIndex`. The
 * matcher keeps no per-call state beyond a scratch list of hits; a miss allocates nothing.
 *
 * ### Examples
 * ```ts
 * const index = createCategoryIndex(IndexCodec.deserialize(bytes));
 * index.lookup('www.blocked.example', '/') // { categories: ['adult'], entries: [...] }
 * ```
 */
export function createCategoryIndex(image: IndexImage): CategoryIndex {
  return new CompiledCategoryIndex(image);
}

class CompiledCategoryIndex implements CategoryIndex {
  readonly header: IndexHeader;
  readonly #slots: Uint32Array;
  readonly #capacity: number;
  readonly #categoryNames: readonly string[];
  readonly #setCategoryIds: readonly (readonly number[])[];
  readonly #setCategories: readonly (readonly string[])[];
  readonly #setSources: readonly (readonly string[])[];
  // Hits of the lookup in progress: slot word offset, host start or path end, kind.
  // Lookups are synchronous, so one instance's scratch never serves two calls at once.
  #hitSlot = new Int32Array(32);
  #hitPos = new Int32Array(32);
  #hitKind = new Uint8Array(32);

  constructor(image: IndexImage) {
    this.#slots = image.slots;
    this.#capacity = image.capacity;
    const names = image.categories.map((c) => c.name);
    this.#categoryNames = names;
    this.#setCategoryIds = image.sets.map((s) => s.categories);
    this.#setCategories = image.sets.map((s) =>
      Object.freeze(s.categories.map((id) => names[id]!)),
    );
    this.#setSources = image.sets.map((s) =>
      Object.freeze(s.sources.map((id) => image.sources[id]!.name)),
    );
    this.header = Object.freeze({
      formatVersion: INDEX_FORMAT.version,
      builtAt: image.builtAt,
      entryCount: image.entryCount,
      categoryCounts: Object.freeze(
        Object.fromEntries(image.categories.map((c) => [c.name, c.entries])),
      ),
      sources: Object.freeze(image.sources.map((s) => Object.freeze({ ...s }))),
    });
  }

  lookup(host: string, path: string): IndexMatch | null {
    const n = host.length;
    if (n === 0) return null;
    const slots = this.#slots;
    const capacity = this.#capacity;
    // The last label decides the host kind: WHATWG turns a numeric last label into IPv4,
    // and only IPv6 hosts contain ':'. IP hosts match exactly, never by suffix.
    let ip = false;
    let numeric = true;
    let i = n - 1;
    for (; i >= 0; i--) {
      const c = host.charCodeAt(i);
      if (c === 46) break;
      if (c === 58) {
        ip = true;
        break;
      }
      if (c < 48 || c > 57) numeric = false;
    }
    if (numeric && i < n - 1) ip = true;
    const www = !ip && n > 4 && host.startsWith('www.');
    let h1 = seed1;
    let h2 = seed2;
    let hits = 0;
    let urlHost = false;
    let u1 = 0;
    let u2 = 0;
    for (i = n - 1; i >= 0; i--) {
      const c = host.charCodeAt(i);
      if (c === 46 && !ip) {
        // h1/h2 now cover host[i + 1..]: a label-boundary suffix.
        const at = probe(slots, capacity, h1, h2);
        if (at >= 0) {
          const meta = slots[at + 2]!;
          if (meta & DOMAIN) hits = this.#addHit(hits, at, i + 1, HIT_DOMAIN);
          if (i === 3 && www && meta & HOST_HAS_URL) {
            urlHost = true;
            u1 = h1;
            u2 = h2;
          }
        }
      }
      h1 = step1(h1, c);
      h2 = step2(h2, c);
    }
    const at = probe(slots, capacity, h1, h2);
    if (at >= 0) {
      const meta = slots[at + 2]!;
      if (meta & (DOMAIN | IP)) hits = this.#addHit(hits, at, 0, meta & IP ? HIT_IP : HIT_DOMAIN);
      if (!www && meta & HOST_HAS_URL) {
        urlHost = true;
        u1 = h1;
        u2 = h2;
      }
    }
    if (urlHost) hits = this.#probePath(hits, path, u1, u2);
    return hits === 0 ? null : this.#match(hits, host, path, www);
  }

  /**
   * Continues the URL host's hash over `path`, probing `/` and every prefix that ends on a
   * segment boundary: before a `/`, before the first `?`, and the whole path. After `?` the
   * query is hashed but holds no boundaries, so an entry with a query matches exactly.
   */
  #probePath(hits: number, path: string, h1: number, h2: number): number {
    const slots = this.#slots;
    const capacity = this.#capacity;
    const m = path.length;
    // A canonical path starts with '/'; anything else is read as if it did.
    const rootEnd = m > 0 && path.charCodeAt(0) === SLASH ? 1 : 0;
    h1 = step1(h1, SLASH);
    h2 = step2(h2, SLASH);
    hits = this.#addUrlHit(hits, probe(slots, capacity, h1, h2), rootEnd);
    let inQuery = false;
    for (let j = rootEnd; j < m; j++) {
      const c = path.charCodeAt(j);
      if (!inQuery && (c === SLASH || c === 63)) {
        if (j > rootEnd) hits = this.#addUrlHit(hits, probe(slots, capacity, h1, h2), j);
        inQuery = c === 63;
      }
      h1 = step1(h1, c);
      h2 = step2(h2, c);
    }
    if (m > rootEnd && (inQuery || path.charCodeAt(m - 1) !== SLASH)) {
      hits = this.#addUrlHit(hits, probe(slots, capacity, h1, h2), m);
    }
    return hits;
  }

  #addUrlHit(hits: number, at: number, pathEnd: number): number {
    return at >= 0 && this.#slots[at + 2]! & URL ? this.#addHit(hits, at, pathEnd, HIT_URL) : hits;
  }

  #addHit(hits: number, at: number, pos: number, kind: number): number {
    if (hits === this.#hitSlot.length) {
      // Grows only for hosts or paths with more than 32 matching keys: rare, and a hit anyway.
      const slots = new Int32Array(hits * 2);
      const positions = new Int32Array(hits * 2);
      const kinds = new Uint8Array(hits * 2);
      slots.set(this.#hitSlot);
      positions.set(this.#hitPos);
      kinds.set(this.#hitKind);
      this.#hitSlot = slots;
      this.#hitPos = positions;
      this.#hitKind = kinds;
    }
    this.#hitSlot[hits] = at;
    this.#hitPos[hits] = pos;
    this.#hitKind[hits] = kind;
    return hits + 1;
  }

  /** Builds the result. Hits were found least specific first within each kind, and URL hits
   * after host hits, so walking them backwards gives URL (longest path first), then domain
   * and IP entries (longest host first). */
  #match(hits: number, host: string, path: string, www: boolean): IndexMatch {
    const entries: MatchedEntry[] = [];
    let firstSet = -1;
    let mixed = false;
    for (let h = hits - 1; h >= 0; h--) {
      const meta = this.#slots[this.#hitSlot[h]! + 2]!;
      const setId = meta & SET_ID_MASK;
      if (firstSet < 0) firstSet = setId;
      else if (setId !== firstSet) mixed = true;
      const kind = this.#hitKind[h]!;
      const pos = this.#hitPos[h]!;
      let key: string;
      if (kind === HIT_URL) {
        const urlHost = www ? host.slice(4) : host;
        const prefix =
          pos <= 1
            ? '/'
            : path.charCodeAt(0) === SLASH
              ? path.slice(0, pos)
              : `/${path.slice(0, pos)}`;
        key = `${meta & WWW ? 'www.' : ''}${urlHost}${prefix}`;
      } else {
        key = pos === 0 ? host : host.slice(pos);
      }
      entries.push({
        kind: KIND_NAMES[kind]!,
        key,
        categories: this.#setCategories[setId] ?? EMPTY,
        sources: this.#setSources[setId] ?? EMPTY,
      });
    }
    return { categories: mixed ? this.#mergeCategories(hits) : entries[0]!.categories, entries };
  }

  /** Every category of the hits, deduplicated, in category-id order. */
  #mergeCategories(hits: number): readonly string[] {
    const ids: number[] = [];
    for (let h = 0; h < hits; h++) {
      const setIds = this.#setCategoryIds[this.#slots[this.#hitSlot[h]! + 2]! & SET_ID_MASK];
      if (setIds === undefined) continue;
      for (const id of setIds) if (!ids.includes(id)) ids.push(id);
    }
    return ids.sort((a, b) => a - b).map((id) => this.#categoryNames[id]!);
  }
}

/**
 * Finds the key whose unfinished lane states are `h1, h2`: returns its slot's word offset or
 * -1. Slots are sorted by hash with every key at or after its home, so the scan stops at the
 * first empty slot or larger hash (usually within the home slot's cache line).
 */
function probe(slots: Uint32Array, capacity: number, h1: number, h2: number): number {
  const hi = finishHi(h1, h2);
  let at = home(hi, capacity) * 3;
  if (slots[at + 2] === 0) return -1;
  const lo = finishLo(h2, hi);
  for (;;) {
    const h = slots[at]!;
    if (h === hi) {
      if (slots[at + 1] === lo) return at;
    } else if (h > hi) {
      return -1;
    }
    at += 3;
    if (slots[at + 2] === 0) return -1;
  }
}
