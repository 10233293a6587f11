import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CA_CERT_FILE, CA_KEY_FILE, loadOrCreateSchoolCa, type SchoolCa } from './school-ca.js';

// NOTE: keep in sync with the file names in school-ca.ts.
const FILES = [CA_CERT_FILE, CA_KEY_FILE] as const;

/** A running watch; `close` stops it. */
export interface SchoolCaWatch {
  close(): void;
}

/**
 * Polls the school CA's two files with a cheap `stat` every `intervalMs` and, when either
 * changed (the console renewed the CA, or IT put a previous one back), loads the pair and
 * hands it to `onChange`, so the gateway signs new leaves with it without a restart.
 *
 * It never creates a CA: a poll that finds a file missing does nothing. A pair that does
 * not load (for a moment, between the renewal's two renames, key and certificate do not
 * match) is tried again on the next poll, and logged only when it stays broken, while
 * the gateway goes on with the CA it has.
 *
 * ### Examples
 * ```ts
 * const watch = watchSchoolCa({ dir: 'data/ca', schoolName, intervalMs: 2000, log,
 *   onChange: (ca) => { current = ca; } });
 * watch.close();
 * ```
 */
export function watchSchoolCa(options: {
  /** The CA folder (`<dataDir>/ca`). */
  readonly dir: string;
  readonly schoolName: string;
  readonly intervalMs: number;
  readonly log: (message: string) => void;
  readonly onChange: (ca: SchoolCa) => void;
}): SchoolCaWatch {
  let seen: string | null = null;
  let failed: string | null = null;
  let busy = false;
  const poll = async () => {
    const signature = await signatureOf(options.dir);
    if (signature === null || signature === seen) return;
    if (seen === null) {
      // The first poll learns the files the gateway loaded at start.
      seen = signature;
      return;
    }
    try {
      const ca = await loadOrCreateSchoolCa({
        dir: options.dir,
        schoolName: options.schoolName,
        now: () => new Date(),
      });
      seen = signature;
      failed = null;
      options.onChange(ca);
    } catch (error) {
      if (failed === signature) {
        options.log(
          `the school CA in ${options.dir} changed but does not load (${(error as Error).message}); still using the previous one`,
        );
        seen = signature;
      }
      failed = signature;
    }
  };
  const tick = () => {
    if (busy) return;
    busy = true;
    void poll()
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  tick();
  return { close: () => clearInterval(timer) };
}

/** Inode, size and modification time of both files, or null while either is missing. */
async function signatureOf(dir: string): Promise<string | null> {
  try {
    const stats = await Promise.all(FILES.map((file) => stat(join(dir, file))));
    return stats.map((s) => `${s.ino}:${s.size}:${s.mtimeMs}`).join('|');
  } catch {
    return null;
  }
}
