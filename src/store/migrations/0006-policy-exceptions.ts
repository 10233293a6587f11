import type { Kysely } from 'kysely';

/**
 * Policy exceptions and inspection exemptions made in the console (issue 6), on top of the
 * YAML file's. A removal is soft (`removed_*` set), so the record of what applied when, and
 * who ended it and why, stays. Changes bump `policy_version`, which the gateways poll. See
 * `policy_exceptions` and `inspection_exemptions` in `schema.ts`.
 */
export function policyExceptionsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('policy_exceptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('match', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('groups', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('expires_ms', 'bigint')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('removed_by', 'text')
        .addColumn('removed_ms', 'bigint')
        .addColumn('removed_reason', 'text')
        .execute();
      await db.schema
        .createTable('inspection_exemptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('removed_by', 'text')
        .addColumn('removed_ms', 'bigint')
        .addColumn('removed_reason', 'text')
        .execute();
    },
  };
}
