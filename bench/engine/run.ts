/**
 * The engine benchmark: for each scenario, five runs of (compile, then load + decide + Set
 * baseline) in fresh processes; prints the medians as a Markdown table for bench/RESULTS.md
 * and writes them to bench/engine/out/results.json.
 *
 *   npm run bench:engine                 # real lists (if ../shared/data exists) and synthetic 5M
 *   npm run bench:engine -- --runs 3 real
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { SHARED_DATA } from './corpus.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt === -1 ? 5 : Number(args[runsAt + 1]);
const named = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
const scenarios =
  named.length > 0
    ? named
    : [...(existsSync(SHARED_DATA) ? ['real'] : []), 'synthetic-1m', 'synthetic-5m'];
const outDir = join(import.meta.dirname, 'out');
mkdirSync(outDir, { recursive: true });

function step(name: string, scenario: string): Record<string, number> {
  const output = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      join(import.meta.dirname, 'measure.ts'),
      name,
      scenario,
      outDir,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const results: Record<string, Record<string, number>> = {};
for (const scenario of scenarios) {
  const samples: Record<string, number>[] = [];
  for (let run = 1; run <= runs; run++) {
    const compiled = step('compile', scenario);
    const measured = step('run', scenario);
    samples.push({ ...compiled, ...measured });
    process.stderr.write(
      `${scenario} run ${run}/${runs}: ${Math.round(measured['decisionsPerSecond']!).toLocaleString('en-GB')} decisions/s\n`,
    );
  }
  const keys = Object.keys(samples[0]!).filter((k) => typeof samples[0]![k] === 'number');
  results[scenario] = Object.fromEntries(keys.map((k) => [k, median(samples.map((s) => s[k]!))]));
  const rates = samples.map((s) => s['decisionsPerSecond']!);
  results[scenario]!['decisionsMin'] = Math.min(...rates);
  results[scenario]!['decisionsMax'] = Math.max(...rates);
}

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined
    ? '-'
    : n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rows = [
  ['entries', (r: Record<string, number>) => fmt(r['entries'])],
  [
    'index size (bytes/entry)',
    (r: Record<string, number>) =>
      `${fmt(r['bytes']! / 1e6, 1)} MB (${fmt(r['bytesPerEntry'], 1)})`,
  ],
  ['compile time (s)', (r: Record<string, number>) => fmt(r['compileMs']! / 1000, 2)],
  ['index load time (ms)', (r: Record<string, number>) => fmt(r['loadMs'], 1)],
  ['RSS growth at load (MB)', (r: Record<string, number>) => fmt(r['rssGrowthMb'], 1)],
  [
    'full-URL decisions/s, one core (median)',
    (r: Record<string, number>) => fmt(r['decisionsPerSecond']),
  ],
  [
    'decisions/s range over the runs',
    (r: Record<string, number>) => `${fmt(r['decisionsMin'])} – ${fmt(r['decisionsMax'])}`,
  ],
  ['share of mix blocked', (r: Record<string, number>) => `${fmt(r['blockedShare']! * 100, 1)}%`],
  ['naive Set: build time (s)', (r: Record<string, number>) => fmt(r['setBuildMs']! / 1000, 2)],
  ['naive Set: RSS growth (MB)', (r: Record<string, number>) => fmt(r['setRssGrowthMb'], 1)],
  [
    'naive Set: host lookups/s (new URL + suffix walk)',
    (r: Record<string, number>) => fmt(r['setLookupsPerSecond']),
  ],
] as const;
const header = `| measure | ${scenarios.join(' | ')} |\n| --- | ${scenarios.map(() => '---:').join(' | ')} |`;
const table = rows
  .map(([label, cell]) => `| ${label} | ${scenarios.map((s) => cell(results[s]!)).join(' | ')} |`)
  .join('\n');
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`;
writeFileSync(join(outDir, 'results.json'), JSON.stringify({ machine, runs, results }, null, 2));
process.stdout.write(`Machine: ${machine}; median of ${runs} runs\n\n${header}\n${table}\n`);
