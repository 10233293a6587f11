import { appendFile, mkdir, open, readdir, rename, stat, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { BoundedQueue } from './bounded-queue.js';
import type { EventSink } from './event-sink.js';
import type { GatewayEvent } from './gateway-event.js';
import { createKickTimer } from './kick-timer.js';
import { rotatedLogName } from './rotated-log-name.js';
import { serialiseEvent } from './serialise-event.js';

/** How `createAccessLog` is set up. Only `dir` and `now` are required. */
export interface AccessLogOptions {
  /** Folder for the log; created (with parents) on the first write. */
  readonly dir: string;
  /** The file being written. Default `access.ndjson`. One access log per file: give each
   *  process its own name (`access-w1.ndjson`), since rotation renames the file. */
  readonly fileName?: string;
  /** Rotate before a write would take the file past this many bytes. Default 100 MiB. */
  readonly maxBytes?: number;
  /** Rotated files kept; older ones are deleted after each rotation. Default 30. */
  readonly maxFiles?: number;
  /** Rotate when the UTC day of the clock differs from the file's. Default true. */
  readonly rotateDaily?: boolean;
  /** Epoch milliseconds; decides rotation days. */
  readonly now: () => number;
  /**
   * Told about a failure once (write, rotate, prune, or dropping events), then not again
   * until that operation succeeds. Default: `process.emitWarning`. Must not throw.
   */
  readonly onError?: (error: Error) => void;
  /** Longest an event waits in memory before a write. Default 200 ms. */
  readonly flushIntervalMs?: number;
  /** Pending events that trigger a write at once. Default 1,000. */
  readonly batchSize?: number;
  /** Events kept in memory while writes fail; beyond it the oldest are dropped. Default 100,000. */
  readonly maxPending?: number;
  /** First wait before retrying a failed write; doubles up to 30 s. Default 1,000 ms. */
  readonly retryDelayMs?: number;
}

/** The access log as a sink, with counters for health checks and tests. */
export interface AccessLog extends EventSink {
  /** Full path of the file being written. */
  readonly path: string;
  /** Events dropped: the oldest beyond `maxPending` while writes failed, and any added after `close`. */
  readonly dropped: number;
  /** Events waiting in memory (including a batch being written). */
  readonly pending: number;
  /** Events written to disk so far. */
  readonly written: number;
  /** Successful write calls so far (one per batch, more when a batch spans a rotation). */
  readonly writes: number;
}

type Failure = 'write' | 'rotate' | 'prune' | 'drop' | 'serialise';

const MAX_RETRY_MS = 30_000;
/** Most events serialised into one write, so a backlog after an outage goes out in pieces. */
const MAX_EVENTS_PER_WRITE = 10_000;
/** How far back from the end a torn last line is looked for. */
const TAIL_WINDOW = 1 << 20;

/**
 * Makes the NDJSON access log: every event as one JSON line in `dir/fileName`, rotated by
 * size and by day to `access-YYYY-MM-DD-N.ndjson`, the newest `maxFiles` rotated files kept.
 * The log sits on the request path, so `add` only queues: a timer (or a full batch) writes
 * the queue with one append per batch. When the disk fails (full, folder gone), the error
 * goes to `onError` once, events wait in memory (bounded by `maxPending`, oldest dropped and
 * counted) and writes are retried with back-off; a partly written batch is cut back so every
 * line stays whole. Until the event store lands this is the record; afterwards it stays as an
 * option beside it.
 *
 * ### Examples
 * ```ts
 * const log = createAccessLog({ dir: '/var/log/schoolgate', now: Date.now,
 *   onError: (error) => logger.error(error) });
 * log.add(toWebEvent(decision, facts));
 * await log.close(); // flushes
 * ```
 */
export function createAccessLog(options: AccessLogOptions): AccessLog {
  return new NdjsonAccessLog(options);
}

class NdjsonAccessLog implements AccessLog {
  readonly path: string;
  readonly #dir: string;
  readonly #names: ReturnType<typeof rotatedLogName>;
  readonly #maxBytes: number;
  readonly #maxFiles: number;
  readonly #rotateDaily: boolean;
  readonly #now: () => number;
  readonly #onError: (error: Error) => void;
  readonly #flushIntervalMs: number;
  readonly #batchSize: number;
  readonly #retryDelayMs: number;

  readonly #queue: BoundedQueue<GatewayEvent>;
  #inFlight = 0;
  #accepted = 0;
  #settled = 0;
  #dropped = 0;
  #written = 0;
  #writes = 0;

  readonly #timer = createKickTimer(() => void this.#kick());
  #draining: Promise<boolean> | null = null;
  #failing = false;
  #retryDelay: number;
  #closed = false;
  readonly #reported = new Set<Failure>();

  /** False until the folder exists and the current file's size and day are known. */
  #ready = false;
  /** True after a failed write: the file may end in part of a line, or be gone. */
  #suspect = false;
  /** Bytes in the current file that this log knows are whole lines. */
  #size = 0;
  /** UTC day of the current file's events; null while it is empty. */
  #fileDay: string | null = null;

  constructor(options: AccessLogOptions) {
    const fileName = options.fileName ?? 'access.ndjson';
    this.#dir = options.dir;
    this.path = join(options.dir, fileName);
    this.#names = rotatedLogName(fileName);
    this.#maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
    this.#maxFiles = options.maxFiles ?? 30;
    this.#rotateDaily = options.rotateDaily ?? true;
    this.#now = options.now;
    this.#onError = options.onError ?? ((error) => process.emitWarning(error));
    this.#flushIntervalMs = options.flushIntervalMs ?? 200;
    this.#batchSize = options.batchSize ?? 1000;
    this.#retryDelayMs = options.retryDelayMs ?? 1000;
    this.#retryDelay = this.#retryDelayMs;
    this.#queue = new BoundedQueue(options.maxPending ?? 100_000);
  }

  get dropped(): number {
    return this.#dropped;
  }
  get pending(): number {
    return this.#queue.length + this.#inFlight;
  }
  get written(): number {
    return this.#written;
  }
  get writes(): number {
    return this.#writes;
  }

  add(event: GatewayEvent): void {
    if (this.#closed) {
      this.#dropped++;
      return;
    }
    this.#accepted++;
    this.#lose(this.#queue.push(event));
    if (this.#failing) return; // the retry timer is already set
    if (this.#queue.length >= this.#batchSize) void this.#kick();
    else if (!this.#timer.armed && this.#draining === null) this.#timer.arm(this.#flushIntervalMs);
  }

  async flush(): Promise<void> {
    const target = this.#accepted;
    while (this.#settled < target) {
      if (!(await this.#kick())) return; // failed: reported, events kept for the retry
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
    this.#timer.clear();
  }

  /** Starts a drain unless one runs; resolves to whether it ended without a failure. */
  #kick(): Promise<boolean> {
    this.#timer.clear();
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = null;
      if (this.#closed) return;
      if (this.#failing) this.#timer.arm(this.#retryDelay);
      else if (this.#queue.length > 0) this.#timer.arm(this.#flushIntervalMs);
    });
    return this.#draining;
  }

  async #drain(): Promise<boolean> {
    do {
      const batch = this.#queue.take(MAX_EVENTS_PER_WRITE);
      this.#inFlight = batch.length;
      const progress = { done: 0 };
      try {
        await this.#writeBatch(batch, progress);
        this.#succeeded('write');
      } catch (error) {
        // Events from `progress.done` on were not written: back to the front, for the retry.
        this.#inFlight = 0;
        this.#lose(this.#queue.putBack(batch.slice(progress.done)));
        this.#suspect = true;
        this.#failed('write', error, `access log: cannot write ${this.path}`);
        this.#retryDelay = Math.min(
          this.#failing ? this.#retryDelay * 2 : this.#retryDelay,
          MAX_RETRY_MS,
        );
        this.#failing = true;
        return false;
      } finally {
        this.#inFlight = 0;
      }
    } while (this.#queue.length >= this.#batchSize);
    // An overload or outage is over once the queue is empty: report new drops afresh.
    if (this.#queue.length === 0) this.#reported.delete('drop');
    this.#failing = false;
    this.#retryDelay = this.#retryDelayMs;
    return true;
  }

  /**
   * Writes `batch` in order, rotating as needed. `progress.done` counts the events of `batch`
   * that are settled (written, or dropped as unserialisable), so a failure part-way through
   * retries only the rest and nothing is written twice.
   */
  async #writeBatch(batch: readonly GatewayEvent[], progress: { done: number }): Promise<void> {
    if (!this.#ready) await this.#open();
    if (this.#suspect) await this.#recover();
    if (this.#rotateDaily && this.#fileDay !== null && this.#fileDay !== utcDay(this.#now())) {
      await this.#rotate();
    }
    const lines: (string | null)[] = batch.map(serialiseLine);
    const sizes = lines.map((line) => (line === null ? 0 : Buffer.byteLength(line)));
    let overSize = false;
    while (progress.done < batch.length) {
      const start = progress.done;
      let end = start;
      let bytes = 0;
      while (
        end < batch.length &&
        (overSize || this.#size + bytes + sizes[end]! <= this.#maxBytes)
      ) {
        bytes += sizes[end]!;
        end++;
      }
      if (end === start) {
        if (this.#size > 0) {
          // A file that cannot be rotated takes the rest: over its size beats losing events.
          overSize = !(await this.#rotate());
          continue;
        }
        // One line longer than maxBytes: it gets a file of its own rather than being lost.
        bytes = sizes[start]!;
        end = start + 1;
      }
      let chunk = '';
      let count = 0;
      for (let i = start; i < end; i++) {
        const line = lines[i]!;
        if (line === null) continue;
        chunk += line;
        count++;
      }
      if (count > 0) {
        this.#fileDay ??= utcDay(this.#now());
        await appendFile(this.path, chunk);
        this.#size += bytes;
        this.#writes++;
        this.#written += count;
        this.#settled += count;
      }
      // Cannot happen for a WebEvent; counted so one bad object can never wedge the queue.
      this.#lose(end - start - count, 'serialise');
      progress.done = end;
    }
  }

  /** First write: make the folder, learn the current file's size and day, cut a torn tail. */
  async #open(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    await this.#measure();
    this.#ready = true;
  }

  /** After a failed write: the folder may be gone and the file may end in part of a line. */
  async #recover(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const size = await fileSize(this.path);
    if (size > this.#size) await truncate(this.path, this.#size);
    else if (size < this.#size) await this.#measure();
    this.#suspect = false;
  }

  async #measure(): Promise<void> {
    this.#size = await cutTornTail(this.path);
    this.#fileDay = this.#size === 0 ? null : await firstEventDay(this.path);
  }

  /** Renames the current file to the next `name-DAY-N.ext` and prunes old ones; false if it could not. */
  async #rotate(): Promise<boolean> {
    const day = this.#fileDay ?? utcDay(this.#now());
    let names: string[];
    try {
      names = await readdir(this.#dir);
      let sequence = 0;
      for (const name of names) {
        const rotated = this.#names.parse(name);
        if (rotated !== null && rotated.day === day)
          sequence = Math.max(sequence, rotated.sequence);
      }
      const target = this.#names.format(day, sequence + 1);
      await rename(this.path, join(this.#dir, target));
      names.push(target);
      this.#succeeded('rotate');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        // Keep writing to the current file: a file over its size limit beats lost events.
        this.#failed('rotate', error, `access log: cannot rotate ${this.path}`);
        return false;
      }
      names = [];
    }
    this.#size = 0;
    this.#fileDay = null;
    await this.#prune(names);
    return true;
  }

  async #prune(names: readonly string[]): Promise<void> {
    const rotated = names
      .map((name) => this.#names.parse(name))
      .filter((file) => file !== null)
      .sort(this.#names.compare);
    try {
      for (let i = 0; i < rotated.length - this.#maxFiles; i++) {
        await unlink(join(this.#dir, rotated[i]!.name));
      }
      this.#succeeded('prune');
    } catch (error) {
      this.#failed('prune', error, `access log: cannot delete old files in ${this.#dir}`);
    }
  }

  #lose(count: number, why: 'drop' | 'serialise' = 'drop'): void {
    if (count === 0) return;
    this.#dropped += count;
    this.#settled += count;
    this.#failed(
      why,
      null,
      why === 'drop'
        ? `access log: ${this.pending} events unwritten; dropping the oldest`
        : 'access log: an event could not be serialised; dropped',
    );
  }

  #failed(kind: Failure, cause: unknown, message: string): void {
    if (this.#reported.has(kind)) return;
    this.#reported.add(kind);
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    try {
      this.#onError(new Error(`${message}${detail}`, { cause }));
    } catch {
      // The reporter broke; the log must still not throw into the request path.
    }
  }

  #succeeded(kind: Failure): void {
    this.#reported.delete(kind);
  }
}

function serialiseLine(event: GatewayEvent): string | null {
  try {
    return `${serialiseEvent(event)}\n`;
  } catch {
    return null;
  }
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/**
 * Cuts a last line with no newline (a write torn by a crash or a full disk) and returns the
 * size left. Only the last `TAIL_WINDOW` bytes are searched; a longer unfinished line is left
 * for a reader to skip, with a newline after it so the next event starts a line of its own.
 */
async function cutTornTail(path: string): Promise<number> {
  const size = await fileSize(path);
  if (size === 0) return 0;
  const file = await open(path, 'r+');
  try {
    const length = Math.min(size, TAIL_WINDOW);
    const tail = Buffer.alloc(length);
    await file.read(tail, 0, length, size - length);
    if (tail[length - 1] === 0x0a) return size;
    const lastNewline = tail.lastIndexOf(0x0a);
    if (lastNewline >= 0 || length === size) {
      const keep = size - length + lastNewline + 1;
      await file.truncate(keep);
      return keep;
    }
    await file.write('\n', size);
    return size + 1;
  } finally {
    await file.close();
  }
}

/** UTC day of the first event in a file, from its `time`; the file's mtime if unreadable. */
async function firstEventDay(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const text = head.subarray(0, bytesRead).toString('utf8');
    const time = /"time":"(\d{4}-\d{2}-\d{2})T/.exec(text.slice(0, text.indexOf('\n')));
    return time?.[1] ?? utcDay((await file.stat()).mtimeMs);
  } finally {
    await file.close();
  }
}
