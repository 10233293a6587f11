import type { Kysely } from 'kysely';

/**
 * The school directory (issue 6): pupils and staff as the MIS export names them, with
 * their groups, so the console can list people and the import can tell a new person from
 * an update. See `directory_people` in `schema.ts`.
 */
export function directoryMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('directory_people')
        .addColumn('username', 'text', (c) => c.primaryKey())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('groups', 'text', (c) => c.notNull())
        .addColumn('classes', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('role', 'text')
        .addColumn('date_of_birth', 'text')
        .addColumn('updated_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
