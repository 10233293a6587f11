/**
 * The event store benchmark (issue #4): insert rate, spool append and drain rates, query
 * latency and size on disk, on SQLite or PostgreSQL.
 *
 *   node --expose-gc --import tsx bench/store/run.ts --rows 10000000 --dialect sqlite
 *   ... --dialect postgres --dir /work/bench-store-data --phases insert,query
 *
 * Writes bench/store/out/<dialect>-<rows>.json (after every 1M rows too, so a run cut short
 * still leaves its figures) and prints Markdown tables. Deletes its data when done unless
 * `--keep`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { formatResults, type StoreBenchResults } from './format-results.js';
import { createEventGenerator } from './generate-events.js';
import { measureInsert } from './measure-insert.js';
import { measureQueries } from './measure-queries.js';
import { measureSpool, type SpoolResult } from './measure-spool.js';
import { type BenchDialect, benchStores, POSTGRES_SETTINGS } from './open-bench-store.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : (args[at + 1] ?? fallback);
};
const rows = Number(flag('rows', '10000000'));
const dialect = flag('dialect', 'sqlite') as BenchDialect;
const dir = flag('dir', '/work/bench-store-data');
const phases = new Set(flag('phases', 'insert,spool,query').split(','));
const spoolEvents = Number(flag('spool-events', '1000000'));
// The event writer's own default batch (database.spool.batchSize).
const batchSize = Number(flag('batch', '20000'));
const keep = args.includes('--keep');
/** An SQLite folder a `--keep` run left, to time its queries again (`--phases query`). */
const reuse = flag('reuse', '') || undefined;
/** Stop inserting after this many minutes and measure what is there (a 100M run on a busy VM). */
const insertMinutes = Number(flag('insert-minutes', 'Infinity'));
if (!Number.isSafeInteger(rows) || rows <= 0) throw new Error('--rows must be a positive integer');
if (dialect !== 'sqlite' && dialect !== 'postgres') throw new Error('--dialect sqlite|postgres');

const outDir = join(import.meta.dirname, 'out');
mkdirSync(outDir, { recursive: true });
const outFile = join(
  outDir,
  `${dialect}-${rows}${batchSize === 20000 ? '' : `-batch${batchSize}`}.json`,
);
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
let results: StoreBenchResults = {
  dialect,
  rows,
  machine: `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  date: new Date().toISOString(),
  commit,
  ...(dialect === 'postgres' ? { settings: POSTGRES_SETTINGS } : {}),
};
const save = () => writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
const log = (message: string) =>
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const stores = await benchStores(dialect, dir, reuse);
try {
  const generator = createEventGenerator({ rows, seed: 1 });
  const store = await stores.open('main');
  if (phases.has('insert')) {
    log(
      `inserting ${rows.toLocaleString('en-GB')} events over ${generator.days.length} school days`,
    );
    const insert = await measureInsert(
      store,
      generator,
      rows,
      batchSize,
      (partial) => {
        const last = partial.slices.at(-1)!;
        log(
          `${partial.rows.toLocaleString('en-GB')} rows: slice ${Math.round(last.insertPerSecond).toLocaleString('en-GB')} events/s (insert), ${Math.round(last.wallPerSecond).toLocaleString('en-GB')} (with generation), ${Math.round(last.insertPerCpuSecond).toLocaleString('en-GB')} per CPU-second, load ${last.loadAverage.toFixed(1)}`,
        );
        results = { ...results, insert: partial };
        save();
      },
      performance.now() + insertMinutes * 60_000,
    );
    results = { ...results, insert, bytes: await stores.size(store, 'main') };
    save();
  }
  if (phases.has('query')) {
    log('timing queries');
    if (reuse !== undefined && existsSync(outFile)) {
      const before = JSON.parse(readFileSync(outFile, 'utf8')) as StoreBenchResults;
      results = { ...before, ...results, ...(before.insert ? { insert: before.insert } : {}) };
    }
    results = { ...results, queries: [] };
    // Only the days the insert filled (all of them unless `--insert-minutes` cut it short).
    const inserted = results.insert?.rows ?? rows;
    const days = generator.days.slice(0, Math.ceil(inserted / generator.perDay));
    await measureQueries(
      store,
      generator,
      (t) => {
        log(
          `${t.query} (${t.period}): median ${t.medianMs.toFixed(1)} ms, max ${t.maxMs.toFixed(1)} ms, ${t.medianRows} rows`,
        );
        results = { ...results, queries: [...(results.queries ?? []), t] };
        save();
      },
      days,
    );
    // Size again: PostgreSQL's hint bits and SQLite's WAL settle after the reads.
    results = { ...results, bytes: await stores.size(store, 'main') };
    save();
  }
  await store.close();
  if (phases.has('spool')) {
    const spool: SpoolResult[] = [];
    for (const fsync of ['always', 'never'] as const) {
      log(
        `spool: appending ${spoolEvents.toLocaleString('en-GB')} events (fsync ${fsync}), then draining`,
      );
      const target = await stores.open(`spool_${fsync}`);
      try {
        const result = await measureSpool(
          join(dir, `spool-${process.pid}-${fsync}`),
          fsync,
          spoolEvents,
          target,
        );
        log(
          `spool ${fsync}: append ${Math.round(result.appendPerSecond).toLocaleString('en-GB')}/s, drain ${Math.round(result.drainPerSecond).toLocaleString('en-GB')}/s${result.error ? ` (${result.error})` : ''}`,
        );
        spool.push(result);
      } finally {
        await target.close();
      }
      results = { ...results, spool };
      save();
    }
  }
} finally {
  if (!keep) stores.destroy();
}
save();
process.stdout.write(formatResults(results));
