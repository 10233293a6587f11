import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { LoadedConfig } from '../../config/load-config.js';
import { EngineError } from '../../engine/engine-error.js';
import type { CategoryIndex } from '../../engine/index/category-index.js';
import { loadCategoryIndex } from '../../engine/index/load-category-index.js';
import type { PhraseMatcher } from '../../engine/phrases/phrase-matcher.js';
import { loadPhraseLists } from '../../lists/load-phrase-lists.js';
import { safeguardingRules } from '../../monitor/load-safeguarding-matcher.js';

/** The compiled lists as the console last read them, or why they could not be read. */
export type ListsState =
  | {
      readonly kind: 'ready';
      readonly index: CategoryIndex;
      /** The phrase lists (the config's and, with the monitor on, the safeguarding ones). */
      readonly phrases: PhraseMatcher | null;
      /** The index file's modification time (epoch ms): when the gateway last installed it. */
      readonly fileMs: number;
    }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly problem: string };

/** The engine's data for the console, read lazily and again only when the index changes. */
export interface ListsEngine {
  /** The index file this reads (`<dataDir>/<lists.index>`). */
  readonly indexPath: string;
  /** The current lists: cached while the index file's mtime and size stay the same. */
  current(): Promise<ListsState>;
}

export interface ListsEngineOptions {
  readonly loaded: LoadedConfig;
  /** The compiled index the gateway uses, resolved. */
  readonly indexPath: string;
  /** For an index that cannot be read (the gateway's log). */
  readonly log: (message: string) => void;
}

/**
 * Opens the compiled index and the phrase lists for the console's "test a URL" and the
 * lists' counts, once per console process and on first use (a console that nobody opens
 * the Lists page on costs nothing). Each call checks the index file's mtime and size, one
 * `stat`; when the gateway (or `schoolgate lists compile|update`) installs a new index, the
 * next call reads it and the phrase lists again. The console never compiles lists itself:
 * it shows what the gateway filters with.
 *
 * ### Examples
 * ```ts
 * const engine = createListsEngine({ loaded, indexPath, log });
 * const state = await engine.current();
 * if (state.kind === 'ready') state.index.header.categoryCounts.games; // 33741
 * ```
 */
export function createListsEngine(options: ListsEngineOptions): ListsEngine {
  let cached: {
    readonly mtimeMs: number;
    readonly size: number;
    state: Promise<ListsState>;
  } | null = null;

  async function load(mtimeMs: number): Promise<ListsState> {
    try {
      const index = loadCategoryIndex(await readFile(options.indexPath));
      const { config } = options.loaded;
      // The gateway reports the phrase lists' problems when it loads the same files: quiet here.
      const quiet = () => {};
      const phrases = await loadPhraseLists(
        options.loaded,
        quiet,
        safeguardingRules(config.monitor, quiet),
      );
      return { kind: 'ready', index, phrases, fileMs: mtimeMs };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      const problem = EngineError.is(error) ? error.message : String(error);
      options.log(`console: the lists index ${options.indexPath} could not be read: ${problem}`);
      return { kind: 'unreadable', problem };
    }
  }

  return {
    indexPath: options.indexPath,
    current() {
      let stat: { mtimeMs: number; size: number };
      try {
        stat = statSync(options.indexPath);
      } catch {
        cached = null;
        return Promise.resolve({ kind: 'missing' });
      }
      if (cached === null || cached.mtimeMs !== stat.mtimeMs || cached.size !== stat.size) {
        cached = { mtimeMs: stat.mtimeMs, size: stat.size, state: load(stat.mtimeMs) };
      }
      return cached.state;
    },
  };
}
