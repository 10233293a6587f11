import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type LoadedConfig, resolveConfigPath } from '../../config/load-config.js';
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
      /** The index file's modification time (epoch ms): when the gateway last installed it. */
      readonly fileMs: number;
    }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly problem: string };

/** The engine's data for the console, read lazily and again only when its files change. */
export interface ListsEngine {
  /** The index file this reads (`<dataDir>/<lists.index>`). */
  readonly indexPath: string;
  /** The current lists: cached while the index file's mtime and size stay the same. */
  current(): Promise<ListsState>;
  /**
   * The phrase lists (the config's and, with the monitor on, the safeguarding ones), cached
   * while their files' mtimes stay the same. Compiling them takes about a second, so a page
   * may start this early, without waiting, for the first test to be quick.
   */
  phrases(): Promise<PhraseMatcher | null>;
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
 * lists' counts, once per console process and on first use (a console nobody opens the
 * Lists page on pays nothing). Each call `stat`s the files: when the gateway (or `schoolgate
 * lists compile|update`) installs a new index, or a phrase list is edited, the next call
 * reads it again. The console never compiles lists itself: it shows what the gateway
 * filters with.
 *
 * ### Examples
 * ```ts
 * const engine = createListsEngine({ loaded, indexPath, log });
 * const state = await engine.current();
 * if (state.kind === 'ready') state.index.header.categoryCounts.games; // 33741
 * const phrases = await engine.phrases(); // for decide()'s context
 * ```
 */
export function createListsEngine(options: ListsEngineOptions): ListsEngine {
  const { loaded, indexPath } = options;
  const phraseFiles = loaded.config.phrases.sources.map((s) => resolveConfigPath(loaded, s.path));
  let index: { readonly stamp: string; readonly state: Promise<ListsState> } | null = null;
  let phrases: { readonly stamp: string; readonly matcher: Promise<PhraseMatcher | null> } | null =
    null;

  async function loadIndex(mtimeMs: number): Promise<ListsState> {
    try {
      return {
        kind: 'ready',
        index: loadCategoryIndex(await readFile(indexPath)),
        fileMs: mtimeMs,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      const problem = EngineError.is(error) ? error.message : String(error);
      options.log(`console: the lists index ${indexPath} could not be read: ${problem}`);
      return { kind: 'unreadable', problem };
    }
  }

  return {
    indexPath,
    current() {
      let stat: { mtimeMs: number; size: number };
      try {
        stat = statSync(indexPath);
      } catch {
        index = null;
        return Promise.resolve({ kind: 'missing' });
      }
      const stamp = `${stat.mtimeMs}:${stat.size}`;
      if (index === null || index.stamp !== stamp) {
        index = { stamp, state: loadIndex(stat.mtimeMs) };
      }
      return index.state;
    },
    phrases() {
      const stamp = phraseFiles.map(mtimeOf).join(',');
      if (phrases === null || phrases.stamp !== stamp) {
        // The gateway reports the phrase lists' problems when it loads the same files.
        const quiet = () => {};
        const matcher = loadPhraseLists(
          loaded,
          quiet,
          safeguardingRules(loaded.config.monitor, quiet),
        );
        const entry = { stamp, matcher };
        phrases = entry;
        // A load that failed is tried again on the next call rather than kept.
        matcher.catch(() => {
          if (phrases === entry) phrases = null;
        });
      }
      return phrases.matcher;
    },
  };
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}
