import type { Kysely } from 'kysely';
import { appendAudit } from '../../casework/audit/append-audit.js';
import type { StaffRole } from '../../config/monitor-config.js';
import { hashPassword } from '../../identity/password-hash.js';
import { parseGroupList } from '../../store/parse-group-list.js';
import type { Database } from '../../store/schema.js';
import { checkStaffClasses, StaffChangeError } from './check-staff-classes.js';

/** What an edit of a console account may change; absent fields stay as they are. */
export interface StaffChange {
  readonly displayName?: string;
  readonly email?: string | null;
  readonly role?: StaffRole;
  /** A teacher's classes (known group ids). Cleared on its own when the role stops being `teacher`. */
  readonly classes?: readonly string[];
  /** Clears a lock-out after wrong attempts. */
  readonly unlock?: boolean;
  /** A disabled account cannot sign in, and its sessions end at once. */
  readonly disabled?: boolean;
  /** A new password (already checked for length); the account's sessions end. */
  readonly password?: string;
}

/** Who is changing the account, and what the account's classes may name. */
export interface StaffChangeContext {
  /** The audit trail's actor (`console:it`). */
  readonly actor: string;
  /** The signed-in username, for the rules about one's own account. */
  readonly actorUsername: string;
  /** The acting session's token hash: kept when someone resets their own password. */
  readonly actorSessionHash: string | null;
  /** Group ids a teacher's classes may be (policy groups and the directory's groups). */
  readonly knownGroups: ReadonlySet<string>;
}

/**
 * Changes a console account: its name, e-mail, role, a teacher's classes, a lock-out, whether
 * it is disabled, its password. The rules, all checked before anything is written:
 * - classes only for a teacher, each a known group (a class the account has already stays
 *   acceptable); a role that is no longer `teacher` loses its classes;
 * - nobody changes their own role or disables themselves;
 * - the last enabled `it_admin` is never demoted or disabled (checked inside the
 *   transaction, after the audit row has taken the trail's lock, so two admins demoting
 *   each other at once cannot both succeed);
 * - an account changed by someone else since it was read is not overwritten.
 * Each kind of change is one audit row (`staff.change` with the fields and the new role and
 * classes, `staff.disable`, `staff.enable`, `staff.unlock`, `staff.password-reset`); the
 * password is never on it. Disabling or a new password ends the account's sessions (not the
 * one making the change). Returns false when the change changes nothing.
 *
 * ### Examples
 * ```ts
 * await changeStaff(db, 'j.smith', { classes: ['7a', '7b'] }, { actor: 'console:it', ... }, Date.now);
 * ```
 */
export async function changeStaff(
  db: Kysely<Database>,
  username: string,
  change: StaffChange,
  context: StaffChangeContext,
  now: () => number,
): Promise<boolean> {
  const before = await db
    .selectFrom('console_users')
    .select(['role', 'classes', 'display_name', 'email', 'disabled', 'locked_until_ms'])
    .select(['failed_attempts', 'updated_ms'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (before === undefined) {
    throw new StaffChangeError(
      'not-found',
      'username',
      `there is no console account '${username}'`,
    );
  }
  const self = username === context.actorUsername;
  const oldRole = before.role as StaffRole;
  const oldClasses = parseGroupList(before.classes);
  const role = change.role ?? oldRole;
  if (self && role !== oldRole) {
    throw new StaffChangeError(
      'forbidden',
      'role',
      'you cannot change your own role: ask another IT administrator',
    );
  }
  if (self && change.disabled === true) {
    throw new StaffChangeError('forbidden', 'disabled', 'you cannot disable your own account');
  }
  const classes = checkStaffClasses(role, change.classes, oldClasses, context.knownGroups);

  const profile: Record<string, unknown> = {};
  const fields: string[] = [];
  if (change.displayName !== undefined && change.displayName !== before.display_name) {
    profile['display_name'] = change.displayName;
    fields.push('displayName');
  }
  if (change.email !== undefined && change.email !== before.email) {
    profile['email'] = change.email;
    fields.push('email');
  }
  if (role !== oldRole) {
    profile['role'] = role;
    fields.push('role');
  }
  if (JSON.stringify(classes) !== JSON.stringify(oldClasses)) {
    profile['classes'] = JSON.stringify(classes);
    fields.push('classes');
  }
  const wasDisabled = before.disabled === 1;
  const disable = change.disabled === true && !wasDisabled;
  const enable = change.disabled === false && wasDisabled;
  const unlock =
    change.unlock === true && (before.locked_until_ms !== null || before.failed_attempts > 0);
  const passwordHash = change.password === undefined ? null : await hashPassword(change.password);
  const actions = [
    ...(fields.length > 0 ? ['staff.change'] : []),
    ...(disable ? ['staff.disable'] : []),
    ...(enable ? ['staff.enable'] : []),
    ...(unlock ? ['staff.unlock'] : []),
    ...(passwordHash !== null ? ['staff.password-reset'] : []),
  ];
  if (actions.length === 0) return false;

  await db.transaction().execute(async (trx) => {
    // Audit rows first: the first takes the trail's lock (see `appendAudit`).
    for (const action of actions) {
      const details =
        action === 'staff.change'
          ? {
              fields,
              ...(fields.includes('role') ? { role, previousRole: oldRole } : {}),
              ...(fields.includes('classes') ? { classes } : {}),
            }
          : {};
      await appendAudit(
        trx,
        { actor: context.actor, action, targetKind: 'role', target: username, details },
        now,
      );
    }
    const current = await trx
      .selectFrom('console_users')
      .select(['updated_ms'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (current === undefined || Number(current.updated_ms) !== Number(before.updated_ms)) {
      throw new StaffChangeError(
        'conflict',
        'username',
        `someone else changed '${username}' meanwhile: reload and make your change again`,
      );
    }
    const stopsBeingAdmin =
      oldRole === 'it_admin' && !wasDisabled && (role !== 'it_admin' || disable);
    if (stopsBeingAdmin) {
      const others = await trx
        .selectFrom('console_users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'it_admin')
        .where('disabled', '=', 0)
        .where('username', '!=', username)
        .executeTakeFirstOrThrow();
      if (Number(others.n) === 0) {
        throw new StaffChangeError(
          'conflict',
          role !== 'it_admin' ? 'role' : 'disabled',
          `'${username}' is the last IT administrator: make another account it_admin first, ` +
            'or nobody could manage users and the policy',
        );
      }
    }
    await trx
      .updateTable('console_users')
      .set({
        ...profile,
        ...(disable ? { disabled: 1 as const } : {}),
        ...(enable ? { disabled: 0 as const } : {}),
        ...(unlock || passwordHash !== null ? { failed_attempts: 0, locked_until_ms: null } : {}),
        ...(passwordHash === null ? {} : { password_hash: passwordHash }),
        updated_ms: Math.max(now(), Number(before.updated_ms) + 1),
      })
      .where('username', '=', username)
      .execute();
    if (disable || passwordHash !== null) {
      let end = trx.deleteFrom('console_sessions').where('username', '=', username);
      if (context.actorSessionHash !== null) {
        end = end.where('token_hash', '!=', context.actorSessionHash);
      }
      await end.execute();
    }
  });
  return true;
}
