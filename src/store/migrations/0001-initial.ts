import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../store-dialect.js';

/**
 * The first schema: events and their hourly rollups, the audit trail, legal holds, event
 * archives and the retention log. Types are the portable subset both dialects share
 * (`text`, `integer`, `bigint`); see `schema.ts` for what each column holds.
 *
 * The events table is the one place the dialects differ: PostgreSQL partitions it by day
 * on `time_ms` (partitions are made as days arrive, by `ensureEventPartitions`), so that
 * retention drops a day instead of deleting millions of rows; SQLite keeps one table, whose
 * rowid order is arrival order (measured in bench/store: daily tables would make every
 * query over a period a UNION of hundreds of tables).
 */
export function initialMigration(dialect: StoreDialect) {
  // Ranges over ids, reversed hosts and path prefixes (`list-events.ts`) need byte order;
  // SQLite compares text that way already, PostgreSQL only under the "C" collation.
  const bytewise = (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      let events = db.schema
        .createTable('events')
        .addColumn('time_ms', 'bigint', (c) => c.notNull())
        .addColumn('id', 'text', (c) => bytewise(c).notNull())
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('username', 'text')
        .addColumn('groups', 'text', (c) => c.notNull())
        .addColumn('policy_group', 'text', (c) => c.notNull())
        .addColumn('device', 'text')
        .addColumn('client_address', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('scheme', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('host_rev', 'text', (c) => bytewise(c).notNull())
        .addColumn('path', 'text', bytewise)
        .addColumn('categories', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('reason_detail', 'text', (c) => c.notNull())
        .addColumn('search_terms', 'text')
        .addColumn('search_engine', 'text')
        .addColumn('search_autocomplete', 'integer', (c) => c.notNull())
        .addColumn('alert', 'integer', (c) => c.notNull())
        .addColumn('inspected', 'integer', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('bytes_up', 'bigint', (c) => c.notNull())
        .addColumn('bytes_down', 'bigint', (c) => c.notNull())
        .addColumn('duration_ms', 'bigint', (c) => c.notNull());
      if (dialect === 'postgres') events = events.modifyEnd(sql`partition by range (time_ms)`);
      await events.execute();

      const index = (name: string) => db.schema.createIndex(name).on('events');
      await index('events_time_id').unique().columns(['time_ms', 'id']).execute();
      await index('events_user_time').columns(['username', 'time_ms']).execute();
      await index('events_host_time').columns(['host_rev', 'time_ms']).execute();

      await db.schema
        .createTable('event_rollups')
        .addColumn('hour_ms', 'bigint', (c) => c.notNull())
        .addColumn('dimension', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => bytewise(c).notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('events', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_rollups_pk', ['dimension', 'hour_ms', 'key', 'action'])
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('time_ms', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_kind', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('client_address', 'text')
        .addColumn('reason', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_log_target')
        .on('audit_log')
        .columns(['target_kind', 'target', 'seq'])
        .execute();
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('legal_holds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('case_ref', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('review_due_ms', 'bigint', (c) => c.notNull())
        .addColumn('released_ms', 'bigint')
        .addColumn('released_by', 'text')
        .addColumn('release_reason', 'text')
        .execute();
      await db.schema
        .createTable('legal_hold_events')
        .addColumn('hold_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event_time_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('legal_hold_events_pk', ['hold_id', 'event_id'])
        .execute();
      await db.schema
        .createIndex('legal_hold_events_time')
        .on('legal_hold_events')
        .columns(['event_time_ms', 'event_id'])
        .execute();

      await db.schema
        .createTable('event_archives')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('events', 'bigint', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('deleted_ms', 'bigint')
        .execute();

      await db.schema
        .createTable('retention_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('started_ms', 'bigint', (c) => c.notNull())
        .addColumn('finished_ms', 'bigint', (c) => c.notNull())
        .addColumn('dry_run', 'integer', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('report', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
