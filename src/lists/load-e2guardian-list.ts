import { dirname, resolve } from 'node:path';
import type { ListEntry, RejectedLine } from '../engine/lists/list-entry.js';
import type { ListInclude } from '../engine/lists/list-include.js';
import type { E2guardianList } from './e2guardian-list.js';
import { loadListFile } from './load-list-file.js';
import type { LoadedList } from './loaded-list.js';

/** e2guardian itself nests a few levels at most; deeper means a mistake. */
const MAX_INCLUDE_DEPTH = 8;

/**
 * Loads an e2guardian site or URL list and the files its `.Include<path>` lines name,
 * merging all entries (deduplicated) into one list. Relative include paths are resolved
 * against the including file's folder; absolute ones are used as they are. An include
 * cycle, a depth beyond 8 or a missing include file is recorded as a rejected line on the
 * `.Include` line, not thrown. The top file itself must be readable.
 *
 * ### Examples
 * ```ts
 * const list = await loadE2guardianList('/etc/e2guardian/lists/bannedsitelist', {
 *   source: 'e2guardian/bannedsitelist',
 *   format: 'e2guardian-sites',
 * });
 * ```
 */
export async function loadE2guardianList(
  path: string,
  options: { readonly source: string; readonly format: 'e2guardian-sites' | 'e2guardian-urls' },
): Promise<E2guardianList> {
  const top = await loadListFile(path, options);
  const entries: ListEntry[] = [];
  const rejected: RejectedLine[] = [];
  const files: { path: string; sha256: string; bytes: number }[] = [];
  const seen = new Set<string>();
  let skipped = 0;

  const merge = (list: LoadedList): void => {
    files.push({ path: list.path, sha256: list.sha256, bytes: list.bytes });
    rejected.push(...list.rejected);
    skipped += list.skipped;
    for (const entry of list.entries) {
      const key = entry.kind === 'url' ? entry.host + entry.path : entry.host;
      if (seen.has(key)) skipped++;
      else {
        seen.add(key);
        entries.push(entry);
      }
    }
  };

  const visit = async (list: LoadedList, chain: readonly string[]): Promise<void> => {
    merge(list);
    for (const include of list.includes) {
      const target = resolve(dirname(list.path), include.path);
      const problem = includeProblem(target, chain);
      if (problem !== null) {
        rejected.push(rejectInclude(include, problem));
        continue;
      }
      let child: LoadedList;
      try {
        child = await loadListFile(target, {
          source: `${options.source}:${include.path}`,
          format: options.format,
        });
      } catch (error) {
        rejected.push(
          rejectInclude(include, `included file cannot be read (${(error as Error).message})`),
        );
        continue;
      }
      await visit(child, [...chain, target]);
    }
  };

  await visit(top, [resolve(path)]);
  return { ...top, entries, rejected, skipped, includes: [], files };
}

function includeProblem(target: string, chain: readonly string[]): string | null {
  if (chain.includes(target)) return 'include cycle: this file is already being read';
  if (chain.length > MAX_INCLUDE_DEPTH)
    return `includes nested deeper than ${MAX_INCLUDE_DEPTH} levels`;
  return null;
}

function rejectInclude(include: ListInclude, problem: string): RejectedLine {
  return { source: include.source, line: include.line, text: `.Include<${include.path}>`, problem };
}
