// Micro-benchmark of the compiled category index against a plain Set<string> with suffix
// walking. Synthetic data from a fixed-seed PRNG (no list contents are printed).
// Run: node --expose-gc --import tsx bench/engine/index-micro.ts [entries...]

import { buildCategoryIndex } from '../../src/engine/index/build-category-index.js';
import { loadCategoryIndex } from '../../src/engine/index/load-category-index.js';
import type { ListEntry } from '../../src/engine/lists/list-entry.js';

const TLDS = [
  'com',
  'com',
  'com',
  'net',
  'org',
  'co.uk',
  'uk',
  'de',
  'ru',
  'info',
  'io',
  'fr',
  'xyz',
  'org.uk',
  'nl',
  'br',
];
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789-';
const QUERIES = 1_000_000;

/** mulberry32: small, fast, good enough for synthetic data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function label(rnd: () => number): string {
  // Lengths 3..14, skewed short, like registrable names.
  const n = 3 + Math.floor(rnd() * rnd() * 12);
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rnd() * (i === 0 || i === n - 1 ? 36 : 37))];
  return s;
}

function domain(rnd: () => number): string {
  const base = `${label(rnd)}.${TLDS[Math.floor(rnd() * TLDS.length)]}`;
  return rnd() < 0.25 ? `${label(rnd)}.${base}` : base;
}

function makeLists(count: number, rnd: () => number) {
  const adult: ListEntry[] = [];
  const gambling: ListEntry[] = [];
  const domains: string[] = [];
  for (let i = 0; i < count; i++) {
    const host = domain(rnd);
    const list = rnd() < 0.7 ? adult : gambling;
    if (rnd() < 0.03) {
      list.push({ kind: 'url', host, path: `/${label(rnd)}/${label(rnd)}` });
    } else {
      list.push({ kind: 'domain', host });
      domains.push(host);
    }
  }
  const source = (name: string, n: number) => ({
    name,
    sha256: '0'.repeat(64),
    entries: n,
    rejected: 0,
  });
  return {
    domains,
    lists: [
      { category: 'adult', source: source('synthetic/adult', adult.length), entries: adult },
      {
        category: 'gambling',
        source: source('synthetic/gambling', gambling.length),
        entries: gambling,
      },
    ],
  };
}

/** 2-4 label hosts: ~20 % under a listed domain (itself, www. or a sub-label), the rest unlisted. */
function makeQueries(domains: readonly string[], n: number, rnd: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.2) {
      const d = domains[Math.floor(rnd() * domains.length)]!;
      out.push(r < 0.07 ? d : r < 0.14 ? `www.${d}` : `${label(rnd)}.${d}`);
    } else {
      const d = domain(rnd);
      out.push(r < 0.6 ? `www.${d}` : d);
    }
  }
  return out;
}

function naiveLookup(set: Set<string>, host: string): boolean {
  let h = host;
  for (;;) {
    if (set.has(h)) return true;
    const dot = h.indexOf('.');
    if (dot < 0) return false;
    h = h.slice(dot + 1);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function rate(run: () => number, n: number): { perSecond: number; found: number } {
  run(); // warm-up
  const times: number[] = [];
  let found = 0;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    found = run();
    times.push(performance.now() - t);
  }
  return { perSecond: n / (median(times) / 1000), found };
}

const sizes = process.argv.slice(2).map(Number);
for (const count of sizes.length > 0 ? sizes : [1_000_000, 5_000_000]) {
  const rnd = prng(0x5c4001 + count);
  const { domains, lists } = makeLists(count, rnd);
  gc();
  let t = performance.now();
  const bytes = buildCategoryIndex({ builtAt: 0, lists });
  const buildMs = performance.now() - t;

  gc();
  gc();
  const memBefore = process.memoryUsage();
  const loads: number[] = [];
  const fastLoads: number[] = [];
  let index = loadCategoryIndex(bytes);
  for (let r = 0; r < 5; r++) {
    t = performance.now();
    index = loadCategoryIndex(bytes);
    loads.push(performance.now() - t);
    t = performance.now();
    loadCategoryIndex(bytes, { verify: false });
    fastLoads.push(performance.now() - t);
  }
  gc();
  const memAfter = process.memoryUsage();
  const rssGrowth = memAfter.rss - memBefore.rss;
  const heapGrowth =
    memAfter.heapUsed + memAfter.external - memBefore.heapUsed - memBefore.external;
  const entries = index.header.entryCount;

  const queries = makeQueries(domains, QUERIES, rnd);
  const hot = queries.slice(0, 10_000);
  const hotRepeated = Array.from({ length: QUERIES }, (_, i) => hot[i % hot.length]!);
  const indexRun = (qs: readonly string[]) => () => {
    let found = 0;
    for (let i = 0; i < qs.length; i++) if (index.lookup(qs[i]!, '/') !== null) found++;
    return found;
  };
  const cold = rate(indexRun(queries), QUERIES);
  const warm = rate(indexRun(hotRepeated), QUERIES);
  const missOnly = queries.filter((q) => index.lookup(q, '/') === null);
  const misses = rate(indexRun(missOnly), missOnly.length);

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const set = new Set(domains);
  gc();
  const setBytes = process.memoryUsage().heapUsed - heapBefore;
  const setRun = (qs: readonly string[]) => () => {
    let found = 0;
    for (let i = 0; i < qs.length; i++) if (naiveLookup(set, qs[i]!)) found++;
    return found;
  };
  const setCold = rate(setRun(queries), QUERIES);
  const setWarm = rate(setRun(hotRepeated), QUERIES);

  const mps = (x: number) => `${(x / 1e6).toFixed(2)} M/s`;
  console.log(
    `\n== ${count.toLocaleString('en-GB')} synthetic entries (${entries.toLocaleString('en-GB')} distinct keys)`,
  );
  console.log(`build            ${buildMs.toFixed(0)} ms`);
  console.log(
    `serialized       ${(bytes.length / 1048576).toFixed(1)} MiB, ${(bytes.length / entries).toFixed(2)} bytes/entry`,
  );
  console.log(`load (verify)    median ${median(loads).toFixed(1)} ms`);
  console.log(`load (no verify) median ${median(fastLoads).toFixed(2)} ms`);
  console.log(
    `load memory      RSS ${(rssGrowth / 1048576).toFixed(1)} MiB, heap+external ${(heapGrowth / 1024).toFixed(0)} KiB (6 loads over the same bytes)`,
  );
  console.log(
    `index lookups    ${mps(cold.perSecond)} over 1M distinct hosts; ${mps(warm.perSecond)} over a hot 10k set (hits ${cold.found}); misses only ${mps(misses.perSecond)}`,
  );
  console.log(
    `Set + suffixes   ${mps(setCold.perSecond)} over 1M distinct hosts; ${mps(setWarm.perSecond)} over a hot 10k set (hits ${setCold.found}); Set table ${(setBytes / 1048576).toFixed(0)} MiB beyond the strings`,
  );
  if (setCold.found > cold.found)
    console.log('WARNING: the index found fewer hits than the Set baseline');
}
