import { formatCount } from './format-count.js';
import type {
  ReportCell,
  ReportDocument,
  ReportRow,
  ReportSection,
  TableSection,
} from './report-document.js';
import { shownTable } from './shown-table.js';

/** Widest and narrowest bar, in characters. */
const BAR_WIDTH = 30;
const MIN_BAR_WIDTH = 10;
/** Lines are kept to this where they can be (plain-text mail is read in 78-80 columns). */
const LINE_WIDTH = 78;
/** Widest name beside a bar, and widest table cell, in characters. */
const MAX_LABEL = 56;
const MAX_CELL = 40;
/** A table wider than this is written as one block per row instead of columns. */
const MAX_TABLE_WIDTH = 100;

/**
 * A report as plain text, for the text part of an e-mail and for terminals: headings
 * underlined, names and numbers in aligned columns, charts as bars of `█`. Control
 * characters in names (a username or search term with a line break in it) are shown as `?`,
 * so nothing typed by a pupil can forge a line of the report.
 *
 * ### Examples
 * ```ts
 * process.stdout.write(renderReportText(digestDocument(digest)));
 * ```
 */
export function renderReportText(doc: ReportDocument): string {
  const out: string[] = [
    clean(doc.title),
    '='.repeat(width(clean(doc.title))),
    clean(doc.subtitle),
  ];
  for (const n of doc.notes) out.push(clean(n));
  out.push('', ...heading('Summary'), ...totals(doc.totals));
  for (const s of doc.sections) out.push('', ...section(s));
  return `${out.join('\n')}\n`;
}

function heading(title: string): string[] {
  const text = clean(title);
  return [text, '-'.repeat(width(text))];
}

function totals(rows: readonly ReportRow[]): string[] {
  const names = rows.map((r) => clean(r.label));
  const numbers = rows.map((r) => formatCount(r.value));
  const nameWidth = Math.max(0, ...names.map(width));
  const numberWidth = Math.max(0, ...numbers.map(width));
  return rows.map((_, i) => `  ${pad(names[i]!, nameWidth)}  ${numbers[i]!.padStart(numberWidth)}`);
}

function section(s: ReportSection): string[] {
  const lines = heading(s.title);
  const empty = s.kind === 'table' ? s.rows.length === 0 : s.rows.every((r) => r.value === 0);
  if (empty) lines.push(`  ${clean(s.empty)}`);
  else if (s.kind === 'table') lines.push(...table(s));
  else lines.push(...bars(s.rows, s.keyHeader, s.valueHeader));
  if (s.note !== undefined) lines.push(`  ${clean(s.note)}`);
  return lines;
}

/** Name, bar, number: the bar scaled to the largest value. Used for time series too. */
function bars(rows: readonly ReportRow[], keyHeader: string, valueHeader: string): string[] {
  const names = rows.map((r) => cut(clean(r.label), MAX_LABEL));
  const numbers = rows.map((r) => formatCount(r.value));
  const nameWidth = Math.max(width(keyHeader), ...names.map(width));
  const numberWidth = Math.max(...numbers.map(width));
  const barWidth = Math.max(
    MIN_BAR_WIDTH,
    Math.min(BAR_WIDTH, LINE_WIDTH - 2 - nameWidth - 2 - 2 - numberWidth),
  );
  const max = Math.max(...rows.map((r) => r.value));
  const lines = [`  ${pad(clean(keyHeader), nameWidth)}  ${clean(valueHeader)}`];
  rows.forEach((r, i) => {
    const n = r.value === 0 ? 0 : Math.max(1, Math.round((r.value / max) * barWidth));
    lines.push(
      `  ${pad(names[i]!, nameWidth)}  ${pad('█'.repeat(n), barWidth)}  ${padStart(numbers[i]!, numberWidth)}`,
    );
  });
  return lines;
}

function table(section: TableSection): string[] {
  const s = { ...section, ...shownTable(section) };
  const cells = s.rows.map((row) => s.columns.map((_, i) => cut(text(row[i] ?? null), MAX_CELL)));
  const widths = s.columns.map((c, i) =>
    Math.max(width(clean(c.header)), ...cells.map((row) => width(row[i]!))),
  );
  const headers = s.columns.map((c) => clean(c.header));
  if (widths.reduce((a, b) => a + b + 2, 0) > MAX_TABLE_WIDTH) return records(headers, cells);
  const line = (row: readonly string[]) =>
    `  ${row
      .map((cell, i) =>
        s.columns[i]!.numeric === true ? padStart(cell, widths[i]!) : pad(cell, widths[i]!),
      )
      .join('  ')}`.trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}

/** Too wide for columns: each row as its first cell, then `Header: value` lines under it. */
function records(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const w = Math.max(...headers.slice(1).map(width));
  const lines: string[] = [];
  for (const row of rows) {
    lines.push(`  ${headers[0]}: ${row[0]}`);
    for (let i = 1; i < headers.length; i++) {
      if (row[i] !== '') lines.push(`    ${pad(`${headers[i]}:`, w + 1)} ${row[i]}`);
    }
  }
  return lines;
}

const text = (cell: ReportCell) =>
  cell === null ? '' : typeof cell === 'number' ? formatCount(cell) : clean(cell);

/** Control characters (C0, DEL, C1) and line or paragraph separators become `?`. */
const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');

/** Width in characters as a terminal counts them (code points: near enough for names). */
const width = (s: string) => [...s].length;
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - width(s))) + s;
const cut = (s: string, max: number) =>
  width(s) <= max ? s : `${[...s].slice(0, max - 1).join('')}…`;
