/**
 * The benchmark's inputs: the real third-party lists in ../shared/data (about a million
 * entries), a synthetic set of any size, and a realistic URL mix from the popularity lists.
 * Everything random is seeded, so every run sees the same data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { IndexBuildInput } from '../../src/engine/index/build-category-index.js';
import type { ListEntry, ListFormat } from '../../src/engine/lists/list-entry.js';
import { parseList } from '../../src/engine/lists/parse-list.js';

export const SHARED_DATA = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
type BuildList = IndexBuildInput['lists'][number];

/** A small fast PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readText(path: string): string {
  const bytes = readFileSync(path);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

function list(category: string, name: string, text: string, format: ListFormat): BuildList {
  const parsed = parseList(text, { source: name, format });
  return {
    category,
    source: { name, sha256: '', entries: parsed.entries.length, rejected: parsed.rejected.length },
    entries: parsed.entries,
  };
}

/** Groups `category<TAB>value` rows into one text per category. */
function splitTsvByCategory(text: string): Map<string, string[]> {
  const byCategory = new Map<string, string[]>();
  for (const row of text.split('\n')) {
    const tab = row.indexOf('\t');
    if (tab <= 0) continue;
    const category = row.slice(0, tab);
    const rows = byCategory.get(category) ?? [];
    if (rows.length === 0) byCategory.set(category, rows);
    rows.push(row.slice(tab + 1));
  }
  return byCategory;
}

/**
 * UT1's 66 categories (domains and urls), the Block List Project, Sinfonietta's hosts files,
 * and the VPN and DNS-over-HTTPS lists. Null when ../shared/data is absent.
 */
export function loadRealLists(): BuildList[] | null {
  if (!existsSync(SHARED_DATA)) return null;
  const lists: BuildList[] = [];
  const ut1 = join(SHARED_DATA, 'blocklists/ut1');
  for (const [kind, file] of [
    ['domains', 'domains.tsv.gz'],
    ['urls', 'urls.tsv.gz'],
  ] as const) {
    for (const [category, rows] of splitTsvByCategory(readText(join(ut1, file)))) {
      if (category === 'category') continue;
      lists.push(
        list(
          `ut1/${category}`,
          `ut1/${category}/${kind}`,
          rows.join('\n'),
          kind === 'urls' ? 'urls' : 'domains',
        ),
      );
    }
  }
  const blp = join(SHARED_DATA, 'blocklists/blocklistproject');
  for (const name of [
    'crypto',
    'drugs',
    'facebook',
    'fortnite',
    'phishing',
    'piracy',
    'ransomware',
    'redirect',
    'scam',
    'tiktok',
    'torrent',
    'twitter',
    'vaping',
    'whatsapp',
    'youtube',
  ]) {
    lists.push(
      list(
        `blp/${name}`,
        `blocklistproject/${name}`,
        readText(join(blp, `${name}.txt.gz`)),
        'domains',
      ),
    );
  }
  const sinfonietta = join(SHARED_DATA, 'blocklists/sinfonietta');
  for (const name of ['gambling', 'pornography', 'snuff', 'social']) {
    lists.push(
      list(
        `sinfonietta/${name}`,
        `sinfonietta/${name}`,
        readText(join(sinfonietta, `${name}-hosts.gz`)),
        'hosts',
      ),
    );
  }
  const vpnRows = readText(join(SHARED_DATA, 'circumvention/az0-vpn/vpn-hostnames.tsv.gz'))
    .split('\n')
    .slice(1);
  const adblock = vpnRows
    .filter((r) => r.split('\t')[2] === 'adblock-rule')
    .map((r) => r.split('\t')[3]);
  const hostnames = vpnRows
    .filter((r) => r.split('\t')[2] === 'hostname')
    .map((r) => r.split('\t')[3]);
  lists.push(list('vpn', 'az0-vpn/adblock', adblock.join('\n'), 'adblock'));
  lists.push(list('vpn', 'az0-vpn/hostnames', hostnames.join('\n'), 'domains'));
  lists.push(
    list(
      'doh',
      'dibdot-doh/overall',
      readText(join(SHARED_DATA, 'circumvention/dibdot-doh/doh-domains_overall.txt')),
      'domains',
    ),
  );
  lists.push(
    list(
      'doh',
      'hagezi-2022/bypass',
      readText(join(SHARED_DATA, 'circumvention/hagezi-2022/doh-vpn-proxy-bypass.domains.txt')),
      'domains',
    ),
  );
  return lists;
}

const TLDS = [
  'com',
  'net',
  'org',
  'co.uk',
  'de',
  'fr',
  'ru',
  'info',
  'xyz',
  'io',
  'top',
  'uk',
  'online',
  'site',
];
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'net',
  'web',
  'shop',
  'play',
  'tube',
  'bet',
  'zo',
  'ra',
  'vi',
  'box',
  'hub',
  'go',
  'la',
  'my',
  'on',
  'pro',
  'tech',
];

/** A random plausible domain: 1-2 labels of 2-5 syllables plus a TLD. */
export function randomDomain(random: () => number): string {
  const labels = random() < 0.8 ? 1 : 2;
  const parts: string[] = [];
  for (let l = 0; l < labels; l++) {
    let label = '';
    const syllables = 2 + Math.floor(random() * 4);
    for (let s = 0; s < syllables; s++) label += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (random() < 0.3) label += Math.floor(random() * 1000);
    parts.push(label);
  }
  parts.push(TLDS[Math.floor(random() * TLDS.length)]!);
  return parts.join('.');
}

/**
 * `count` distinct synthetic entries over 30 categories, 3% of them URL entries, seeded.
 * Each host is made unique with its serial number, so the index really holds `count` keys.
 */
export function syntheticLists(count: number, seed = 5): BuildList[] {
  const random = createRandom(seed);
  const perCategory = new Map<string, ListEntry[]>();
  for (let i = 0; i < count; i++) {
    const category = `synthetic/${Math.floor(random() * 30)}`;
    const entries = perCategory.get(category) ?? [];
    if (entries.length === 0) perCategory.set(category, entries);
    const domain = randomDomain(random);
    const dot = domain.indexOf('.');
    const host = `${domain.slice(0, dot)}${i.toString(36)}${domain.slice(dot)}`;
    entries.push(
      random() < 0.03
        ? { kind: 'url', host, path: `/p${Math.floor(random() * 100)}` }
        : { kind: 'domain', host },
    );
  }
  return [...perCategory].map(([category, entries]) => ({
    category,
    source: { name: category, sha256: '', entries: entries.length, rejected: 0 },
    entries,
  }));
}

const WORDS = [
  'maths',
  'homework',
  'history',
  'volcano',
  'football',
  'minecraft',
  'recipe',
  'weather',
  'spelling',
  'science',
  'dinosaurs',
  'music',
  'poems',
  'rivers',
  'fractions',
];
const SEARCH_FORMS = [
  (q: string) => `https://www.google.co.uk/search?q=${q}&hl=en`,
  (q: string) => `https://www.google.com/complete/search?q=${q}&client=gws-wiz`,
  (q: string) => `https://www.bing.com/search?q=${q}&form=QBLH`,
  (q: string) => `https://www.youtube.com/results?search_query=${q}`,
  (q: string) => `https://duckduckgo.com/?q=${q}&ia=web`,
];
const PATHS = [
  '/',
  '/news/education-123456',
  '/search',
  '/images/logo.png',
  '/article/2026/11/24/story',
  '/api/v1/items?id=42',
  '/watch?v=abc123',
  '/static/js/app.js',
];

/**
 * The request mix: mostly popular (allowed) sites from Tranco and Majestic, about 10% hosts
 * from the lists (blocked), about 10% searches. `blockedHosts` are drawn from the index.
 */
export function urlMix(count: number, blockedHosts: readonly string[], seed = 42): string[] {
  const random = createRandom(seed);
  const popular = loadPopularDomains();
  const urls: string[] = [];
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.8 || blockedHosts.length === 0) {
      const domain = pick(popular);
      const host = random() < 0.5 ? `www.${domain}` : domain;
      urls.push(`https://${host}${pick(PATHS)}`);
    } else if (roll < 0.9) {
      const host = pick(blockedHosts);
      urls.push(
        `${random() < 0.5 ? 'https' : 'http'}://${random() < 0.3 ? 'www.' : ''}${host}${pick(PATHS)}`,
      );
    } else {
      const terms = `${pick(WORDS)}+${pick(WORDS)}`;
      urls.push(pick(SEARCH_FORMS)(terms));
    }
  }
  // A gateway decodes each URL from request bytes into a flat string; template literals
  // build rope (cons) strings that are slower to scan, so flatten them the same way.
  return urls.map((url) => Buffer.from(url, 'latin1').toString('latin1'));
}

function loadPopularDomains(): string[] {
  const tranco = join(SHARED_DATA, 'traffic/tranco-top50k.2025-02.csv.gz');
  const majestic = join(SHARED_DATA, 'traffic/majestic-million-top15k.2026-03.csv.gz');
  if (!existsSync(tranco)) {
    const random = createRandom(7);
    return Array.from({ length: 50_000 }, () => randomDomain(random));
  }
  const domains = readText(tranco)
    .split('\n')
    .slice(1)
    .map((row) => row.split(',')[1] ?? '');
  if (existsSync(majestic)) {
    domains.push(
      ...readText(majestic)
        .split('\n')
        .slice(1)
        .map((row) => row.split(',')[2] ?? ''),
    );
  }
  return domains.filter((d) => d.length > 0);
}
