import type { CsvDelimiter } from './parse-csv.js';

/**
 * Writes records as RFC 4180 CSV with CRLF line ends, quoting only the fields that need it
 * (a delimiter, quote, CR or LF inside, or a leading BOM the reader would strip) and a
 * record of one empty field, which would otherwise be an empty line that `parseCsv` skips.
 * `parseCsv(formatCsv(records))` gives the records back. It does not defuse spreadsheet
 * formulas (`=cmd|...`): that is for exports a person opens, not for test files and fixtures.
 *
 * ### Examples
 * ```ts
 * formatCsv([['username', 'display_name'], ['p.smith', 'Smith, Paul']]);
 * // 'username,display_name\r\np.smith,"Smith, Paul"\r\n'
 * ```
 */
export function formatCsv(
  records: readonly (readonly string[])[],
  delimiter: CsvDelimiter = ',',
): string {
  let out = '';
  for (const record of records) {
    if (record.length === 0 || (record.length === 1 && record[0] === '')) {
      out += '""\r\n';
      continue;
    }
    for (let i = 0; i < record.length; i++) {
      if (i > 0) out += delimiter;
      out += quoteIfNeeded(record[i]!, delimiter);
    }
    out += '\r\n';
  }
  return out;
}

function quoteIfNeeded(field: string, delimiter: CsvDelimiter): string {
  const needs =
    field.includes(delimiter) ||
    field.includes('"') ||
    field.includes('\n') ||
    field.includes('\r') ||
    field.startsWith('\uFEFF');
  return needs ? `"${field.replaceAll('"', '""')}"` : field;
}
