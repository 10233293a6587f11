import type { LoadedList } from './loaded-list.js';

/**
 * An e2guardian list with its `.Include` files merged in: entries and rejected lines of
 * every file, deduplicated across files. `sha256`/`bytes` describe the top file; `files`
 * lists every file read, the top one first.
 */
export interface E2guardianList extends LoadedList {
  readonly files: readonly {
    readonly path: string;
    readonly sha256: string;
    readonly bytes: number;
  }[];
}
