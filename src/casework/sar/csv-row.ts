/** A CSV cell: text, or a value written as it is. `null` is an empty cell. */
export type CsvCell = string | number | boolean | null;

/** Text a spreadsheet would read as a formula (or, for tab and CR, strip and then read as one). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Text that must be quoted (RFC 4180 section 2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV record (RFC 4180): cells joined by commas and ended by CRLF; a cell with a comma,
 * quote or line break is quoted, its quotes doubled. Text cells that start with `=`, `+`,
 * `-`, `@`, tab or CR get a leading apostrophe, so a spreadsheet shows them instead of
 * running them: search terms and paths are typed by pupils, and `=HYPERLINK(...)` in a
 * subject access export must not become a live link on the school's computer (OWASP "CSV
 * injection"). Numbers and booleans are written as they are; only text is changed.
 *
 * ### Examples
 * ```ts
 * csvRow(['a', 'b,c', 'say "hi"', 3, null]); // 'a,"b,c","say ""hi""",3,\r\n'
 * csvRow(['=1+1', '-2', 'ok']); // "'=1+1,'-2,ok\r\n"
 * ```
 */
export function csvRow(cells: readonly CsvCell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ',';
    line += csvCell(cells[i]!);
  }
  return `${line}\r\n`;
}

function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell !== 'string') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
