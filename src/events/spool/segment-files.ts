import { type FileHandle, mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SegmentName } from './segment-name.js';
import type { SpoolOptions } from './spool-options.js';
import { syncDir } from './sync-dir.js';

/**
 * A spool folder's segment files: the table of every segment on disk with its size, and
 * the one segment open for appending. It knows how far each segment may be read: a sealed
 * segment to its end, the open one only to its acknowledged end (`acked`), which moves
 * after a write (and, with `fsync: 'always'`, after the fsync). It has no queue and makes
 * no reports: `FileSpool` decides what to write and what a failure means.
 *
 * Segment numbers only grow: a new segment takes `next`, which is past every number and
 * commit seen, so a checkpoint can never point into a segment reused for newer data.
 */
export class SegmentFiles {
  readonly #dir: string;
  readonly #fsync: Required<SpoolOptions>['fsync'];
  /** Every segment file with its size; ascending, as segments are created in order. */
  readonly #sizes: Map<number, number>;
  #bytes = 0;
  #next: number;
  #handle: FileHandle | null = null;
  /** True while `create` runs: the next number is taken but its file not yet usable. */
  #creating = false;
  #open = 0;
  #written = 0;
  #acked = 0;
  #unsynced = false;
  #dirUnsynced = false;
  #lastSync = Number.NEGATIVE_INFINITY;

  /** Takes over `sizes` (ascending, from recovery); `next` is the number for the next new segment. */
  constructor(
    dir: string,
    fsync: Required<SpoolOptions>['fsync'],
    sizes: Map<number, number>,
    next: number,
  ) {
    this.#dir = dir;
    this.#fsync = fsync;
    this.#sizes = sizes;
    for (const size of sizes.values()) this.#bytes += size;
    this.#next = next;
  }

  /** Bytes of all segment files. */
  get bytes(): number {
    return this.#bytes;
  }
  /** Segment files on disk. */
  get count(): number {
    return this.#sizes.size;
  }
  /** Number of the segment open for appending, or 0 when none is. */
  get open(): number {
    return this.#open;
  }
  /** Bytes written in full to the open segment (0 when none is open). */
  get written(): number {
    return this.#written;
  }
  /** True when written bytes await an fsync ('interval' and 'always' only). */
  get unsynced(): boolean {
    return this.#unsynced;
  }
  /** `performance.now()` of the last fsync. */
  get lastSync(): number {
    return this.#lastSync;
  }

  /** How far `segment` may be read (its acknowledged end), or `undefined` when there is no such file. */
  readableEnd(segment: number): number | undefined {
    return segment === this.#open ? this.#acked : this.#sizes.get(segment);
  }

  /** Whether the writer has moved past `segment`, so a reader at its end may go on. */
  isSealed(segment: number): boolean {
    return segment !== this.#open;
  }

  /**
   * The segment after `segment`: the next file, else the number the writer will create
   * next, or `null` to wait. While a segment is being created the answer is `null`: the
   * segment being created is the next one, and stepping past it would skip its events.
   */
  after(segment: number): number | null {
    for (const existing of this.#sizes.keys()) {
      if (existing > segment) return existing;
    }
    return this.#handle === null && !this.#creating && segment < this.#next ? this.#next : null;
  }

  /** Opens a new segment for appending (the caller writes its header first). */
  async create(): Promise<number> {
    const segment = this.#next;
    this.#creating = true;
    try {
      await mkdir(this.#dir, { recursive: true }); // in case the folder was removed under us
      this.#handle = await open(join(this.#dir, SegmentName.of(segment)), 'wx');
    } finally {
      this.#next = segment + 1; // burnt even if creation failed: never reused
      this.#creating = false;
    }
    this.#open = segment;
    this.#written = 0;
    this.#acked = 0;
    this.#sizes.set(segment, 0);
    this.#dirUnsynced = true;
    return segment;
  }

  /**
   * Appends `buffer` to the open segment and acknowledges it: at once for 'interval' and
   * 'never', after an fsync for 'always'.
   */
  async append(buffer: Buffer): Promise<void> {
    const handle = this.#handle!;
    let done = 0;
    while (done < buffer.length) {
      const { bytesWritten } = await handle.write(
        buffer,
        done,
        buffer.length - done,
        this.#written + done,
      );
      done += bytesWritten;
    }
    this.#written += buffer.length;
    this.#bytes += buffer.length;
    this.#sizes.set(this.#open, this.#written);
    this.#unsynced = this.#fsync !== 'never';
    if (this.#fsync === 'always') await this.sync();
    this.#acked = this.#written;
  }

  /** Fsyncs the open segment, and the folder when a segment was created since the last time. */
  async sync(): Promise<void> {
    if (this.#handle === null) return;
    await this.#handle.datasync();
    if (this.#dirUnsynced) {
      await syncDir(this.#dir); // a new segment's name must survive too, not just its bytes
      this.#dirUnsynced = false;
    }
    this.#unsynced = false;
    this.#lastSync = performance.now();
  }

  /** Closes the open segment (fsyncing it first with 'interval'); the next write creates one. */
  async seal(): Promise<void> {
    const handle = this.#handle;
    if (handle === null) return;
    if (this.#unsynced && this.#fsync === 'interval') await this.sync();
    await handle.close();
    this.#handle = null;
    this.#open = 0;
  }

  /**
   * After a failed write or fsync: cuts the open segment back to its acknowledged end
   * (bytes past it were never acknowledged and will be written again) and seals it, so the
   * retry starts a fresh segment instead of trusting a file in an unknown state. If the cut
   * fails, readers still stop at the acknowledged end in this run; after a restart those
   * records would be read too, and their second copy ignored by the database.
   */
  async abandon(): Promise<void> {
    const handle = this.#handle;
    if (handle === null) return;
    const segment = this.#open;
    // Shrink the table before the first await: from here on the segment counts as sealed,
    // and a reader must not see the unacknowledged bytes as part of it.
    this.#bytes -= (this.#sizes.get(segment) ?? 0) - this.#acked;
    this.#sizes.set(segment, this.#acked);
    this.#handle = null;
    this.#open = 0;
    this.#unsynced = false;
    await handle.truncate(this.#acked).catch(() => undefined);
    await handle.close().catch(() => undefined);
    if (this.#acked === 0) await this.remove(segment).catch(() => undefined);
  }

  /** Deletes sealed segment `segment` (already gone is fine). */
  async remove(segment: number): Promise<void> {
    try {
      await unlink(join(this.#dir, SegmentName.of(segment)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.#bytes -= this.#sizes.get(segment) ?? 0;
    this.#sizes.delete(segment);
  }

  /** The sealed segments numbered below `segment`, ascending. */
  before(segment: number): number[] {
    const found: number[] = [];
    for (const existing of this.#sizes.keys()) {
      if (existing >= segment) break;
      if (existing !== this.#open) found.push(existing);
    }
    return found;
  }
}
