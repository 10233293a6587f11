import type { RowError } from './user-import.js';

/**
 * Puts an import problem in one line for a log, a CLI or a plain list:
 * `line 7, groups: 'yr7b' is not a known group (known: 7a, 7b, year7)`. Line 0 (the file as
 * a whole) has no prefix.
 *
 * ### Examples
 * ```ts
 * describeRowError({ line: 4, column: 'display_name', value: '', message: 'display_name is empty' });
 * // 'line 4, display_name: display_name is empty'
 * ```
 */
export function describeRowError(error: RowError): string {
  if (error.line === 0) return error.message;
  const where =
    error.column === null ? `line ${error.line}` : `line ${error.line}, ${error.column}`;
  return `${where}: ${error.message}`;
}
