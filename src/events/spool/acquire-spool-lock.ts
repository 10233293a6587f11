import { link, open, readFile, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const LOCK = 'spool.lock';

/** Folders whose lock this process holds: a pid alone cannot tell "me now" from "me before a restart". */
const held = new Set<string>();

/**
 * Takes `dir/spool.lock` for this process, so two processes never append to (or delete)
 * the same segments. The file holds the owner's pid. A lock whose pid is not running, or
 * is this process's own pid without this process having taken it (a container restarted
 * under the same pid), is stale and taken over. Resolves to the function that releases it.
 *
 * Limits: a stale lock whose pid now belongs to an unrelated live process is refused (the
 * message says which pid; remove the file once sure); two processes taking over the same
 * stale lock at the same instant could both succeed. Node offers no `flock`, and neither
 * case arises when one service manager starts one gateway per spool folder.
 *
 * ### Examples
 * ```ts
 * const release = await acquireSpoolLock('/var/spool/schoolgate');
 * try { ... } finally { await release(); }
 * ```
 */
export async function acquireSpoolLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK);
  const key = resolve(path);
  if (held.has(key)) {
    throw new Error(
      `spool: ${dir} is already open in this process (${LOCK}); close that spool first`,
    );
  }
  const mine = `${process.pid}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await create(path, mine)) {
      held.add(key);
      return () => release(path, key, mine);
    }
    const owner = await readOwner(path);
    if (owner !== null && owner !== process.pid && isRunning(owner)) {
      throw new Error(
        `spool: ${dir} is in use by process ${owner} (${LOCK}); one process per spool folder. ` +
          `If that process is not a Schoolgate gateway, remove ${path}.`,
      );
    }
    await unlink(path).catch(ignoreMissing); // stale: the owner died; take it over
  }
  throw new Error(`spool: could not take ${path}: it keeps being re-created`);
}

/**
 * Creates the lock file with `content` unless it exists. Linking a finished temp file into
 * place means the lock never exists without its pid, so a reader never mistakes a lock
 * being written for a stale one.
 */
async function create(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.tmp`;
  await unlink(temp).catch(ignoreMissing);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(ignoreMissing);
  }
}

async function readOwner(path: string): Promise<number | null> {
  try {
    const pid = Number.parseInt(await readFile(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user, which still makes the lock live.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function release(path: string, key: string, mine: string): Promise<void> {
  if (!held.delete(key)) return;
  try {
    if ((await readFile(path, 'utf8')) === mine) await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
