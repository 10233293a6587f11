import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventArchivesTable } from '../../store/schema.js';
import { ArchiveLayout } from './archive-layout.js';
import { DurableFile } from './durable-file.js';
import { fileSha256 } from './file-sha256.js';

/**
 * Finishes or clears what a crashed run left in the archive folder. A day's archive is
 * committed in three steps: the new file is written under a temporary name, its checksum is
 * recorded in `event_archives` (the commit point), then it is renamed into place. So a
 * temporary file whose checksum is the recorded one is a committed archive that was not yet
 * renamed: rename it now. Any other temporary file (and a manifest's) was never committed:
 * delete it. Must run
 * under the retention lock, before any day is archived. Returns the days completed.
 *
 * ### Examples
 * ```ts
 * const finished = await recoverArchiveFiles(archiveDir, await db.selectFrom('event_archives').selectAll().execute());
 * ```
 */
export async function recoverArchiveFiles(
  archiveDir: string,
  rows: readonly EventArchivesTable[],
): Promise<string[]> {
  const eventsDir = ArchiveLayout.resolve(archiveDir, ArchiveLayout.EVENTS);
  if (!existsSync(eventsDir)) return [];
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const completed: string[] = [];
  for (const year of readdirSync(eventsDir, { withFileTypes: true })) {
    if (/^manifest\.json\.[\w-]+\.tmp$/.test(year.name)) {
      // A manifest rewrite that never got renamed: the manifest is rebuilt after this anyway.
      await rm(join(eventsDir, year.name), { force: true });
      continue;
    }
    if (!year.isDirectory()) continue;
    for (const name of readdirSync(join(eventsDir, year.name))) {
      const day = ArchiveLayout.tempFileDay(name);
      if (day === null) continue;
      const temp = join(eventsDir, year.name, name);
      const row = byDay.get(day);
      if (row !== undefined && row.deleted_ms === null && (await fileSha256(temp)) === row.sha256) {
        await DurableFile.rename(temp, ArchiveLayout.resolve(archiveDir, row.file));
        completed.push(day);
      } else {
        await rm(temp, { force: true });
      }
    }
  }
  return completed;
}
