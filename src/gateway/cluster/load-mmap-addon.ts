import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The native addon built from `native/mmap/` (see its README). */
export interface MmapAddon {
  /** Maps a regular file read-only and shared; the mapping goes when the buffer is collected. */
  mapFile(path: string): ArrayBuffer;
  /** Detaches a buffer from `mapFile`; its mapping is released on the next turn of the loop. */
  unmap(buffer: ArrayBuffer): void;
}

/** Where `npm ci` builds the addon; the same three levels up from `src/` and from `dist/`. */
export const DEFAULT_MMAP_ADDON = fileURLToPath(
  new URL('../../../native/mmap/build/Release/mmap.node', import.meta.url),
);

const require = createRequire(import.meta.url);
const loaded = new Map<string, MmapAddon | Error>();

/**
 * Loads the mmap addon once per process, or returns the reason it cannot be used (not
 * built, or built for another Node ABI), so callers can fall back to reading files.
 *
 * ### Examples
 * ```ts
 * const addon = loadMmapAddon();
 * const bytes = addon instanceof Error ? readFileSync(path) : new Uint8Array(addon.mapFile(path));
 * ```
 */
export function loadMmapAddon(path: string = DEFAULT_MMAP_ADDON): MmapAddon | Error {
  const known = loaded.get(path);
  if (known !== undefined) return known;
  let result: MmapAddon | Error;
  if (!existsSync(path)) {
    result = new Error(
      `the mmap addon is not built (${path}); build it with: node native/mmap/install.mjs`,
    );
  } else {
    try {
      result = require(path) as MmapAddon;
    } catch (error) {
      result = new Error(`the mmap addon ${path} cannot be loaded: ${(error as Error).message}`);
    }
  }
  loaded.set(path, result);
  return result;
}
