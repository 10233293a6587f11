import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditLogTable, Database } from '../../store/schema.js';
import { StoreError } from '../../store/store-error.js';
import { auditRecordFromRow } from './audit-record-from-row.js';
import { AUDIT_GENESIS_HASH, auditRowHash } from './audit-row-hash.js';
import { canonicalJson } from './canonical-json.js';

/** What an audit row is about. Stored as text; never rename a value, only add new ones. */
export type AuditTargetKind =
  | 'person'
  | 'policy'
  | 'lists'
  | 'exception'
  | 'role'
  | 'hold'
  | 'settings'
  | 'retention'
  | 'archive'
  | 'sar'
  | 'audit'
  /** A policy group's events (many people's records at once). */
  | 'group'
  /** A site's events (`host[/path]`), across people. */
  | 'site'
  /** A safeguarding alert (its workflow, or reading its evidence). */
  | 'alert'
  /** An expected-activity notice a teacher registered. */
  | 'notice'
  /** A digest or activity report produced or sent. */
  | 'report';

/** One thing someone did, as the caller describes it; `appendAudit` adds seq, time and hashes. */
export interface AuditEntry {
  /** Who: `cli:root`, `console:jane.dsl`, `system:retention`. */
  readonly actor: string;
  /** A dotted verb: `events.read`, `hold.place`, `hold.release`, `sar.export`, `retention.run`. */
  readonly action: string;
  readonly targetKind: AuditTargetKind;
  /** Which one: a username, a hold id, a list name. */
  readonly target: string;
  /** The address the request came from (the console's client); absent for the CLI. */
  readonly clientAddress?: string | null;
  /** Why, in the actor's words (a case reference, "SAR from parent"). */
  readonly reason?: string | null;
  /** A small JSON object with anything else the action needs to say. Never page content. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** An entry as stored: its place in the chain, when it was written, and the two hashes. */
export interface AuditRecord extends AuditEntry {
  readonly seq: number;
  readonly timeMs: number;
  readonly clientAddress: string | null;
  readonly reason: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}

/** Every `AuditTargetKind`, as a list (validation, the CLI's `--kind`). */
export const AUDIT_TARGET_KINDS = [
  'person',
  'policy',
  'lists',
  'exception',
  'role',
  'hold',
  'settings',
  'retention',
  'archive',
  'sar',
  'audit',
  'group',
  'site',
  'alert',
  'notice',
  'report',
] as const satisfies readonly AuditTargetKind[];

/** Most characters of the details' JSON text: enough for ids and counts, too small for content. */
const MAX_DETAILS_CHARS = 4096;

/** NUL, or a lone surrogate (with the `u` flag a proper pair is one code point, not `Cs`). */
const UNPORTABLE = /[\0\p{Cs}]/u;

/**
 * Text the chain can hash the same way in any language: well-formed Unicode (no lone
 * surrogates, which JSON encoders disagree on) and no NUL (PostgreSQL text cannot hold it).
 */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !UNPORTABLE.test(s), 'has a NUL or a broken character');
/** Names and ids: one line, no control characters, not blank. */
const name = (max: number) =>
  text(max).regex(/^[^\x00-\x1f\x7f]*\S[^\x00-\x1f\x7f]*$/, 'must be one line, not blank');

const entrySchema = z.object({
  actor: name(200),
  action: name(100).regex(/^[a-zA-Z][\w-]*(\.[a-zA-Z][\w-]*)+$/, 'must be a dotted verb'),
  targetKind: z.enum(AUDIT_TARGET_KINDS),
  target: name(500),
  clientAddress: name(100).nullish(),
  reason: text(2000).nullish(),
  details: z
    .record(z.string(), z.json())
    .optional()
    .refine((d) => d === undefined || allTextPortable(d), 'has a NUL or a broken character')
    .transform((d) => canonicalJson(d ?? {}))
    .refine((json) => json.length <= MAX_DETAILS_CHARS, `over ${MAX_DETAILS_CHARS} characters`),
});

/** Whether every key and string inside a JSON value passes the same test as `text`. */
function allTextPortable(value: unknown): boolean {
  if (typeof value === 'string') return !UNPORTABLE.test(value);
  if (Array.isArray(value)) return value.every(allTextPortable);
  if (value === null || typeof value !== 'object') return true;
  return Object.entries(value).every(([k, v]) => allTextPortable(k) && allTextPortable(v));
}

/**
 * Appends one row to the hash-chained audit trail, in its own transaction (or inside the
 * caller's, when `db` is a Kysely transaction), and returns the stored record.
 *
 * Appends are serialised on both dialects, even across processes: the first statement
 * updates the single `audit_head` row, which takes SQLite's write lock (every other writer
 * waits on `busy_timeout`) and PostgreSQL's row lock (every other appender waits until this
 * one commits, then reads the new head). Only then is the row's `seq` (head + 1) and
 * `prev_hash` (head's hash) known. Inside a caller's SQLite transaction, append before any
 * read, or SQLite may refuse the later write with SQLITE_BUSY.
 *
 * Invalid entries throw `SG_ERR_AUDIT_INPUT` and write nothing.
 *
 * ### Examples
 * ```ts
 * await appendAudit(store.db, {
 *   actor: cliActor(), action: 'events.read', targetKind: 'person', target: 'pupil.one',
 *   reason: 'case 2024-17',
 * }, Date.now);
 * await store.db.transaction().execute((trx) => appendAudit(trx, entry, now)); // with other writes
 * ```
 */
export async function appendAudit(
  db: Kysely<Database>,
  entry: AuditEntry,
  now: () => number,
): Promise<AuditRecord> {
  const parsed = entrySchema.safeParse(entry);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw StoreError.create('SG_ERR_AUDIT_INPUT', `${first.path.join('.')}: ${first.message}`);
  }
  const valid = parsed.data;
  const write = async (trx: Kysely<Database>): Promise<AuditRecord> => {
    const head = await advanceHead(trx);
    const unhashed: Omit<AuditLogTable, 'hash'> = {
      seq: head.seq,
      time_ms: now(),
      actor: valid.actor,
      action: valid.action,
      target_kind: valid.targetKind,
      target: valid.target,
      client_address: valid.clientAddress ?? null,
      reason: valid.reason ?? null,
      details: valid.details,
      prev_hash: head.hash,
    };
    const row: AuditLogTable = { ...unhashed, hash: auditRowHash(unhashed) };
    await trx.insertInto('audit_log').values(row).execute();
    await trx
      .updateTable('audit_head')
      .set({ seq: row.seq, hash: row.hash })
      .where('id', '=', 1)
      .execute();
    return auditRecordFromRow(row);
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

/**
 * Moves the head on by one and returns the new row's seq with the previous row's hash. The
 * UPDATE comes first so the lock is held before anything is read.
 */
async function advanceHead(trx: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const bump = () =>
    trx
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirst();
  const head = await bump();
  if (head !== undefined) return head;
  // No head yet (a new store) or a head someone deleted: start it from the last row there is,
  // so the chain carries on. Two first appenders may both get here: `do nothing` makes the
  // loser's insert a no-op (PostgreSQL waits for the winner to commit first) and its second
  // bump then waits on the winner's row.
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  await trx
    .insertInto('audit_head')
    .values({ id: 1, seq: last?.seq ?? 0, hash: last?.hash ?? AUDIT_GENESIS_HASH })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const started = await bump();
  if (started === undefined) throw new Error('audit_head row vanished while appending');
  return started;
}
