import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { type ConsoleUser, consoleUserFromRow } from './console-user.js';

/** How long sessions last: idle, and in any case. */
export interface SessionLimits {
  readonly idleMs: number;
  readonly maxMs: number;
}

/** A live session: who, and the CSRF token every change must carry. */
export interface ConsoleSession {
  readonly user: ConsoleUser;
  readonly csrfToken: string;
  readonly expiresMs: number;
}

/** Seen-time updates at most once a minute: a page's burst of requests writes once. */
const TOUCH_MS = 60_000;

/** The stored form of a session token: a copy of the table cannot be used to sign in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Starts a session for a user who has signed in: a 256-bit random token for the cookie
 * (only its hash is stored) and a separate CSRF token for the page.
 */
export async function startSession(
  db: Kysely<Database>,
  username: string,
  clientAddress: string | null,
  nowMs: number,
  limits: SessionLimits,
): Promise<{ token: string; csrfToken: string; expiresMs: number }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresMs = nowMs + Math.min(limits.idleMs, limits.maxMs);
  await db
    .insertInto('console_sessions')
    .values({
      token_hash: hashToken(token),
      username,
      csrf_token: csrfToken,
      created_ms: nowMs,
      last_seen_ms: nowMs,
      expires_ms: expiresMs,
      client_address: clientAddress,
    })
    .execute();
  return { token, csrfToken, expiresMs };
}

/**
 * The session a cookie's token names, if it is live and its user may still sign in; each
 * use moves the idle expiry on (never past the session's maximum age). Expired sessions
 * are deleted when met.
 */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  nowMs: number,
  limits: SessionLimits,
): Promise<ConsoleSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('console_sessions')
    .innerJoin('console_users', 'console_users.username', 'console_sessions.username')
    .selectAll('console_users')
    .select([
      'console_sessions.csrf_token',
      'console_sessions.created_ms as session_created_ms',
      'console_sessions.last_seen_ms',
      'console_sessions.expires_ms',
    ])
    .where('console_sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (row === undefined) return null;
  if (row.expires_ms <= nowMs || row.disabled === 1) {
    await db.deleteFrom('console_sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  let expiresMs = row.expires_ms;
  if (nowMs - row.last_seen_ms >= TOUCH_MS) {
    expiresMs = Math.min(nowMs + limits.idleMs, row.session_created_ms + limits.maxMs);
    await db
      .updateTable('console_sessions')
      .set({ last_seen_ms: nowMs, expires_ms: expiresMs })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  return { user: consoleUserFromRow(row), csrfToken: row.csrf_token, expiresMs };
}

/** Ends a session (sign out). */
export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('console_sessions').where('token_hash', '=', hashToken(token)).execute();
}
