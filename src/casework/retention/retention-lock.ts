import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { Store } from '../../store/open-store.js';
import { ArchiveLayout } from './archive-layout.js';

/** PostgreSQL advisory lock key for retention ('SGRT'), shared by every node of a trust. */
const ADVISORY_KEY = 0x53475254;

/**
 * Runs `fn` while no other retention run can: two runs at once would write the same day's
 * archive and race each other's deletes. PostgreSQL takes a session advisory lock on a
 * connection held for the run (every gateway node sees it, and it goes when the connection
 * does, so a crash cannot leave it behind). SQLite, which only one machine uses, takes
 * `<archiveDir>/.retention.lock`; a lock left by a process that no longer exists on this
 * machine is taken over. Throws when another run holds the lock.
 *
 * ### Examples
 * ```ts
 * const report = await withRetentionLock(store, archiveDir, () => runSteps());
 * ```
 */
export async function withRetentionLock<T>(
  store: Store,
  archiveDir: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (store.dialect === 'postgres') {
    return store.db.connection().execute(async (conn) => {
      const got = await sql<{ ok: boolean }>`
        select pg_try_advisory_lock(${sql.lit(ADVISORY_KEY)}) as ok`.execute(conn);
      if (got.rows[0]?.ok !== true) {
        throw new Error('another retention run is in progress (PostgreSQL advisory lock held)');
      }
      try {
        return await fn();
      } finally {
        await sql`select pg_advisory_unlock(${sql.lit(ADVISORY_KEY)})`.execute(conn);
      }
    });
  }
  const path = ArchiveLayout.resolve(archiveDir, ArchiveLayout.LOCK);
  mkdirSync(archiveDir, { recursive: true });
  takeLockFile(path);
  try {
    return await fn();
  } finally {
    unlinkSync(path);
  }
}

function takeLockFile(path: string): void {
  const mine = JSON.stringify({ pid: process.pid, host: hostname() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, mine, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: { pid?: number; host?: string } = {};
    try {
      holder = JSON.parse(readFileSync(path, 'utf8')) as typeof holder;
    } catch {
      // Unreadable: written by a run that crashed mid-write. Treated as stale below.
    }
    const stale = holder.host === undefined || (holder.host === hostname() && !alive(holder.pid));
    if (!stale) {
      throw new Error(
        `another retention run is in progress (process ${holder.pid} on ${holder.host}; lock ${path})`,
      );
    }
    unlinkSync(path);
  }
  throw new Error(`could not take the retention lock ${path}`);
}

function alive(pid: number | undefined): boolean {
  if (typeof pid !== 'number') return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
