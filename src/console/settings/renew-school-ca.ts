import { chmod, copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CA_CERT_FILE,
  CA_KEY_FILE,
  loadOrCreateSchoolCa,
} from '../../gateway/proxy/tls/school-ca.js';
import { readSchoolCa, type SchoolCaSummary } from './read-school-ca.js';

// NOTE: keep in sync with the file names in src/gateway/proxy/tls/school-ca.ts.

/** What a renewal did: the old and new certificates and where the old pair is kept. */
export interface CaRenewal {
  readonly previous: SchoolCaSummary;
  readonly current: SchoolCaSummary;
  /** The folder (inside the CA folder) holding the old certificate and key, to restore them. */
  readonly previousDir: string;
}

/** Renewals in this process, one at a time (two at once would each keep the other's CA). */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Replaces the school CA in `dir` with a new one, made by the same code the gateway uses on
 * first start (`loadOrCreateSchoolCa`), and keeps the old certificate and key beside it in
 * `previous-<UTC time>/` (0700 folder, key 0600) so IT can put them back. Returns null when
 * there is no CA to renew.
 *
 * Order matters: the new pair is made in a staging folder, the old pair is copied out, then
 * the new key and certificate are renamed over the old ones (key first, as on creation).
 * The live files are never missing, so a gateway process polling them (`watchSchoolCa`)
 * sees either the old pair, the new pair, or for a moment a mismatched pair, which it
 * refuses and looks at again on its next poll. Nothing here reads the key's contents.
 *
 * ### Examples
 * ```ts
 * const renewal = await renewSchoolCa({ dir: join(dataDir, 'ca'), schoolName, now: Date.now });
 * ```
 */
export function renewSchoolCa(options: {
  /** The gateway's CA folder, `<dataDir>/ca`. */
  readonly dir: string;
  /** The new certificate's subject names the school. */
  readonly schoolName: string;
  readonly now: () => number;
}): Promise<CaRenewal | null> {
  const run = queue.then(() => renew(options));
  queue = run.catch(() => undefined);
  return run;
}

async function renew(options: {
  readonly dir: string;
  readonly schoolName: string;
  readonly now: () => number;
}): Promise<CaRenewal | null> {
  const { dir } = options;
  const previous = await readSchoolCa(dir, options.now());
  if (previous === null) return null;
  const stamp = new Date(options.now()).toISOString().replace(/[:.]/g, '-');
  const staging = join(dir, `next-${stamp}-${process.pid}`);
  try {
    await loadOrCreateSchoolCa({
      dir: staging,
      schoolName: options.schoolName,
      now: () => new Date(options.now()),
    });
    const previousDir = await makeFreshFolder(join(dir, `previous-${stamp}`));
    await copyFile(join(dir, CA_KEY_FILE), join(previousDir, CA_KEY_FILE));
    await chmod(join(previousDir, CA_KEY_FILE), 0o600);
    await copyFile(join(dir, CA_CERT_FILE), join(previousDir, CA_CERT_FILE));
    await chmod(join(previousDir, CA_CERT_FILE), 0o644);
    await rename(join(staging, CA_KEY_FILE), join(dir, CA_KEY_FILE));
    await rename(join(staging, CA_CERT_FILE), join(dir, CA_CERT_FILE));
    const current = await readSchoolCa(dir, options.now());
    if (current === null) throw new Error(`the new certificate is missing from ${dir}`);
    return { previous, current, previousDir };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Makes `path` (0700), or `path-2`, `path-3`... when it exists (two renewals in one second). */
async function makeFreshFolder(path: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? path : `${path}-${n}`;
    try {
      await mkdir(candidate, { mode: 0o700 });
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
