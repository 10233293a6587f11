import { type CheckedUser, checkUserRecord } from './check-user-record.js';
import { IMPORT_COLUMNS, type ImportColumn } from './import-columns.js';

/** A person as a form sends them: lists as arrays, absent optional fields as null. */
export interface PersonInput {
  readonly username: string;
  readonly displayName: string;
  readonly groups: readonly string[];
  readonly classes: readonly string[];
  readonly role: string | null;
  readonly email: string | null;
  readonly dateOfBirth: string | null;
}

/** One refused field, by the name the API uses for it (`displayName`, `dateOfBirth`). */
export interface PersonFieldError {
  readonly field: string;
  readonly message: string;
}

/** The API's name for each import column. NOTE: keep in sync with `PersonInput`. */
const FIELD_OF: Readonly<Record<ImportColumn, keyof PersonInput>> = Object.freeze({
  username: 'username',
  display_name: 'displayName',
  groups: 'groups',
  classes: 'classes',
  email: 'email',
  role: 'role',
  date_of_birth: 'dateOfBirth',
});

/** Every column at its own position: the record below is laid out in this order. */
const INDEX = Object.freeze(
  Object.fromEntries(IMPORT_COLUMNS.map((column, at) => [column, at])) as Record<
    ImportColumn,
    number
  >,
);

/**
 * Checks one person typed into the console by the very rules a CSV import row meets
 * (`checkUserRecord`): the same username form, known groups, a pupil without classes, a real
 * date of birth. The person is laid out as an import record, so the two can never drift
 * apart; errors come back under the API's field names, with the import's messages (which
 * name the column, e.g. "display_name is empty", and say what to do).
 *
 * ### Examples
 * ```ts
 * checkPerson({ username: 'P.Smith', displayName: 'Paul Smith', groups: ['7a'], classes: [],
 *   role: null, email: null, dateOfBirth: null }, new Set(['7a']));
 * // { person: { username: 'p.smith', groups: ['7a'], ... }, errors: [] }
 * ```
 */
export function checkPerson(
  input: PersonInput,
  knownGroups: ReadonlySet<string>,
): { readonly person: CheckedUser | null; readonly errors: readonly PersonFieldError[] } {
  const fields: string[] = IMPORT_COLUMNS.map((column) => {
    const value = input[FIELD_OF[column]];
    if (value === null) return '';
    return typeof value === 'string' ? value : value.join(';');
  });
  const { user, errors } = checkUserRecord(fields, {
    line: 1,
    index: INDEX,
    width: IMPORT_COLUMNS.length,
    knownGroups,
  });
  return {
    person: user,
    errors: errors.map((error) => ({
      field: error.column === null ? 'person' : FIELD_OF[error.column as ImportColumn],
      message: error.message,
    })),
  };
}
