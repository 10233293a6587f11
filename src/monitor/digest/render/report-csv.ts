import { type CsvCell, csvRow } from '../../../casework/sar/csv-row.js';
import type { ReportDocument } from './report-document.js';

/**
 * A report as one CSV file for a spreadsheet: every number in it, one per row, as
 * `section,key,count` (`totals,blocked,182`, `blocked-by-category,adult,97`,
 * `blocked-per-hour,2026-11-24 09:00 GMT,12`), and table rows with their other cells in
 * further columns named after the table's columns (blank elsewhere). Zero counts are kept,
 * so a chart can be redrawn from the file. Cells are written by `csvRow`, which neutralises
 * text a spreadsheet would run as a formula: search terms and usernames are typed by pupils.
 *
 * ### Examples
 * ```ts
 * writeFileSync('digest.csv', reportCsv(digestDocument(digest)));
 * ```
 */
export function reportCsv(doc: ReportDocument): string {
  const extras: string[] = [];
  for (const s of doc.sections) {
    if (s.kind !== 'table') continue;
    for (const c of s.columns) {
      if (c.id !== s.keyColumn && c.id !== s.countColumn && !extras.includes(c.id)) {
        extras.push(c.id);
      }
    }
  }
  const blank = extras.map(() => null);
  const lines = [csvRow(['section', 'key', 'count', ...extras])];
  for (const t of doc.totals) lines.push(csvRow(['totals', t.key, t.value, ...blank]));
  for (const s of doc.sections) {
    if (s.kind !== 'table') {
      for (const r of s.rows) lines.push(csvRow([s.id, r.key, r.value, ...blank]));
      continue;
    }
    const at = (id: string | undefined) => s.columns.findIndex((c) => c.id === id);
    const key = at(s.keyColumn);
    const count = at(s.countColumn);
    for (const row of s.rows) {
      const extra: CsvCell[] = blank.slice();
      s.columns.forEach((c, i) => {
        const j = extras.indexOf(c.id);
        if (j >= 0) extra[j] = row[i] ?? null;
      });
      lines.push(
        csvRow([s.id, row[key] ?? null, count < 0 ? null : (row[count] ?? null), ...extra]),
      );
    }
  }
  return lines.join('');
}
