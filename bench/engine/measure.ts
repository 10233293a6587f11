/**
 * One benchmark step in a fresh process, so memory figures are not blurred by earlier steps:
 *   measure.ts compile <scenario> <outDir>   build the index from the lists, time it, write it
 *   measure.ts run <scenario> <outDir>       load it, decide the URL mix, and the Set baseline
 * Prints one JSON object on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide } from '../../src/engine/decision/decide.js';
import { buildCategoryIndex } from '../../src/engine/index/build-category-index.js';
import { loadCategoryIndex } from '../../src/engine/index/load-category-index.js';
import { compilePolicy } from '../../src/engine/policy/compile-policy.js';
import { loadRealLists, syntheticLists, urlMix } from './corpus.js';

const [step, scenario, outDir] = process.argv.slice(2) as [string, string, string];
const indexFile = join(outDir, `${scenario}.sgx`);
const domainsFile = join(outDir, `${scenario}.domains.txt`);
const URL_COUNT = 200_000;
/** UT1 categories UT1 itself means as allow lists: a school would not block them. */
const UT1_WHITE_LISTS = new Set(
  [
    'ai',
    'bank',
    'child',
    'cleaning',
    'download',
    'educational_games',
    'examen_pix',
    'exceptions_liste_bu',
    'jobsearch',
    'liste_blanche',
    'liste_bu',
    'press',
    'sexual_education',
    'shortener',
    'translation',
    'update',
  ].map((c) => `ut1/${c}`),
);
const RUN_SECONDS = 3;

function listsFor(name: string) {
  if (name === 'real') {
    const lists = loadRealLists();
    if (lists === null) throw new Error('../shared/data is absent');
    return lists;
  }
  const match = /^synthetic-(\d+)m$/.exec(name);
  if (match === null) throw new Error(`unknown scenario ${name}`);
  return syntheticLists(Number(match[1]) * 1_000_000);
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function compileStep(): object {
  const readStart = performance.now();
  const lists = listsFor(scenario);
  const readMs = performance.now() - readStart;
  const start = performance.now();
  const bytes = buildCategoryIndex({ builtAt: Date.now(), lists });
  const compileMs = performance.now() - start;
  writeFileSync(indexFile, bytes);
  const domains = new Set<string>();
  for (const list of lists)
    for (const entry of list.entries) if (entry.kind !== 'url') domains.add(entry.host);
  writeFileSync(domainsFile, [...domains].join('\n'));
  const entries = loadCategoryIndex(bytes).header.entryCount;
  return {
    step,
    scenario,
    readMs,
    compileMs,
    entries,
    bytes: bytes.length,
    bytesPerEntry: bytes.length / entries,
  };
}

function runStep(): object {
  // Memory first, in a process that has allocated nothing else yet.
  gc();
  const rssBefore = process.memoryUsage().rss;
  const loadStart = performance.now();
  const index = loadCategoryIndex(readFileSync(indexFile));
  const loadMs = performance.now() - loadStart;
  gc();
  const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 1e6;
  const domainsText = readFileSync(domainsFile, 'utf8');
  // The naive baseline's memory, measured now, before the decision loop leaves garbage.
  gc();
  const setRssBefore = process.memoryUsage().rss;
  const setStart = performance.now();
  const set = new Set(domainsText.split('\n'));
  const setBuildMs = performance.now() - setStart;
  gc();
  const setRssGrowthMb = (process.memoryUsage().rss - setRssBefore) / 1e6;
  const urls = urlMix(URL_COUNT, sampleLines(domainsText, 20_000));
  const policy = compilePolicy({
    timezone: 'Europe/London',
    defaultGroup: 'pupils',
    terms: [],
    schedules: {},
    groups: [
      {
        id: 'pupils',
        label: 'Pupils',
        categories: Object.fromEntries(
          Object.keys(index.header.categoryCounts)
            .filter((c) => !UT1_WHITE_LISTS.has(c))
            .map((c) => [c, 'block' as const]),
        ),
        uncategorised: 'allow',
        ipLiterals: 'block',
        phraseLimit: null,
        safeSearch: true,
      },
    ],
    exceptions: [],
    mandatoryCategories: [],
  });
  const context = { index, policy, now: Date.parse('2026-11-24T10:00:00Z') };
  const groups = ['pupils'];
  let blocked = 0;
  const decideRate = timeLoop(urls, (url) => {
    if (decide({ url, groups }, context).action === 'block') blocked++;
  });

  let setHits = 0;
  const setRate = timeLoop(urls, (url) => {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      return;
    }
    for (let at = 0; at !== -1; at = host.indexOf('.', at) + 1 || -1) {
      if (set.has(at === 0 ? host : host.slice(at))) {
        setHits++;
        return;
      }
    }
  });
  return {
    step,
    scenario,
    loadMs,
    rssGrowthMb,
    decisionsPerSecond: decideRate,
    blockedShare: blocked / (decideRate * RUN_SECONDS || 1),
    setBuildMs,
    setRssGrowthMb,
    setLookupsPerSecond: setRate,
    setHitShare: setHits / (setRate * RUN_SECONDS || 1),
  };
}

/** Every k-th line, about `count` of them (a helper, so the full split can be collected). */
function sampleLines(text: string, count: number): string[] {
  const all = text.split('\n');
  const every = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % every === 0);
}

/** Calls `fn` over `items` round and round for RUN_SECONDS; returns calls per second. */
function timeLoop(items: readonly string[], fn: (item: string) => void): number {
  for (let i = 0; i < 20_000; i++) fn(items[i % items.length]!); // warm up the JIT
  let calls = 0;
  const start = performance.now();
  const deadline = start + RUN_SECONDS * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 10_000; i++) fn(items[(calls + i) % items.length]!);
    calls += 10_000;
  }
  return calls / ((performance.now() - start) / 1000);
}

process.stdout.write(`${JSON.stringify(step === 'compile' ? compileStep() : runStep())}\n`);
