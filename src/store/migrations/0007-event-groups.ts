import type { Kysely } from 'kysely';
import { groupMembersOf } from '../events/group-members.js';
import type { Database } from '../schema.js';

/** Member rows per INSERT: 4 columns x 1,000 stays far under PostgreSQL's parameter bound. */
const ROWS_PER_STATEMENT = 1000;

/**
 * Class views (issue 6): `event_group_members`, who was seen in which group and when (see
 * `schema.ts`), so a group that is not a policy group (a class: `9x`) can be listed from its
 * members' `(username, time_ms)` index instead of a scan of the whole period. Filled from
 * the events already stored, grouped by (user, policy group, groups): one pass over the
 * table (about 10-30 s at 10M events, once), the JSON read only once per distinct
 * combination. The same SQL on both dialects.
 */
export function eventGroupsMigration() {
  return {
    async up(untyped: Kysely<unknown>): Promise<void> {
      await untyped.schema
        .createTable('event_group_members')
        .addColumn('group_name', 'text', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('first_hour_ms', 'bigint', (c) => c.notNull())
        .addColumn('last_hour_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_group_members_pk', ['group_name', 'username'])
        .execute();
      const db = untyped as unknown as Kysely<Database>;
      const combinations = await db
        .selectFrom('events')
        .select((eb) => [
          'username',
          'policy_group',
          'groups',
          eb.fn.min('time_ms').as('first_ms'),
          eb.fn.max('time_ms').as('last_ms'),
        ])
        .groupBy(['username', 'policy_group', 'groups'])
        .execute();
      const members = groupMembersOf(
        combinations.flatMap((c) => [
          { ...c, time_ms: Number(c.first_ms) },
          { ...c, time_ms: Number(c.last_ms) },
        ]),
      );
      for (let i = 0; i < members.length; i += ROWS_PER_STATEMENT) {
        await db
          .insertInto('event_group_members')
          .values(members.slice(i, i + ROWS_PER_STATEMENT))
          .execute();
      }
    },
  };
}
