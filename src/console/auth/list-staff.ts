import type { Kysely } from 'kysely';
import type { StaffRole } from '../../config/monitor-config.js';
import { parseGroupList } from '../../store/parse-group-list.js';
import type { Database } from '../../store/schema.js';

/**
 * A console account as the Users page lists it: who, what they may do, and the state of
 * their sign-in. Never the password hash or the TOTP secret: only whether one is set.
 */
export interface StaffAccount {
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly role: StaffRole;
  /** The classes a teacher is limited to; empty for every other role. */
  readonly classes: readonly string[];
  /** Whether a second factor (TOTP) is set up. */
  readonly totpEnabled: boolean;
  readonly disabled: boolean;
  /** Locked out after wrong attempts until then; null when not locked now. */
  readonly lockedUntilMs: number | null;
  /** The last successful sign-in, from the audit trail; null if none is recorded. */
  readonly lastSignInMs: number | null;
  readonly createdMs: number;
  readonly updatedMs: number;
}

/**
 * Every console account, by username. The last sign-in is read from the audit trail
 * (`session.sign-in` rows, found by the trail's target index), so no column of its own
 * needs writing on every sign-in.
 *
 * ### Examples
 * ```ts
 * const staff = await listStaff(db, Date.now());
 * ```
 */
export async function listStaff(
  db: Kysely<Database>,
  nowMs: number,
): Promise<readonly StaffAccount[]> {
  const rows = await db
    .selectFrom('console_users')
    .select([
      'username',
      'display_name',
      'email',
      'role',
      'classes',
      'totp_secret',
      'disabled',
      'locked_until_ms',
      'created_ms',
      'updated_ms',
    ])
    .orderBy('username')
    .execute();
  const lastSignIn = new Map<string, number>();
  if (rows.length > 0) {
    const signIns = await db
      .selectFrom('audit_log')
      .select(['target', (eb) => eb.fn.max('time_ms').as('last_ms')])
      .where('target_kind', '=', 'role')
      .where(
        'target',
        'in',
        rows.map((r) => r.username),
      )
      .where('action', '=', 'session.sign-in')
      .groupBy('target')
      .execute();
    for (const row of signIns) lastSignIn.set(row.target, Number(row.last_ms));
  }
  return rows.map((row) => {
    const locked = row.locked_until_ms === null ? null : Number(row.locked_until_ms);
    return {
      username: row.username,
      displayName: row.display_name,
      email: row.email,
      role: row.role as StaffRole,
      classes: parseGroupList(row.classes),
      totpEnabled: row.totp_secret !== null,
      disabled: row.disabled === 1,
      lockedUntilMs: locked !== null && locked > nowMs ? locked : null,
      lastSignInMs: lastSignIn.get(row.username) ?? null,
      createdMs: Number(row.created_ms),
      updatedMs: Number(row.updated_ms),
    };
  });
}
