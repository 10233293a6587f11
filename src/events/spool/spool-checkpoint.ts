import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SegmentName } from './segment-name.js';
import { SPOOL_FORMAT } from './spool-format.js';
import type { SpoolPosition } from './spool-position.js';
import { syncDir } from './sync-dir.js';

const FILE = 'checkpoint.json';
const TEMP = 'checkpoint.json.tmp';
const FORMAT = 'schoolgate-spool-checkpoint';

/**
 * The spool's commit point on disk: `checkpoint.json`, one line of JSON
 * `{"format":"schoolgate-spool-checkpoint","version":1,"segment":3,"offset":1234}` naming
 * the position up to which every event is in the database. It is replaced atomically
 * (write a temp file, fsync it, rename it over, fsync the folder), so after a crash it is
 * either the old commit or the new one, never a mix.
 */
export const SpoolCheckpoint = Object.freeze({
  /** The file's name inside the spool folder. */
  FILE,

  /**
   * The committed position in `dir`: `position: null` when there is none yet, and a
   * `problem` when the file exists but cannot be used (the spool then reads from its first
   * segment: events are read again, which the database's unique ids make harmless).
   *
   * ### Examples
   * ```ts
   * const { position, problem } = await SpoolCheckpoint.read(dir);
   * ```
   */
  async read(dir: string): Promise<{ position: SpoolPosition | null; problem: string | null }> {
    let text: string;
    try {
      text = await readFile(join(dir, FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { position: null, problem: null };
      throw error;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { position: null, problem: `${FILE} is not JSON` };
    }
    const { format, version, segment, offset } = (value ?? {}) as Record<string, unknown>;
    if (format !== FORMAT || version !== 1) {
      return { position: null, problem: `${FILE} is not a version 1 spool checkpoint` };
    }
    if (
      !Number.isInteger(segment) ||
      (segment as number) < 1 ||
      (segment as number) > SegmentName.MAX ||
      !Number.isInteger(offset) ||
      (offset as number) < SPOOL_FORMAT.headerBytes
    ) {
      return { position: null, problem: `${FILE} names an impossible position` };
    }
    return { position: { segment: segment as number, offset: offset as number }, problem: null };
  },

  /**
   * Durably replaces the commit point in `dir` with `position`.
   *
   * ### Examples
   * ```ts
   * await SpoolCheckpoint.write(dir, batch.end);
   * ```
   */
  async write(dir: string, position: SpoolPosition): Promise<void> {
    const temp = join(dir, TEMP);
    const line = `${JSON.stringify({ format: FORMAT, version: 1, segment: position.segment, offset: position.offset })}\n`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(line, 'utf8');
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, FILE));
    await syncDir(dir);
  },

  /** Removes a temp file left by a crash during `write`. */
  async removeTemp(dir: string): Promise<void> {
    await unlink(join(dir, TEMP)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  },
});
