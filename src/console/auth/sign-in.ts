import type { Kysely } from 'kysely';
import { appendAudit } from '../../casework/audit/append-audit.js';
import type { StaffRole } from '../../config/monitor-config.js';
import { hashPassword, verifyPassword } from '../../identity/password-hash.js';
import type { Database } from '../../store/schema.js';
import { type ConsoleUser, consoleUserFromRow } from './console-user.js';
import { type SessionLimits, startSession } from './sessions.js';
import { verifyTotp } from './totp/totp.js';

export interface SignInAttempt {
  readonly username: string;
  readonly password: string;
  readonly totp?: string | undefined;
  readonly clientAddress: string | null;
}

export interface SignInRules extends SessionLimits {
  readonly maxFailures: number;
  readonly lockMs: number;
  readonly requireTotpFor: readonly StaffRole[];
}

/** How a sign-in ended; only `ok` starts a session. */
export type SignInResult =
  | {
      readonly kind: 'ok';
      readonly user: ConsoleUser;
      readonly token: string;
      readonly csrfToken: string;
      readonly expiresMs: number;
    }
  | { readonly kind: 'failed' }
  | { readonly kind: 'locked'; readonly retryAfterSeconds: number }
  | { readonly kind: 'totp-required' }
  | { readonly kind: 'totp-setup-required' };

/** Verified against when the username is unknown, so both cases take as long. */
let decoyHash: Promise<string> | null = null;

/**
 * Checks a member of staff's password (argon2id) and, when they have one or their role
 * requires it, their TOTP code; locks the account for `lockMs` after `maxFailures` wrong
 * attempts in a row. Every outcome but a missing TOTP code is on the audit trail. An
 * unknown username costs the same argon2 work as a known one, and says the same thing.
 *
 * ### Examples
 * ```ts
 * const result = await signIn(db, { username, password, clientAddress }, Date.now, rules);
 * if (result.kind === 'ok') setCookie(result.token);
 * ```
 */
export async function signIn(
  db: Kysely<Database>,
  attempt: SignInAttempt,
  now: () => number,
  rules: SignInRules,
): Promise<SignInResult> {
  const username = attempt.username.trim().normalize('NFC').toLowerCase();
  const row = await db
    .selectFrom('console_users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  if (row === undefined || row.disabled === 1) {
    decoyHash ??= hashPassword('decoy password for unknown users');
    await verifyPassword(await decoyHash, attempt.password);
    await audit(db, attempt, username, 'session.sign-in-failed', now, { known: false });
    return { kind: 'failed' };
  }
  const nowMs = now();
  if (row.locked_until_ms !== null && row.locked_until_ms > nowMs) {
    return { kind: 'locked', retryAfterSeconds: Math.ceil((row.locked_until_ms - nowMs) / 1000) };
  }
  if (!(await verifyPassword(row.password_hash, attempt.password))) {
    return failure(db, attempt, username, row.failed_attempts + 1, now, rules);
  }
  const role = row.role as StaffRole;
  if (row.totp_secret === null && rules.requireTotpFor.includes(role)) {
    return { kind: 'totp-setup-required' };
  }
  let totpStep: number | null = null;
  if (row.totp_secret !== null) {
    if (attempt.totp === undefined || attempt.totp.trim() === '') return { kind: 'totp-required' };
    // Codes are often shown and pasted in groups ("123 456").
    const checked = verifyTotp(row.totp_secret, attempt.totp.replace(/\s+/g, ''), nowMs, {
      window: 1,
      ...(row.totp_last_step === null ? {} : { lastUsedStep: row.totp_last_step }),
    });
    if (!checked.ok) return failure(db, attempt, username, row.failed_attempts + 1, now, rules);
    totpStep = checked.step;
  }
  await db
    .updateTable('console_users')
    .set({
      failed_attempts: 0,
      locked_until_ms: null,
      ...(totpStep === null ? {} : { totp_last_step: totpStep }),
    })
    .where('username', '=', username)
    .execute();
  const session = await startSession(db, username, attempt.clientAddress, nowMs, rules);
  await audit(db, attempt, username, 'session.sign-in', now, { totp: totpStep !== null });
  return { kind: 'ok', user: consoleUserFromRow(row), ...session };
}

async function failure(
  db: Kysely<Database>,
  attempt: SignInAttempt,
  username: string,
  failures: number,
  now: () => number,
  rules: SignInRules,
): Promise<SignInResult> {
  const lock = failures >= rules.maxFailures;
  await db
    .updateTable('console_users')
    .set({
      failed_attempts: lock ? 0 : failures,
      ...(lock ? { locked_until_ms: now() + rules.lockMs } : {}),
    })
    .where('username', '=', username)
    .execute();
  await audit(db, attempt, username, lock ? 'session.locked' : 'session.sign-in-failed', now, {
    known: true,
  });
  return lock
    ? { kind: 'locked', retryAfterSeconds: Math.ceil(rules.lockMs / 1000) }
    : { kind: 'failed' };
}

function audit(
  db: Kysely<Database>,
  attempt: SignInAttempt,
  username: string,
  action: string,
  now: () => number,
  details: Record<string, boolean>,
) {
  return appendAudit(
    db,
    {
      actor: `console:${username.slice(0, 200) || '(blank)'}`,
      action,
      targetKind: 'role',
      target: username.slice(0, 200) || '(blank)',
      clientAddress: attempt.clientAddress,
      details,
    },
    now,
  );
}
