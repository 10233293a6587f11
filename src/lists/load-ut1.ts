import { stat } from 'node:fs/promises';
import { parseList } from '../engine/lists/parse-list.js';
import type { ParseListResult } from '../engine/lists/parse-list-result.js';
import { decodeListBytes } from './decode-list-bytes.js';
import { readUt1Archive } from './read-ut1-archive.js';
import { readUt1Folder } from './read-ut1-folder.js';
import type { Ut1Category } from './ut1-category.js';
import type { Ut1Import } from './ut1-import.js';
import type { Ut1Raw } from './ut1-raw.js';

/**
 * Imports UT1's categorised blacklists from the published `blacklists.tar.gz` (streamed,
 * never extracted to disk) or from an unpacked folder. Each real category yields its
 * `domains` and `urls` lists (sources `ut1/<category>/domains`, `ut1/<category>/urls`);
 * symlinked aliases (`porn -> adult` ...) are returned as aliases and never parsed twice;
 * `expressions` regexes are counted as unsupported. Rejects with a clear message, naming
 * the path, for a missing, corrupt or truncated archive and for one that is not UT1's.
 *
 * ### Examples
 * ```ts
 * const ut1 = await loadUt1('blacklists.tar.gz', { onProgress: (done, total) => bar.update(done / total) });
 * const gambling = ut1.categories.find((c) => c.name === 'gambling');
 * ```
 */
export async function loadUt1(
  pathToTarGzOrFolder: string,
  options?: { onProgress?(done: number, total: number): void },
): Promise<Ut1Import> {
  const path = pathToTarGzOrFolder;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw new Error(`${path}: cannot read UT1 blacklists (${(error as Error).message})`, {
      cause: error,
    });
  }
  let raw: Ut1Raw;
  let sha256: string | null = null;
  let bytes = 0;
  if (info.isDirectory()) {
    raw = await readUt1Folder(path);
  } else {
    const read = await readUt1Archive(path, options?.onProgress);
    raw = read.raw;
    sha256 = read.sha256;
    bytes = read.bytes;
  }
  const hasLists = [...raw.files.values()].some(
    (files) => files.has('domains') || files.has('urls'),
  );
  if (!hasLists) {
    throw new Error(
      `${path}: not a UT1 blacklist collection (no <category>/domains or <category>/urls files found)`,
    );
  }
  const problems = [...raw.problems];
  const aliases: Record<string, string> = {};
  const aliasesOf = new Map<string, string[]>();
  for (const [alias, target] of [...raw.links].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!raw.files.has(target)) {
      problems.push(`alias ${alias} points to missing category ${target}; ignored`);
      continue;
    }
    aliases[alias] = target;
    aliasesOf.set(target, [...(aliasesOf.get(target) ?? []), alias]);
  }
  const names = [...raw.files.keys()].sort();
  const categories: Ut1Category[] = [];
  let unsupportedExpressions = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const files = raw.files.get(name)!;
    let expressions = 0;
    for (const [file, content] of files) {
      if (file === 'expressions' || file.endsWith('_expression')) {
        expressions += countMeaningfulLines(
          (await decodeListBytes(content, `${path}:${name}/${file}`)).text,
        );
      }
    }
    unsupportedExpressions += expressions;
    categories.push({
      name,
      domains: await parseFile(files.get('domains'), `ut1/${name}/domains`, 'domains', path),
      urls: await parseFile(files.get('urls'), `ut1/${name}/urls`, 'urls', path),
      expressions,
      aliases: aliasesOf.get(name) ?? [],
    });
    if (info.isDirectory()) options?.onProgress?.(i + 1, names.length);
  }
  return {
    kind: 'Ut1Import',
    path,
    sha256,
    bytes,
    categories,
    aliases,
    unsupportedExpressions,
    problems,
  };
}

async function parseFile(
  content: Uint8Array | undefined,
  source: string,
  format: 'domains' | 'urls',
  archive: string,
): Promise<ParseListResult | null> {
  if (content === undefined) return null;
  const { text } = await decodeListBytes(content, `${archive}:${source}`);
  return parseList(text, { source, format });
}

function countMeaningfulLines(text: string): number {
  let count = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) count++;
  }
  return count;
}
