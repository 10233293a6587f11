import { open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SegmentHeader } from './segment-header.js';
import { SegmentName } from './segment-name.js';
import { SegmentReader } from './segment-reader.js';
import { SpoolCheckpoint } from './spool-checkpoint.js';
import { SPOOL_FORMAT } from './spool-format.js';
import type { SpoolPosition } from './spool-position.js';

const HEADER = SPOOL_FORMAT.headerBytes;
/** Bytes per record assumed for the estimate when no record was measured (a typical event). */
const TYPICAL_RECORD_BYTES = 640;

/**
 * Brings a spool folder back to a consistent state at open, before anything is appended:
 * finds the commit point, deletes segments wholly before it (a crash between writing the
 * checkpoint and deleting them leaves some), and scans the last segment, the only one a
 * crash can leave half-written. There a torn tail (a record cut short, or bytes with no
 * whole valid record after them) is cut off with `ftruncate` and reported; a bad record
 * with good ones after it is left for the reader, which reports and skips it. A last
 * segment left empty (a crash while creating it, or nothing but a torn record) is removed.
 *
 * New events always go to a new segment, numbered past every segment and commit ever seen,
 * so nothing is appended after bytes of unknown state and a number is never reused (a
 * checkpoint naming an old number can never point into new data).
 *
 * Also returns an estimate of the events waiting after the commit: exact for the last
 * segment (it was just scanned), bytes divided by the measured record size for the others.
 *
 * ### Examples
 * ```ts
 * const state = await recoverSpool(dir, (message) => report(message));
 * ```
 */
export async function recoverSpool(
  dir: string,
  report: (message: string) => void,
): Promise<{
  /** Every segment left on disk, ascending, with its size in bytes. */
  segments: Map<number, number>;
  commit: SpoolPosition;
  /** The number the next new segment gets. */
  nextSegment: number;
  /** The highest segment number on disk now (0 when none): events up to its end were added before this run. */
  lastRecovered: number;
  /** Estimated events after `commit`. */
  waiting: number;
  /** Whether `waiting` is a count rather than an estimate. */
  exact: boolean;
  /** Torn or corrupt records cut off. */
  corrupt: number;
}> {
  const checkpoint = await SpoolCheckpoint.read(dir);
  if (checkpoint.problem !== null) {
    report(
      `spool: ${checkpoint.problem}; reading from the first segment again (the database ignores events it already has)`,
    );
  }
  await SpoolCheckpoint.removeTemp(dir);

  let numbers = (await readdir(dir))
    .map((name) => SegmentName.parse(name))
    .filter((segment): segment is number => segment !== null)
    .sort((a, b) => a - b);
  let highest = Math.max(0, numbers.at(-1) ?? 0, checkpoint.position?.segment ?? 0);

  const committed = checkpoint.position;
  if (committed !== null) {
    for (const segment of numbers) {
      if (segment < committed.segment) await removeSegment(dir, segment);
    }
    numbers = numbers.filter((segment) => segment >= committed.segment);
  }
  const commit = committed ?? { segment: numbers[0] ?? highest + 1, offset: HEADER };

  let corrupt = 0;
  let lastCount: { records: number; bytes: number } | null = null;
  const last = numbers.at(-1);
  if (last !== undefined) {
    const tail = await repairTail(dir, last, commit, report);
    corrupt += tail.cut ? 1 : 0;
    if (tail.size <= HEADER && tail.headerOk) {
      await removeSegment(dir, last);
      numbers.pop();
    }
    if (tail.headerOk) lastCount = tail;
  }

  const segments = new Map<number, number>();
  for (const segment of numbers) {
    segments.set(segment, (await stat(join(dir, SegmentName.of(segment)))).size);
  }
  highest = Math.max(highest, numbers.at(-1) ?? 0);

  // Events waiting: counted in the scanned last segment, estimated from bytes elsewhere.
  const recordBytes =
    lastCount !== null && lastCount.records > 0
      ? lastCount.bytes / lastCount.records
      : TYPICAL_RECORD_BYTES;
  let waiting = 0;
  let exact = true;
  for (const [segment, size] of segments) {
    if (lastCount !== null && segment === last) {
      waiting += lastCount.records;
      continue;
    }
    const from = segment === commit.segment ? commit.offset : HEADER;
    if (size > from) {
      waiting += Math.round((size - from) / recordBytes);
      exact = false;
    }
  }

  return {
    segments,
    commit,
    nextSegment: highest + 1,
    lastRecovered: numbers.at(-1) ?? 0,
    waiting,
    exact,
    corrupt,
  };
}

/**
 * Scans the last segment, cuts a torn tail, and counts the records at or after the commit.
 * A header that is short (a crash while creating the file) is reported and the file
 * emptied; a header that is whole but wrong is left for the reader to report and skip.
 */
async function repairTail(
  dir: string,
  segment: number,
  commit: SpoolPosition,
  report: (message: string) => void,
): Promise<{ size: number; headerOk: boolean; cut: boolean; records: number; bytes: number }> {
  const name = SegmentName.of(segment);
  const handle = await open(join(dir, name), 'r+');
  try {
    const size = (await handle.stat()).size;
    if (size < HEADER) {
      if (size > 0) {
        report(
          `spool: segment ${name} offset 0: torn segment header (${size} of ${HEADER} bytes), removed`,
        );
      }
      return { size: 0, headerOk: true, cut: size > 0, records: 0, bytes: 0 };
    }
    const head = Buffer.alloc(HEADER);
    await handle.read(head, 0, HEADER, 0);
    if (SegmentHeader.check(head, segment) !== null) {
      return { size, headerOk: false, cut: false, records: 0, bytes: 0 };
    }
    const from = segment === commit.segment ? commit.offset : HEADER;
    let records = 0;
    let bytes = 0;
    const scan = await new SegmentReader(handle).scan(
      HEADER,
      size,
      Number.POSITIVE_INFINITY,
      (payload, offset) => {
        if (offset >= from) {
          records++;
          bytes += payload.length + SPOOL_FORMAT.recordHeaderBytes;
        }
      },
    );
    const torn = scan.problems.at(-1);
    if (torn === undefined || torn.next < size)
      return { size, headerOk: true, cut: false, records, bytes };
    await handle.truncate(torn.offset);
    await handle.datasync();
    report(
      `spool: segment ${name} offset ${torn.offset}: ${torn.what} at the end of the last segment ` +
        `(a write cut short by a crash); cut ${size - torn.offset} bytes`,
    );
    return { size: torn.offset, headerOk: true, cut: true, records, bytes };
  } finally {
    await handle.close();
  }
}

async function removeSegment(dir: string, segment: number): Promise<void> {
  await unlink(join(dir, SegmentName.of(segment))).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
