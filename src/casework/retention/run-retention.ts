import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { RetentionConfig } from '../../config/store-config.js';
import type { Store } from '../../store/open-store.js';
import { appendAudit } from '../audit/append-audit.js';
import { holdsDueForReview } from '../holds/holds-due-for-review.js';
import { listHolds } from '../holds/list-holds.js';
import { releaseHold } from '../holds/release-hold.js';
import { type ArchiveDayHooks, archiveDay } from './archive-day.js';
import { ArchiveLayout } from './archive-layout.js';
import { deleteDayEvents } from './delete-day-events.js';
import { recoverArchiveFiles } from './recover-archive-files.js';
import { withRetentionLock } from './retention-lock.js';
import type { ArchivedDay, HoldSummary, RetentionReport } from './retention-report.js';
import { RetentionSteps } from './retention-steps.js';
import { syncManifest } from './sync-manifest.js';
import { UtcDay } from './utc-day.js';

/** How to run retention. */
export interface RunRetentionOptions {
  /** The clock; read once at the start, so every period is measured from the same moment. */
  readonly now: () => number;
  /** The archive folder, absolute (the CLI resolves `retention.archiveDir` against the data folder). */
  readonly archiveDir: string;
  /** Work out and return the report, writing nothing (no files, rows, or audit entry). */
  readonly dryRun?: boolean | undefined;
  /** Who runs it, for the run record and the audit trail (`system:retention`, `cli:jdsl`). */
  readonly actor: string;
  /** Called as work is done: units are days, expired archives, and two for rollups and holds. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Fault injection for tests (see `ArchiveDayHooks`). */
  readonly hooks?: ArchiveDayHooks | undefined;
}

/** Who releases HR holds whose period has ended, in the audit trail. */
export const RETENTION_ACTOR = 'system:retention';

/**
 * Applies the retention policy (PRV-02) once, and records what it did:
 *
 * 1. each UTC day past `events.activeDays` is archived to a gzip NDJSON file and its events
 *    deleted, except held ones (`archiveDay`); a day past the archive period as well is only
 *    deleted;
 * 2. archive files past `activeDays + archiveDays` are deleted (their held events stay in
 *    the table);
 * 3. rollups older than `rollups.days` are deleted;
 * 4. HR holds whose period has ended are released (audited); safeguarding holds due for
 *    review are listed, never released;
 * 5. the run is recorded in `retention_runs` and audited as `retention.run`.
 *
 * Each day is finished on its own, and a crash anywhere leaves nothing the next run cannot
 * complete: it first renames committed archives left under temporary names and rewrites the
 * manifest. Only one run at a time (`withRetentionLock`). A dry run reads only: archives are
 * not opened, so a day a real run would widen is not listed; sha256 is null.
 *
 * ### Examples
 * ```ts
 * const report = await runRetention(store, config.retention, {
 *   now: Date.now, archiveDir: resolve(dataDir(loaded), config.retention.archiveDir),
 *   actor: cliActor(), onProgress: bar.update,
 * });
 * ```
 */
export async function runRetention(
  store: Store,
  config: RetentionConfig,
  options: RunRetentionOptions,
): Promise<RetentionReport> {
  const dryRun = options.dryRun === true;
  if (dryRun) return steps(store, config, options, randomUUID());
  return withRetentionLock(store, options.archiveDir, async () => {
    const runId = randomUUID();
    const rows = await store.db.selectFrom('event_archives').selectAll().execute();
    await recoverArchiveFiles(options.archiveDir, rows);
    await syncManifest(store.db, options.archiveDir, runId);
    return steps(store, config, options, runId);
  });
}

async function steps(
  store: Store,
  config: RetentionConfig,
  options: RunRetentionOptions,
  runId: string,
): Promise<RetentionReport> {
  const { archiveDir } = options;
  const dryRun = options.dryRun === true;
  const nowMs = options.now();
  const now = () => nowMs;
  const activeEnd = UtcDay.periodEnd(nowMs, config.events.activeDays);
  const archiveEnd = UtcDay.periodEnd(nowMs, config.events.activeDays + config.events.archiveDays);

  const days = await RetentionSteps.daysToProcess(store, activeEnd);
  const expired = (
    await store.db.selectFrom('event_archives').selectAll().orderBy('day').execute()
  ).filter((r) => r.deleted_ms === null && UtcDay.start(r.day) + UtcDay.DAY_MS <= archiveEnd);
  const total = days.length + expired.length + 2;
  let done = 0;
  const progress = () => options.onProgress?.(++done, total);
  options.onProgress?.(0, total);

  const archivedDays: ArchivedDay[] = [];
  const problems: string[] = [];
  let deletedEvents = 0;
  for (const dayStart of days) {
    const pastArchivePeriod = dayStart + UtcDay.DAY_MS <= archiveEnd;
    if (dryRun) {
      const count = await RetentionSteps.countDay(store.db, dayStart);
      deletedEvents += count.unheld;
      const live = await store.db
        .selectFrom('event_archives')
        .select('day')
        .where('day', '=', UtcDay.key(dayStart))
        .where('deleted_ms', 'is', null)
        .executeTakeFirst();
      if (!pastArchivePeriod && live === undefined && count.total > 0) {
        const day = UtcDay.key(dayStart);
        const file = ArchiveLayout.dayFile(day);
        archivedDays.push({ day, events: count.total, added: count.total, file, sha256: null });
      }
    } else if (pastArchivePeriod) {
      deletedEvents += (await deleteDayEvents(store, dayStart, null)).deleted;
    } else {
      const outcome = await archiveDay(store, archiveDir, dayStart, runId, now, options.hooks);
      if (outcome.archived !== null) archivedDays.push(outcome.archived);
      if (outcome.problem !== null) problems.push(outcome.problem);
      deletedEvents += outcome.deleted;
    }
    progress();
  }

  const deletedArchives: string[] = [];
  for (const row of expired) {
    if (!dryRun) {
      // The file goes first: a crash before the row is marked only repeats a harmless delete.
      await rm(ArchiveLayout.resolve(archiveDir, row.file), { force: true });
      await store.db
        .updateTable('event_archives')
        .set({ deleted_ms: nowMs })
        .where('day', '=', row.day)
        .execute();
    }
    deletedArchives.push(row.day);
    progress();
  }
  if (!dryRun && expired.length > 0) await syncManifest(store.db, archiveDir, runId);

  const deletedRollupRows = await RetentionSteps.pruneRollups(
    store.db,
    UtcDay.periodEnd(nowMs, config.rollups.days),
    dryRun,
  );
  progress();

  const releasedHrHolds: HoldSummary[] = [];
  const ended = await RetentionSteps.endedHrHolds(store.db, nowMs);
  if (dryRun) {
    const inForce = await listHolds(store.db, { dueBy: nowMs });
    for (const hold of inForce)
      if (ended.includes(hold.id)) releasedHrHolds.push(RetentionSteps.summary(hold));
  } else {
    for (const id of ended) {
      const hold = await releaseHold(
        store.db,
        id,
        { actor: RETENTION_ACTOR, reason: 'HR hold period ended' },
        now,
      );
      releasedHrHolds.push(RetentionSteps.summary(hold));
    }
  }
  const due = (await holdsDueForReview(store.db, nowMs)).map(RetentionSteps.summary);
  progress();

  const report: RetentionReport = {
    dryRun,
    at: new Date(nowMs).toISOString(),
    archivedDays,
    deletedEvents,
    keptUnderHold: await RetentionSteps.keptUnderHold(store.db, activeEnd),
    deletedArchives,
    deletedRollupRows,
    releasedHrHolds,
    holdsDueForReview: due,
    problems,
  };
  if (!dryRun) await recordRun(store, runId, options, nowMs, report);
  return report;
}

/** The deletion log row and its audit entry, in one transaction. */
async function recordRun(
  store: Store,
  runId: string,
  options: RunRetentionOptions,
  startedMs: number,
  report: RetentionReport,
): Promise<void> {
  const finishedMs = options.now();
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('retention_runs')
      .values({
        id: runId,
        started_ms: startedMs,
        finished_ms: finishedMs,
        dry_run: 0,
        actor: options.actor,
        report: JSON.stringify(report),
      })
      .execute();
    await appendAudit(
      trx,
      {
        actor: options.actor,
        action: 'retention.run',
        targetKind: 'retention',
        target: runId,
        details: {
          archivedDays: report.archivedDays.length,
          archivedEvents: report.archivedDays.reduce((n, d) => n + d.events, 0),
          deletedEvents: report.deletedEvents,
          keptUnderHold: report.keptUnderHold,
          deletedArchives: report.deletedArchives.length,
          deletedRollupRows: report.deletedRollupRows,
          releasedHrHolds: report.releasedHrHolds.length,
          holdsDueForReview: report.holdsDueForReview.length,
          problems: report.problems.length,
        },
      },
      () => finishedMs,
    );
  });
}
