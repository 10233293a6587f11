import { type Kysely, sql } from 'kysely';
import type { Database, EventGroupMembersTable, EventsTable } from '../schema.js';
import type { StoreDialect } from '../store-dialect.js';
import { HOUR_MS } from './rollup-dimension.js';

/** `username` of the row for events with no user (a device or an unidentified address). */
export const NO_USER = '';

/** Pairs remembered by one inserter before it forgets them all (a school has a few thousand). */
const MAX_REMEMBERED = 200_000;

/**
 * Who was seen in which group, and when: for each event, its policy group and each of its
 * `groups` (classes, year groups), with the person (`NO_USER` for none) and the hours of
 * the first and last such event. Folded per (group, person) over `rows`.
 *
 * ### Examples
 * ```ts
 * groupMembersOf([row]); // [{ group_name: '9x', username: 'pupil.one', first_hour_ms, last_hour_ms }, ...]
 * ```
 */
export function groupMembersOf(
  rows: readonly Pick<EventsTable, 'time_ms' | 'username' | 'groups' | 'policy_group'>[],
): EventGroupMembersTable[] {
  const found = new Map<string, EventGroupMembersTable>();
  const add = (group: string, username: string, hour: number) => {
    const key = `${group}\u0000${username}`;
    const seen = found.get(key);
    if (seen === undefined) {
      found.set(key, { group_name: group, username, first_hour_ms: hour, last_hour_ms: hour });
    } else {
      if (hour < Number(seen.first_hour_ms)) seen.first_hour_ms = hour;
      if (hour > Number(seen.last_hour_ms)) seen.last_hour_ms = hour;
    }
  };
  for (const row of rows) {
    const time = Number(row.time_ms);
    const hour = time - (time % HOUR_MS);
    const username = row.username ?? NO_USER;
    add(row.policy_group, username, hour);
    for (const group of parseGroups(row.groups)) {
      if (group !== row.policy_group) add(group, username, hour);
    }
  }
  return [...found.values()];
}

/**
 * The inserter's memory of the member rows it has written, so that a batch writes only
 * pairs that are new or whose hours moved (about one write per person and group an hour,
 * not one per event). Remember a batch's rows only once its transaction has committed.
 */
export interface GroupMemberMemory {
  /** The rows of `rows` that the store may not have yet. */
  unwritten(rows: readonly EventGroupMembersTable[]): EventGroupMembersTable[];
  remember(rows: readonly EventGroupMembersTable[]): void;
}

export function createGroupMemberMemory(): GroupMemberMemory {
  const known = new Map<string, { first: number; last: number }>();
  const keyOf = (row: EventGroupMembersTable) => `${row.group_name}\u0000${row.username}`;
  return {
    unwritten: (rows) =>
      rows.filter((row) => {
        const seen = known.get(keyOf(row));
        return (
          seen === undefined ||
          Number(row.first_hour_ms) < seen.first ||
          Number(row.last_hour_ms) > seen.last
        );
      }),
    remember(rows) {
      if (known.size + rows.length > MAX_REMEMBERED) known.clear();
      for (const row of rows) {
        const key = keyOf(row);
        const seen = known.get(key);
        known.set(key, {
          first: Math.min(seen?.first ?? Number.POSITIVE_INFINITY, Number(row.first_hour_ms)),
          last: Math.max(seen?.last ?? Number.NEGATIVE_INFINITY, Number(row.last_hour_ms)),
        });
      }
    },
  };
}

/**
 * Adds member rows, widening the hours of pairs already stored (never narrowing them: rows
 * from several gateway processes arrive in any order).
 */
export function upsertGroupMembers(
  db: Kysely<Database>,
  dialect: StoreDialect,
  rows: readonly EventGroupMembersTable[],
) {
  const lesser = dialect === 'sqlite' ? sql.raw('min') : sql.raw('least');
  const greater = dialect === 'sqlite' ? sql.raw('max') : sql.raw('greatest');
  return db
    .insertInto('event_group_members')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['group_name', 'username']).doUpdateSet({
        first_hour_ms: sql`${lesser}(event_group_members.first_hour_ms, excluded.first_hour_ms)`,
        last_hour_ms: sql`${greater}(event_group_members.last_hour_ms, excluded.last_hour_ms)`,
      }),
    );
}

/** An event's `groups` column (a JSON array of strings); a damaged one counts as none. */
function parseGroups(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
}
