import { z } from 'zod';
import type { WebEvent } from '../../events/web-event.js';
import { webEventSchema } from '../../events/web-event-schema.js';
import { ArchiveLayout } from './archive-layout.js';
import { archivesInRange, type DayRange } from './archives-in-range.js';
import { readVerifiedArchive } from './read-verified-archive.js';

/** What to look for in the archives; every field given must match. */
export interface ArchiveQuery extends DayRange {
  /** Exactly this username. */
  readonly user?: string | undefined;
  /** This host or any subdomain of it (`bbc.co.uk` finds `www.bbc.co.uk`). */
  readonly host?: string | undefined;
  /** Text found, ignoring case, in the host, the path or the search terms. */
  readonly text?: string | undefined;
}

/** Hooks for a long search. */
export interface ArchiveReadOptions {
  /** Called as each day's file is finished (for a progress bar). */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Called for a line that is not a valid event; the line is skipped and the search goes on. */
  readonly onBadLine?: ((file: string, line: number, problem: string) => void) | undefined;
}

/**
 * Finds events in the archives of a range of days, with no database: the archive folder and
 * its manifest are enough, so archives can be searched on any machine. Each file is checked
 * against its manifest checksum before any of it is read; a mismatch throws
 * `SG_ERR_ARCHIVE_DAMAGED` naming the file (events of earlier days have been yielded by
 * then). A line that is not a valid event is reported through `onBadLine` with its file and
 * line number, and skipped. Lines are filtered before the full schema check, so a search for
 * one person over a busy day validates only that person's events.
 *
 * Searching reads people's records: callers audit it (`archive.search`), as the CLI does.
 *
 * ### Examples
 * ```ts
 * for await (const event of searchArchives(archiveDir, { fromDay: '2025-11-01', toDay: '2025-11-30', user: 'pupil.one' })) {
 *   print(event);
 * }
 * ```
 */
export async function* searchArchives(
  archiveDir: string,
  query: ArchiveQuery,
  options: ArchiveReadOptions = {},
): AsyncGenerator<WebEvent> {
  const entries = archivesInRange(archiveDir, query);
  const host = query.host?.toLowerCase();
  const text = query.text?.toLowerCase();
  options.onProgress?.(0, entries.length);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const file = ArchiveLayout.resolve(archiveDir, entry.file);
    for await (const { text: raw, line } of readVerifiedArchive(archiveDir, entry)) {
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        options.onBadLine?.(file, line, 'not JSON');
        continue;
      }
      if (value === null || typeof value !== 'object') {
        options.onBadLine?.(file, line, 'not an event');
        continue;
      }
      if (query.user !== undefined && value['user'] !== query.user) continue;
      if (host !== undefined && !onHost(value['host'], host)) continue;
      if (text !== undefined && !mentions(value, text)) continue;
      const parsed = webEventSchema.safeParse(value);
      if (!parsed.success) {
        options.onBadLine?.(file, line, z.prettifyError(parsed.error).replace(/\n/g, ' '));
        continue;
      }
      yield parsed.data;
    }
    options.onProgress?.(i + 1, entries.length);
  }
}

function onHost(value: unknown, host: string): boolean {
  return typeof value === 'string' && (value === host || value.endsWith(`.${host}`));
}

function mentions(event: Record<string, unknown>, text: string): boolean {
  for (const key of ['host', 'path', 'searchTerms']) {
    const field = event[key];
    if (typeof field === 'string' && field.toLowerCase().includes(text)) return true;
  }
  return false;
}
