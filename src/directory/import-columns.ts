/** The columns a user import understands, by their canonical header name. */
export const IMPORT_COLUMNS = [
  'username',
  'display_name',
  'groups',
  'classes',
  'email',
  'role',
  'date_of_birth',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Header names accepted for a column besides its own. */
const ALIASES: Readonly<Record<string, ImportColumn>> = { name: 'display_name' };

const REQUIRED: readonly ImportColumn[] = ['username', 'display_name'];

/** Where each known column is in a record, and what the header row got wrong. */
export interface ImportColumns {
  readonly kind: 'ImportColumns';
  /** Field index of each column the file has. */
  readonly index: Readonly<Partial<Record<ImportColumn, number>>>;
  /** Problems that make the whole file unusable: missing or repeated columns. */
  readonly errors: readonly string[];
  /** Things that are ignored: unknown columns (listed once), `name` beside `display_name`. */
  readonly warnings: readonly string[];
}

/**
 * Reads the header row of a user import: names are matched case-insensitively after
 * trimming, with spaces and hyphens read as `_` (so `Display Name` and `date-of-birth`
 * work), and `name` standing in for `display_name`. Columns with an empty name are skipped
 * silently: spreadsheets add them for trailing commas.
 *
 * ### Examples
 * ```ts
 * resolveImportColumns(['Username', 'Name', 'Year']).index; // { username: 0, display_name: 1 }
 * ```
 */
export function resolveImportColumns(header: readonly string[]): ImportColumns {
  const index: Partial<Record<ImportColumn, number>> = {};
  const seenAt = new Map<ImportColumn, number[]>();
  const unknown: string[] = [];
  const warnings: string[] = [];
  let nameAlias: number | null = null;
  for (let i = 0; i < header.length; i++) {
    const raw = header[i]!;
    const key = headerKey(raw);
    if (key === '') continue;
    const column = (IMPORT_COLUMNS as readonly string[]).includes(key)
      ? (key as ImportColumn)
      : ALIASES[key];
    if (column === undefined) unknown.push(`'${clip(raw.trim())}'`);
    else if (key === 'name') nameAlias = i;
    else seenAt.set(column, [...(seenAt.get(column) ?? []), i]);
  }
  if (nameAlias !== null) {
    if (seenAt.has('display_name')) {
      warnings.push('both display_name and name are present: display_name is used, name is not');
    } else {
      seenAt.set('display_name', [nameAlias]);
    }
  }
  const errors: string[] = [];
  for (const [column, positions] of seenAt) {
    if (positions.length > 1) {
      const where = positions.map((p) => p + 1).join(' and ');
      errors.push(`column ${column} appears more than once (columns ${where}): keep one`);
    }
    index[column] = positions[0]!;
  }
  const missing = REQUIRED.filter((c) => index[c] === undefined);
  if (missing.length > 0) {
    const found = header.filter((h) => h.trim() !== '').slice(0, 8);
    errors.push(
      `the first line must name the columns; missing: ${missing.join(', ')}` +
        ` (found: ${found.map((f) => `'${clip(f.trim())}'`).join(', ') || 'nothing'})`,
    );
  }
  if (unknown.length > 0) {
    const more = unknown.length > 20 ? ` and ${unknown.length - 20} more` : '';
    warnings.push(
      `columns not used and ignored: ${unknown.slice(0, 20).join(', ')}${more}` +
        ` (used: ${IMPORT_COLUMNS.join(', ')}, or name)`,
    );
  }
  return { kind: 'ImportColumns', index, errors, warnings };
}

/** The canonical form of a header cell: trimmed, lower case, spaces and hyphens as `_`. */
function headerKey(raw: string): string {
  return raw
    .trim()
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
