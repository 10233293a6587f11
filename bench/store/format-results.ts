/**
 * The store benchmark's results as Markdown tables, for the console and bench/RESULTS.md.
 */
import type { InsertResult } from './measure-insert.js';
import type { QueryTiming } from './measure-queries.js';
import type { SpoolResult } from './measure-spool.js';

/** Everything one run measured; phases not run are absent. */
export interface StoreBenchResults {
  readonly dialect: string;
  readonly rows: number;
  readonly machine: string;
  readonly date: string;
  readonly commit: string;
  readonly settings?: Readonly<Record<string, string>>;
  readonly insert?: InsertResult;
  readonly bytes?: number;
  readonly spool?: readonly SpoolResult[];
  readonly queries?: readonly QueryTiming[];
  readonly notes?: readonly string[];
}

const n = (value: number, digits = 0) =>
  value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Formats `results` as Markdown: insert, size, spool and query tables.
 *
 * ### Examples
 * ```ts
 * process.stdout.write(formatResults(results));
 * ```
 */
export function formatResults(results: StoreBenchResults): string {
  const out: string[] = [`### ${results.dialect}, ${n(results.rows)} rows`, ''];
  const insert = results.insert;
  if (insert !== undefined) {
    out.push(
      '| insert | value |',
      '| --- | ---: |',
      `| rows inserted | ${n(insert.rows)} |`,
      `| events/s, insert time only | ${n(insert.insertPerSecond)} |`,
      `| events/s, generation included | ${n(insert.wallPerSecond)} |`,
      `| events per CPU-second of the inserting process | ${insert.insertPerCpuSecond === undefined ? '-' : n(insert.insertPerCpuSecond)} |`,
      `| insert time / generation time (s) | ${n(insert.insertSeconds, 1)} / ${n(insert.generateSeconds, 1)} |`,
      `| slowest batch of ${n(insert.batchSize)} (ms) | ${n(insert.maxBatchMs)} |`,
    );
    if (results.bytes !== undefined) {
      out.push(
        `| size on disk | ${n(results.bytes / 1e9, 2)} GB |`,
        `| bytes/event | ${n(results.bytes / insert.rows)} |`,
      );
    }
    out.push('', `Per 1M-row slice, events/s (insert only): ${sliceSummary(insert)}`, '');
  }
  if (results.spool !== undefined && results.spool.length > 0) {
    out.push(
      '| spool fsync | events | append events/s | spool bytes/event | drain events/s (writer -> store) | notes |',
      '| --- | ---: | ---: | ---: | ---: | --- |',
      ...results.spool.map(
        (s) =>
          `| ${s.fsync} | ${n(s.events)} | ${n(s.appendPerSecond)} | ${n(s.spoolBytes / s.events)} | ${n(s.drainPerSecond)} | ${s.error ?? (s.dropped + s.corrupt > 0 ? `dropped ${s.dropped}, corrupt ${s.corrupt}` : 'ok')} |`,
      ),
      '',
    );
  }
  if (results.queries !== undefined && results.queries.length > 0) {
    out.push(
      '| query | period | first run (ms) | median / max, 5 runs (ms) | warm median / max (ms) | rows (median) |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      ...results.queries.map(
        (q) =>
          `| ${q.query} | ${q.period} | ${n(q.firstMs, 1)} | ${n(q.medianMs, 1)} / ${n(q.maxMs, 1)} | ${n(q.warmMedianMs, 1)} / ${n(q.warmMaxMs, 1)} | ${n(q.medianRows)} |`,
      ),
      '',
    );
  }
  for (const note of results.notes ?? []) out.push(`- ${note}`);
  return `${out.join('\n')}\n`;
}

function sliceSummary(insert: InsertResult): string {
  const rates = insert.slices.map((s) => s.insertPerSecond);
  if (rates.length === 0) return '-';
  const shown =
    rates.length <= 12
      ? rates
      : rates.filter((_, i) => i % Math.ceil(rates.length / 10) === 0 || i === rates.length - 1);
  return `${shown.map((r) => n(r)).join(', ')} (min ${n(Math.min(...rates))}, max ${n(Math.max(...rates))})`;
}
