/**
 * The safeguarding monitor's benchmark (issue 5):
 * - latency: a level-5 search through the real gateway (`schoolgate start`, SQLite) to its
 *   alert row, and to the DSL's e-mail at a real SMTP server on loopback, with background
 *   traffic at a fixed rate (target: p99 < 2 s at 2,000 requests/s);
 * - throughput: the monitor alone, events/s over stored batches of a school day's mix.
 *
 *   node --import tsx bench/monitor/run.ts [--runs 3] [--rate 2000] [--probes 40] [--workers 2] [--events 200000]
 *
 * Writes bench/monitor/out/results.json and prints Markdown tables (medians of the runs).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { type LatencyRun, measureLatency } from './measure-latency.js';
import { measureThroughput, type ThroughputRun } from './measure-throughput.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return Number(at === -1 ? fallback : (args[at + 1] ?? fallback));
};
const runs = flag('runs', '3');
const rate = flag('rate', '2000');
const probes = flag('probes', '40');
const workers = flag('workers', '2');
const events = flag('events', '200000');
const log = (message: string) =>
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const latency: LatencyRun[] = [];
const throughput: ThroughputRun[] = [];
for (let run = 1; run <= runs; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-bench-monitor-'));
  try {
    log(`run ${run}/${runs}: latency`);
    latency.push(await measureLatency({ dir, rate, probes, workers, log }));
    log(`run ${run}/${runs}: throughput over ${events} events`);
    throughput.push(await measureThroughput(dir, events));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const percentile = (values: readonly number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const median = (values: readonly number[]) => percentile(values, 50);
const perRun = latency.map((r) => ({
  alertP50: percentile(r.toAlertMs, 50),
  alertP99: percentile(r.toAlertMs, 99),
  emailP50: percentile(r.toEmailMs, 50),
  emailP99: percentile(r.toEmailMs, 99),
  emailMax: Math.max(...r.toEmailMs),
  missed: r.missedAlerts + r.missedEmails,
  background: r.background.answeredPerSecond,
  failed: r.background.failed,
}));
const results = {
  machine: `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  date: new Date().toISOString(),
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
  settings: { runs, rate, probes, workers, events },
  perRun,
  throughput,
  latency,
};
mkdirSync(join(import.meta.dirname, 'out'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, 'out', 'results.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);

const ms = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(0));
const lines = [
  `Machine: ${results.machine}; commit ${results.commit}; ${results.date.slice(0, 10)}`,
  `${runs} runs; ${probes} probes a run; background ${rate} req/s; ${workers} gateway workers`,
  '',
  '| run | background answered req/s | to alert p50 ms | to alert p99 ms | to e-mail p50 ms | to e-mail p99 ms | to e-mail max ms | missed |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...perRun.map(
    (r, i) =>
      `| ${i + 1} | ${r.background.toFixed(0)} | ${ms(r.alertP50)} | ${ms(r.alertP99)} | ${ms(r.emailP50)} | ${ms(r.emailP99)} | ${ms(r.emailMax)} | ${r.missed} |`,
  ),
  `| **median** | ${median(perRun.map((r) => r.background)).toFixed(0)} | ${ms(median(perRun.map((r) => r.alertP50)))} | ${ms(median(perRun.map((r) => r.alertP99)))} | ${ms(median(perRun.map((r) => r.emailP50)))} | ${ms(median(perRun.map((r) => r.emailP99)))} | ${ms(median(perRun.map((r) => r.emailMax)))} | |`,
  '',
  '| run | events | monitor busy s | events/s | alerts |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...throughput.map(
    (t, i) =>
      `| ${i + 1} | ${t.events} | ${t.seconds.toFixed(2)} | ${t.eventsPerSecond.toFixed(0)} | ${t.alerts} |`,
  ),
  `| **median** | | | ${median(throughput.map((t) => t.eventsPerSecond)).toFixed(0)} | |`,
];
process.stdout.write(`${lines.join('\n')}\n`);
