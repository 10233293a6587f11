import type { Statement } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { WebEvent } from '../../events/web-event.js';
import type { PostgresStore, SqliteStore, Store } from '../open-store.js';
import type {
  Database,
  EventGroupMembersTable,
  EventRollupsTable,
  EventsTable,
} from '../schema.js';
import { dayStart, ensureEventPartitions } from './event-partitions.js';
import { toEventRow } from './event-row.js';
import { createGroupMemberMemory, groupMembersOf, upsertGroupMembers } from './group-members.js';
import { rollupCounts } from './rollup-counts.js';

/** Rows per PostgreSQL INSERT: 27 columns x 1,000 stays under its 65,535 bound parameters. */
const ROWS_PER_STATEMENT = 1000;

export interface InsertResult {
  /** Events written now. */
  readonly inserted: number;
  /** Events already in the store (a replay after a crash or a retried batch), left as they were. */
  readonly duplicates: number;
}

/** Writes event batches into one store; holds what it prepares once (statements, known partitions). */
export interface EventInserter {
  insert(events: readonly WebEvent[]): Promise<InsertResult>;
}

/**
 * Makes the writer's insert for `store`. Each call writes a batch of events, their hourly
 * rollups and the group members they show (`group-members.ts`: only pairs this inserter has
 * not written for that hour yet) in one transaction: all of the batch is in and counted
 * once, or none of it. An
 * event whose id is already stored is skipped (`on conflict do nothing`), and only rows
 * really inserted are added to the rollups, so replaying a batch is harmless.
 *
 * The SQL is Kysely's on both dialects. PostgreSQL runs it as multi-row statements; SQLite
 * prepares the one-row form once and runs it per row inside one transaction, which is what
 * SQLite is fastest at (measured in bench/store).
 *
 * ### Examples
 * ```ts
 * const inserter = createEventInserter(store);
 * const { inserted, duplicates } = await inserter.insert(batch);
 * ```
 */
export function createEventInserter(store: Store): EventInserter {
  return store.dialect === 'sqlite' ? sqliteInserter(store) : postgresInserter(store);
}

function postgresInserter(store: PostgresStore): EventInserter {
  const partitions = new Set<number>();
  const members = createGroupMemberMemory();
  const write = async (rows: readonly EventsTable[]) => {
    await ensureEventPartitions(
      store.db,
      new Set(rows.map((r) => dayStart(r.time_ms))),
      partitions,
    );
    return store.db.transaction().execute(async (trx) => {
      const written = await insertNewRows(trx, rows);
      const counts = rollupCounts(written);
      for (let i = 0; i < counts.length; i += ROWS_PER_STATEMENT) {
        await upsertRollups(trx, counts.slice(i, i + ROWS_PER_STATEMENT)).execute();
      }
      const seen = members.unwritten(groupMembersOf(written));
      for (let i = 0; i < seen.length; i += ROWS_PER_STATEMENT) {
        await upsertGroupMembers(trx, 'postgres', seen.slice(i, i + ROWS_PER_STATEMENT)).execute();
      }
      return { written: written.length, seen };
    });
  };
  return {
    async insert(events) {
      if (events.length === 0) return { inserted: 0, duplicates: 0 };
      const rows = events.map(toEventRow);
      let result: { written: number; seen: readonly EventGroupMembersTable[] };
      try {
        result = await write(rows);
      } catch (error) {
        // A day's partition this process made may since have been dropped by retention (an
        // event more than a year late, a restore): forget what we knew and make them again,
        // once, rather than leave the batch failing in the spool for ever.
        if (!isMissingPartition(error)) throw error;
        partitions.clear();
        result = await write(rows);
      }
      members.remember(result.seen);
      return { inserted: result.written, duplicates: rows.length - result.written };
    },
  };
}

/** PostgreSQL's "no partition of relation ... found for row" (check_violation). */
function isMissingPartition(error: unknown): boolean {
  return (
    (error as { code?: unknown }).code === '23514' &&
    /no partition/i.test((error as Error).message ?? '')
  );
}

async function insertNewRows(
  db: Kysely<Database>,
  rows: readonly EventsTable[],
): Promise<EventsTable[]> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const written: EventsTable[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const returned = await insertRows(db, rows.slice(i, i + ROWS_PER_STATEMENT))
      .returning('id')
      .execute();
    for (const { id } of returned) written.push(byId.get(id)!);
  }
  return written;
}

function sqliteInserter(store: SqliteStore): EventInserter {
  let eventStatement: Statement | undefined;
  let rollupStatement: Statement | undefined;
  let memberStatement: Statement | undefined;
  const members = createGroupMemberMemory();
  // Compiled from the first real row, and run with `Object.values` of rows of the same shape
  // (`toEventRow`, `rollupCounts` make every object with the same keys in the same order),
  // so the positional parameters always line up with the compiled column list.
  const prepare = (query: { compile(): { sql: string } }) =>
    store.sqlite.prepare(query.compile().sql);
  const write = (
    rows: readonly EventsTable[],
  ): { written: number; seen: readonly EventGroupMembersTable[] } => {
    eventStatement ??= prepare(insertRows(store.db, rows.slice(0, 1)));
    const written: EventsTable[] = [];
    for (const row of rows) {
      if (eventStatement.run(...Object.values(row)).changes === 1) written.push(row);
    }
    const counts = rollupCounts(written);
    if (counts.length > 0) rollupStatement ??= prepare(upsertRollups(store.db, counts.slice(0, 1)));
    for (const count of counts) rollupStatement!.run(...Object.values(count));
    const seen = members.unwritten(groupMembersOf(written));
    if (seen.length > 0) {
      memberStatement ??= prepare(upsertGroupMembers(store.db, 'sqlite', seen.slice(0, 1)));
    }
    for (const member of seen) memberStatement!.run(...Object.values(member));
    return { written: written.length, seen };
  };
  const writeInTransaction = store.sqlite.transaction(write);
  return {
    async insert(events) {
      if (events.length === 0) return { inserted: 0, duplicates: 0 };
      const rows = events.map(toEventRow);
      // Hold Kysely's one connection so no Kysely transaction is open around ours.
      const { written, seen } = await store.db
        .connection()
        .execute(async () => writeInTransaction.immediate(rows));
      members.remember(seen);
      return { inserted: written, duplicates: rows.length - written };
    },
  };
}

/**
 * The INSERT for event rows, ignoring ids already stored.
 */
function insertRows(db: Kysely<Database>, rows: readonly EventsTable[]) {
  return db
    .insertInto('events')
    .values(rows)
    .onConflict((oc) => oc.columns(['time_ms', 'id']).doNothing());
}

/** Adds counts to the hourly rollups, creating rows that do not exist yet. */
function upsertRollups(db: Kysely<Database>, counts: readonly EventRollupsTable[]) {
  return db
    .insertInto('event_rollups')
    .values(counts)
    .onConflict((oc) =>
      oc.columns(['dimension', 'hour_ms', 'key', 'action']).doUpdateSet((eb) => ({
        events: eb('event_rollups.events', '+', eb.ref('excluded.events')),
      })),
    );
}
