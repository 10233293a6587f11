import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { BoundedQueue } from '../bounded-queue.js';
import type { GatewayEvent } from '../gateway-event.js';
import { createKickTimer } from '../kick-timer.js';
import { serialiseEvent } from '../serialise-event.js';
import { decodeSpooledEvent } from './decode-spooled-event.js';
import type { recoverSpool } from './recover-spool.js';
import { SegmentFiles } from './segment-files.js';
import { SegmentHeader } from './segment-header.js';
import { SegmentName } from './segment-name.js';
import { SegmentReader } from './segment-reader.js';
import type { Spool, SpoolBatch, SpoolStats } from './spool.js';
import { SpoolCheckpoint } from './spool-checkpoint.js';
import { SPOOL_FORMAT } from './spool-format.js';
import type { SpoolOptions } from './spool-options.js';
import { SpoolPosition } from './spool-position.js';
import { SpoolRecord } from './spool-record.js';

type Recovered = Awaited<ReturnType<typeof recoverSpool>>;
type Failure = 'write' | 'sync' | 'full' | 'queue' | 'serialise' | 'delete';

const HEADER = SPOOL_FORMAT.headerBytes;
/** Most events framed into one write, so a backlog after an outage goes out in pieces. */
const MAX_EVENTS_PER_WRITE = 10_000;
/** Events kept in memory while writes fail; beyond it the oldest are dropped and counted. */
const MAX_QUEUED = 100_000;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/**
 * The spool behind `openSpool`'s `Spool` interface. Two halves share the segment files
 * (`SegmentFiles`):
 *
 * - the add side queues events in memory and group-commits them: a timer writes the queue
 *   `flushIntervalMs` after the first pending add (at once when `batchSize` are pending),
 *   each batch framed into one buffer and written with one positional write, then fsynced
 *   per the policy. Only then do its events count as acknowledged and `flush` callers are
 *   released. A failed write or fsync is reported once, the segment is cut back to its
 *   acknowledged end and sealed, and the events wait in memory (bounded) for a retry with
 *   back-off into a fresh segment;
 * - the read side walks the segments from the read cursor up to the acknowledged end,
 *   checks each record's CRC and schema, and keeps the commit point in `checkpoint.json`.
 *
 * `read` and `commit` run one at a time (`#exclusive`), so commit never deletes a file a
 * read is using; the add side needs no lock against them: it only appends past the
 * acknowledged end, and deletes only its open segment once every byte of it is committed.
 */
export class FileSpool implements Spool {
  readonly #dir: string;
  readonly #files: SegmentFiles;
  readonly #fsync: Required<SpoolOptions>['fsync'];
  readonly #fsyncIntervalMs: number;
  readonly #segmentBytes: number;
  readonly #flushIntervalMs: number;
  readonly #batchSize: number;
  readonly #maxBytes: number;
  readonly #onError: (error: Error) => void;
  readonly #release: () => Promise<void>;

  // Add side.
  readonly #queue = new BoundedQueue<GatewayEvent>(MAX_QUEUED);
  #inFlight = 0;
  #accepted = 0;
  /** Events whose fate is settled: acknowledged or dropped. `flush` waits on this. */
  #settled = 0;
  /** Events acknowledged since open. */
  #ackedEvents = 0;
  #dropped = 0;
  /** Set when an event did not fit under `maxBytes`; cleared when segments are deleted. */
  #full = false;
  #corrupt: number;
  readonly #timer = createKickTimer(() => void this.#kick());
  #syncTimer: NodeJS.Timeout | null = null;
  #draining: Promise<boolean> | null = null;
  #failing = false;
  #retryDelay = FIRST_RETRY_MS;
  #closed = false;
  #closing: Promise<void> | null = null;
  readonly #reported = new Set<Failure>();

  // Read side. Ordinals count events read since open, from the commit found at open.
  #commitPos: SpoolPosition;
  #commitOrdinal = 0;
  #readPos: SpoolPosition;
  #readOrdinal = 0;
  /** Every batch end returned since the last commit, with its ordinal: what `commit` accepts. */
  readonly #marks = new Map<string, { position: SpoolPosition; ordinal: number }>();
  /** Bumped by `rewind`, so a read in flight does not move the rewound cursor. */
  #generation = 0;
  #serial: Promise<unknown> = Promise.resolve();
  #reader: SegmentReader | null = null;
  #readerSegment = 0;
  /** Segments whose header is known good (checked, or written by this run). */
  readonly #checked = new Set<number>();
  /** Corruption already reported and counted, so a re-read after `rewind` stays quiet. */
  readonly #seenCorrupt = new Set<string>();
  /** Events waiting at open: an estimate until the reader passes `#lastRecovered`, then a count. */
  #waitingAtOpen: number;
  #waitingExact: boolean;
  readonly #lastRecovered: number;

  constructor(options: Required<SpoolOptions>, state: Recovered, release: () => Promise<void>) {
    this.#dir = options.dir;
    this.#fsync = options.fsync;
    this.#fsyncIntervalMs = options.fsyncIntervalMs;
    this.#segmentBytes = options.segmentBytes;
    this.#flushIntervalMs = options.flushIntervalMs;
    this.#batchSize = options.batchSize;
    this.#maxBytes = options.maxBytes;
    this.#onError = options.onError;
    this.#release = release;
    this.#files = new SegmentFiles(options.dir, options.fsync, state.segments, state.nextSegment);
    this.#corrupt = state.corrupt;
    this.#commitPos = state.commit;
    this.#readPos = state.commit;
    this.#waitingAtOpen = state.waiting;
    this.#waitingExact = state.exact;
    this.#lastRecovered = state.lastRecovered;
  }

  // ---- add side ---------------------------------------------------------------------------

  add(event: GatewayEvent): void {
    if (this.#closed) {
      this.#dropped++;
      return;
    }
    this.#accepted++;
    this.#lose(this.#queue.push(event));
    if (this.#failing) return; // the retry timer is set
    if (this.#queue.length >= this.#batchSize) void this.#kick();
    else if (!this.#timer.armed && this.#draining === null) this.#timer.arm(this.#flushIntervalMs);
  }

  async flush(): Promise<void> {
    const target = this.#accepted;
    while (this.#settled < target) {
      if (!(await this.#kick())) return; // failed: reported, events kept for the retry
    }
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    this.#closed = true;
    await this.flush();
    if (this.#draining !== null) await this.#draining;
    this.#clearTimers();
    const unwritten = this.#queue.take(Number.POSITIVE_INFINITY).length;
    if (unwritten > 0) {
      this.#dropped += unwritten;
      this.#settled += unwritten;
      this.#report(
        `spool: closed with ${unwritten} events unwritten (writes were failing); dropped`,
      );
    }
    const open = this.#files.open;
    try {
      await this.#files.seal();
    } catch (error) {
      this.#report(`spool: closing segment ${SegmentName.of(open)} failed`, error);
      await this.#files.abandon();
    }
    await this.#exclusive(() => this.#closeReader()).catch(() => undefined);
    await this.#release().catch((error) => this.#report('spool: cannot release spool.lock', error));
  }

  /** Starts a drain unless one runs; resolves to whether it ended without a failure. */
  #kick(): Promise<boolean> {
    this.#timer.clear();
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = null;
      if (this.#closed) return;
      if (this.#failing) this.#timer.arm(this.#retryDelay);
      else if (this.#queue.length > 0) this.#timer.arm(this.#flushIntervalMs);
      if (this.#files.unsynced && this.#fsync === 'interval' && this.#syncTimer === null) {
        const due = this.#files.lastSync + this.#fsyncIntervalMs - performance.now();
        this.#syncTimer = setTimeout(
          () => {
            this.#syncTimer = null;
            void this.#kick();
          },
          Math.max(0, due),
        );
        this.#syncTimer.unref();
      }
    });
    return this.#draining;
  }

  async #drain(): Promise<boolean> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.take(MAX_EVENTS_PER_WRITE);
      this.#inFlight = batch.length;
      const progress = { done: 0 };
      try {
        await this.#writeBatch(batch, progress);
        this.#reported.delete('write');
      } catch (error) {
        // Events from `progress.done` on are not acknowledged: back to the front, in order.
        this.#inFlight = 0;
        this.#lose(this.#queue.putBack(batch.slice(progress.done)));
        await this.#files.abandon();
        this.#failed('write', `spool: cannot write to ${this.#dir}; events wait in memory`, error);
        this.#retryDelay = this.#failing
          ? Math.min(this.#retryDelay * 2, MAX_RETRY_MS)
          : FIRST_RETRY_MS;
        this.#failing = true;
        return false;
      } finally {
        this.#inFlight = 0;
      }
    }
    this.#reported.delete('queue');
    this.#failing = false;
    this.#retryDelay = FIRST_RETRY_MS;
    if (
      this.#fsync === 'interval' &&
      this.#files.unsynced &&
      performance.now() - this.#files.lastSync >= this.#fsyncIntervalMs
    ) {
      try {
        await this.#files.sync();
        this.#reported.delete('sync');
      } catch (error) {
        // Already acknowledged (the 'interval' contract): all that can be done is say so and
        // stop appending to a file whose state the kernel no longer vouches for.
        this.#failed(
          'sync',
          'spool: fsync failed; events of the last interval may not survive a power cut',
          error,
        );
        await this.#files.abandon();
      }
    }
    return true;
  }

  /**
   * Writes `batch` in order as one or more parts (one per segment it reaches), each one
   * write and, for 'always', one fsync. `progress.done` counts settled events, so a failure
   * part-way retries only the rest and an acknowledged event is never written twice.
   */
  async #writeBatch(batch: readonly GatewayEvent[], progress: { done: number }): Promise<void> {
    const count = batch.length;
    const lines: (string | null)[] = new Array(count);
    const sizes = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const line = serialise(batch[i]!);
      const bytes = line === null ? 0 : Buffer.byteLength(line);
      lines[i] = bytes > SPOOL_FORMAT.maxRecordBytes ? null : line;
      sizes[i] = bytes;
    }
    const keep = new Uint8Array(count);
    let i = 0;
    while (i < count) {
      const fresh = this.#files.open === 0;
      const base = fresh ? 0 : this.#files.written;
      let bytes = fresh ? HEADER : 0;
      let kept = 0;
      let overCap = 0;
      let unwritable = 0;
      let roll = false;
      let reclaim = false;
      let j = i;
      for (; j < count; j++) {
        if (lines[j] === null) {
          unwritable++;
          continue;
        }
        const record = SpoolRecord.size(sizes[j]!);
        // A segment takes at least one record, so an event larger than segmentBytes still fits.
        if (base + bytes > HEADER && base + bytes + record > this.#segmentBytes) {
          roll = true;
          break;
        }
        if (this.#full || this.#files.bytes + bytes + record > this.#maxBytes) {
          if (kept === 0 && overCap === 0 && this.#currentCommitted()) {
            reclaim = true; // the only way out when the current segment holds all the bytes
            break;
          }
          this.#full = true; // later events wait for space too, so what is kept is a prefix
          overCap++;
          continue;
        }
        keep[j] = 1;
        bytes += record;
        kept++;
      }
      if (kept > 0) {
        if (fresh) this.#checked.add(await this.#files.create());
        const buffer = Buffer.allocUnsafe(bytes);
        let at = fresh ? SegmentHeader.encode(this.#files.open, buffer, 0) : 0;
        for (let k = i; k < j; k++) {
          if (keep[k] === 1) at = SpoolRecord.encode(lines[k]!, sizes[k]!, buffer, at);
        }
        await this.#files.append(buffer);
        this.#ackedEvents += kept;
      }
      if (overCap > 0) {
        this.#dropped += overCap;
        this.#failed(
          'full',
          `spool: full (maxBytes ${this.#maxBytes}); new events are dropped until the writer commits`,
        );
      }
      if (unwritable > 0) {
        this.#dropped += unwritable;
        this.#failed(
          'serialise',
          `spool: ${unwritable} events could not be serialised (or exceed 1 MiB); dropped`,
        );
      }
      this.#settled += j - i;
      progress.done = j;
      if (roll) await this.#files.seal();
      if (reclaim) await this.#reclaimCurrent();
      i = j;
    }
  }

  /** True when every record in the open segment is committed (so it could be deleted). */
  #currentCommitted(): boolean {
    const open = this.#files.open;
    return (
      open !== 0 &&
      this.#commitPos.segment === open &&
      this.#commitPos.offset >= this.#files.written
    );
  }

  /**
   * Seals and deletes the open segment once all of it is committed. Commits delete only
   * segments wholly before the commit's own, so without this a full spool whose every
   * byte sits in the open segment would stay full, dropping events, for good.
   */
  async #reclaimCurrent(): Promise<void> {
    const segment = this.#files.open;
    await this.#files.seal();
    try {
      await this.#files.remove(segment);
    } catch (error) {
      const name = SegmentName.of(segment);
      this.#failed('delete', `spool: cannot delete committed segment ${name}`, error);
      return;
    }
    this.#checked.delete(segment);
    this.#full = false;
    this.#reported.delete('full');
  }

  /** Accounts for events the bounded queue dropped (it drops the oldest when full). */
  #lose(count: number): void {
    if (count === 0) return;
    this.#dropped += count;
    this.#settled += count;
    this.#failed(
      'queue',
      `spool: more than ${MAX_QUEUED} events waiting in memory while writes fail; dropping the oldest`,
    );
  }

  #clearTimers(): void {
    this.#timer.clear();
    if (this.#syncTimer !== null) clearTimeout(this.#syncTimer);
    this.#syncTimer = null;
  }

  // ---- read side --------------------------------------------------------------------------

  read(max: number): Promise<SpoolBatch> {
    if (this.#closed) return Promise.reject(new Error('spool: read after close'));
    if (!Number.isInteger(max) || max < 1) {
      return Promise.reject(
        new RangeError(`spool: read(max) needs a positive integer, not ${max}`),
      );
    }
    return this.#exclusive(() => this.#read(max));
  }

  async #read(max: number): Promise<SpoolBatch> {
    const generation = this.#generation;
    const startOrdinal = this.#readOrdinal;
    const events: GatewayEvent[] = [];
    let position = this.#readPos;
    for (;;) {
      const { segment, offset } = position;
      const size = this.#files.readableEnd(segment);
      if (size === undefined || (offset >= size && this.#files.isSealed(segment))) {
        // This segment is finished (or gone) and the writer has moved on: step to the next.
        const next = this.#files.after(segment);
        if (next === null) break;
        position = { segment: next, offset: HEADER };
        if (!this.#waitingExact && next > this.#lastRecovered) {
          // Every event found at open has now been read: the estimate becomes a count.
          this.#waitingAtOpen = startOrdinal + events.length;
          this.#waitingExact = true;
        }
        continue;
      }
      if (offset >= size || events.length >= max) break;
      const reader = await this.#readerFor(segment, size);
      if (reader === null) {
        position = { segment, offset: size }; // unreadable segment: reported, skipped whole
        continue;
      }
      const scan = await reader.scan(offset, size, max - events.length, (payload, at) =>
        this.#decode(payload, segment, at, events),
      );
      for (const problem of scan.problems) {
        const skipped =
          problem.next >= size
            ? 'skipped the rest of the segment'
            : `skipped to offset ${problem.next}`;
        this.#corruption(segment, problem.offset, `${problem.what}; ${skipped}`);
      }
      position = { segment, offset: scan.end };
    }
    const ordinal = startOrdinal + events.length;
    if (generation === this.#generation) {
      this.#readPos = position;
      this.#readOrdinal = ordinal;
    }
    if (SpoolPosition.compare(position, this.#commitPos) > 0) {
      this.#marks.set(SpoolPosition.key(position), { position, ordinal });
    }
    return { events, end: position };
  }

  async #readerFor(segment: number, size: number): Promise<SegmentReader | null> {
    if (this.#reader !== null && this.#readerSegment === segment) return this.#reader;
    await this.#closeReader();
    let handle: FileHandle;
    try {
      handle = await open(join(this.#dir, SegmentName.of(segment)), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.#corruption(segment, 0, `segment file is missing; ${size} bytes of events lost`);
      return null;
    }
    if (!this.#checked.has(segment)) {
      const head = Buffer.alloc(HEADER);
      const { bytesRead } = await handle.read(head, 0, HEADER, 0);
      const problem = SegmentHeader.check(head.subarray(0, bytesRead), segment);
      if (problem !== null) {
        await handle.close();
        this.#corruption(segment, 0, `${problem}; skipped the whole segment (${size} bytes)`);
        return null;
      }
      this.#checked.add(segment);
    }
    this.#reader = new SegmentReader(handle);
    this.#readerSegment = segment;
    return this.#reader;
  }

  async #closeReader(): Promise<void> {
    const reader = this.#reader;
    this.#reader = null;
    this.#readerSegment = 0;
    await reader?.close();
  }

  #decode(payload: Buffer, segment: number, offset: number, into: GatewayEvent[]): void {
    const decoded = decodeSpooledEvent(payload);
    if (typeof decoded === 'string') this.#corruption(segment, offset, `${decoded}; skipped`);
    else into.push(decoded);
  }

  commit(end: SpoolPosition): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('spool: commit after close'));
    return this.#exclusive(async () => {
      if (SpoolPosition.compare(end, this.#commitPos) <= 0) return;
      const mark = this.#marks.get(SpoolPosition.key(end));
      if (mark === undefined) {
        throw new RangeError(
          `spool: commit(segment ${end.segment}, offset ${end.offset}) is not the end of a batch read since the last commit`,
        );
      }
      await SpoolCheckpoint.write(this.#dir, mark.position);
      this.#commitPos = mark.position;
      this.#commitOrdinal = mark.ordinal;
      for (const [key, { position }] of this.#marks) {
        if (SpoolPosition.compare(position, mark.position) <= 0) this.#marks.delete(key);
      }
      if (SpoolPosition.compare(this.#readPos, mark.position) < 0) {
        this.#readPos = mark.position;
        this.#readOrdinal = mark.ordinal;
      }
      await this.#removeBefore(mark.position.segment);
    });
  }

  /** Deletes the segments wholly before `segment`: every event in them is committed. */
  async #removeBefore(segment: number): Promise<void> {
    let freed = false;
    for (const existing of this.#files.before(segment)) {
      if (existing === this.#readerSegment) await this.#closeReader();
      try {
        await this.#files.remove(existing);
      } catch (error) {
        const name = SegmentName.of(existing);
        this.#failed('delete', `spool: cannot delete committed segment ${name}`, error);
        continue;
      }
      this.#checked.delete(existing);
      freed = true;
    }
    if (freed) {
      this.#reported.delete('delete');
      this.#full = false; // room again: a new overflow is a new episode, reported afresh
      this.#reported.delete('full');
    }
  }

  rewind(): void {
    this.#generation++;
    this.#readPos = this.#commitPos;
    this.#readOrdinal = this.#commitOrdinal;
  }

  stats(): SpoolStats {
    return {
      pending: Math.max(0, this.#waitingAtOpen + this.#ackedEvents - this.#commitOrdinal),
      queued: this.#queue.length + this.#inFlight,
      bytes: this.#files.bytes,
      segments: this.#files.count,
      dropped: this.#dropped,
      corrupt: this.#corrupt,
    };
  }

  /** Runs read-side work one task at a time, in call order. */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#serial.then(task);
    this.#serial = run.catch(() => undefined);
    return run;
  }

  // ---- reporting --------------------------------------------------------------------------

  /** Reports and counts a corrupt record or segment, once per place per run. */
  #corruption(segment: number, offset: number, what: string): void {
    const key = `${segment}:${offset}`;
    if (this.#seenCorrupt.has(key)) return;
    this.#seenCorrupt.add(key);
    this.#corrupt++;
    this.#report(`spool: segment ${SegmentName.of(segment)} offset ${offset}: ${what}`);
  }

  /** Reports a failure of kind `kind` unless it was reported and has not succeeded since. */
  #failed(kind: Failure, message: string, cause?: unknown): void {
    if (this.#reported.has(kind)) return;
    this.#reported.add(kind);
    this.#report(message, cause);
  }

  #report(message: string, cause?: unknown): void {
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    try {
      this.#onError(new Error(`${message}${detail}`, { cause }));
    } catch {
      // The reporter broke; the spool must still not throw into the request path.
    }
  }
}

function serialise(event: GatewayEvent): string | null {
  try {
    return serialiseEvent(event);
  } catch {
    return null;
  }
}
