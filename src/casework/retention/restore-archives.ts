import type { WebEvent } from '../../events/web-event.js';
import { createEventInserter } from '../../store/events/insert-events.js';
import type { Store } from '../../store/open-store.js';
import { appendAudit } from '../audit/append-audit.js';
import type { DayRange } from './archives-in-range.js';
import { type ArchiveReadOptions, searchArchives } from './search-archives.js';

/** What a restore put back. */
export interface RestoreResult {
  /** Events written into the events table. */
  readonly inserted: number;
  /** Events already there (never deleted: held, or restored before), left as they were. */
  readonly duplicates: number;
  /** Lines skipped because they were not valid events (each reported through `onBadLine`). */
  readonly badLines: number;
}

/** Events per insert transaction. */
const BATCH = 5000;

/**
 * Puts the archived events of a range of days back into the events table, through the
 * writer's own insert (`createEventInserter`), so events still in the table are skipped and
 * the hourly rollups count only what was really added. Every file is checked against the
 * manifest first (`searchArchives`).
 *
 * A restore is for looking again at old records: the next retention run finds the days past
 * their period again, sees the archive already holds every event, and deletes them. To keep
 * restored events, place a hold on them. Audited as `archive.restore` with the counts, also
 * when the restore fails part way (`completed: false`).
 *
 * ### Examples
 * ```ts
 * const { inserted } = await restoreArchives(store, archiveDir, { fromDay: '2025-11-03', toDay: '2025-11-03' }, cliActor(), Date.now);
 * ```
 */
export async function restoreArchives(
  store: Store,
  archiveDir: string,
  range: DayRange,
  actor: string,
  now: () => number,
  options: ArchiveReadOptions = {},
): Promise<RestoreResult> {
  const inserter = createEventInserter(store);
  let inserted = 0;
  let duplicates = 0;
  let badLines = 0;
  let completed = false;
  const onBadLine = (file: string, line: number, problem: string) => {
    badLines += 1;
    options.onBadLine?.(file, line, problem);
  };
  let batch: WebEvent[] = [];
  const flush = async () => {
    const result = await inserter.insert(batch);
    inserted += result.inserted;
    duplicates += result.duplicates;
    batch = [];
  };
  try {
    for await (const event of searchArchives(archiveDir, range, { ...options, onBadLine })) {
      batch.push(event);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    completed = true;
  } finally {
    await appendAudit(
      store.db,
      {
        actor,
        action: 'archive.restore',
        targetKind: 'archive',
        target: `${range.fromDay}..${range.toDay}`,
        details: { ...range, inserted, duplicates, badLines, completed },
      },
      now,
    );
  }
  return { inserted, duplicates, badLines };
}
