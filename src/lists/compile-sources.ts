import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ListSourceConfig } from '../config/config-schema.js';
import { type LoadedConfig, resolveConfigPath } from '../config/load-config.js';
import { buildCategoryIndex } from '../engine/index/build-category-index.js';
import type { IndexBuildList } from '../engine/index/index-build-input.js';
import type { RejectedLine } from '../engine/lists/list-entry.js';
import type { ParseListResult } from '../engine/lists/parse-list-result.js';
import { loadListFile } from './load-list-file.js';
import { loadUt1 } from './load-ut1.js';

/** What compiling the lists found, for the person who ran it. */
export interface CompileReport {
  readonly entries: number;
  readonly bytes: number;
  /** Category -> entries, as stored in the index header. */
  readonly categories: Readonly<Record<string, number>>;
  readonly sources: readonly SourceReport[];
  /** Sources that could not be used at all (missing file, never downloaded, unreadable). */
  readonly unavailable: readonly { readonly name: string; readonly why: string }[];
}

export interface SourceReport {
  readonly name: string;
  /** The file the source was read from. */
  readonly path: string;
  readonly entries: number;
  readonly rejected: number;
  /** Up to five rejected lines, with file and line, so the fix is easy to find. */
  readonly rejectedSamples: readonly RejectedLine[];
}

export interface CompileOptions {
  readonly onProgress?: (done: number, total: number) => void;
  readonly log?: (message: string) => void;
  /** Build time recorded in the header; default now. */
  readonly now?: number;
}

/** Sources added by `schoolgate lists import`, kept beside the index. */
export function importsFile(loaded: LoadedConfig): string {
  return join(dataDir(loaded), 'imports.json');
}

export function dataDir(loaded: LoadedConfig): string {
  return resolveConfigPath(loaded, loaded.config.dataDir);
}

/** Where a feed (a source with a `url`) is stored once downloaded. */
export function feedPath(loaded: LoadedConfig, source: ListSourceConfig): string {
  if (source.path !== undefined) return resolveConfigPath(loaded, source.path);
  const slug = source.name.replace(/[^A-Za-z0-9._-]+/g, '_');
  return join(dataDir(loaded), 'feeds', source.type === 'ut1' ? `${slug}.tar.gz` : `${slug}.list`);
}

/** Every list source: the config's, then those `lists import` recorded. */
export function allSources(loaded: LoadedConfig): ListSourceConfig[] {
  const file = importsFile(loaded);
  const imported = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as ListSourceConfig[])
    : [];
  return [...loaded.config.lists.sources, ...imported];
}

/**
 * Reads every configured list source into build lists. A source that cannot be read is
 * reported in `unavailable` and the rest go on: one bad feed must not stop filtering.
 */
export async function collectSources(
  loaded: LoadedConfig,
  sources: readonly ListSourceConfig[],
  log: (message: string) => void,
): Promise<{
  lists: IndexBuildList[];
  reports: SourceReport[];
  unavailable: { name: string; why: string }[];
}> {
  const lists: IndexBuildList[] = [];
  const reports: SourceReport[] = [];
  const unavailable: { name: string; why: string }[] = [];
  for (const source of sources) {
    const path = feedPath(loaded, source);
    if (!existsSync(path)) {
      const why =
        source.url !== undefined && source.path === undefined
          ? 'not downloaded yet: run `schoolgate lists update`'
          : `file not found: ${path}`;
      unavailable.push({ name: source.name, why });
      log(`${source.name}: ${why}`);
      continue;
    }
    try {
      if (source.type === 'list') {
        const list = await loadListFile(path, { source: source.name, format: source.format });
        lists.push(toBuildList(source.category, source.name, list, list.sha256));
        reports.push(reportOf(source.name, path, [list]));
      } else {
        const ut1 = await loadUt1(path);
        const parsed: ParseListResult[] = [];
        for (const category of ut1.categories) {
          const ours = source.categories[category.name];
          if (ours === undefined) continue;
          for (const list of [category.domains, category.urls]) {
            if (list === null) continue;
            lists.push(toBuildList(ours, list.source, list, ut1.sha256 ?? ''));
            parsed.push(list);
          }
        }
        reports.push(reportOf(source.name, path, parsed));
        for (const problem of ut1.problems) log(`${source.name}: ${problem}`);
      }
    } catch (error) {
      unavailable.push({ name: source.name, why: (error as Error).message });
      log(`${source.name}: ${(error as Error).message}`);
    }
  }
  return { lists, reports, unavailable };
}

function toBuildList(
  category: string,
  name: string,
  list: ParseListResult,
  sha256: string,
): IndexBuildList {
  return {
    category,
    source: { name, sha256, entries: list.entries.length, rejected: list.rejected.length },
    entries: list.entries,
  };
}

function reportOf(name: string, path: string, lists: readonly ParseListResult[]): SourceReport {
  let entries = 0;
  let rejected = 0;
  const rejectedSamples: RejectedLine[] = [];
  for (const list of lists) {
    entries += list.entries.length;
    rejected += list.rejected.length;
    for (const line of list.rejected) if (rejectedSamples.length < 5) rejectedSamples.push(line);
  }
  return { name, path, entries, rejected, rejectedSamples };
}

/**
 * Compiles every list of the config into the binary index at `indexPath`, written to a
 * temporary file and renamed into place so a running reader never sees half an index.
 *
 * ### Examples
 * ```ts
 * const report = await compileIndexFile(loadConfig(), './data/index.sgx', { onProgress: bar.update });
 * report.categories.games; // 33741
 * ```
 */
export async function compileIndexFile(
  loaded: LoadedConfig,
  indexPath: string,
  options: CompileOptions = {},
): Promise<CompileReport> {
  const log = options.log ?? (() => {});
  const { lists, reports, unavailable } = await collectSources(loaded, allSources(loaded), log);
  const bytes = buildCategoryIndex({
    builtAt: options.now ?? Date.now(),
    lists,
    onProgress: options.onProgress,
  });
  writeIndexAtomically(indexPath, bytes);
  stampNoOlderThanInputs(indexPath, loaded);
  const categories: Record<string, number> = {};
  let entries = 0;
  for (const list of lists)
    categories[list.category] = (categories[list.category] ?? 0) + list.entries.length;
  for (const report of reports) entries += report.entries;
  return { entries, bytes: bytes.length, categories, sources: reports, unavailable };
}

/**
 * Gives the index an mtime no older than its newest input, so a list file dated in the
 * future (a clock skew, a copied file) does not make every start think the index is stale.
 */
function stampNoOlderThanInputs(indexPath: string, loaded: LoadedConfig): void {
  let newest = statSync(indexPath).mtimeMs;
  const inputs = [...allSources(loaded).map((source) => feedPath(loaded, source))];
  if (loaded.file !== 'builtin:starter') inputs.push(loaded.file);
  for (const path of inputs)
    if (existsSync(path)) newest = Math.max(newest, statSync(path).mtimeMs);
  // Past the newest input by a millisecond: mtimes read back as floats, and Date truncates.
  const stamp = new Date(Math.ceil(newest) + 1);
  utimesSync(indexPath, stamp, stamp);
}

export function writeIndexAtomically(indexPath: string, bytes: Uint8Array): void {
  mkdirSync(dirname(resolve(indexPath)), { recursive: true });
  const temporary = `${indexPath}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, indexPath);
}

/** An in-memory index from `category=path` files of any supported format (the ad-hoc CLI mode). */
export async function buildIndexFromFiles(
  files: readonly { readonly category: string; readonly path: string }[],
  builtAt: number,
): Promise<Uint8Array> {
  const lists: IndexBuildList[] = [];
  for (const file of files) {
    const list = await loadListFile(file.path, { source: file.path, format: 'auto' });
    for (const line of list.rejected.slice(0, 5)) {
      process.stderr.write(`${line.source}:${line.line}: ${line.problem}: ${line.text}\n`);
    }
    if (list.rejected.length > 5)
      process.stderr.write(`${file.path}: ${list.rejected.length} lines rejected in all\n`);
    lists.push(toBuildList(file.category, file.path, list, list.sha256));
  }
  return buildCategoryIndex({ builtAt, lists });
}
