import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../casework/audit/append-audit.js';
import { parseGroupList } from '../store/parse-group-list.js';
import type { Database, DirectoryPeopleTable } from '../store/schema.js';
import type { ImportColumn } from './import-columns.js';
import { knownGroups } from './known-groups.js';
import type { ImportRow } from './user-import.js';

/** A person in the school directory, as the console lists them. */
export interface DirectoryPerson {
  readonly username: string;
  readonly displayName: string;
  readonly groups: readonly string[];
  readonly classes: readonly string[];
  readonly email: string | null;
  readonly role: string | null;
  readonly dateOfBirth: string | null;
  readonly updatedMs: number;
  readonly updatedBy: string;
}

export interface ListPeopleQuery {
  /** Part of a username or display name, any case. */
  readonly q?: string;
  /** Only people in this group (or teaching it). */
  readonly group?: string;
  readonly limit: number;
}

/** What an import wrote, for the console and the audit row. */
export interface ImportResult {
  readonly imported: number;
  readonly created: number;
  readonly updated: number;
}

/** Rows per INSERT: 9 columns each stays far below SQLite's bound-parameter limit. */
const CHUNK = 500;

/**
 * The directory's people by username, filtered by a search text and a group.
 *
 * ### Examples
 * ```ts
 * const people = await listPeople(db, { q: 'ahm', group: '7a', limit: 100 });
 * ```
 */
export async function listPeople(
  db: Kysely<Database>,
  query: ListPeopleQuery,
): Promise<readonly DirectoryPerson[]> {
  let select = db.selectFrom('directory_people').selectAll();
  const q = query.q?.trim().toLowerCase() ?? '';
  if (q !== '') {
    const pattern = `%${escapeLike(q)}%`;
    select = select.where(
      (eb) =>
        sql<boolean>`(lower(${eb.ref('username')}) like ${pattern} escape '\\' or lower(${eb.ref('display_name')}) like ${pattern} escape '\\')`,
    );
  }
  if (query.group !== undefined) {
    // Group ids are stored as JSON strings: `"7a"` with its quotes matches the id exactly.
    const pattern = `%${escapeLike(JSON.stringify(query.group))}%`;
    select = select.where(
      (eb) =>
        sql<boolean>`(${eb.ref('groups')} like ${pattern} escape '\\' or ${eb.ref('classes')} like ${pattern} escape '\\')`,
    );
  }
  const rows = await select.orderBy('username').limit(query.limit).execute();
  return rows.map(personOf);
}

/**
 * One person by their (normalised) username, or null when the directory has no such
 * person.
 *
 * ### Examples
 * ```ts
 * const person = await getPerson(db, 'a.ahmed');
 * ```
 */
export async function getPerson(
  db: Kysely<Database>,
  username: string,
): Promise<DirectoryPerson | null> {
  const row = await db
    .selectFrom('directory_people')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  return row === undefined ? null : personOf(row);
}

/**
 * Every group id the directory already uses (as a group or a class), so an import may name
 * them; and every username, so the preview can tell an update from a new person.
 */
export async function directoryKnowledge(
  db: Kysely<Database>,
): Promise<{ groups: Set<string>; usernames: Set<string> }> {
  const usernames = new Set(
    (await db.selectFrom('directory_people').select('username').execute()).map((r) => r.username),
  );
  return { groups: await knownGroups(db), usernames };
}

/**
 * Creates or updates the previewed rows in one transaction with one `directory.import`
 * audit row saying how many. An update changes only `columns` (the file's columns, as
 * `UserImportPreview.columns` says): an absent column keeps what the directory had.
 * The counts are the preview's (`row.action`): the audit row is written first, as the
 * trail requires inside a transaction, before the rows are.
 *
 * ### Examples
 * ```ts
 * const preview = previewUserImport(csv, { knownGroups, existingUsernames });
 * await importPeople(db, preview.rows, 'console:it', Date.now, preview.columns);
 * ```
 */
export async function importPeople(
  db: Kysely<Database>,
  rows: readonly ImportRow[],
  actor: string,
  now: () => number,
  columns: readonly ImportColumn[] = ALL_COLUMNS,
): Promise<ImportResult> {
  const created = rows.filter((r) => r.action === 'create').length;
  const result = { imported: rows.length, created, updated: rows.length - created };
  const present = new Set(columns);
  const updatable = UPDATABLE.filter(([column]) => present.has(column)).map(([, field]) => field);
  await db.transaction().execute(async (trx) => {
    await appendAudit(
      trx,
      {
        actor,
        action: 'directory.import',
        targetKind: 'group',
        target: 'directory',
        details: { ...result, columns: [...columns] },
      },
      now,
    );
    const updatedMs = now();
    for (let start = 0; start < rows.length; start += CHUNK) {
      const values = rows
        .slice(start, start + CHUNK)
        .map((row) => tableRowOf(row, actor, updatedMs));
      await trx
        .insertInto('directory_people')
        .values(values)
        .onConflict((oc) =>
          oc.column('username').doUpdateSet((eb) => {
            const set: Record<string, unknown> = {
              display_name: eb.ref('excluded.display_name'),
              updated_ms: eb.ref('excluded.updated_ms'),
              updated_by: eb.ref('excluded.updated_by'),
            };
            for (const field of updatable) set[field] = eb.ref(`excluded.${field}`);
            return set;
          }),
        )
        .execute();
    }
  });
  return result;
}

const ALL_COLUMNS: readonly ImportColumn[] = [
  'username',
  'display_name',
  'groups',
  'classes',
  'email',
  'role',
  'date_of_birth',
];

/** The optional columns an update may change, by file column. */
const UPDATABLE: readonly (readonly [ImportColumn, keyof DirectoryPeopleTable])[] = [
  ['groups', 'groups'],
  ['classes', 'classes'],
  ['email', 'email'],
  ['role', 'role'],
  ['date_of_birth', 'date_of_birth'],
];

function tableRowOf(row: ImportRow, actor: string, updatedMs: number): DirectoryPeopleTable {
  return {
    username: row.username,
    display_name: row.displayName,
    groups: JSON.stringify(row.groups),
    classes: JSON.stringify(row.classes),
    email: row.email,
    role: row.role,
    date_of_birth: row.dateOfBirth,
    updated_ms: updatedMs,
    updated_by: actor,
  };
}

function personOf(row: DirectoryPeopleTable): DirectoryPerson {
  return {
    username: row.username,
    displayName: row.display_name,
    groups: parseGroupList(row.groups),
    classes: parseGroupList(row.classes),
    email: row.email,
    role: row.role,
    dateOfBirth: row.date_of_birth,
    updatedMs: Number(row.updated_ms),
    updatedBy: row.updated_by,
  };
}

/** `%`, `_` and the escape itself taken literally in a LIKE pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
