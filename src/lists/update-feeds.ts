import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ListSourceConfig } from '../config/config-schema.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { CategoryIndex } from '../engine/index/category-index.js';
import { allSources, type CompileReport, compileIndexFile, feedPath } from './compile-sources.js';
import { loadListFile } from './load-list-file.js';
import { loadUt1 } from './load-ut1.js';

/** What happened to one feed. */
export interface FeedOutcome {
  readonly name: string;
  readonly outcome: 'downloaded' | 'not-modified' | 'failed';
  readonly detail?: string;
}

export interface UpdateResult {
  readonly feeds: readonly FeedOutcome[];
  /** True when the new index was not installed (the previous one stays in use). */
  readonly kept: boolean;
  readonly why?: string;
  readonly report: CompileReport | null;
}

/** Validators remembered per feed, for conditional requests. */
interface FeedMeta {
  readonly etag?: string;
  readonly lastModified?: string;
  readonly fetchedAt: string;
}

const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

/**
 * Downloads every source that has a `url` (conditional requests: `If-None-Match`,
 * `If-Modified-Since`), checks each download parses before it replaces the previous copy,
 * then compiles a new index beside the old one. The new index replaces the old only when no
 * category lost more than half its entries: a broken feed must not quietly unblock a category.
 */
export async function updateFeeds(
  loaded: LoadedConfig,
  indexPath: string,
  previous: CategoryIndex | null,
  options: { log: (message: string) => void; resolvePath: (path: string) => string },
): Promise<UpdateResult> {
  const feeds: FeedOutcome[] = [];
  for (const source of allSources(loaded)) {
    if (source.url === undefined) continue;
    feeds.push(await updateFeed(source, source.url, feedPath(loaded, source)));
  }
  const candidate = `${indexPath}.candidate`;
  const report = await compileIndexFile(loaded, candidate, { log: options.log });
  const shrunk =
    previous === null ? [] : shrunkCategories(previous.header.categoryCounts, report.categories);
  if (shrunk.length > 0) {
    rmSync(candidate, { force: true });
    return {
      feeds,
      kept: true,
      why: `categories shrank by more than half: ${shrunk.join(', ')}`,
      report,
    };
  }
  renameSync(candidate, indexPath);
  return { feeds, kept: false, report };
}

/** Categories with fewer than half their previous entries (a category that vanished included). */
export function shrunkCategories(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
): string[] {
  const shrunk: string[] = [];
  for (const [category, count] of Object.entries(before)) {
    const now = after[category] ?? 0;
    if (count > 0 && now < count / 2) shrunk.push(`${category} ${count} -> ${now}`);
  }
  return shrunk;
}

async function updateFeed(
  source: ListSourceConfig,
  url: string,
  path: string,
): Promise<FeedOutcome> {
  const metaPath = `${path}.meta.json`;
  const meta: FeedMeta | null =
    existsSync(metaPath) && existsSync(path)
      ? (JSON.parse(readFileSync(metaPath, 'utf8')) as FeedMeta)
      : null;
  const headers: Record<string, string> = {};
  if (meta?.etag) headers['if-none-match'] = meta.etag;
  if (meta?.lastModified) headers['if-modified-since'] = meta.lastModified;
  const temporary = `${path}.download`;
  try {
    const response = await fetch(url, {
      headers,
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
    if (response.status === 304) return { name: source.name, outcome: 'not-modified' };
    if (!response.ok || response.body === null) {
      return {
        name: source.name,
        outcome: 'failed',
        detail: `HTTP ${response.status}; kept the previous copy`,
      };
    }
    mkdirSync(dirname(path), { recursive: true });
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream),
      createWriteStream(temporary),
    );
    const problem = await checkDownload(source, temporary);
    if (problem !== null) {
      rmSync(temporary, { force: true });
      return { name: source.name, outcome: 'failed', detail: `${problem}; kept the previous copy` };
    }
    renameSync(temporary, path);
    const next: FeedMeta = {
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
      fetchedAt: new Date().toISOString(),
    };
    writeFileSync(metaPath, `${JSON.stringify(next, null, 2)}\n`);
    return { name: source.name, outcome: 'downloaded' };
  } catch (error) {
    rmSync(temporary, { force: true });
    const cause = (error as Error & { cause?: Error }).cause;
    return {
      name: source.name,
      outcome: 'failed',
      detail: `${(error as Error).message}${cause ? `: ${cause.message}` : ''}; kept the previous copy`,
    };
  }
}

/** Why a downloaded file must not replace the previous copy, or null when it is usable. */
async function checkDownload(source: ListSourceConfig, path: string): Promise<string | null> {
  try {
    if (source.type === 'ut1') {
      const ut1 = await loadUt1(path);
      return ut1.categories.length === 0 ? 'the archive holds no UT1 categories' : null;
    }
    const list = await loadListFile(path, { source: source.name, format: source.format });
    return list.entries.length === 0 ? 'the download holds no usable entries' : null;
  } catch (error) {
    return (error as Error).message;
  }
}
