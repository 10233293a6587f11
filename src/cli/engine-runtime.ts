import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { policyDefinitionOf } from '../config/config-schema.js';
import { type LoadedConfig, loadConfig, resolveConfigPath } from '../config/load-config.js';
import type { DecisionContext } from '../engine/decision/decide.js';
import { EngineError } from '../engine/engine-error.js';
import type { CategoryIndex } from '../engine/index/category-index.js';
import { loadCategoryIndex } from '../engine/index/load-category-index.js';
import type { PhraseMatcher } from '../engine/phrases/phrase-matcher.js';
import { compilePolicy } from '../engine/policy/compile-policy.js';
import type { PolicyDefinition } from '../engine/policy/policy-definition.js';
import { buildIndexFromFiles, compileIndexFile } from '../lists/compile-sources.js';
import { loadPhraseLists } from '../lists/load-phrase-lists.js';
import { safeguardingRules } from '../monitor/load-safeguarding-matcher.js';
import { createProgressBar } from './progress-bar.js';

/** Everything needed to decide requests, loaded from a config or from ad-hoc lists. */
export interface EngineRuntime {
  readonly context: Omit<DecisionContext, 'now'>;
  /** The phrase matcher (also in `context`), with streaming for page text; null: no lists. */
  readonly phrases: PhraseMatcher | null;
  readonly index: CategoryIndex;
  readonly indexPath: string | null;
  readonly loaded: LoadedConfig | null;
  /** One line saying where the rules came from, for people. */
  readonly summary: string;
}

export interface RuntimeOptions {
  /** Config file; absent = the built-in starter config. */
  readonly config?: string;
  /** Ad-hoc `category=path` lists (then no config is used). */
  readonly lists?: readonly string[];
  /** Categories the ad-hoc group blocks. */
  readonly block?: readonly string[];
  /** Messages for people (progress, rebuilds) go here; decisions never do. */
  readonly log?: (message: string) => void;
  /**
   * Reads the compiled index file into bytes the engine opens in place; default
   * `readFileSync`. A cluster worker maps the file read-only so all workers share one copy.
   */
  readonly indexBytes?: (path: string) => Uint8Array;
}

/**
 * Loads the engine for the CLI: the config's compiled index (compiling it first when it is
 * missing, damaged, of an old format or older than a list file), its policy and phrase lists;
 * or, with `lists`, an in-memory index and one ad-hoc group.
 */
export async function loadRuntime(options: RuntimeOptions): Promise<EngineRuntime> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  if ((options.lists?.length ?? 0) > 0 || (options.block?.length ?? 0) > 0) {
    if (options.config !== undefined) throw new Error('use --config or --list/--block, not both');
    return loadAdHocRuntime(options.lists ?? [], options.block ?? []);
  }
  const loaded = loadConfig(options.config);
  const { config } = loaded;
  const indexPath = resolve(resolveConfigPath(loaded, config.dataDir), config.lists.index);
  const index = await loadOrCompileIndex(
    loaded,
    indexPath,
    log,
    options.indexBytes ?? ((path) => readFileSync(path)),
  );
  const policy = compilePolicy(policyDefinitionOf(config));
  const phrases = await loadPhraseLists(loaded, log, safeguardingRules(config.monitor, log));
  return {
    context: { index, policy, phrases, youtube: config.safeSearch.youtube },
    phrases,
    index,
    indexPath,
    loaded,
    summary: `config ${loaded.file}; index ${indexPath} (${index.header.entryCount.toLocaleString('en-GB')} entries, built ${new Date(index.header.builtAt).toISOString()})`,
  };
}

async function loadOrCompileIndex(
  loaded: LoadedConfig,
  indexPath: string,
  log: (message: string) => void,
  read: (path: string) => Uint8Array,
): Promise<CategoryIndex> {
  const stale = indexStaleness(loaded, indexPath);
  if (stale === null) {
    try {
      return loadCategoryIndex(read(indexPath));
    } catch (error) {
      if (!EngineError.is(error)) throw error;
      log(`index ${indexPath}: ${error.message}; rebuilding from the lists`);
    }
  } else {
    log(`index ${indexPath}: ${stale}; compiling the lists`);
  }
  const bar = createProgressBar('compiling lists');
  const result = await compileIndexFile(loaded, indexPath, { onProgress: bar.update, log });
  bar.finish(`${result.entries.toLocaleString('en-GB')} entries`);
  return loadCategoryIndex(read(indexPath));
}

/** Why the index must be rebuilt, or null when it is up to date. */
function indexStaleness(loaded: LoadedConfig, indexPath: string): string | null {
  if (!existsSync(indexPath)) return 'not built yet';
  const builtAt = statSync(indexPath).mtimeMs;
  if (loaded.file !== 'builtin:starter' && statSync(loaded.file).mtimeMs > builtAt) {
    return 'the config changed since it was built';
  }
  for (const source of loaded.config.lists.sources) {
    if (source.path === undefined) continue;
    const path = resolveConfigPath(loaded, source.path);
    if (existsSync(path) && statSync(path).mtimeMs > builtAt)
      return `${source.name} changed since it was built`;
  }
  return null;
}

async function loadAdHocRuntime(
  lists: readonly string[],
  block: readonly string[],
): Promise<EngineRuntime> {
  const files = lists.map((spec) => {
    const at = spec.indexOf('=');
    if (at <= 0 || at === spec.length - 1)
      throw new Error(`--list takes category=path, not '${spec}'`);
    return { category: spec.slice(0, at), path: spec.slice(at + 1) };
  });
  const bytes = await buildIndexFromFiles(files, Date.now());
  const index = loadCategoryIndex(bytes);
  const blocked = block
    .flatMap((item) => item.split(','))
    .map((c) => c.trim())
    .filter(Boolean);
  const definition: PolicyDefinition = {
    timezone: 'Europe/London',
    defaultGroup: 'adhoc',
    terms: [],
    schedules: {},
    groups: [
      {
        id: 'adhoc',
        label: 'Ad-hoc group from the command line',
        categories: Object.fromEntries(blocked.map((c) => [c, 'block' as const])),
        uncategorised: 'allow',
        ipLiterals: 'allow',
        phraseLimit: null,
        safeSearch: true,
      },
    ],
    exceptions: [],
    mandatoryCategories: [],
  };
  const policy = compilePolicy(definition);
  return {
    context: { index, policy, phrases: null, youtube: 'strict' },
    phrases: null,
    index,
    indexPath: null,
    loaded: null,
    summary: `ad-hoc lists ${files.map((f) => `${f.category}=${f.path}`).join(', ')}; blocking ${blocked.join(', ') || 'nothing'}`,
  };
}
