/** A cell of a table: text, a number, or nothing. */
export type ReportCell = string | number | null;

/** One counted thing: a bar, a column, a total. */
export interface ReportRow {
  /** What the CSV says (a category id, `2026-11-24`, a level number). */
  readonly key: string;
  /** What people read (a category id, `Tue 24 Nov`, `4: Serious concern about...`). */
  readonly label: string;
  readonly value: number;
}

export interface ReportColumn {
  /** The CSV column's name: lower case, no spaces. */
  readonly id: string;
  readonly header: string;
  readonly numeric?: boolean;
  /** Share of the page width in the PDF and of the line in text (default 1). */
  readonly weight?: number;
  /** In the CSV only (an event id: needed to find the record, noise to a reader). */
  readonly csvOnly?: boolean;
}

/** A chart: a ranked list as horizontal bars (`bars`), or a time series as columns (`columns`). */
export interface ChartSection {
  readonly kind: 'bars' | 'columns';
  /** The CSV's `section` value: lower case with hyphens. */
  readonly id: string;
  readonly title: string;
  /** Headers for the name and the count (`Category`, `Blocked attempts`). */
  readonly keyHeader: string;
  readonly valueHeader: string;
  readonly rows: readonly ReportRow[];
  /** What to say instead of a chart with nothing (or only zeros) in it. */
  readonly empty: string;
  /** A line under the section, or absent. */
  readonly note?: string;
}

/** Rows of cells (the alerts list). */
export interface TableSection {
  readonly kind: 'table';
  readonly id: string;
  readonly title: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly ReportCell[])[];
  /** The column whose cell is the CSV's `key`, and the one that is its `count`, if any. */
  readonly keyColumn: string;
  readonly countColumn?: string;
  /** What to say instead of a table with no rows. */
  readonly empty: string;
  readonly note?: string;
}

/** A part of a report: a chart or a table. */
export type ReportSection = ChartSection | TableSection;

/**
 * A report as the renderers see it: a title, headline totals and sections of charts and
 * tables, already in words. The digest and the activity report each turn their data into
 * one of these, and the same four renderers (HTML, text, CSV, PDF) draw either, so charts
 * and tables are written once.
 */
export interface ReportDocument {
  readonly kind: 'report-document';
  readonly title: string;
  /** The period in words, and who it is for or about. */
  readonly subtitle: string;
  /** Short lines under the title (the time zone, who may read this). */
  readonly notes: readonly string[];
  readonly totals: readonly ReportRow[];
  readonly sections: readonly ReportSection[];
  /** When the data was complete (the period's end): the PDF's creation date, never the clock. */
  readonly dateMs: number;
}
