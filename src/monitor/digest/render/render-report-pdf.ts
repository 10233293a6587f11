import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { formatCount } from './format-count.js';
import type {
  ReportCell,
  ReportDocument,
  ReportRow,
  ReportSection,
  TableSection,
} from './report-document.js';
import { shownTable } from './shown-table.js';

/** Debian's fonts-dejavu-core (installed by .ci/run): covers Greek, Cyrillic, Arabic, Hebrew... */
export const DEJAVU_SANS = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export interface RenderPdfOptions {
  /** A TrueType font for all text (default DejaVu Sans); null, or a missing file, means Helvetica. */
  readonly fontPath?: string | null;
  /** Deflate the page streams (default true; tests turn it off to read the drawing commands). */
  readonly compress?: boolean;
}

const INK = '#222222';
const MUTED = '#666666';
const BAR = '#b03a2e';
const RULE = '#dddddd';
const MARGIN = 50;
const CHART_HEIGHT = 90;
/** Table text size and line height, in points, and most lines a cell may take. */
const TABLE_SIZE = 7.5;
const LINE = 10;
const MAX_CELL_LINES = 4;

/**
 * A report as an A4 PDF: title, totals, bar and column charts drawn as filled rectangles, and
 * tables, breaking pages between rows. The text is set in DejaVu Sans when it is installed,
 * so search terms in any script print; otherwise in Helvetica, with a note on the first page
 * and every character outside Western European text shown as `?`. The bytes depend only on
 * the document: the creation date is `doc.dateMs` (the period's end), never the clock.
 *
 * ### Examples
 * ```ts
 * const pdf = await renderReportPdf(digestDocument(digest)); // Buffer starting '%PDF-'
 * ```
 */
export function renderReportPdf(
  doc: ReportDocument,
  options: RenderPdfOptions = {},
): Promise<Buffer> {
  const fontPath = options.fontPath === undefined ? DEJAVU_SANS : options.fontPath;
  const embedded = fontPath !== null && existsSync(fontPath);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: {
      Title: doc.title,
      Subject: doc.subtitle,
      Author: 'Schoolgate',
      Creator: 'Schoolgate',
      Producer: 'Schoolgate (PDFKit)',
      CreationDate: new Date(doc.dateMs),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  let regular = 'Helvetica';
  let bold = 'Helvetica-Bold';
  if (embedded) {
    pdf.registerFont('body', fontPath);
    regular = 'body';
    const boldPath = join(dirname(fontPath), 'DejaVuSans-Bold.ttf');
    if (fontPath === DEJAVU_SANS && existsSync(boldPath)) pdf.registerFont('bold', boldPath);
    bold = fontPath === DEJAVU_SANS && existsSync(boldPath) ? 'bold' : 'body';
  }
  const page = new Page(pdf, embedded, regular, bold);
  const notes = embedded
    ? doc.notes
    : [
        ...doc.notes,
        `Font: Helvetica (${fontPath === null ? 'no TrueType font given' : `${fontPath} not found`}): characters it cannot print are shown as ?. Install fonts-dejavu-core for every script.`,
      ];
  page.write(doc.title, { size: 18, bold: true, gap: 4 });
  page.write(doc.subtitle, { size: 11, gap: 4 });
  for (const n of notes) page.write(n, { size: 8.5, color: MUTED, gap: 2 });
  page.y += 10;
  page.totals(doc.totals);
  for (const s of doc.sections) page.section(s);
  pdf.end();
  return done;
}

/** Where the next thing goes, and how to draw each kind of thing there. */
class Page {
  y: number;
  readonly #pdf: PDFKit.PDFDocument;
  readonly #embedded: boolean;
  readonly #regular: string;
  readonly #bold: string;
  readonly #left = MARGIN;
  readonly #width: number;
  readonly #bottom: number;

  constructor(pdf: PDFKit.PDFDocument, embedded: boolean, regular: string, bold: string) {
    this.#pdf = pdf;
    this.#embedded = embedded;
    this.#regular = regular;
    this.#bold = bold;
    this.y = MARGIN;
    this.#width = pdf.page.width - 2 * MARGIN;
    this.#bottom = pdf.page.height - MARGIN;
  }

  /** Starts a new page unless `height` more points fit on this one; true when it did. */
  room(height: number): boolean {
    if (this.y + height <= this.#bottom) return false;
    this.#pdf.addPage();
    this.y = MARGIN;
    return true;
  }

  /** Wrapped text across the page. */
  write(text: string, o: { size: number; bold?: boolean; color?: string; gap?: number }): void {
    this.#font(o.size, o.bold === true);
    for (const line of this.#wrap(this.#printable(text), this.#width)) {
      this.room(o.size * 1.3);
      this.#text(line, this.#left, this.y, o.color ?? INK);
      this.y += o.size * 1.3;
    }
    this.y += o.gap ?? 0;
  }

  totals(rows: readonly ReportRow[]): void {
    const box = this.#width / 4;
    for (let i = 0; i < rows.length; i += 4) {
      this.room(40);
      rows.slice(i, i + 4).forEach((r, j) => {
        const x = this.#left + j * box;
        this.#font(8, false);
        this.#text(this.#fit(this.#printable(r.label), box - 8), x, this.y, MUTED);
        this.#font(16, true);
        this.#text(formatCount(r.value), x, this.y + 11, INK);
      });
      this.y += 38;
    }
  }

  section(s: ReportSection): void {
    // The heading stays with the start of what it heads: a chart, or a table's first rows.
    this.room(s.kind === 'columns' ? CHART_HEIGHT + 70 : s.kind === 'table' ? 90 : 60);
    this.y += 10;
    this.write(s.title, { size: 13, bold: true, gap: 4 });
    const empty = s.kind === 'table' ? s.rows.length === 0 : s.rows.every((r) => r.value === 0);
    if (empty) this.write(s.empty, { size: 9.5, color: MUTED });
    else if (s.kind === 'table') this.#table(s);
    else if (s.kind === 'bars') this.#bars(s.rows);
    else this.#columns(s.rows, `${s.valueHeader} per ${s.keyHeader.toLowerCase()}`);
    if (s.note !== undefined) this.write(s.note, { size: 8.5, color: MUTED });
  }

  #bars(rows: readonly ReportRow[]): void {
    const max = Math.max(...rows.map((r) => r.value));
    const labelWidth = this.#width * 0.4;
    const barLeft = this.#left + labelWidth + 8;
    const barWidth = this.#width - labelWidth - 8 - 50;
    for (const r of rows) {
      this.room(15);
      this.#font(9, false);
      this.#text(this.#fit(this.#printable(r.label), labelWidth), this.#left, this.y + 1, INK);
      const w = r.value === 0 ? 0 : Math.max(1, (r.value / max) * barWidth);
      if (w > 0) this.#pdf.rect(barLeft, this.y + 1, w, 9).fill(BAR);
      const n = formatCount(r.value);
      this.#text(n, this.#left + this.#width - this.#pdf.widthOfString(n), this.y + 1, INK);
      this.y += 14;
    }
  }

  /** Columns on a baseline, the largest value at the top left, and as many labels as fit. */
  #columns(rows: readonly ReportRow[], caption: string): void {
    this.room(CHART_HEIGHT + 40);
    const max = Math.max(...rows.map((r) => r.value));
    const step = this.#width / rows.length;
    this.#font(7, false);
    this.#text(
      `${this.#printable(caption)}; the tallest column is ${formatCount(max)}.`,
      this.#left,
      this.y,
      MUTED,
    );
    const base = this.y + 12 + CHART_HEIGHT;
    rows.forEach((r, i) => {
      const h = r.value === 0 ? 0 : Math.max(1, (r.value / max) * CHART_HEIGHT);
      if (h > 0)
        this.#pdf.rect(this.#left + i * step + 1, base - h, Math.max(1, step - 2), h).fill(BAR);
    });
    this.#pdf.rect(this.#left, base, this.#width, 0.5).fill(RULE);
    const widest = Math.max(...rows.map((r) => this.#pdf.widthOfString(this.#printable(r.label))));
    const every = Math.max(1, Math.ceil((widest + 4) / step));
    rows.forEach((r, i) => {
      if (i % every !== 0) return;
      this.#text(this.#printable(r.label), this.#left + i * step + 1, base + 3, MUTED);
    });
    this.y = base + 16;
  }

  #table(section: TableSection): void {
    const s = { ...section, ...shownTable(section) };
    const total = s.columns.reduce((n, c) => n + (c.weight ?? 1), 0);
    const widths = s.columns.map((c) => ((c.weight ?? 1) / total) * this.#width);
    const lefts = widths.map((_, i) => this.#left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const row = (cells: readonly string[], isHeader: boolean) => {
      this.#font(TABLE_SIZE, isHeader);
      // Cells wrap (an alert id or a search term is useless cut short), up to a few lines.
      const lines = cells.map((text, i) =>
        this.#wrap(text, widths[i]! - 6, true).slice(0, MAX_CELL_LINES),
      );
      const height = Math.max(...lines.map((l) => l.length)) * LINE;
      // A table that runs onto a new page repeats its header row there.
      if (this.room(height + 2) && !isHeader) header();
      this.#font(TABLE_SIZE, isHeader);
      lines.forEach((cellLines, i) => {
        cellLines.forEach((line, j) => {
          const x =
            s.columns[i]!.numeric === true
              ? lefts[i]! + widths[i]! - 6 - this.#pdf.widthOfString(line)
              : lefts[i]!;
          this.#text(line, x, this.y + j * LINE, isHeader ? MUTED : INK);
        });
      });
      this.y += height;
      this.#pdf.rect(this.#left, this.y - 1.5, this.#width, 0.5).fill(RULE);
      this.y += 1;
    };
    const header = () =>
      row(
        s.columns.map((c) => this.#printable(c.header)),
        true,
      );
    header();
    for (const cells of s.rows)
      row(
        s.columns.map((_, i) => this.#cell(cells[i] ?? null)),
        false,
      );
  }

  #cell(value: ReportCell): string {
    return value === null
      ? ''
      : typeof value === 'number'
        ? formatCount(value)
        : this.#printable(value);
  }

  #font(size: number, bold: boolean): void {
    this.#pdf.font(bold ? this.#bold : this.#regular).fontSize(size);
  }

  #text(text: string, x: number, y: number, color: string): void {
    this.#pdf.fillColor(color).text(text, x, y, { lineBreak: false });
  }

  /** No control characters; with Helvetica, only what its Windows-1252 encoding can show. */
  #printable(text: string): string {
    const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
    return this.#embedded
      ? clean
      : clean.replace(
          /[^\u0020-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/gu,
          '?',
        );
  }

  /** `text` cut with an ellipsis to fit `width` at the current font and size. */
  #fit(text: string, width: number): string {
    if (this.#pdf.widthOfString(text) <= width) return text;
    const chars = [...text];
    while (chars.length > 0 && this.#pdf.widthOfString(`${chars.join('')}…`) > width) chars.pop();
    return `${chars.join('')}…`;
  }

  /**
   * Greedy word wrap at the current font. A word wider than the line is cut with an
   * ellipsis, or with `split` broken across lines (ids, URLs, run-together search terms).
   */
  #wrap(text: string, width: number, split = false): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/u).filter((w) => w !== '')) {
      const next = line === '' ? word : `${line} ${word}`;
      if (this.#pdf.widthOfString(next) <= width) {
        line = next;
        continue;
      }
      if (line !== '') lines.push(line);
      line = word;
      if (!split) line = this.#fit(word, width);
      while (split && this.#pdf.widthOfString(line) > width) {
        const chars = [...line];
        let n = chars.length - 1;
        while (n > 1 && this.#pdf.widthOfString(chars.slice(0, n).join('')) > width) n--;
        lines.push(chars.slice(0, n).join(''));
        line = chars.slice(n).join('');
      }
    }
    if (line !== '' || lines.length === 0) lines.push(line);
    return lines;
  }
}
