import type { StaffRole } from '../config/monitor-config.js';
import { type CheckedUser, checkUserRecord } from './check-user-record.js';
import { type ImportColumn, resolveImportColumns } from './import-columns.js';
import { normaliseUsername } from './normalise-username.js';
import { type CsvDelimiter, parseCsv } from './parse-csv.js';

/** A user the import would create or update, with the line it came from. */
export interface ImportRow {
  readonly line: number;
  /** Trimmed, NFC, lower case; matches `USERNAME_PATTERN`. */
  readonly username: string;
  readonly displayName: string;
  /** Known group ids, lower case, de-duplicated, in file order. */
  readonly groups: readonly string[];
  /** For staff: the groups (classes) they teach. Always empty for a pupil. */
  readonly classes: readonly string[];
  readonly email: string | null;
  /** Null for a pupil. */
  readonly role: StaffRole | null;
  /** `YYYY-MM-DD`, a real calendar date. */
  readonly dateOfBirth: string | null;
  readonly action: 'create' | 'update';
}

/**
 * One problem, for a table of Line | Column | Value | Problem. `line` 0 means the file as
 * a whole (too big, empty, errors not listed); `column` null means the record or header.
 * `value` is what the cell held, cut to 200 characters.
 */
export interface RowError {
  readonly line: number;
  readonly column: string | null;
  readonly value: string;
  readonly message: string;
}

/** What the console shows before anything is written. */
export interface UserImportPreview {
  /** Only the valid users; a record with any error is left out whole. */
  readonly rows: readonly ImportRow[];
  /** Sorted by line; at most `USER_IMPORT_LIMITS.maxErrors` plus one "N more" entry. */
  readonly errors: readonly RowError[];
  /** Ignored columns and the like: nothing that stops the import. */
  readonly warnings: readonly RowError[];
  /** The known columns the file has; an update changes only these fields. */
  readonly columns: readonly ImportColumn[];
  readonly summary: {
    /** Data records (the header and empty lines not counted). */
    readonly total: number;
    readonly valid: number;
    readonly invalid: number;
    readonly new: number;
    readonly updated: number;
  };
}

export interface UserImportOptions {
  /** Group ids that exist (lower case); every group and class must be one. */
  readonly knownGroups: ReadonlySet<string>;
  /** Usernames already in the console, normalised: their rows are updates. */
  readonly existingUsernames: ReadonlySet<string>;
}

/** How much one import may be; beyond these the file is refused with a message. */
export const USER_IMPORT_LIMITS = Object.freeze({
  maxBytes: 5 * 1024 * 1024,
  maxRows: 20_000,
  maxErrors: 1_000,
});

/**
 * Reads a CSV export of pupils or staff and says, row by row, what importing it would do,
 * without doing it: which users would be created or updated, and every problem with the
 * line, column and value to fix. A username that appears twice is an error on every line it
 * is on, not just the later ones: two different pupils given the same generated username is
 * the likely cause, and importing either would file one child's activity under the other.
 * Pure: no I/O, no clock.
 *
 * ### Examples
 * ```ts
 * const preview = previewUserImport('username,name,groups\np.smith,Paul Smith,7a;year7\n', {
 *   knownGroups: new Set(['7a', 'year7']),
 *   existingUsernames: new Set(),
 * });
 * // preview.rows[0]: { line: 2, username: 'p.smith', groups: ['7a', 'year7'], action: 'create', ... }
 * ```
 */
export function previewUserImport(csvText: string, options: UserImportOptions): UserImportPreview {
  const limits = USER_IMPORT_LIMITS;
  const bytes = Buffer.byteLength(csvText, 'utf8');
  if (bytes > limits.maxBytes) {
    // Rounded up, so a file just over the limit does not read as "5.0 MB".
    const mb = (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1);
    return fileError(
      0,
      `the file is ${mb} MB; import at most 5 MB at a time (split it into several files)`,
    );
  }
  const records = parseCsv(csvText, { delimiter: sniffDelimiter(csvText) });
  const header = records[0];
  if (header === undefined) {
    return fileError(0, 'the file is empty: its first line must name the columns');
  }
  if (header.kind === 'CsvError') return fileError(header.line, header.message);
  const data = records.slice(1);
  if (data.length > limits.maxRows) {
    return fileError(
      0,
      `the file has ${data.length.toLocaleString('en-GB')} rows; import at most ` +
        `${limits.maxRows.toLocaleString('en-GB')} at a time (split it into several files)`,
      data.length,
    );
  }
  const columns = resolveImportColumns(header.fields);
  const warnings = columns.warnings.map((message) => locate(header.line, message));
  const present = (Object.keys(columns.index) as ImportColumn[]).sort(
    (a, b) => columns.index[a]! - columns.index[b]!,
  );
  if (columns.errors.length > 0) {
    return { ...fileError(header.line, columns.errors, data.length), warnings };
  }
  if (data.length === 0) {
    return { ...fileError(header.line, 'the file names its columns but has no users'), warnings };
  }

  const errors: RowError[] = [];
  const checked: CheckedUser[] = [];
  const linesOf = new Map<string, number[]>();
  const width = lastNamed(header.fields) + 1;
  for (const record of data) {
    if (record.kind === 'CsvError') {
      errors.push(locate(record.line, record.message));
      continue;
    }
    const result = checkUserRecord(record.fields, {
      line: record.line,
      index: columns.index,
      width,
      knownGroups: options.knownGroups,
    });
    errors.push(...result.errors);
    // Duplicates count on every line that names the username, valid or not.
    const username = normaliseUsername(record.fields[columns.index.username!] ?? '');
    if (username !== '') {
      const lines = linesOf.get(username);
      if (lines === undefined) linesOf.set(username, [record.line]);
      else lines.push(record.line);
    }
    if (result.user !== null) checked.push(result.user);
  }

  const rows: ImportRow[] = [];
  for (const user of checked) {
    const lines = linesOf.get(user.username)!;
    if (lines.length > 1) {
      errors.push({
        line: user.line,
        column: 'username',
        value: user.username,
        message: `duplicate username '${user.username}' (also on ${lineList(lines, user.line)})`,
      });
      continue;
    }
    const action = options.existingUsernames.has(user.username) ? 'update' : 'create';
    rows.push({ ...user, action });
  }
  const updated = rows.filter((r) => r.action === 'update').length;
  return {
    rows,
    errors: capped(sortByLine(errors, present)),
    warnings,
    columns: present,
    summary: {
      total: data.length,
      valid: rows.length,
      invalid: data.length - rows.length,
      new: rows.length - updated,
      updated,
    },
  };
}

/**
 * A tab or semicolon separated export (continental Excel) when the first line has no comma
 * but has one of those; otherwise commas.
 */
function sniffDelimiter(text: string): CsvDelimiter {
  const end = text.search(/[\r\n]/);
  const first = end < 0 ? text : text.slice(0, end);
  if (first.includes(',')) return ',';
  if (first.includes('\t')) return '\t';
  return first.includes(';') ? ';' : ',';
}

function lastNamed(header: readonly string[]): number {
  let last = -1;
  for (let i = 0; i < header.length; i++) if (header[i]!.trim() !== '') last = i;
  return last;
}

/** The other lines a username is on, the first five of them: a whole file can be one name. */
function lineList(lines: readonly number[], own: number): string {
  const others = lines.length - 1;
  const shown: number[] = [];
  for (let i = 0; i < lines.length && shown.length < 5; i++) {
    if (lines[i] !== own) shown.push(lines[i]!);
  }
  const more = others > 5 ? ` and ${others - 5} more` : '';
  return others === 1 ? `line ${shown[0]}` : `lines ${shown.join(', ')}${more}`;
}

/** By line, then in the order the columns are in the file (record-wide problems first). */
function sortByLine(errors: RowError[], present: readonly ImportColumn[]): RowError[] {
  const rank = (column: string | null) =>
    column === null ? -1 : present.indexOf(column as ImportColumn);
  return errors.sort((a, b) => a.line - b.line || rank(a.column) - rank(b.column));
}

function capped(errors: readonly RowError[]): readonly RowError[] {
  const max = USER_IMPORT_LIMITS.maxErrors;
  if (errors.length <= max) return errors;
  const rest = errors.length - max;
  return [
    ...errors.slice(0, max),
    locate(0, `${rest} more errors are not listed: fix the ones above and preview again`),
  ];
}

function locate(line: number, message: string): RowError {
  return { line, column: null, value: '', message };
}

/** A preview with no rows: the file as a whole cannot be imported. */
function fileError(
  line: number,
  messages: string | readonly string[],
  total = 0,
): UserImportPreview {
  const list = typeof messages === 'string' ? [messages] : messages;
  return {
    rows: [],
    errors: list.map((message) => locate(line, message)),
    warnings: [],
    columns: [],
    summary: { total, valid: 0, invalid: total, new: 0, updated: 0 },
  };
}
