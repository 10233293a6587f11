/**
 * The insert-rate measurement: generate a batch, then time only its insert through the
 * writer's inserter, per 1M-row slice so a rate that falls as the table grows shows.
 */
import { loadavg } from 'node:os';
import { createEventInserter } from '../../src/store/events/insert-events.js';
import type { Store } from '../../src/store/open-store.js';
import type { EventGenerator } from './generate-events.js';

export interface InsertSlice {
  /** Rows in the table at the end of the slice. */
  readonly rowsEnd: number;
  /** Events per second counting insert time only. */
  readonly insertPerSecond: number;
  /** Events per second counting generation too. */
  readonly wallPerSecond: number;
  /**
   * Events per CPU-second this process spent in the inserts (user + system): what one free
   * core would do, less sensitive to other work on a shared VM. For PostgreSQL it leaves out
   * the server's own CPU.
   */
  readonly insertPerCpuSecond: number;
  /** The machine's 1-minute load average at the end of the slice (other work shows here). */
  readonly loadAverage: number;
}

export interface InsertResult {
  readonly rows: number;
  readonly batchSize: number;
  readonly insertSeconds: number;
  readonly generateSeconds: number;
  readonly insertPerSecond: number;
  readonly wallPerSecond: number;
  /** Events per CPU-second of this process spent inserting (see `InsertSlice`). */
  readonly insertPerCpuSecond: number;
  /** Slowest batch insert (ms): checkpoints and page splits show here. */
  readonly maxBatchMs: number;
  /** True when the time limit stopped the insert before `rows`. */
  readonly cutShort: boolean;
  readonly slices: readonly InsertSlice[];
}

const SLICE = 1_000_000;

/**
 * Inserts `rows` generated events into `store` in batches of `batchSize`, calling
 * `onSlice` after each 1M rows (for progress and partial results); stops early at
 * `deadline` (a `performance.now()` time) when given.
 *
 * ### Examples
 * ```ts
 * const result = await measureInsert(store, generator, 10_000_000, 5000, console.error);
 * ```
 */
export async function measureInsert(
  store: Store,
  generator: EventGenerator,
  rows: number,
  batchSize: number,
  onSlice: (partial: InsertResult) => void,
  deadline = Number.POSITIVE_INFINITY,
): Promise<InsertResult> {
  const inserter = createEventInserter(store);
  const slices: InsertSlice[] = [];
  let done = 0;
  let insertMs = 0;
  let generateMs = 0;
  let sliceInsertMs = 0;
  let sliceGenerateMs = 0;
  let sliceStart = 0;
  let maxBatchMs = 0;
  let sliceCpuUs = 0;
  let cpuUs = 0;
  const result = (): InsertResult => ({
    rows: done,
    batchSize,
    insertSeconds: insertMs / 1000,
    generateSeconds: generateMs / 1000,
    insertPerSecond: done / (insertMs / 1000),
    wallPerSecond: done / ((insertMs + generateMs) / 1000),
    insertPerCpuSecond: done / (cpuUs / 1e6),
    maxBatchMs,
    cutShort: done < rows,
    slices,
  });
  while (done < rows && performance.now() < deadline) {
    const g0 = performance.now();
    const batch = generator.next(Math.min(batchSize, rows - done));
    const cpu0 = process.cpuUsage();
    const g1 = performance.now();
    const written = await inserter.insert(batch);
    const t = performance.now() - g1;
    const cpu = process.cpuUsage(cpu0);
    sliceCpuUs += cpu.user + cpu.system;
    cpuUs += cpu.user + cpu.system;
    if (written.inserted !== batch.length) {
      throw new Error(`insert: ${written.duplicates} duplicates in a generated batch`);
    }
    generateMs += g1 - g0;
    sliceGenerateMs += g1 - g0;
    insertMs += t;
    sliceInsertMs += t;
    maxBatchMs = Math.max(maxBatchMs, t);
    done += batch.length;
    if (done - sliceStart >= SLICE || done === rows || performance.now() >= deadline) {
      const n = done - sliceStart;
      slices.push({
        rowsEnd: done,
        insertPerSecond: n / (sliceInsertMs / 1000),
        wallPerSecond: n / ((sliceInsertMs + sliceGenerateMs) / 1000),
        insertPerCpuSecond: n / (sliceCpuUs / 1e6),
        loadAverage: loadavg()[0]!,
      });
      sliceStart = done;
      sliceInsertMs = 0;
      sliceGenerateMs = 0;
      sliceCpuUs = 0;
      onSlice(result());
    }
  }
  return result();
}
