import { type Kysely, sql } from 'kysely';
import type { DatabaseConfig } from '../config/store-config.js';
import { parseGroupList } from '../store/parse-group-list.js';
import { pollStore } from '../store/poll-store.js';
import type { Database } from '../store/schema.js';
import { userKey } from './user-key.js';

/** Each person's groups as the school directory says, by `userKey`. */
export type DirectoryGroups = ReadonlyMap<string, readonly string[]>;

export interface DirectoryGroupsWatch {
  /** The directory's groups for a person, or undefined when the directory has no such person. */
  groupsOf(username: string): readonly string[] | undefined;
  /** Reads now, whatever the timer (tests; a reload). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Keeps a gateway process's copy of the school directory's group memberships (imported or
 * edited in the console) current, so a pupil moved to another class or group is filtered and
 * recorded by their new groups within `intervalMs`, without a restart. The directory is the
 * school's record of who is in which group: for a person in it, its groups replace those of
 * the users file (which then only holds proxy passwords); people it does not list keep the
 * users file's groups.
 *
 * ### Examples
 * ```ts
 * const directory = watchDirectoryGroups({ database, dataDir, intervalMs: 5000, log });
 * const groups = directory.groupsOf('p.one') ?? identity.groups;
 * ```
 */
export function watchDirectoryGroups(options: {
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  readonly intervalMs: number;
  readonly log: (message: string) => void;
}): DirectoryGroupsWatch {
  let current: DirectoryGroups = new Map();
  const poll = pollStore({
    ...options,
    what: 'directory groups',
    version: directoryVersion,
    load: loadDirectoryGroups,
    onChange: (groups) => {
      current = groups;
    },
  });
  return {
    groupsOf: (username) => current.get(userKey(username)),
    refresh: poll.refresh,
    close: poll.close,
  };
}

/** How many people and the newest change: moves whenever an import or an edit lands. */
async function directoryVersion(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('directory_people')
    .select([
      sql<number>`count(*)`.as('people'),
      sql<number | null>`max(${sql.ref('updated_ms')})`.as('newest'),
    ])
    .executeTakeFirst();
  return `${Number(row?.people ?? 0)}:${Number(row?.newest ?? 0)}`;
}

/** Every person's groups; a few thousand short rows for a school, read when they change. */
export async function loadDirectoryGroups(db: Kysely<Database>): Promise<DirectoryGroups> {
  const rows = await db.selectFrom('directory_people').select(['username', 'groups']).execute();
  return new Map(rows.map((row) => [userKey(row.username), parseGroupList(row.groups)]));
}
