import { readFileSync } from 'node:fs';
import { DEFAULT_MMAP_ADDON, loadMmapAddon } from './load-mmap-addon.js';

/** How `mapFileReadOnly` finds the addon and reports falling back. */
export interface MapFileOptions {
  /** The built addon; absent: `native/mmap/build/Release/mmap.node` in this checkout. */
  readonly addon?: string;
  /**
   * Told once per process (per addon path) when the addon is unavailable and files are
   * read into this process's own memory instead; absent: stderr.
   */
  readonly log?: (message: string) => void;
}

const warned = new Set<string>();
/** Buffers this process mapped, so `releaseFileMapping` never detaches anything else. */
const mapped = new WeakMap<ArrayBufferLike, (buffer: ArrayBuffer) => void>();

/**
 * Maps a file read-only so that every process mapping it shares the kernel's one cached
 * copy: how the gateway's worker processes share a single compiled index. Writing to the
 * result is a crash (the pages are read-only), so hand it only to readers such as
 * `loadCategoryIndex`. When the addon is not built it falls back to `readFileSync` and
 * says once that each process now holds its own copy.
 *
 * A file replaced by rename (as `lists compile` does) keeps its old contents for as long
 * as a mapping of it is alive; the mapping is released when the bytes are collected.
 *
 * ### Examples
 * ```ts
 * const index = loadCategoryIndex(mapFileReadOnly('/var/lib/schoolgate/index.sgx'));
 * ```
 */
export function mapFileReadOnly(path: string, options: MapFileOptions = {}): Uint8Array {
  const addonPath = options.addon ?? DEFAULT_MMAP_ADDON;
  const addon = loadMmapAddon(addonPath);
  if (!(addon instanceof Error)) {
    const buffer = addon.mapFile(path);
    mapped.set(buffer, addon.unmap);
    return new Uint8Array(buffer);
  }
  if (!warned.has(addonPath)) {
    warned.add(addonPath);
    const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
    log(`${addon.message}; reading files instead, so each worker keeps its own copy of the index`);
  }
  return readFileSync(path);
}

// Kept beside mapFileReadOnly (an exception to one export per file): it must only ever
// detach buffers that function mapped, which the shared WeakMap guarantees.
/**
 * Releases a mapping from `mapFileReadOnly` now instead of at a later garbage collection,
 * for a process that only checked a file (the cluster's primary) and must not keep a
 * replaced index file alive. Every view of `bytes` then has length 0, so nothing may still
 * use them. Bytes that were read rather than mapped are left alone.
 *
 * ### Examples
 * ```ts
 * const bytes = mapFileReadOnly(path);
 * loadCategoryIndex(bytes); // throws if the file is damaged
 * releaseFileMapping(bytes);
 * ```
 */
export function releaseFileMapping(bytes: Uint8Array): void {
  const unmap = mapped.get(bytes.buffer);
  if (unmap === undefined) return;
  mapped.delete(bytes.buffer);
  unmap(bytes.buffer as ArrayBuffer);
}
