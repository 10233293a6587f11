import { escapeHtml as esc } from '../../../engine/text/escape-html.js';
import { formatCount } from './format-count.js';
import type {
  ChartSection,
  ReportCell,
  ReportDocument,
  ReportRow,
  ReportSection,
  TableSection,
} from './report-document.js';
import { shownTable } from './shown-table.js';

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const INK = '#222222';
const MUTED = '#666666';
const BAR = '#b03a2e';
const RULE = '#dddddd';
const CAPTION = `caption-side:top;text-align:left;font-size:16px;font-weight:bold;color:${INK};padding:18px 0 6px;`;
const TH = `text-align:left;font-size:12px;color:${MUTED};font-weight:bold;padding:4px 6px;border-bottom:1px solid ${RULE};`;
const TD = `font-size:13px;color:${INK};padding:4px 6px;border-bottom:1px solid ${RULE};vertical-align:top;`;
/** Tallest column of a column chart, in pixels. */
const COLUMN_HEIGHT = 100;

/**
 * A report as an HTML e-mail: one 640-pixel table with inline styles only (mail clients drop
 * `<style>` blocks and most CSS), charts drawn with table cells of set widths and heights
 * (no images or scripts, which mail clients block), and every chart and table a real data
 * table with a caption and header cells so a screen reader can read the numbers. All text
 * is escaped: usernames and search terms are typed by pupils.
 *
 * ### Examples
 * ```ts
 * const html = renderReportHtml(digestDocument(digest, { schoolName: 'Widford Lodge' }));
 * ```
 */
export function renderReportHtml(doc: ReportDocument): string {
  const body = [
    `<h1 style="${FONT}font-size:22px;color:${INK};margin:0 0 4px;">${esc(doc.title)}</h1>`,
    `<p style="${FONT}font-size:14px;color:${INK};margin:0 0 6px;">${esc(doc.subtitle)}</p>`,
    ...doc.notes.map(
      (n) => `<p style="${FONT}font-size:12px;color:${MUTED};margin:0 0 4px;">${esc(n)}</p>`,
    ),
    totals(doc.totals),
    ...doc.sections.map(section),
  ].join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(doc.title)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f4f4f4;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f4;"><tr><td align="center" style="padding:16px 8px;">',
    `<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="width:640px;max-width:100%;background:#ffffff;${FONT}"><tr><td style="padding:20px 24px;">`,
    body,
    '</td></tr></table>',
    '</td></tr></table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The totals as a grid, four to a row: a header row of names over a row of numbers. */
function totals(rows: readonly ReportRow[]): string {
  const out = [
    `<table width="100%" cellpadding="0" cellspacing="0" border="0" style="${FONT}border-collapse:collapse;margin-top:8px;">`,
    `<caption style="${FONT}${CAPTION}">Summary</caption>`,
  ];
  for (let i = 0; i < rows.length; i += 4) {
    const chunk = rows.slice(i, i + 4);
    out.push(
      `<tr>${chunk.map((r) => `<th scope="col" style="${FONT}${TH}border-bottom:0;width:25%;">${esc(r.label)}</th>`).join('')}</tr>`,
      `<tr>${chunk.map((r) => `<td style="${FONT}font-size:22px;font-weight:bold;color:${INK};padding:0 6px 10px;">${formatCount(r.value)}</td>`).join('')}</tr>`,
    );
  }
  out.push('</table>');
  return out.join('\n');
}

function section(s: ReportSection): string {
  if (s.kind === 'table' ? s.rows.length === 0 : s.rows.every((r) => r.value === 0)) {
    return [
      `<h2 style="${FONT}font-size:16px;color:${INK};margin:18px 0 6px;">${esc(s.title)}</h2>`,
      `<p style="${FONT}font-size:13px;color:${MUTED};margin:0;">${esc(s.empty)}</p>`,
      note(s.note),
    ].join('\n');
  }
  const table = s.kind === 'table' ? rowsTable(s) : s.kind === 'bars' ? bars(s) : columns(s);
  return `${table}\n${note(s.note)}`;
}

const note = (text: string | undefined) =>
  text === undefined
    ? ''
    : `<p style="${FONT}font-size:12px;color:${MUTED};margin:4px 0 0;">${esc(text)}</p>`;

function open(title: string, layout = ''): string {
  return [
    `<table width="100%" cellpadding="0" cellspacing="0" border="0" style="${FONT}border-collapse:collapse;${layout}">`,
    `<caption style="${FONT}${CAPTION}">${esc(title)}</caption>`,
  ].join('\n');
}

function bars(s: ChartSection): string {
  const max = Math.max(...s.rows.map((r) => r.value));
  const rows = s.rows.map((r) => {
    const pct = Math.max(r.value > 0 ? 1 : 0, Math.round((r.value / max) * 100));
    const bar =
      pct === 0
        ? '&nbsp;'
        : `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td width="${pct}%" style="background:${BAR};height:12px;font-size:0;line-height:0;">&nbsp;</td>${pct < 100 ? '<td style="font-size:0;line-height:0;">&nbsp;</td>' : ''}</tr></table>`;
    return `<tr><th scope="row" style="${FONT}${TD}font-weight:normal;text-align:left;width:35%;overflow-wrap:break-word;">${esc(r.label)}</th><td aria-hidden="true" style="${FONT}${TD}width:50%;vertical-align:middle;">${bar}</td><td style="${FONT}${TD}text-align:right;width:15%;">${formatCount(r.value)}</td></tr>`;
  });
  return [
    open(s.title),
    `<thead><tr><th scope="col" style="${FONT}${TH}">${esc(s.keyHeader)}</th><td aria-hidden="true" style="${FONT}${TH}"></td><th scope="col" style="${FONT}${TH}text-align:right;">${esc(s.valueHeader)}</th></tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

/** A column chart: a row of bottom-aligned cells over a row of labels and a row of numbers. */
function columns(s: ChartSection): string {
  const max = Math.max(...s.rows.map((r) => r.value));
  const width = `${(100 / s.rows.length).toFixed(2)}%`;
  const small = `${FONT}font-size:9px;color:${MUTED};text-align:center;padding:2px 0;`;
  const cells = s.rows.map((r) => {
    const h = r.value === 0 ? 0 : Math.max(1, Math.round((r.value / max) * COLUMN_HEIGHT));
    const div =
      h === 0
        ? ''
        : `<div style="height:${h}px;background:${BAR};font-size:0;line-height:0;margin:0 1px;"></div>`;
    return `<td style="height:${COLUMN_HEIGHT}px;vertical-align:bottom;width:${width};padding:0;">${div}</td>`;
  });
  return [
    open(s.title, 'table-layout:fixed;'),
    `<tr aria-hidden="true">${cells.join('')}</tr>`,
    `<tr>${s.rows.map((r) => `<th scope="col" style="${small}font-weight:normal;border-top:1px solid ${RULE};">${esc(r.label)}</th>`).join('')}</tr>`,
    `<tr>${s.rows.map((r) => `<td style="${small}color:${INK};">${formatCount(r.value)}</td>`).join('')}</tr>`,
    '</table>',
    `<p style="${FONT}font-size:12px;color:${MUTED};margin:2px 0 0;">${esc(s.valueHeader)} per ${esc(s.keyHeader.toLowerCase())}.</p>`,
  ].join('\n');
}

function rowsTable(section: TableSection): string {
  const s = { ...section, ...shownTable(section) };
  const align = (numeric: boolean | undefined) => (numeric === true ? 'text-align:right;' : '');
  const head = s.columns
    .map((c) => `<th scope="col" style="${FONT}${TH}${align(c.numeric)}">${esc(c.header)}</th>`)
    .join('');
  const body = s.rows.map(
    (row) =>
      `<tr>${s.columns.map((c, i) => `<td style="${FONT}${TD}${align(c.numeric)}overflow-wrap:break-word;">${cell(row[i] ?? null)}</td>`).join('')}</tr>`,
  );
  return [
    open(s.title),
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>${body.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

const cell = (value: ReportCell) =>
  value === null ? '' : typeof value === 'number' ? formatCount(value) : esc(value);
