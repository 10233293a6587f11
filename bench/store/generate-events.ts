/**
 * A fast, seeded generator of realistic `WebEvent`s for the store benchmark: objects built
 * directly (no engine calls), ids from `createEventId`, times through the school day.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ReasonCode } from '../../src/engine/decision/decision.js';
import type { Action } from '../../src/engine/policy/action.js';
import type { SearchEngineId } from '../../src/engine/search/search-types.js';
import { createEventId } from '../../src/events/create-event-id.js';
import type { ReasonDetail } from '../../src/events/reason-detail.js';
import type { WebEvent } from '../../src/events/web-event.js';
import { createRandom, SHARED_DATA } from '../engine/corpus.js';

/** What a generator was asked for, and what it knows about the data it makes (for queries). */
export interface EventGenerator {
  /** The next `count` events, in time order (as the writer inserts them). */
  next(count: number): WebEvent[];
  /** UTC midnights of the school days the events fall on, oldest first. */
  readonly days: readonly number[];
  readonly perDay: number;
  /** Every username, staff last. */
  readonly users: readonly string[];
  readonly groups: readonly string[];
  /** A user drawn as traffic draws them (busy people more often). */
  pickUser(): string;
  /** A host drawn as traffic draws them (Zipf over the popularity list). */
  pickHost(): string;
  /** A host drawn from the ones that get blocked. */
  pickBlockedHost(): string;
  /** A path prefix seen on `host` (its first path segment). */
  pickPathPrefix(): string;
}

export interface GeneratorOptions {
  /** How many events in all: spread evenly over the school days. */
  readonly rows: number;
  /** Events per school day (default 500,000: ~1,650 people, ~300 requests each). */
  readonly perDay?: number;
  readonly seed?: number;
  /** First day (default Monday 2025-09-01, the start of a school year). */
  readonly startMs?: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const PUPILS = 1500;
const STAFF = 150;
const YEAR_GROUPS = ['year7', 'year8', 'year9', 'year10', 'year11', 'year12', 'year13'];
/** Categories a school lets through (catalogue ids). */
const ALLOWED_CATEGORIES = ['education', 'health', 'shopping', 'streaming', 'webmail', 'banking'];
/** Categories that get blocked, warned or alerted: ids from src/engine/categories/. */
const BLOCK_CATEGORIES = [
  'pornography',
  'adult-other',
  'gambling',
  'games',
  'social-networking',
  'proxies-vpn',
  'malware-hacking',
  'phishing',
  'drugs',
  'violence',
  'dating',
  'chat',
  'weapons',
  'hate-speech',
  'piracy',
  'ai-chat',
];
const SEARCH_ENGINES: readonly { engine: SearchEngineId; host: string; path: string }[] = [
  { engine: 'google', host: 'www.google.com', path: '/search' },
  { engine: 'google', host: 'www.google.co.uk', path: '/search' },
  { engine: 'bing', host: 'www.bing.com', path: '/search' },
  { engine: 'youtube', host: 'www.youtube.com', path: '/results' },
  { engine: 'duckduckgo', host: 'duckduckgo.com', path: '/' },
];
/** Neutral words only: the benchmark never stores terms of concern. */
const WORDS = (
  'volcano fractions photosynthesis romans tudors algebra poetry shakespeare weather football ' +
  'revision gcse biology chemistry physics history geography french spanish recipe music ' +
  'drawing coding python minecraft homework essay quadratic equations glaciers rivers ' +
  'earthquake planets space dinosaurs rainforest climate elections parliament netball'
).split(' ');
const SEGMENTS = (
  'news article watch video images static assets en-gb learn course lesson page blog ' +
  'search results product items category user profile api v1 v2 content media play'
).split(' ');

/**
 * Makes a generator of `options.rows` events over `ceil(rows / perDay)` school days
 * (weekdays from `startMs`, 08:00-16:00 UTC). The mix: ~1,500 pupils in year7..year13 and
 * ~150 staff (2% of events have no user), hosts Zipf-distributed over the Tranco and
 * Majestic popularity lists in ../shared/data (a synthetic list without it), actions 91%
 * allow, 7% block, 1% warn, 1% alert, 5% searches with terms.
 *
 * ### Examples
 * ```ts
 * const gen = createEventGenerator({ rows: 10_000_000, seed: 1 });
 * const batch = gen.next(5000);
 * ```
 */
export function createEventGenerator(options: GeneratorOptions): EventGenerator {
  const random = createRandom(options.seed ?? 1);
  const perDay = options.perDay ?? 500_000;
  const dayCount = Math.max(1, Math.ceil(options.rows / perDay));
  const days = schoolDays(options.startMs ?? Date.UTC(2025, 8, 1), dayCount);
  const step = (8 * HOUR_MS) / perDay;

  const people = makePeople(random);
  const userWeights = cumulative(people.map(() => 0.2 + random() * random() * 4));
  const allowHosts = popularHosts();
  const blockHosts = blockedHosts(allowHosts);
  const allowZipf = cumulative(allowHosts.map((_, i) => 1 / (i + 1) ** 0.9));
  const blockZipf = cumulative(blockHosts.map((_, i) => 1 / (i + 1)));
  const hostCategory = (host: string, from: readonly string[]) => from[hashOf(host) % from.length]!;

  let made = 0;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const drawn = (weights: Float64Array) => bisect(weights, random() * weights[weights.length - 1]!);

  const make = (timeMs: number): WebEvent => {
    const person = random() < 0.02 ? null : people[drawn(userWeights)]!;
    const r = random();
    const action: Action = r < 0.91 ? 'allow' : r < 0.98 ? 'block' : r < 0.99 ? 'warn' : 'alert';
    const search = action === 'allow' && random() < 0.055;
    let host: string;
    let path: string | null;
    let categories: string[] = [];
    let reason: ReasonCode = 'uncategorised';
    let detail: ReasonDetail = {};
    let searchTerms: string | null = null;
    let searchEngine: SearchEngineId | null = null;
    let method = 'GET';
    if (search) {
      const engine = pick(SEARCH_ENGINES);
      host = engine.host;
      path = engine.path;
      searchEngine = engine.engine;
      searchTerms = random() < 0.5 ? `${pick(WORDS)} ${pick(WORDS)}` : pick(WORDS);
    } else if (action === 'allow') {
      const base = allowHosts[drawn(allowZipf)]!;
      host = random() < 0.4 ? `www.${base}` : base;
      path = randomPath(random);
      if (hashOf(base) % 3 === 0) {
        const category = hostCategory(base, ALLOWED_CATEGORIES);
        categories = [category];
        reason = 'category';
        detail = categoryDetail(category, base, 'allow');
      }
    } else {
      const base = blockHosts[drawn(blockZipf)]!;
      host = random() < 0.3 ? `www.${base}` : base;
      path = randomPath(random);
      const category = hostCategory(base, BLOCK_CATEGORIES);
      categories = random() < 0.15 ? [category, pick(BLOCK_CATEGORIES)] : [category];
      reason = 'category';
      detail = categoryDetail(category, base, action);
    }
    const m = random();
    if (m < 0.08 && !search) {
      method = 'CONNECT'; // a host-only tunnel: no path
      path = null;
    } else if (m < 0.14) method = 'POST';
    const inspected = method !== 'CONNECT';
    const blocked = action === 'block';
    return {
      kind: 'web-request',
      id: createEventId(timeMs),
      time: new Date(timeMs).toISOString(),
      node: made % 2 === 0 ? 'gw-1' : 'gw-2',
      user: person?.user ?? null,
      groups: person?.groups ?? ['default'],
      policyGroup: person?.groups[0] ?? 'default',
      device: person?.device ?? null,
      clientAddress:
        person?.address ?? `10.9.${Math.floor(random() * 250)}.${1 + Math.floor(random() * 250)}`,
      method,
      scheme: random() < 0.04 ? 'http' : 'https',
      host,
      path,
      categories,
      action,
      reason,
      reasonDetail: detail,
      searchTerms,
      searchEngine,
      searchAutocomplete: search && random() < 0.3,
      alert: action === 'alert',
      inspected,
      status: blocked ? 403 : method === 'CONNECT' ? null : random() < 0.95 ? 200 : 304,
      bytesUp: method === 'POST' ? Math.floor(random() * 20_000) : 0,
      bytesDown: blocked ? 2_400 : Math.floor(random() * random() * 2_000_000),
      durationMs: Math.floor(random() * random() * 3_000),
    };
  };

  return {
    days,
    perDay,
    users: people.map((p) => p.user),
    groups: [...YEAR_GROUPS, 'staff'],
    next(count) {
      const out: WebEvent[] = [];
      const end = Math.min(options.rows, made + count);
      for (; made < end; made++) {
        const day = Math.floor(made / perDay);
        const within = made - day * perDay;
        const timeMs = days[day]! + 8 * HOUR_MS + Math.floor(within * step);
        out.push(make(timeMs));
      }
      return out;
    },
    pickUser: () => people[drawn(userWeights)]!.user,
    pickHost: () => allowHosts[drawn(allowZipf)]!,
    pickBlockedHost: () => blockHosts[drawn(blockZipf)]!,
    pickPathPrefix: () => `/${pick(SEGMENTS)}`,
  };
}

interface Person {
  readonly user: string;
  readonly groups: readonly string[];
  readonly device: string | null;
  readonly address: string;
}

function makePeople(random: () => number): Person[] {
  const people: Person[] = [];
  for (let i = 0; i < PUPILS + STAFF; i++) {
    const staff = i >= PUPILS;
    const group = staff ? 'staff' : YEAR_GROUPS[i % YEAR_GROUPS.length]!;
    people.push({
      user: staff
        ? `staff.${String(i - PUPILS).padStart(4, '0')}`
        : `pupil.${String(i).padStart(5, '0')}`,
      groups: staff ? ['staff'] : [group, 'pupils'],
      device: random() < 0.6 ? `LAPTOP-${String(i).padStart(4, '0')}` : null,
      address: `10.${staff ? 20 : 10}.${(i >> 8) & 0xff}.${i & 0xff}`,
    });
  }
  return people;
}

function categoryDetail(category: string, host: string, action: Action): ReasonDetail {
  return {
    category,
    listKind: 'domain',
    listKey: host,
    listSources: [category === 'pornography' || category === 'gambling' ? 'ut1' : 'blp'],
    ruled: action !== 'allow' || category !== 'education',
  };
}

/** Paths of realistic length: '/' sometimes, else 1-5 segments, ids and file names (~35 chars). */
function randomPath(random: () => number): string {
  if (random() < 0.12) return '/';
  const n = 1 + Math.floor(random() * random() * 5);
  let path = '';
  for (let i = 0; i < n; i++) {
    const r = random();
    path +=
      r < 0.6
        ? `/${SEGMENTS[Math.floor(random() * SEGMENTS.length)]}`
        : r < 0.85
          ? `/${Math.floor(random() * 1e7).toString(36)}`
          : `/${Math.floor(random() * 1e9).toString(16)}.js`;
  }
  return path;
}

/** Weekday UTC midnights from `startMs` (a Monday), `count` of them. */
function schoolDays(startMs: number, count: number): number[] {
  const days: number[] = [];
  for (let day = startMs - (startMs % DAY_MS); days.length < count; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

function popularHosts(): string[] {
  const tranco = join(SHARED_DATA, 'traffic/tranco-top50k.2025-02.csv.gz');
  if (existsSync(tranco)) {
    return gunzipSync(readFileSync(tranco))
      .toString('utf8')
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[1]?.trim() ?? '')
      .filter((d) => d.length > 0);
  }
  const random = createRandom(7);
  return Array.from(
    { length: 50_000 },
    (_, i) => `site${i}-${Math.floor(random() * 1e6).toString(36)}.example`,
  );
}

/** Every 40th popular host plus synthetic ones: about 1,250 + 5,000 blocked sites. */
function blockedHosts(popular: readonly string[]): string[] {
  const fromPopular = popular.filter((_, i) => i % 40 === 7);
  const synthetic = Array.from({ length: 5000 }, (_, i) => `blocked-${i.toString(36)}.example`);
  const out: string[] = [];
  for (let i = 0; i < Math.max(fromPopular.length, synthetic.length); i++) {
    if (i < fromPopular.length) out.push(fromPopular[i]!);
    if (i < synthetic.length) out.push(synthetic[i]!);
  }
  return out;
}

function cumulative(weights: readonly number[]): Float64Array {
  const sums = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) sums[i] = total += weights[i]!;
  return sums;
}

function bisect(sums: Float64Array, value: number): number {
  let lo = 0;
  let hi = sums.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sums[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
