import { resolve } from 'node:path';
import type { RetentionReport } from '../../casework/retention/retention-report.js';
import { runRetention } from '../../casework/retention/run-retention.js';
import { type LoadedConfig, loadConfig } from '../../config/load-config.js';
import { dataDir } from '../../lists/compile-sources.js';
import { cliActor, openConfiguredStore } from '../open-configured-store.js';
import { createProgressBar } from '../progress-bar.js';

/** Archived days listed one per line before the rest are summed up. */
const DAYS_SHOWN = 20;

/** The archive folder the configuration names (`retention.archiveDir`, relative to the data folder). */
export function configuredArchiveDir(loaded: LoadedConfig): string {
  return resolve(dataDir(loaded), loaded.config.retention.archiveDir);
}

/**
 * `schoolgate retention run [--dry-run] [--json]`: applies the retention policy now, with a
 * progress bar on stderr, then prints the report (a table, or the JSON report with `--json`).
 * Exits 1 when a day was left alone because its archive is damaged or missing.
 */
export async function retentionRunCommand(options: {
  config?: string;
  dryRun?: boolean;
  json?: boolean;
}): Promise<void> {
  const loaded = loadConfig(options.config);
  const store = await openConfiguredStore(loaded);
  try {
    const bar = createProgressBar(options.dryRun === true ? 'retention (dry run)' : 'retention');
    const report = await runRetention(store, loaded.config.retention, {
      now: Date.now,
      archiveDir: configuredArchiveDir(loaded),
      dryRun: options.dryRun === true,
      actor: cliActor(),
      onProgress: bar.update,
    });
    bar.finish();
    process.stdout.write(
      options.json === true
        ? `${JSON.stringify(report, null, 2)}\n`
        : formatRetentionReport(report),
    );
    if (report.problems.length > 0) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

/** The report as a table for people. */
export function formatRetentionReport(report: RetentionReport): string {
  const n = (value: number) => value.toLocaleString('en-GB');
  const archivedEvents = report.archivedDays.reduce((sum, d) => sum + d.events, 0);
  const lines = [
    `Retention run at ${report.at}${report.dryRun ? ' (dry run: nothing was changed)' : ''}`,
    '',
    `  ${'Days archived'.padEnd(36)} ${n(report.archivedDays.length).padStart(10)}  (${n(archivedEvents)} events)`,
    `  ${'Events deleted'.padEnd(36)} ${n(report.deletedEvents).padStart(10)}`,
    `  ${'Events kept under a legal hold'.padEnd(36)} ${n(report.keptUnderHold).padStart(10)}`,
    `  ${'Archive files deleted'.padEnd(36)} ${n(report.deletedArchives.length).padStart(10)}${dayRange(report.deletedArchives)}`,
    `  ${'Rollup rows deleted'.padEnd(36)} ${n(report.deletedRollupRows).padStart(10)}`,
    `  ${'HR holds released (period ended)'.padEnd(36)} ${n(report.releasedHrHolds.length).padStart(10)}`,
    `  ${'Safeguarding holds due for review'.padEnd(36)} ${n(report.holdsDueForReview.length).padStart(10)}`,
  ];
  if (report.archivedDays.length > 0) {
    lines.push(
      '',
      `  ${'day'.padEnd(10)}  ${'events'.padStart(10)}  ${'new'.padStart(10)}  sha256`,
    );
    for (const day of report.archivedDays.slice(0, DAYS_SHOWN)) {
      lines.push(
        `  ${day.day}  ${n(day.events).padStart(10)}  ${n(day.added).padStart(10)}  ${day.sha256?.slice(0, 16) ?? '(dry run)'}`,
      );
    }
    const more = report.archivedDays.length - DAYS_SHOWN;
    if (more > 0) lines.push(`  ... and ${n(more)} more days (--json lists them all)`);
  }
  for (const [title, holds] of [
    ['HR holds released', report.releasedHrHolds],
    [
      'Safeguarding holds due for review (release with a reason, or keep)',
      report.holdsDueForReview,
    ],
  ] as const) {
    if (holds.length === 0) continue;
    lines.push('', `${title}:`);
    for (const hold of holds) {
      const fallback = hold.reviewDueFallback ? ' (fallback date: no date of birth was given)' : '';
      lines.push(
        `  ${hold.id}  case ${hold.caseRef}${hold.subject === null ? '' : `  ${hold.subject}`}  due ${hold.reviewDue.slice(0, 10)}${fallback}`,
      );
    }
  }
  if (report.problems.length > 0) {
    lines.push('', 'Problems (these days were left as they were):');
    for (const problem of report.problems) lines.push(`  ${problem}`);
  }
  return `${lines.join('\n')}\n`;
}

function dayRange(days: readonly string[]): string {
  if (days.length === 0) return '';
  return days.length === 1 ? `  (${days[0]})` : `  (${days[0]} to ${days[days.length - 1]})`;
}
