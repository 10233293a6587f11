import { join } from 'node:path';

/**
 * Where things live under the archive folder (`retention.archiveDir`). Paths in the manifest
 * and in `event_archives.file` are relative to that folder, with `/`, so the folder can be
 * moved or restored elsewhere as a whole.
 *
 * ```
 * <archiveDir>/events/manifest.json
 * <archiveDir>/events/2025/2025-11-24.ndjson.gz
 * <archiveDir>/events/2025/2025-11-24.ndjson.gz.<run id>.tmp   (only while being written)
 * <archiveDir>/.retention.lock                                  (only while a run is going)
 * ```
 *
 * ### Examples
 * ```ts
 * ArchiveLayout.dayFile('2025-11-24'); // 'events/2025/2025-11-24.ndjson.gz'
 * ArchiveLayout.resolve(dir, ArchiveLayout.MANIFEST);
 * ```
 */
export const ArchiveLayout = Object.freeze({
  MANIFEST: 'events/manifest.json',
  EVENTS: 'events',
  LOCK: '.retention.lock',

  /** The archive file of one UTC day, relative to the archive folder. */
  dayFile(day: string): string {
    return `events/${day.slice(0, 4)}/${day}.ndjson.gz`;
  },

  /** A temporary name beside `file` for one run's copy, unique per run. */
  tempFile(file: string, runId: string): string {
    return `${file}.${runId}.tmp`;
  },

  /** `2025-11-24` from a temporary file's name, or null for any other name. */
  tempFileDay(name: string): string | null {
    return /^(\d{4}-\d{2}-\d{2})\.ndjson\.gz\.[\w-]+\.tmp$/.exec(name)?.[1] ?? null;
  },

  /** A manifest-relative path as an absolute one. */
  resolve(archiveDir: string, relative: string): string {
    return join(archiveDir, ...relative.split('/'));
  },
});
