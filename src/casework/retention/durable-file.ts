import { open, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * File operations that survive a power cut: data is fsynced before it is renamed into place,
 * and the folder is fsynced after, so after a crash a name points at the old content or the
 * new, never at a half-written file.
 *
 * ### Examples
 * ```ts
 * await DurableFile.writeText(manifestPath, json);
 * await DurableFile.sync(tmp); await DurableFile.rename(tmp, final);
 * ```
 */
export const DurableFile = Object.freeze({
  /** Flushes a file's data to disk. */
  async sync(path: string): Promise<void> {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },

  /** Renames `from` over `to` and flushes the folder so the rename itself is on disk. */
  async rename(from: string, to: string): Promise<void> {
    await rename(from, to);
    await DurableFile.sync(dirname(to));
  },

  /** Replaces `path` with `text` atomically: a temporary file, fsync, rename. */
  async writeText(path: string, text: string, tempSuffix: string): Promise<void> {
    const temp = `${path}.${tempSuffix}.tmp`;
    await writeFile(temp, text, { flag: 'w' });
    await DurableFile.sync(temp);
    await DurableFile.rename(temp, path);
  },
});
