import type { DigestDocumentOptions } from '../../monitor/digest/digest-document.js';
import { digestDocument } from '../../monitor/digest/digest-document.js';
import type {
  ReportDocument,
  ReportSection,
  TableSection,
} from '../../monitor/digest/render/report-document.js';
import type { DigestWithoutNames } from './without-names.js';

// NOTE: keep in sync with the section and column ids of src/monitor/digest/digest-document.ts.
// A section or column that names people and is not listed here would reach a governor's
// file: the reports API test looks for every pupil's username in the CSV to catch that.
const NAMED_SECTIONS = new Set(['blocked-by-user', 'search-terms']);
const NAMED_COLUMNS = new Set(['user']);

/**
 * The digest's document (for its CSV and PDF) as governors, the bursar and IT may have it:
 * the ranking of people and the search terms of concern left out (not drawn empty, which
 * would read as "nobody"), the alerts table without its Person column, and a note saying
 * what was left out instead of the digest's "this names pupils".
 *
 * ### Examples
 * ```ts
 * const csv = reportCsv(digestDocumentWithoutNames(withoutNames(digest)));
 * ```
 */
export function digestDocumentWithoutNames(
  digest: DigestWithoutNames,
  options: DigestDocumentOptions = {},
): ReportDocument {
  const doc = digestDocument(
    {
      ...digest,
      kind: 'digest',
      blockedByUser: [],
      searchTerms: [],
      alerts: digest.alerts.map((a) => ({ ...a, user: null })),
    },
    options,
  );
  return {
    ...doc,
    notes: [
      "Without names: the people blocked most, each alert's person and the search terms of concern are left out.",
      `Times are ${digest.period.timezone}.`,
    ],
    sections: doc.sections.filter((s) => !NAMED_SECTIONS.has(s.id)).map(withoutNamedColumns),
  };
}

function withoutNamedColumns(section: ReportSection): ReportSection {
  if (section.kind !== 'table') return section;
  const keep = section.columns.map((c) => !NAMED_COLUMNS.has(c.id));
  const table: TableSection = {
    ...section,
    columns: section.columns.filter((_, i) => keep[i]),
    rows: section.rows.map((row) => row.filter((_, i) => keep[i])),
  };
  return table;
}
