import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Ut1Raw } from './ut1-raw.js';

/**
 * Reads an unpacked UT1 tree: `<folder>/blacklists/<category>/<file>` or
 * `<folder>/<category>/<file>`. Category-level symlinks become aliases, not categories.
 *
 * ### Examples
 * ```ts
 * const raw = await readUt1Folder('/var/lib/schoolgate/ut1');
 * ```
 */
export async function readUt1Folder(folder: string): Promise<Ut1Raw> {
  const root = existsSync(join(folder, 'blacklists')) ? join(folder, 'blacklists') : folder;
  const raw: Ut1Raw = { files: new Map(), links: new Map(), problems: [] };
  for (const dirent of await readdir(root, { withFileTypes: true })) {
    const path = join(root, dirent.name);
    if (dirent.isSymbolicLink()) {
      raw.links.set(dirent.name, basename(await readlink(path)));
      continue;
    }
    if (!dirent.isDirectory()) continue;
    const files = new Map<string, Uint8Array>();
    for (const name of await readdir(path)) {
      const filePath = join(path, name);
      const stat = await lstat(filePath);
      if (!stat.isFile()) {
        raw.problems.push(`${dirent.name}/${name} is not a regular file; ignored`);
        continue;
      }
      files.set(name, await readFile(filePath));
    }
    raw.files.set(dirent.name, files);
  }
  return raw;
}
