/** How `openSpool` is set up. Only `dir` is required. */
export interface SpoolOptions {
  /**
   * Folder of this spool's segment files; created (with parents) if missing. One process
   * per folder: `openSpool` takes `spool.lock` (holding the pid), refuses while another
   * live process holds it, and takes over a lock left by a dead one.
   */
  readonly dir: string;
  /**
   * When written events are forced to disk, which is when they count as acknowledged:
   * - `'always'` (default): each write batch is fsynced before its events are
   *   acknowledged, so an acknowledged event survives a power cut;
   * - `'interval'`: fsync at most every `fsyncIntervalMs`; events are acknowledged once
   *   written, and a power cut can lose the last interval (a crash of the process cannot);
   * - `'never'`: leave it to the operating system.
   */
  readonly fsync?: 'always' | 'interval' | 'never';
  /** Longest gap between fsyncs with `fsync: 'interval'`. Default 1,000 ms. */
  readonly fsyncIntervalMs?: number;
  /** A new segment is started before a write would take the current one past this. Default 64 MiB. */
  readonly segmentBytes?: number;
  /** Group-commit delay: the longest an event waits in memory after the first pending add. Default 50 ms. */
  readonly flushIntervalMs?: number;
  /** Pending events that start a write at once. Default 1,000. */
  readonly batchSize?: number;
  /**
   * Cap on the segments' total size on disk. Default 10 GiB. An event that would take the
   * spool past it is dropped and counted (`stats().dropped`), reported once via `onError`
   * until events fit again (the writer committing frees space).
   */
  readonly maxBytes?: number;
  /**
   * Told about failures (a write or fsync that failed, reported once until one succeeds;
   * events dropped) and about every corrupt record skipped, naming segment and offset.
   * Default: `process.emitWarning`. Its own exceptions are swallowed.
   */
  readonly onError?: (error: Error) => void;
}
