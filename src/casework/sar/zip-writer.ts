import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createDeflateRaw } from 'node:zlib';
import { crc32 } from '../../engine/index/crc32.js';
import { crc32Combine } from './crc32-combine.js';
import { createWallClock } from './wall-clock.js';
import { checkZipEntryName } from './zip-entry-name.js';

/** How a zip writer stamps and compresses its entries. Every field may be left out. */
export interface ZipWriterOptions {
  /** Modification time of every entry, epoch ms. Default 1980-01-01 UTC (the writer has no clock). */
  readonly modifiedMs?: number;
  /** Time zone of the entries' DOS date fields, which have none (default `UTC`). */
  readonly timezone?: string;
  /** zlib level 0-9 (default 6). */
  readonly level?: number;
  /** Unix permissions unzip gives the files (default 0o600: archives here hold personal data). */
  readonly fileMode?: number;
}

/** One finished entry. */
export interface ZipEntrySummary {
  readonly name: string;
  /** Bytes before compression. */
  readonly size: number;
  readonly compressedSize: number;
  readonly crc32: number;
}

/** Writes one zip archive to a stream, one entry at a time. */
export interface ZipWriter {
  /** Adds a file whose bytes are all at hand (a string is written as UTF-8). */
  addFile(name: string, data: Uint8Array | string): Promise<ZipEntrySummary>;
  /** Adds a file from a stream of chunks, compressing as they come: never holds the whole file. */
  addStream(name: string, source: AsyncIterable<Uint8Array | string>): Promise<ZipEntrySummary>;
  /** Writes the central directory, ends the output and waits until it has flushed. */
  finish(): Promise<{ readonly entries: number; readonly bytes: number }>;
}

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** 2.0: deflate. */
const VERSION_NEEDED = 20;
/** Made on Unix (3), spec 2.0: readers then take the high half of external attributes as a mode. */
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
/** Bit 3: sizes and CRC follow the data (so it streams); bit 11: names are UTF-8. */
const FLAGS = 0x0008 | 0x0800;
const DEFLATE = 8;
/** The "extended timestamp" extra field (0x5455): Unix seconds, which unzip prefers to DOS time. */
const TIMESTAMP_EXTRA_SIZE = 9;
/** Without ZIP64, sizes and offsets are 32-bit and the entry count 16-bit. */
const MAX_32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;
const DOS_EPOCH_MS = Date.UTC(1980, 0, 1);

interface CentralEntry {
  readonly name: Buffer;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

/**
 * Starts a zip archive on `output`. Entries are deflated (`zlib.deflateRaw`) as they stream
 * in, with their CRC and sizes in a data descriptor after the data, so a file of any length
 * passes through in chunks; only one small record per entry is kept for the central
 * directory. Names are checked by `checkZipEntryName` (no absolute paths, no `..`).
 *
 * Limits, since ZIP64 is not written: each entry and the whole archive below 4 GiB, at most
 * 65,535 entries. Going past one throws a `RangeError`, and the archive must be thrown away.
 * Add entries one at a time (await each); after any error the writer refuses further work.
 * The output's own errors (disk full) reject the pending call.
 *
 * ### Examples
 * ```ts
 * const zip = createZipWriter(createWriteStream('out.zip', { flags: 'wx' }), { modifiedMs: now });
 * await zip.addFile('README.txt', 'What each file is.\n');
 * await zip.addStream('events.csv', csvChunks());
 * await zip.finish();
 * ```
 */
export function createZipWriter(output: Writable, options: ZipWriterOptions = {}): ZipWriter {
  const level = options.level ?? 6;
  const mode = options.fileMode ?? 0o600;
  const modifiedMs = Math.max(options.modifiedMs ?? DOS_EPOCH_MS, DOS_EPOCH_MS);
  const stamp = dosStamp(modifiedMs, options.timezone ?? 'UTC');
  const unixSeconds = Math.min(Math.floor(modifiedMs / 1000), MAX_32);
  const entries: CentralEntry[] = [];
  const names = new Set<string>();
  let offset = 0;
  let state: 'idle' | 'busy' | 'finished' = 'idle';
  let failure: unknown;
  let outputError: Error | undefined;
  const onOutputError = (error: Error) => {
    outputError ??= error;
  };
  output.on('error', onOutputError);

  const write = (chunk: Uint8Array): Promise<void> => {
    if (outputError !== undefined) return Promise.reject(outputError);
    if (output.destroyed || output.writableEnded) return Promise.reject(closedEarly());
    offset += chunk.length;
    return output.write(chunk) ? Promise.resolve() : drained(output);
  };

  /** Runs one operation, refusing overlapping calls and any call after a failure. */
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    if (failure !== undefined) throw new Error('the zip writer failed earlier', { cause: failure });
    if (state === 'finished') throw new Error('the zip archive is already finished');
    if (state === 'busy') throw new Error('add zip entries one at a time: await each call');
    state = 'busy';
    try {
      return await work();
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      if (state === 'busy') state = 'idle';
    }
  };

  const addStream = (name: string, source: AsyncIterable<Uint8Array | string>) =>
    exclusive(async (): Promise<ZipEntrySummary> => {
      const nameBytes = Buffer.from(checkZipEntryName(name), 'utf8');
      if (names.has(name)) throw new TypeError(`zip entry ${JSON.stringify(name)} is already in`);
      if (entries.length >= MAX_ENTRIES) throw new RangeError('a zip holds at most 65,535 files');
      if (offset > MAX_32) throw new RangeError('the zip archive has passed 4 GiB');
      names.add(name);
      const entryOffset = offset;
      await write(localHeader(nameBytes, stamp, unixSeconds));
      let crc = 0;
      let size = 0;
      let compressedSize = 0;
      await pipeline(
        async function* checksum() {
          for await (const chunk of source) {
            const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
            if (bytes.length === 0) continue;
            crc = crc32Combine(crc, crc32(bytes), bytes.length);
            size += bytes.length;
            if (size > MAX_32) throw new RangeError(`zip entry ${name} has passed 4 GiB`);
            yield bytes;
          }
        },
        createDeflateRaw({ level }),
        async (deflated: AsyncIterable<Buffer>) => {
          for await (const chunk of deflated) {
            compressedSize += chunk.length;
            await write(chunk);
          }
        },
      );
      if (compressedSize > MAX_32) throw new RangeError(`zip entry ${name} has passed 4 GiB`);
      await write(dataDescriptor(crc, compressedSize, size));
      entries.push({ name: nameBytes, crc32: crc, compressedSize, size, offset: entryOffset });
      return { name, size, compressedSize, crc32: crc };
    });

  return {
    addStream,
    addFile: (name, data) =>
      addStream(
        name,
        (async function* one() {
          yield data;
        })(),
      ),
    finish: () =>
      exclusive(async () => {
        const directoryOffset = offset;
        const headers = entries.map((e) => centralHeader(e, stamp, unixSeconds, mode));
        await write(Buffer.concat(headers));
        const directorySize = offset - directoryOffset;
        if (offset > MAX_32) throw new RangeError('the zip archive has passed 4 GiB');
        await write(endOfCentralDirectory(entries.length, directorySize, directoryOffset));
        state = 'finished';
        output.end();
        // `readable: false`: a duplex output (a socket, a PassThrough) counts as done once written.
        await finished(output, { readable: false });
        output.off('error', onOutputError);
        return { entries: entries.length, bytes: offset };
      }),
  };
}

function closedEarly(): Error {
  return new Error('the zip output closed before the archive was finished');
}

/** Waits for `drain`, failing if the stream errors or closes first. */
function drained(output: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      output.off('drain', onDrain).off('error', onError).off('close', onClose);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onDrain = () => settle();
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(closedEarly());
    output.on('drain', onDrain).on('error', onError).on('close', onClose);
  });
}

interface DosStamp {
  readonly time: number;
  readonly date: number;
}

/** DOS date and time fields (2-second steps, years 1980-2107) of a moment in `timezone`. */
function dosStamp(epochMs: number, timezone: string): DosStamp {
  const wall = createWallClock(timezone)(epochMs);
  if (wall.year < 1980) return { time: 0, date: (1 << 5) | 1 };
  const year = Math.min(wall.year, 2107) - 1980;
  return {
    time: (wall.hour << 11) | (wall.minute << 5) | (wall.second >> 1),
    date: (year << 9) | (wall.month << 5) | wall.day,
  };
}

function localHeader(name: Buffer, stamp: DosStamp, unixSeconds: number): Buffer {
  const header = Buffer.alloc(30 + name.length + TIMESTAMP_EXTRA_SIZE);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(VERSION_NEEDED, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(DEFLATE, 8);
  header.writeUInt16LE(stamp.time, 10);
  header.writeUInt16LE(stamp.date, 12);
  // CRC and sizes (14-25) stay 0: flag bit 3 puts them in the data descriptor.
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(TIMESTAMP_EXTRA_SIZE, 28);
  name.copy(header, 30);
  writeTimestampExtra(header, 30 + name.length, unixSeconds);
  return header;
}

function dataDescriptor(crc: number, compressedSize: number, size: number): Buffer {
  const record = Buffer.alloc(16);
  record.writeUInt32LE(DATA_DESCRIPTOR, 0);
  record.writeUInt32LE(crc, 4);
  record.writeUInt32LE(compressedSize, 8);
  record.writeUInt32LE(size, 12);
  return record;
}

function centralHeader(
  entry: CentralEntry,
  stamp: DosStamp,
  unixSeconds: number,
  mode: number,
): Buffer {
  const header = Buffer.alloc(46 + entry.name.length + TIMESTAMP_EXTRA_SIZE);
  header.writeUInt32LE(CENTRAL_HEADER, 0);
  header.writeUInt16LE(VERSION_MADE_BY, 4);
  header.writeUInt16LE(VERSION_NEEDED, 6);
  header.writeUInt16LE(FLAGS, 8);
  header.writeUInt16LE(DEFLATE, 10);
  header.writeUInt16LE(stamp.time, 12);
  header.writeUInt16LE(stamp.date, 14);
  header.writeUInt32LE(entry.crc32, 16);
  header.writeUInt32LE(entry.compressedSize, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt16LE(TIMESTAMP_EXTRA_SIZE, 30);
  // Comment length, disk number and internal attributes (32-37) stay 0.
  header.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38); // a regular file with `mode`
  header.writeUInt32LE(entry.offset, 42);
  entry.name.copy(header, 46);
  writeTimestampExtra(header, 46 + entry.name.length, unixSeconds);
  return header;
}

function writeTimestampExtra(buffer: Buffer, at: number, unixSeconds: number): void {
  buffer.writeUInt16LE(0x5455, at);
  buffer.writeUInt16LE(5, at + 2);
  buffer.writeUInt8(1, at + 4); // flags: modification time present
  buffer.writeUInt32LE(unixSeconds, at + 5);
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  // Disk numbers (4-7) stay 0: one file.
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  return record;
}
