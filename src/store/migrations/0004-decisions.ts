import { type Kysely, sql } from 'kysely';

/**
 * The record of decisions (issue 6): the policy cells changed in the console, on top of
 * the YAML file, the decision log of every change with who and why, and a version row the
 * gateways watch to pick changes up within seconds. See `schema.ts`.
 */
export function decisionsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('policy_cells')
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('policy_cells_pk', ['group_id', 'category'])
        .execute();
      await db.schema
        .createTable('decision_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('time_ms', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('before', 'text', (c) => c.notNull())
        .addColumn('after', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('decision_log_time')
        .on('decision_log')
        .columns(['time_ms'])
        .execute();
      await db.schema
        .createTable('policy_version')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('version', 'bigint', (c) => c.notNull())
        .execute();
      await sql`insert into policy_version (id, version) values (1, 0)`.execute(db);
    },
  };
}
