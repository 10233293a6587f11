import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type AuditEntry, appendAudit } from '../casework/audit/append-audit.js';
import { BUILTIN_CONFIG, type LoadedConfig } from '../config/load-config.js';
import { cliActor, openConfiguredStore } from './open-configured-store.js';

/**
 * Records a change made from the command line (lists, users and their groups, the policy)
 * in the audit trail, as the person running the command. The change has already been made:
 * if the store cannot be reached the command says so and exits 1, so a change is never
 * silently left out of the record.
 *
 * ### Examples
 * ```ts
 * await recordChange(loaded, { action: 'user.add', targetKind: 'role', target: 'alice', details: { groups } });
 * ```
 */
export async function recordChange(
  loaded: LoadedConfig,
  entry: Omit<AuditEntry, 'actor'> & { readonly actor?: string },
): Promise<void> {
  try {
    const store = await openConfiguredStore(loaded);
    try {
      await appendAudit(store.db, { actor: cliActor(), ...entry }, Date.now);
    } finally {
      await store.close();
    }
  } catch (error) {
    process.stderr.write(
      `the change was made but could not be recorded in the audit trail: ${(error as Error).message}\n`,
    );
    process.exitCode = 1;
  }
}

/** The sha256 of the configuration in force (file or built-in), so the trail shows when the policy changed. */
export function configDigest(loaded: LoadedConfig): string {
  const text =
    loaded.file === BUILTIN_CONFIG ? JSON.stringify(loaded.config) : readFileSync(loaded.file);
  return createHash('sha256').update(text).digest('hex');
}
