import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Store } from '../../store/open-store.js';
import { StoreError } from '../../store/store-error.js';
import { ArchiveLayout } from './archive-layout.js';
import { deleteDayEvents } from './delete-day-events.js';
import { DurableFile } from './durable-file.js';
import type { ArchivedDay } from './retention-report.js';
import { syncManifest } from './sync-manifest.js';
import { UtcDay } from './utc-day.js';
import { writeDayArchive } from './write-day-archive.js';

/** What archiving one day did. */
export interface ArchiveDayOutcome {
  /** The archive written or widened, or null when the existing one already had every event. */
  readonly archived: ArchivedDay | null;
  readonly deleted: number;
  /** Why the day was left alone (a damaged or missing archive), or null. */
  readonly problem: string | null;
}

/** Fault injection for tests: called once the day's archive is committed, before any delete. */
export interface ArchiveDayHooks {
  readonly afterArchive?: ((day: string) => void | Promise<void>) | undefined;
}

/** Archive-then-delete passes before giving up on a day whose events keep changing. */
const ATTEMPTS = 3;

/**
 * Archives one UTC day and deletes its unheld events, in an order a crash at any point
 * leaves finishable by the next run:
 *
 * 1. write the day (merged with its existing archive, if any) to a temporary file, fsync;
 * 2. record file, count and checksum in `event_archives` — the commit point;
 * 3. rename the temporary file into place, fsync the folder, rewrite the manifest;
 * 4. delete the day's unheld rows, checking they are the ones archived (`deleteDayEvents`).
 *
 * When the day already has an archive that holds every event in the table (a run crashed
 * after step 2, a restored day, a released hold) steps 2-3 are skipped and the rows are just
 * deleted. If events arrived between steps 1 and 4, the day goes round again.
 *
 * ### Examples
 * ```ts
 * const { archived, deleted, problem } = await archiveDay(store, archiveDir, dayStart, runId, now);
 * ```
 */
export async function archiveDay(
  store: Store,
  archiveDir: string,
  dayStartMs: number,
  runId: string,
  now: () => number,
  hooks: ArchiveDayHooks = {},
): Promise<ArchiveDayOutcome> {
  const day = UtcDay.key(dayStartMs);
  let archived: ArchivedDay | null = null;
  let deleted = 0;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const row = await store.db
      .selectFrom('event_archives')
      .selectAll()
      .where('day', '=', day)
      .executeTakeFirst();
    const existing = row !== undefined && row.deleted_ms === null ? row : null;
    if (existing !== null && !existsSync(ArchiveLayout.resolve(archiveDir, existing.file))) {
      const problem = `${day}: archive ${existing.file} is missing; the day's events stay in the database until it is put back`;
      return { archived, deleted, problem };
    }
    let written: Awaited<ReturnType<typeof writeDayArchive>>;
    try {
      written = await writeDayArchive(store.db, archiveDir, dayStartMs, existing, runId);
    } catch (error) {
      if (!StoreError.is(error, 'SG_ERR_ARCHIVE_DAMAGED')) throw error;
      return {
        archived,
        deleted,
        problem: `${day}: ${error.message}; the day's events stay in the database`,
      };
    }
    if (existing === null || written.added > 0) {
      const file = ArchiveLayout.dayFile(day);
      const values = {
        file,
        events: written.events,
        sha256: written.sha256,
        created_ms: now(),
        deleted_ms: null,
      };
      await store.db
        .insertInto('event_archives')
        .values({ day, ...values })
        .onConflict((oc) => oc.column('day').doUpdateSet(values))
        .execute();
      await DurableFile.rename(written.tempPath, ArchiveLayout.resolve(archiveDir, file));
      await syncManifest(store.db, archiveDir, runId);
      archived = {
        day,
        events: written.events,
        added: written.added,
        file,
        sha256: written.sha256,
      };
    } else {
      await rm(written.tempPath, { force: true });
    }
    await hooks.afterArchive?.(day);
    const result = await deleteDayEvents(store, dayStartMs, written.fingerprint);
    deleted += result.deleted;
    if (!result.changed) return { archived, deleted, problem: null };
  }
  return {
    archived,
    deleted,
    problem: `${day}: events kept arriving while the day was archived; the rest is left for the next run`,
  };
}
