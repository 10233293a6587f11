import type { Kysely } from 'kysely';
import { z } from 'zod';
import { appendAudit } from '../../casework/audit/append-audit.js';
import { STAFF_ROLES } from '../../config/monitor-config.js';
import { hashPassword } from '../../identity/password-hash.js';
import type { Database } from '../../store/schema.js';
import { type ConsoleUser, consoleUserFromRow } from './console-user.js';

/** Shortest password a member of staff may choose (NCSC: length beats complexity rules). */
export const MIN_STAFF_PASSWORD = 10;

export const newConsoleUserSchema = z.strictObject({
  username: z
    .string()
    .transform((s) => s.trim().normalize('NFC').toLowerCase())
    .pipe(
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'use letters, digits, ., - and _ (e.g. a.patel)'),
    ),
  displayName: z.string().trim().min(1, 'give a name').max(200),
  email: z.email().nullable().default(null),
  role: z.enum(STAFF_ROLES),
  classes: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a group id'))
    .max(200)
    .default([]),
  password: z
    .string()
    .min(MIN_STAFF_PASSWORD, `use at least ${MIN_STAFF_PASSWORD} characters`)
    .max(1024),
});

export type NewConsoleUser = z.input<typeof newConsoleUserSchema>;

/** A new console user that failed its checks: which field and why. */
export class ConsoleUserError extends Error {
  override readonly name = 'ConsoleUserError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** How the new account is recorded. */
export interface CreateConsoleUserOptions {
  /** The audit row's action: `console-user.add` (the CLI) unless given (`staff.create`). */
  readonly auditAction?: string;
}

/**
 * Adds a member of staff who can sign in to the console, with an argon2id password hash,
 * and records it on the audit trail (the role and classes, never the password). A username
 * already taken is refused.
 *
 * ### Examples
 * ```ts
 * await createConsoleUser(db, { username: 'admin', displayName: 'IT', role: 'it_admin', password }, 'cli:root', Date.now);
 * ```
 */
export async function createConsoleUser(
  db: Kysely<Database>,
  input: NewConsoleUser,
  actor: string,
  now: () => number,
  options: CreateConsoleUserOptions = {},
): Promise<ConsoleUser> {
  const parsed = newConsoleUserSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConsoleUserError(issue.path.join('.') || 'user', issue.message);
  }
  const user = parsed.data;
  const passwordHash = await hashPassword(user.password);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('console_users')
      .select('username')
      .where('username', '=', user.username)
      .executeTakeFirst();
    if (taken !== undefined) throw new ConsoleUserError('username', `'${user.username}' exists`);
    const ms = now();
    const row = {
      username: user.username,
      display_name: user.displayName,
      email: user.email,
      role: user.role,
      classes: JSON.stringify(user.classes),
      password_hash: passwordHash,
      totp_secret: null,
      totp_last_step: null,
      failed_attempts: 0,
      locked_until_ms: null,
      disabled: 0 as const,
      created_ms: ms,
      updated_ms: ms,
    };
    await trx.insertInto('console_users').values(row).execute();
    await appendAudit(
      trx,
      {
        actor,
        action: options.auditAction ?? 'console-user.add',
        targetKind: 'role',
        target: user.username,
        details: { role: user.role, classes: user.classes },
      },
      now,
    );
    return consoleUserFromRow(row);
  });
}
