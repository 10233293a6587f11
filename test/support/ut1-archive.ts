/** Builds small archives in UT1's own layout (`blacklists/<category>/<file>`, alias symlinks). */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'tar';

/**
 * Writes `files` (`'gambling/domains': 'text'`) and `aliases` (`porn: 'adult'`) under
 * `<dir>/tree/blacklists`, packs them into `<dir>/<name>`, and returns both paths.
 */
export async function writeUt1Archive(
  dir: string,
  files: Readonly<Record<string, string>>,
  aliases: Readonly<Record<string, string>> = {},
  name = 'blacklists.tar.gz',
): Promise<{ archive: string; tree: string }> {
  const tree = join(dir, 'tree');
  const root = join(tree, 'blacklists');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  for (const [alias, target] of Object.entries(aliases)) symlinkSync(target, join(root, alias));
  const archive = join(dir, name);
  await create({ gzip: true, file: archive, cwd: tree, portable: true }, ['blacklists']);
  return { archive, tree };
}
