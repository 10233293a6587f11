import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The random secret that signs unblock links, continue tokens and override cookies, kept in
 * the data folder (0600) so they survive a restart and every worker shares it. Created with
 * `wx`, so processes starting at once cannot each write their own.
 */
export function loadOrCreateLinkSecret(folder: string): string {
  const path = join(folder, 'link-secret');
  try {
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(path, 'utf8').trim();
}
