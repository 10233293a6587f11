import { open } from 'node:fs/promises';

/** Errors from platforms and file systems where a folder cannot be opened or fsynced. */
const UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP']);

/**
 * Fsyncs the folder `dir`, so that files created, renamed or removed in it survive a power
 * cut: fsyncing a file makes its bytes durable, not its name. Where the platform cannot
 * (Windows opens no folders), it does nothing: there the rename itself is the best on offer.
 *
 * ### Examples
 * ```ts
 * await rename(temp, final);
 * await syncDir(dirname(final));
 * ```
 */
export async function syncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    if (UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}
