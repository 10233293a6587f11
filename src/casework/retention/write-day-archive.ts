import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import { serialiseEvent } from '../../events/serialise-event.js';
import { fromEventRow } from '../../store/events/event-row.js';
import type { Database, EventsTable } from '../../store/schema.js';
import { StoreError } from '../../store/store-error.js';
import { ArchiveLayout } from './archive-layout.js';
import { createDayFingerprint, type DayFingerprint } from './day-fingerprint.js';
import { DurableFile } from './durable-file.js';
import { EventPages } from './event-pages.js';
import { readArchiveLines } from './read-archive-lines.js';
import { UtcDay } from './utc-day.js';

/** The archive already recorded for the day, which the new file must contain. */
export interface ExistingArchive {
  /** Relative to the archive folder. */
  readonly file: string;
  readonly sha256: string;
}

/** A day's archive, written to a temporary file and fsynced, not yet in place. */
export interface WrittenDayArchive {
  /** Absolute path of the temporary file. */
  readonly tempPath: string;
  readonly sha256: string;
  /** Lines in the new file. */
  readonly events: number;
  /** Events from the table that the existing archive did not have (all of them when there was none). */
  readonly added: number;
  /** Which events of the day were in the table as it was read. */
  readonly fingerprint: DayFingerprint;
}

/** Bytes of text handed to gzip at a time. */
const FLUSH_CHARS = 256 * 1024;

/**
 * Writes one UTC day of events to `<file>.<runId>.tmp` as gzip NDJSON (one `serialiseEvent`
 * line per event, in `(time, id)` order) and fsyncs it. When the day already has an archive,
 * the new file is the union of it and the table: its lines are copied unchanged and events
 * it lacks are merged in by time, so an archive is never narrowed (the table may have lost
 * events the archive keeps, because they were deleted after an earlier run archived them).
 * The table is read in pages and the old archive as a stream, so memory stays flat.
 *
 * The existing file is checked as it is read: its SHA-256 must match the recorded one, every
 * line must parse, belong to the day and come in time order. Otherwise this throws
 * `SG_ERR_ARCHIVE_DAMAGED` and removes the temporary file; the caller leaves the day alone.
 *
 * ### Examples
 * ```ts
 * const written = await writeDayArchive(db, archiveDir, UtcDay.start('2025-11-24'), null, runId);
 * // then record it (event_archives), rename written.tempPath into place, delete the rows
 * ```
 */
export async function writeDayArchive(
  db: Kysely<Database>,
  archiveDir: string,
  dayStartMs: number,
  existing: ExistingArchive | null,
  runId: string,
): Promise<WrittenDayArchive> {
  const day = UtcDay.key(dayStartMs);
  const file = ArchiveLayout.dayFile(day);
  const tempPath = ArchiveLayout.resolve(archiveDir, ArchiveLayout.tempFile(file, runId));
  mkdirSync(dirname(tempPath), { recursive: true });
  const fingerprint = createDayFingerprint(dayStartMs);
  const hash = createHash('sha256');
  const counts = { events: 0, added: 0 };
  const lines = mergedLines(db, archiveDir, dayStartMs, existing, fingerprint, counts);
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(lines, createGzip(), tap, createWriteStream(tempPath, { flags: 'w' }));
    await DurableFile.sync(tempPath);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  return {
    tempPath,
    sha256: hash.digest('hex'),
    events: counts.events,
    added: counts.added,
    fingerprint,
  };
}

/** The new file's text, in pieces: the old archive and the table merged by millisecond. */
async function* mergedLines(
  db: Kysely<Database>,
  archiveDir: string,
  dayStartMs: number,
  existing: ExistingArchive | null,
  fingerprint: DayFingerprint,
  counts: { events: number; added: number },
): AsyncGenerator<string> {
  const rows = rowStream(db, dayStartMs);
  const archive = existing === null ? null : archiveStream(archiveDir, existing, dayStartMs);
  let out: string[] = [];
  let outChars = 0;
  const emit = (line: string) => {
    out.push(line);
    outChars += line.length + 1;
    counts.events += 1;
  };
  try {
    yield* merge();
  } finally {
    // On an error (a damaged archive, the database gone) the readers must let go of their
    // file and query; on success this is a no-op.
    await rows.close();
    await archive?.close();
  }

  async function* merge(): AsyncGenerator<string> {
    const archived = new Set<string>();
    let row = await rows.next();
    let old = archive === null ? undefined : await archive.next();
    while (row !== undefined || old !== undefined) {
      const time = Math.min(row?.time_ms ?? Infinity, old?.timeMs ?? Infinity);
      // Within one millisecond ids are in no particular order (and the dialects may sort them
      // differently), so the millisecond's archived ids are gathered before table rows are matched.
      archived.clear();
      while (old !== undefined && old.timeMs === time) {
        emit(old.text);
        archived.add(old.id);
        old = await archive!.next();
      }
      while (row !== undefined && row.time_ms === time) {
        fingerprint.add(row.time_ms, row.id);
        if (archived.size === 0 || !archived.has(row.id)) {
          emit(serialiseEvent(fromEventRow(row)));
          counts.added += 1;
        }
        row = await rows.next();
      }
      if (outChars >= FLUSH_CHARS) {
        yield `${out.join('\n')}\n`;
        out = [];
        outChars = 0;
      }
    }
    if (out.length > 0) yield `${out.join('\n')}\n`;
  }
}

/** The day's table rows one at a time, read a page at a time. */
function rowStream(db: Kysely<Database>, dayStartMs: number) {
  const pages = EventPages.rows(db, dayStartMs, dayStartMs + UtcDay.DAY_MS);
  let page: EventsTable[] = [];
  let next = 0;
  return {
    async next(): Promise<EventsTable | undefined> {
      if (next === page.length) {
        const result = await pages.next();
        if (result.done === true) return undefined;
        page = result.value;
        next = 0;
      }
      return page[next++];
    },
    async close(): Promise<void> {
      await pages.return(undefined);
    },
  };
}

interface OldLine {
  readonly text: string;
  readonly id: string;
  readonly timeMs: number;
}

/** The existing archive's lines with their time and id, checked as they come. */
function archiveStream(archiveDir: string, existing: ExistingArchive, dayStartMs: number) {
  const path = ArchiveLayout.resolve(archiveDir, existing.file);
  const reader = readArchiveLines(path);
  const lines = reader.lines[Symbol.asyncIterator]();
  const damaged = (problem: string) => StoreError.create('SG_ERR_ARCHIVE_DAMAGED', path, problem);
  let previous = dayStartMs;
  return {
    async next(): Promise<OldLine | undefined> {
      let result: IteratorResult<{ text: string; line: number }>;
      try {
        result = await lines.next();
      } catch (error) {
        throw damaged((error as Error).message);
      }
      if (result.done === true) {
        if (reader.sha256() !== existing.sha256) {
          throw damaged(`its SHA-256 is not the recorded ${existing.sha256}`);
        }
        return undefined;
      }
      const { text, line } = result.value;
      let parsed: { id?: unknown; time?: unknown };
      try {
        parsed = JSON.parse(text) as { id?: unknown; time?: unknown };
      } catch {
        throw damaged(`line ${line} is not JSON`);
      }
      const timeMs = typeof parsed.time === 'string' ? Date.parse(parsed.time) : Number.NaN;
      if (typeof parsed.id !== 'string' || Number.isNaN(timeMs)) {
        throw damaged(`line ${line} is not an event`);
      }
      if (timeMs < previous || timeMs >= dayStartMs + UtcDay.DAY_MS) {
        throw damaged(`line ${line} is out of time order or not of this day`);
      }
      previous = timeMs;
      return { text, id: parsed.id, timeMs };
    },
    async close(): Promise<void> {
      await lines.return?.(undefined);
    },
  };
}
