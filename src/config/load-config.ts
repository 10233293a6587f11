import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { configSchema, type SchoolgateConfig } from './config-schema.js';

/** One problem in a config file, located as a person would look for it. */
export interface ConfigProblem {
  /** Dotted key path, e.g. `policy.groups[1].categories.gamez`. */
  readonly key: string;
  /** 1-based line and column in the file, when the key (or its parent) is in it. */
  readonly line: number | null;
  readonly column: number | null;
  readonly message: string;
}

/** Thrown when a config cannot be used; `problems` lists every issue found, not just the first. */
export class ConfigError extends Error {
  readonly code = 'SG_ERR_CONFIG_INVALID';
  readonly problems: readonly ConfigProblem[];
  readonly file: string;

  constructor(file: string, problems: readonly ConfigProblem[]) {
    const lines = problems.map(
      (p) =>
        `  ${file}${p.line === null ? '' : `:${p.line}:${p.column}`}  ${p.key || '(top level)'}: ${p.message}`,
    );
    super(`configuration ${file} is invalid:\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.file = file;
    this.problems = problems;
  }
}

/** A validated configuration and where its relative paths are resolved from. */
export interface LoadedConfig {
  readonly config: SchoolgateConfig;
  /** The file it came from, or `builtin:starter`. */
  readonly file: string;
  /** Folder relative paths in the config are resolved against. */
  readonly baseDir: string;
}

/** Folder of the built-in starter config and lists shipped in the repo. */
export const STARTER_DIR = join(dirname(fileURLToPath(import.meta.url)), 'starter');
export const BUILTIN_CONFIG = 'builtin:starter';

/**
 * Reads and validates a config file, or the built-in starter config when `file` is absent.
 * Throws `ConfigError` listing every problem with its key and line.
 *
 * ### Examples
 * ```ts
 * const { config } = loadConfig('/etc/schoolgate/schoolgate.yaml');
 * const starter = loadConfig(); // embedded defaults
 * ```
 */
export function loadConfig(file?: string): LoadedConfig {
  if (file === undefined || file === BUILTIN_CONFIG) {
    const text = readFileSync(join(STARTER_DIR, 'schoolgate.yaml'), 'utf8');
    return {
      config: parseConfig(text, BUILTIN_CONFIG),
      file: BUILTIN_CONFIG,
      baseDir: process.cwd(),
    };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'file not found'
        : (error as Error).message;
    throw new ConfigError(file, [{ key: '', line: null, column: null, message: reason }]);
  }
  return { config: parseConfig(text, file), file, baseDir: dirname(resolve(file)) };
}

/**
 * Parses and validates config text. `file` only names the source in errors.
 */
export function parseConfig(text: string, file: string): SchoolgateConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((error) => {
        const at = lineCounter.linePos(error.pos[0]);
        return {
          key: '',
          line: at.line,
          column: at.col,
          message: `YAML: ${error.message.split('\n')[0]}`,
        };
      }),
    );
  }
  const result = configSchema.safeParse(document.toJS() ?? {});
  if (result.success) return result.data;
  throw new ConfigError(
    file,
    result.error.issues.map((issue) => {
      const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
      // An unknown key is best shown on its own line, not its parent's.
      if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0]!);
      const node = nearestNode(document.contents, path);
      const at = node?.range ? lineCounter.linePos(node.range[0]) : null;
      return {
        key: formatKey(path),
        line: at?.line ?? null,
        column: at?.col ?? null,
        message: issue.message,
      };
    }),
  );
}

/** The node at `path`, or the deepest ancestor present (a missing key is reported at its parent). */
function nearestNode(root: unknown, path: readonly (string | number)[]): Node | null {
  let node = root as Node | null;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown })?.value === part);
      if (pair === undefined) return node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part] as Node | undefined;
      if (item === undefined) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

function formatKey(path: readonly (string | number)[]): string {
  let key = '';
  for (const part of path)
    key += typeof part === 'number' ? `[${part}]` : key === '' ? part : `.${part}`;
  return key;
}

/**
 * Resolves a path written in the config: `builtin:lists/games.txt` is a file shipped with
 * Schoolgate; relative paths are relative to the config file's folder.
 */
export function resolveConfigPath(loaded: LoadedConfig, path: string): string {
  if (path.startsWith('builtin:')) return join(STARTER_DIR, path.slice('builtin:'.length));
  return isAbsolute(path) ? path : resolve(loaded.baseDir, path);
}
