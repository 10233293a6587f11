import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ListFormat } from '../engine/lists/list-entry.js';
import { parseList } from '../engine/lists/parse-list.js';
import { decodeListBytes } from './decode-list-bytes.js';
import type { LoadedList } from './loaded-list.js';

/**
 * Reads one list file (plain or gzip, UTF-8 or windows-1252) and parses it. Per-line
 * problems are in the result's `rejected`; only an unreadable or corrupt file rejects the
 * promise, with the path in the message.
 *
 * ### Examples
 * ```ts
 * const list = await loadListFile('lists/gambling-hosts.gz', { source: 'sinfonietta/gambling', format: 'hosts' });
 * list.entries.length; list.rejected.length; list.sha256; // what was read, refused, and from which bytes
 * ```
 */
export async function loadListFile(
  path: string,
  options: { readonly source: string; readonly format: ListFormat },
): Promise<LoadedList> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`${path}: cannot read list file (${(error as Error).message})`, {
      cause: error,
    });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { text, encoding, gzipped } = await decodeListBytes(bytes, path);
  const parsed = parseList(text, options);
  return { ...parsed, path, sha256, bytes: bytes.length, encoding, gzipped };
}
