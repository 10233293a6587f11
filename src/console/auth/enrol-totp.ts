import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../casework/audit/append-audit.js';
import type { Database } from '../../store/schema.js';
import { createTotpSecret, totpUri } from './totp/totp.js';

/**
 * Gives a member of staff a new TOTP secret (replacing any old one, which stops working at
 * once) and returns it with the `otpauth://` URI for their authenticator app. The secret is
 * shown once, to the person setting it up; it is never logged. Audited.
 *
 * ### Examples
 * ```ts
 * const { uri } = await enrolTotp(db, 'a.patel', 'Widford Lodge', 'cli:root', Date.now);
 * ```
 */
export async function enrolTotp(
  db: Kysely<Database>,
  username: string,
  schoolName: string,
  actor: string,
  now: () => number,
): Promise<{ secret: string; uri: string }> {
  const secret = createTotpSecret((n) => randomBytes(n));
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('console_users')
      .set({ totp_secret: secret, totp_last_step: null, updated_ms: now() })
      .where('username', '=', username)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new Error(`no console user '${username}'`);
    await appendAudit(
      trx,
      { actor, action: 'console-user.totp', targetKind: 'role', target: username },
      now,
    );
    const issuer = `Schoolgate ${schoolName}`.replace(/:/g, ' ');
    return { secret, uri: totpUri({ secret, account: username.replace(/:/g, ' '), issuer }) };
  });
}
