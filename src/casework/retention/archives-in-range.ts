import { ArchiveManifest, type ArchiveManifestEntry } from './archive-manifest.js';
import { UtcDay } from './utc-day.js';

/** A range of UTC days, `YYYY-MM-DD`, both ends included. */
export interface DayRange {
  readonly fromDay: string;
  readonly toDay: string;
}

/**
 * The manifest's archives for the days in `range`, oldest first. Throws a `RangeError` for a
 * malformed day or a range that ends before it starts, and `SG_ERR_ARCHIVE_DAMAGED` for an
 * unreadable manifest.
 *
 * ### Examples
 * ```ts
 * archivesInRange(archiveDir, { fromDay: '2025-11-01', toDay: '2025-11-30' }); // up to 30 entries
 * ```
 */
export function archivesInRange(archiveDir: string, range: DayRange): ArchiveManifestEntry[] {
  const from = UtcDay.start(range.fromDay);
  const to = UtcDay.start(range.toDay);
  if (to < from) throw new RangeError(`${range.toDay} is before ${range.fromDay}`);
  return ArchiveManifest.read(archiveDir)
    .days.filter((e) => e.day >= range.fromDay && e.day <= range.toDay)
    .sort((a, b) => (a.day < b.day ? -1 : 1));
}
