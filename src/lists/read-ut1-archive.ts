import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import type { Ut1Raw } from './ut1-raw.js';

/** Files inside a category folder that the importer reads; the rest (README ...) is skipped. */
const WANTED = /^(?:domains|urls|usage|expressions|.*_expression)$/;

/**
 * Streams a UT1 `blacklists.tar.gz` (or plain tar) through the `tar` package's parser,
 * keeping the category files in memory and never writing to disk, while hashing the
 * archive's bytes. Rejects with a message naming the archive when it is corrupt or
 * truncated.
 *
 * ### Examples
 * ```ts
 * const { raw, sha256, bytes } = await readUt1Archive('blacklists.tar.gz', (done, total) => {});
 * ```
 */
export async function readUt1Archive(
  path: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ raw: Ut1Raw; sha256: string; bytes: number }> {
  const total = (await stat(path)).size;
  const raw: Ut1Raw = { files: new Map(), links: new Map(), problems: [] };
  const byParent = new Map<string, Map<string, Map<string, Uint8Array>>>();
  const linksByParent = new Map<string, Map<string, string>>();
  const hash = createHash('sha256');
  let done = 0;

  await new Promise<void>((resolvePromise, reject) => {
    const fail = (error: unknown): void => {
      input.destroy();
      reject(
        new Error(
          `${path}: not a readable tar archive (${(error as Error)?.message ?? String(error)})`,
          { cause: error },
        ),
      );
    };
    const parser = new Parser({ strict: true });
    parser.on('entry', (entry: ReadEntry) => {
      const parts = entry.path
        .replace(/\/+$/, '')
        .split('/')
        .filter((p) => p !== '' && p !== '.');
      if (entry.type === 'SymbolicLink' && parts.length >= 1) {
        const parent = parts.slice(0, -1).join('/');
        const links = linksByParent.get(parent) ?? new Map<string, string>();
        links.set(parts[parts.length - 1]!, basename(entry.linkpath ?? ''));
        linksByParent.set(parent, links);
      }
      const name = parts[parts.length - 1] ?? '';
      if (entry.type !== 'File' || parts.length < 2 || !WANTED.test(name)) {
        entry.resume();
        return;
      }
      const category = parts[parts.length - 2]!;
      const parent = parts.slice(0, -2).join('/');
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => {
        const categories = byParent.get(parent) ?? new Map<string, Map<string, Uint8Array>>();
        const files = categories.get(category) ?? new Map<string, Uint8Array>();
        files.set(name, Buffer.concat(chunks));
        categories.set(category, files);
        byParent.set(parent, categories);
      });
    });
    parser.on('error', fail);
    parser.on('close', () => resolvePromise());
    const input = createReadStream(path);
    input.on('error', fail);
    input.on('data', (chunk) => {
      hash.update(chunk);
      done += chunk.length;
      onProgress?.(done, total);
      parser.write(chunk as Buffer);
    });
    input.on('end', () => parser.end());
  });

  // The category root is the folder holding the most category folders (`blacklists/`).
  let root = '';
  let best = -1;
  for (const [parent, categories] of byParent) {
    if (categories.size > best) {
      best = categories.size;
      root = parent;
    }
  }
  for (const [category, files] of byParent.get(root) ?? []) raw.files.set(category, files);
  for (const [alias, target] of linksByParent.get(root) ?? []) raw.links.set(alias, target);
  return { raw, sha256: hash.digest('hex'), bytes: total };
}
