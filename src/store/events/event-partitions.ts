import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';
import { DAY_MS } from './rollup-dimension.js';

/** `events_p20261124`: the PostgreSQL partition holding one UTC day of events. */
export function partitionName(dayStartMs: number): string {
  return `events_p${new Date(dayStartMs).toISOString().slice(0, 10).replace(/-/g, '')}`;
}

/** The UTC midnight at or before `timeMs`. */
export function dayStart(timeMs: number): number {
  return timeMs - (((timeMs % DAY_MS) + DAY_MS) % DAY_MS);
}

/**
 * Makes sure PostgreSQL has a partition for each day in `dayStarts` (UTC midnights),
 * creating the missing ones. `known` remembers days already made in this process so the
 * writer asks the catalogue once per day, not once per batch. `if not exists` makes
 * concurrent gateway nodes safe.
 *
 * ### Examples
 * ```ts
 * await ensureEventPartitions(db, [dayStart(Date.parse('2026-11-24T10:00:00Z'))], known);
 * ```
 */
export async function ensureEventPartitions(
  db: Kysely<Database>,
  dayStarts: Iterable<number>,
  known: Set<number>,
): Promise<void> {
  for (const start of dayStarts) {
    if (known.has(start)) continue;
    await sql`create table if not exists ${sql.table(partitionName(start))} partition of events for values from (${sql.lit(start)}) to (${sql.lit(start + DAY_MS)})`.execute(
      db,
    );
    known.add(start);
  }
}

/** Every event partition PostgreSQL has, by the UTC midnight it starts at. */
export async function listEventPartitions(db: Kysely<Database>): Promise<number[]> {
  const rows = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    join pg_class p on p.oid = i.inhparent
    where p.relname = 'events'`.execute(db);
  return rows.rows
    .map((r) => /^events_p(\d{4})(\d{2})(\d{2})$/.exec(r.name))
    .filter((m) => m !== null)
    .map((m) => Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
    .sort((a, b) => a - b);
}
