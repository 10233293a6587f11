import { type Kysely, sql } from 'kysely';

/**
 * The safeguarding monitor's tables (issue 5): alerts and their evidence, the delivery
 * outbox, expected-activity notices, sent digests, and the monitor's one-row lock. See
 * `schema.ts` for what each column holds.
 */
export function alertsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('fold_key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('base_level', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('username', 'text')
        .addColumn('groups', 'text', (c) => c.notNull())
        .addColumn('device', 'text')
        .addColumn('client_address', 'text', (c) => c.notNull())
        .addColumn('first_ms', 'bigint', (c) => c.notNull())
        .addColumn('last_ms', 'bigint', (c) => c.notNull())
        .addColumn('count', 'bigint', (c) => c.notNull())
        .addColumn('expected', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('state_by', 'text')
        .addColumn('state_ms', 'bigint')
        .addColumn('outcome', 'text')
        .addColumn('case_ref', 'text')
        .addColumn('state_note', 'text')
        .execute();
      const alertIndex = (name: string) => db.schema.createIndex(name).on('alerts');
      await alertIndex('alerts_fold').columns(['fold_key', 'last_ms']).execute();
      await alertIndex('alerts_first').columns(['first_ms']).execute();
      await alertIndex('alerts_user').columns(['username', 'first_ms']).execute();
      await alertIndex('alerts_state').columns(['state', 'level', 'last_ms']).execute();

      await db.schema
        .createTable('alert_evidence')
        .addColumn('alert_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('time_ms', 'bigint', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('search_terms', 'text')
        .addColumn('phrases', 'text', (c) => c.notNull())
        .addColumn('snippet', 'text')
        .addPrimaryKeyConstraint('alert_evidence_pk', ['alert_id', 'event_id'])
        .execute();
      // A replayed batch is recognised by its event ids (the monitor is idempotent).
      await db.schema
        .createIndex('alert_evidence_event')
        .on('alert_evidence')
        .columns(['event_id'])
        .execute();

      await db.schema
        .createTable('alert_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('alert_id', 'text')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_ms', 'bigint', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('sent_ms', 'bigint')
        .execute();
      await db.schema
        .createIndex('alert_deliveries_due')
        .on('alert_deliveries')
        .columns(['state', 'next_ms'])
        .execute();
      await db.schema
        .createIndex('alert_deliveries_alert')
        .on('alert_deliveries')
        .columns(['alert_id'])
        .execute();

      await db.schema
        .createTable('activity_notices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('groups', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('keywords', 'text', (c) => c.notNull())
        .addColumn('categories', 'text', (c) => c.notNull())
        .addColumn('from_ms', 'bigint', (c) => c.notNull())
        .addColumn('to_ms', 'bigint', (c) => c.notNull())
        .addColumn('withdrawn_ms', 'bigint')
        .execute();
      await db.schema
        .createIndex('activity_notices_window')
        .on('activity_notices')
        .columns(['to_ms'])
        .execute();

      await db.schema
        .createTable('digest_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sent_ms', 'bigint', (c) => c.notNull())
        .addColumn('recipients', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('monitor_lock')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('turns', 'bigint', (c) => c.notNull())
        .execute();
      await sql`insert into monitor_lock (id, turns) values (1, 0)`.execute(db);
    },
  };
}
