import type { ReportCell, ReportColumn, TableSection } from './report-document.js';

/**
 * A table as people see it: without the columns meant for the CSV only (`csvOnly`), in the
 * HTML, text and PDF renderings alike.
 *
 * ### Examples
 * ```ts
 * const { columns, rows } = shownTable(section);
 * ```
 */
export function shownTable(s: TableSection): {
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly ReportCell[])[];
} {
  const keep = s.columns.map((c) => c.csvOnly !== true);
  if (keep.every(Boolean)) return { columns: s.columns, rows: s.rows };
  return {
    columns: s.columns.filter((_, i) => keep[i]),
    rows: s.rows.map((row) => s.columns.map((_, i) => row[i] ?? null).filter((_, i) => keep[i])),
  };
}
