import { STAFF_ROLES, type StaffRole } from '../config/monitor-config.js';
import type { ImportColumn } from './import-columns.js';
import { normaliseUsername, USERNAME_PATTERN } from './normalise-username.js';
import type { ImportRow, RowError } from './user-import.js';

/** What a record checks against besides its own fields. */
export interface RecordContext {
  readonly line: number;
  readonly index: Readonly<Partial<Record<ImportColumn, number>>>;
  /** Number of named header columns; more non-empty fields than this is an error. */
  readonly width: number;
  readonly knownGroups: ReadonlySet<string>;
}

/** A record's user, before duplicates and existing users decide its `action`. */
export type CheckedUser = Omit<ImportRow, 'action'>;

const MAX_DISPLAY_NAME = 200;
const MAX_EMAIL = 254;
const SHOWN_GROUPS = 12;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks one data record of a user import and returns the user it describes, or null and
 * every problem found (all of them, so one preview shows everything to fix). Values are
 * trimmed and NFC-normalised; usernames, groups, classes and roles are lower-cased; a
 * role is read with spaces and hyphens as `_` (`Deputy DSL` is `deputy_dsl`).
 *
 * ### Examples
 * ```ts
 * checkUserRecord(['p.smith', 'Paul Smith', '7a'], { line: 2, index, width: 3, knownGroups });
 * // { user: { line: 2, username: 'p.smith', displayName: 'Paul Smith', groups: ['7a'], ... }, errors: [] }
 * ```
 */
export function checkUserRecord(
  fields: readonly string[],
  context: RecordContext,
): { readonly user: CheckedUser | null; readonly errors: readonly RowError[] } {
  const { line, index } = context;
  const errors: RowError[] = [];
  const fail = (column: ImportColumn | null, value: string, message: string) => {
    errors.push({ line, column, value: clipValue(value), message });
  };
  const cell = (column: ImportColumn) => {
    const at = index[column];
    return at === undefined ? '' : (fields[at] ?? '').trim().normalize('NFC');
  };

  const extra = fields.slice(context.width).filter((f) => f.trim() !== '');
  if (extra.length > 0) {
    fail(
      null,
      extra[0]!,
      `${fields.length} fields but the header names ${context.width}: ` +
        'a value with a comma in it needs "quotes"',
    );
  }

  const rawUsername = cell('username');
  const username = normaliseUsername(rawUsername);
  if (username === '') fail('username', rawUsername, 'username is empty');
  else if (username.length > 64) fail('username', rawUsername, 'username is over 64 characters');
  else if (!USERNAME_PATTERN.test(username)) {
    fail(
      'username',
      rawUsername,
      `username '${clip(rawUsername)}' may use only a-z, 0-9, '.', '_' and '-', ` +
        'and must start with a letter or digit',
    );
  }

  const rawName = cell('display_name');
  const displayName = rawName.replace(/\s+/g, ' ');
  if (displayName === '') fail('display_name', rawName, 'display_name is empty');
  else if (CONTROL.test(displayName)) {
    fail('display_name', rawName, 'display_name contains control characters');
  } else if (displayName.length > MAX_DISPLAY_NAME) {
    fail('display_name', rawName, `display_name is over ${MAX_DISPLAY_NAME} characters`);
  }

  const rawRole = cell('role');
  const roleKey = rawRole.toLowerCase().replace(/[\s-]+/g, '_');
  let role: StaffRole | null = null;
  if (roleKey !== '') {
    if ((STAFF_ROLES as readonly string[]).includes(roleKey)) role = roleKey as StaffRole;
    else {
      fail(
        'role',
        rawRole,
        `role '${clip(rawRole)}' is not one of ${STAFF_ROLES.join(', ')} (leave it empty for a pupil)`,
      );
    }
  }

  const groups = groupList(cell('groups'), 'groups', context.knownGroups, fail);
  const rawClasses = cell('classes');
  const classes = groupList(rawClasses, 'classes', context.knownGroups, fail);
  if (classes.length > 0 && roleKey === '') {
    fail(
      'classes',
      rawClasses,
      "classes are the classes a member of staff teaches; a pupil's own class goes in groups",
    );
  }

  const email = cell('email');
  if (email !== '' && (email.length > MAX_EMAIL || !EMAIL.test(email))) {
    fail('email', email, `email '${clip(email)}' is not an address (like name@school.test)`);
  }

  const dateOfBirth = cell('date_of_birth');
  if (dateOfBirth !== '') {
    const problem = checkDate(dateOfBirth);
    if (problem !== null) fail('date_of_birth', dateOfBirth, problem);
  }

  if (errors.length > 0) return { user: null, errors };
  return {
    user: {
      line,
      username,
      displayName,
      groups,
      classes,
      email: email === '' ? null : email,
      role,
      dateOfBirth: dateOfBirth === '' ? null : dateOfBirth,
    },
    errors,
  };
}

/** Splits a `;` or `|` separated list, lower-cases and de-duplicates it, checks each entry. */
function groupList(
  raw: string,
  column: 'groups' | 'classes',
  known: ReadonlySet<string>,
  fail: (column: ImportColumn, value: string, message: string) => void,
): readonly string[] {
  const out: string[] = [];
  for (const part of raw.split(/[;|]/)) {
    const group = part.trim().toLowerCase();
    if (group === '' || out.includes(group)) continue;
    if (!known.has(group))
      fail(column, part.trim(), `'${clip(part.trim())}' ${unknownGroup(known)}`);
    else out.push(group);
  }
  return out;
}

function unknownGroup(known: ReadonlySet<string>): string {
  if (known.size === 0) return 'is not a known group (no groups are set up yet: add them first)';
  const sorted = [...known].sort();
  const shown = sorted.slice(0, SHOWN_GROUPS).join(', ');
  const more = sorted.length > SHOWN_GROUPS ? `, and ${sorted.length - SHOWN_GROUPS} more` : '';
  return `is not a known group (known: ${shown}${more})`;
}

/** Null for a real YYYY-MM-DD date from 1900 to 2100, else what is wrong with it. */
function checkDate(text: string): string | null {
  const m = DATE.exec(text);
  const example = '(like 2012-09-03 for 3 September 2012)';
  if (m === null) return `date_of_birth '${clip(text)}' is not in YYYY-MM-DD form ${example}`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = month >= 1 && month <= 12 ? daysIn(year, month) : 0;
  if (day < 1 || day > days) return `date_of_birth '${text}' is not a real date ${example}`;
  if (year < 1900 || year > 2100) return `date_of_birth '${text}' is not between 1900 and 2100`;
  return null;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Keeps a reported value short: a whole cell can be megabytes. */
function clipValue(text: string): string {
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
