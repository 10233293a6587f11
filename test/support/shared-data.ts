/**
 * Where the reference data lives: `../shared/data` beside the repository. Tests that read it
 * skip, saying so, when it is absent (a machine without it must still pass).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SHARED_DATA_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
/** The same folder as a URL ending in `/`, for `new URL('file', SHARED_DATA)`. */
export const SHARED_DATA = pathToFileURL(`${SHARED_DATA_DIR}/`);

/** The absolute path of a file in the shared data, or null when it is absent. */
export function sharedDataFile(relative: string): string | null {
  const path = join(SHARED_DATA_DIR, relative);
  return existsSync(path) ? path : null;
}
