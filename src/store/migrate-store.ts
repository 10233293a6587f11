import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { initialMigration } from './migrations/0001-initial.js';
import { alertsMigration } from './migrations/0002-alerts.js';
import { consoleMigration } from './migrations/0003-console.js';
import { decisionsMigration } from './migrations/0004-decisions.js';
import { directoryMigration } from './migrations/0005-directory.js';
import { policyExceptionsMigration } from './migrations/0006-policy-exceptions.js';
import { eventGroupsMigration } from './migrations/0007-event-groups.js';
import type { StoreDialect } from './store-dialect.js';
import { StoreError } from './store-error.js';

/**
 * Every migration, in order. Names are stored in the database: never rename one; add a new
 * one at the end (`0002-...`) with its field in `schema.ts`.
 */
function migrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-alerts': alertsMigration(),
    '0003-console': consoleMigration(),
    '0004-decisions': decisionsMigration(),
    '0005-directory': directoryMigration(),
    '0006-policy-exceptions': policyExceptionsMigration(),
    '0007-event-groups': eventGroupsMigration(),
  };
}

/** The migrations this version of Schoolgate knows, oldest first. */
export function knownMigrations(dialect: StoreDialect): readonly string[] {
  return Object.keys(migrations(dialect));
}

/**
 * Brings the database up to this version's schema, at start-up. Refuses a database that a
 * newer Schoolgate has migrated (a migration it does not know), since running old code on a
 * newer schema could lose data. Kysely's migrator takes a lock, so several gateway nodes
 * starting together migrate once.
 *
 * ### Examples
 * ```ts
 * const applied = await migrateStore(db, 'sqlite'); // ['0001-initial'] on a new database
 * ```
 */
export async function migrateStore(
  // biome-ignore lint/suspicious/noExplicitAny: migrations work below the typed schema
  db: Kysely<any>,
  dialect: StoreDialect,
): Promise<readonly string[]> {
  const known = migrations(dialect);
  for (const name of await appliedMigrations(db)) {
    if (!(name in known)) throw StoreError.create('SG_ERR_STORE_NEWER', name);
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => known },
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error !== undefined) {
    throw Object.assign(
      StoreError.create(
        'SG_ERR_STORE_MIGRATION',
        failed?.migrationName ?? '(setup)',
        error instanceof Error ? error.message : String(error),
      ),
      { cause: error },
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names recorded by Kysely's migrator, or none on a new database. */
// biome-ignore lint/suspicious/noExplicitAny: read before the schema exists
async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return rows.rows.map((r) => r.name);
}
