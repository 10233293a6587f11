import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ListSourceConfig } from '../../config/config-schema.js';
import type { LoadedConfig } from '../../config/load-config.js';
import type { IndexHeader } from '../../engine/index/category-index.js';
import { allSources, feedPath } from '../../lists/compile-sources.js';
import { publicUrl } from './public-url.js';

/**
 * One list source as the Lists page shows it. Never its credentials: `url` is `publicUrl`.
 * NOTE: keep in sync with `ListSource` in ui/src/api/lists-api.ts and API.md.
 */
export interface ListSourceInfo {
  readonly name: string;
  /** `list`: one file for one category; `ut1`: a UT1 archive mapped onto several. */
  readonly type: 'list' | 'ut1';
  /** The file format of a `list` (`auto`, `domains`, `hosts`...); null for UT1. */
  readonly format: string | null;
  /** The Schoolgate categories it feeds. */
  readonly categories: readonly string[];
  /** The file the lists are read from (for a feed, where `lists update` keeps its download). */
  readonly path: string;
  /** The feed's address without user, password or query values; null for a local file. */
  readonly url: string | null;
  /** False when the file is not there (a feed never downloaded, a file moved). */
  readonly available: boolean;
  /** When it last changed: the last download of a feed, else the file's modification time. */
  readonly updatedMs: number | null;
  readonly updatedBy: 'download' | 'file' | null;
  /** Entries and rejected lines it gave the current index (`list` sources); null if unknown. */
  readonly entries: number | null;
  readonly rejected: number | null;
}

/**
 * Every list source (the config's, then those `schoolgate lists import` recorded) with where
 * it is read from and when it last changed. A feed's download time is the `fetchedAt` that
 * `lists update` writes beside the download (`<file>.meta.json`); otherwise the file's
 * mtime. Reads a few small files and `stat`s: cheap enough for each page load.
 */
export function describeSources(
  loaded: LoadedConfig,
  header: IndexHeader | null,
): ListSourceInfo[] {
  return allSources(loaded).map((source) => {
    const path = feedPath(loaded, source);
    const updated = lastUpdate(path);
    const counted = header?.sources.filter((s) => s.name === source.name) ?? [];
    const known = source.type === 'list' && counted.length > 0;
    return {
      name: source.name,
      type: source.type,
      format: source.type === 'list' ? source.format : null,
      categories: categoriesOf(source),
      path,
      url: source.url === undefined ? null : publicUrl(source.url),
      available: updated !== null,
      updatedMs: updated?.ms ?? null,
      updatedBy: updated?.by ?? null,
      entries: known ? counted.reduce((n, s) => n + s.entries, 0) : null,
      rejected: known ? counted.reduce((n, s) => n + s.rejected, 0) : null,
    };
  });
}

function categoriesOf(source: ListSourceConfig): string[] {
  return source.type === 'list'
    ? [source.category]
    : [...new Set(Object.values(source.categories))].sort();
}

function lastUpdate(path: string): { ms: number; by: 'download' | 'file' } | null {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return null;
  }
  const meta = `${path}.meta.json`;
  if (existsSync(meta)) {
    try {
      const fetched = Date.parse(
        (JSON.parse(readFileSync(meta, 'utf8')) as { fetchedAt?: string }).fetchedAt ?? '',
      );
      if (Number.isFinite(fetched)) return { ms: fetched, by: 'download' };
    } catch {
      // A damaged meta file: the file's own time is still true.
    }
  }
  return { ms: Math.round(mtimeMs), by: 'file' };
}
