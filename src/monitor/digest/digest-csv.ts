import type { Digest } from './digest.js';
import { digestDocument } from './digest-document.js';
import { reportCsv } from './render/report-csv.js';

/**
 * A digest as one CSV file: `section,key,count` rows (totals, every chart's bars, zeros
 * kept) and the alerts list with its other cells in further columns; formula-like text is
 * neutralised (see `reportCsv`).
 *
 * ### Examples
 * ```ts
 * digestCsv(digest); // 'section,key,count,level,category,...\r\ntotals,requests,1234,...'
 * ```
 */
export function digestCsv(digest: Digest): string {
  return reportCsv(digestDocument(digest));
}
