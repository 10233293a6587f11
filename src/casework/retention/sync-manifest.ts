import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { ArchiveManifest } from './archive-manifest.js';

/**
 * Rewrites the archive manifest from `event_archives`, the record it copies. Called after
 * every change to the archives and at the start of each run, which repairs a manifest a
 * crash left behind the database.
 *
 * ### Examples
 * ```ts
 * await syncManifest(store.db, archiveDir, runId);
 * ```
 */
export async function syncManifest(
  db: Kysely<Database>,
  archiveDir: string,
  tempSuffix: string,
): Promise<void> {
  const rows = await db.selectFrom('event_archives').selectAll().orderBy('day').execute();
  await ArchiveManifest.write(archiveDir, rows, tempSuffix);
}
