import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ExceptionDefinition } from '../../engine/policy/policy-definition.js';
import type { Database, PolicyExceptionsTable } from '../../store/schema.js';
import { appendAudit } from '../audit/append-audit.js';
import { canonicalSite } from './canonical-site.js';
import { PolicyChangeError } from './policy-cells.js';

/** An exception made in the console, as stored (removed ones are kept, with who and why). */
export interface ConsoleException {
  /** `console-<uuid>`. */
  readonly id: string;
  /** Canonical `host` (and subdomains) or `host/path` prefix. */
  readonly match: string;
  readonly action: 'allow' | 'block';
  /** Group ids, or null for everyone. */
  readonly groups: readonly string[] | null;
  readonly reason: string;
  readonly expiresMs: number | null;
  readonly createdBy: string;
  readonly createdMs: number;
  readonly removedBy: string | null;
  readonly removedMs: number | null;
  readonly removedReason: string | null;
}

export interface PolicyExceptionChange {
  /** As typed: a domain or `host/path`, canonicalised here. */
  readonly match: string;
  readonly action: 'allow' | 'block';
  /** Group ids; absent or empty for everyone. */
  readonly groups?: readonly string[] | undefined;
  readonly reason: string;
  /** When it stops applying; absent for never. Must be in the future. */
  readonly expiresMs?: number | null | undefined;
  readonly actor: string;
}

/** Console exceptions, oldest first; removed ones only when asked for (the record). */
export async function listPolicyExceptions(
  db: Kysely<Database>,
  options: { readonly includeRemoved?: boolean } = {},
): Promise<readonly ConsoleException[]> {
  let query = db.selectFrom('policy_exceptions').selectAll().orderBy('created_ms').orderBy('id');
  if (options.includeRemoved !== true) query = query.where('removed_ms', 'is', null);
  return (await query.execute()).map(exceptionFromRow);
}

/** An exception as the engine takes it (`applyPolicyOverlay`), expiry as an ISO instant. */
export function toExceptionDefinition(exception: ConsoleException): ExceptionDefinition {
  return {
    id: exception.id,
    match: exception.match,
    action: exception.action,
    reason: exception.reason,
    ...(exception.expiresMs === null
      ? {}
      : { expires: new Date(exception.expiresMs).toISOString() }),
    ...(exception.groups === null ? {} : { groups: exception.groups }),
  };
}

/**
 * Adds an allow or block exception for a site, in one transaction: the exception, a line in
 * the decision log (kind `exception`), the audit trail and the version the gateways watch.
 * The site is canonicalised as the engine matches it; groups must be the policy's; the
 * expiry must be in the future; the reason at least 3 characters. Mandatory categories stay
 * blocked whatever it says (the engine checks them first).
 *
 * ### Examples
 * ```ts
 * await addPolicyException(db, { match: 'mathsgames.example', action: 'allow', groups: ['pupils'], reason: 'Maths week', expiresMs, actor }, { groups, timezone: 'Europe/London' }, Date.now);
 * ```
 */
export async function addPolicyException(
  db: Kysely<Database>,
  change: PolicyExceptionChange,
  policy: {
    /** The policy's group ids. */
    readonly groups: ReadonlySet<string>;
    /** The school's timezone, for the expiry in the decision log. */
    readonly timezone: string;
  },
  now: () => number,
): Promise<ConsoleException> {
  const reason = checkReason(change.reason);
  const site = canonicalSite(change.match);
  if (!site.ok) throw new PolicyChangeError('match', `'${change.match.trim()}': ${site.problem}`);
  if (change.action !== 'allow' && change.action !== 'block') {
    throw new PolicyChangeError('action', 'an exception allows or blocks');
  }
  const groups =
    change.groups === undefined || change.groups.length === 0 ? null : [...new Set(change.groups)];
  for (const group of groups ?? []) {
    if (!policy.groups.has(group)) throw new PolicyChangeError('groups', `no group '${group}'`);
  }
  const ms = now();
  const expiresMs = change.expiresMs ?? null;
  if (expiresMs !== null && !(expiresMs > ms)) {
    throw new PolicyChangeError('expires', 'the expiry must be in the future');
  }
  const row: PolicyExceptionsTable = {
    id: `console-${randomUUID()}`,
    match: site.site,
    action: change.action,
    groups: groups === null ? null : JSON.stringify(groups),
    reason,
    expires_ms: expiresMs,
    created_by: change.actor,
    created_ms: ms,
    removed_by: null,
    removed_ms: null,
    removed_reason: null,
  };
  const exception = exceptionFromRow(row);
  await db.transaction().execute(async (trx) => {
    await bumpPolicyVersion(trx);
    await trx.insertInto('policy_exceptions').values(row).execute();
    await logDecision(trx, {
      ms,
      actor: change.actor,
      kind: 'exception',
      subject: exceptionSubject(exception),
      before: 'no exception',
      after: describeException(exception, policy.timezone),
      reason,
    });
    await appendAudit(
      trx,
      {
        actor: change.actor,
        action: 'policy.exception.add',
        targetKind: 'exception',
        target: exception.id,
        reason,
        details: { match: exception.match, action: exception.action, groups, expiresMs },
      },
      now,
    );
  });
  return exception;
}

/**
 * Removes a console exception with a reason (the row stays, marked removed), in one
 * transaction with the decision log, the audit trail and the policy version. Null when
 * there is no such exception in force (never made, or removed already).
 */
export async function removePolicyException(
  db: Kysely<Database>,
  removal: { readonly id: string; readonly reason: string; readonly actor: string },
  timezone: string,
  now: () => number,
): Promise<ConsoleException | null> {
  const reason = checkReason(removal.reason);
  return db
    .transaction()
    .execute(async (trx) => {
      await bumpPolicyVersion(trx);
      const row = await trx
        .selectFrom('policy_exceptions')
        .selectAll()
        .where('id', '=', removal.id)
        .where('removed_ms', 'is', null)
        .executeTakeFirst();
      if (row === undefined) {
        // Nothing changed: undo the version bump with the rest.
        throw new NotInForce();
      }
      const ms = now();
      await trx
        .updateTable('policy_exceptions')
        .set({ removed_by: removal.actor, removed_ms: ms, removed_reason: reason })
        .where('id', '=', removal.id)
        .execute();
      const exception = exceptionFromRow(row);
      await logDecision(trx, {
        ms,
        actor: removal.actor,
        kind: 'exception',
        subject: exceptionSubject(exception),
        before: describeException(exception, timezone),
        after: 'removed',
        reason,
      });
      await appendAudit(
        trx,
        {
          actor: removal.actor,
          action: 'policy.exception.remove',
          targetKind: 'exception',
          target: exception.id,
          reason,
          details: { match: exception.match, action: exception.action },
        },
        now,
      );
      return { ...exception, removedBy: removal.actor, removedMs: ms, removedReason: reason };
    })
    .catch((error: unknown) => {
      if (error instanceof NotInForce) return null;
      throw error;
    });
}

/** What the decision log says an exception is about: `games.example for pupils, staff`. */
export function exceptionSubject(exception: Pick<ConsoleException, 'match' | 'groups'>): string {
  return `${exception.match} for ${exception.groups === null ? 'everyone' : exception.groups.join(', ')}`;
}

/**
 * An exception's effect in words, times on the school's clock: `allow`, `block until the
 * end of 2026-12-10` (an expiry at local midnight), `allow until 2026-12-10 15:30`.
 */
export function describeException(
  exception: Pick<ConsoleException, 'action' | 'expiresMs'>,
  timezone: string,
): string {
  if (exception.expiresMs === null) return exception.action;
  const local = (ms: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: timezone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(ms)
        .map((p) => [p.type, p.value]),
    );
    return {
      day: `${parts.year}-${parts.month}-${parts.day}`,
      time: `${parts.hour}:${parts.minute}`,
    };
  };
  const at = local(exception.expiresMs);
  if (at.time === '00:00') {
    return `${exception.action} until the end of ${local(exception.expiresMs - 1).day}`;
  }
  return `${exception.action} until ${at.day} ${at.time}`;
}

class NotInForce extends Error {}

function checkReason(text: string): string {
  const reason = text.trim();
  if (reason.length < 3) {
    throw new PolicyChangeError('reason', 'say why: every change needs a reason');
  }
  return reason;
}

/** The version row first: concurrent changes queue here. */
export async function bumpPolicyVersion(trx: Kysely<Database>): Promise<number> {
  const bumped = await trx
    .updateTable('policy_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(bumped.version);
}

/** One line of the decision log. */
export async function logDecision(
  trx: Kysely<Database>,
  line: {
    readonly ms: number;
    readonly actor: string;
    readonly kind: 'exception' | 'inspection-exemption';
    readonly subject: string;
    readonly before: string;
    readonly after: string;
    readonly reason: string;
  },
): Promise<void> {
  await trx
    .insertInto('decision_log')
    .values({
      id: randomUUID(),
      time_ms: line.ms,
      actor: line.actor,
      kind: line.kind,
      subject: line.subject,
      before: line.before,
      after: line.after,
      reason: line.reason,
    })
    .execute();
}

function exceptionFromRow(row: PolicyExceptionsTable): ConsoleException {
  return {
    id: row.id,
    match: row.match,
    action: row.action === 'block' ? 'block' : 'allow',
    groups: row.groups === null ? null : (JSON.parse(row.groups) as string[]),
    reason: row.reason,
    expiresMs: row.expires_ms === null ? null : Number(row.expires_ms),
    createdBy: row.created_by,
    createdMs: Number(row.created_ms),
    removedBy: row.removed_by,
    removedMs: row.removed_ms === null ? null : Number(row.removed_ms),
    removedReason: row.removed_reason,
  };
}
