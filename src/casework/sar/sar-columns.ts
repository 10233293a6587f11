import type { WebEvent } from '../../events/web-event.js';
import type { AuditRecord } from '../audit/append-audit.js';
import type { CsvCell } from './csv-row.js';

/** One CSV column: its header and how a row fills it. `local` is the school-clock time text. */
export interface SarColumn<T> {
  readonly header: string;
  readonly cell: (row: T, local: (epochMs: number) => string) => CsvCell;
}

const list = (values: readonly string[]) => values.join('; ');

const EVENT_COLUMNS: readonly SarColumn<WebEvent>[] = [
  { header: 'time_utc', cell: (e) => e.time },
  { header: 'local_time', cell: (e, local) => local(Date.parse(e.time)) },
  { header: 'id', cell: (e) => e.id },
  { header: 'user', cell: (e) => e.user },
  { header: 'device', cell: (e) => e.device },
  { header: 'client_address', cell: (e) => e.clientAddress },
  { header: 'gateway_node', cell: (e) => e.node },
  { header: 'groups', cell: (e) => list(e.groups) },
  { header: 'policy_group', cell: (e) => e.policyGroup },
  { header: 'method', cell: (e) => e.method },
  { header: 'scheme', cell: (e) => e.scheme },
  { header: 'host', cell: (e) => e.host },
  { header: 'path', cell: (e) => e.path },
  { header: 'categories', cell: (e) => list(e.categories) },
  { header: 'action', cell: (e) => e.action },
  { header: 'reason', cell: (e) => e.reason },
  { header: 'reason_detail', cell: (e) => JSON.stringify(e.reasonDetail) },
  { header: 'search_terms', cell: (e) => e.searchTerms },
  { header: 'search_engine', cell: (e) => e.searchEngine },
  { header: 'search_autocomplete', cell: (e) => e.searchAutocomplete },
  { header: 'alert', cell: (e) => e.alert },
  { header: 'inspected', cell: (e) => e.inspected },
  { header: 'status', cell: (e) => e.status },
  { header: 'bytes_up', cell: (e) => e.bytesUp },
  { header: 'bytes_down', cell: (e) => e.bytesDown },
  { header: 'duration_ms', cell: (e) => e.durationMs },
];

const SEARCH_COLUMNS: readonly SarColumn<WebEvent>[] = [
  { header: 'time_utc', cell: (e) => e.time },
  { header: 'local_time', cell: (e, local) => local(Date.parse(e.time)) },
  { header: 'search_engine', cell: (e) => e.searchEngine },
  { header: 'search_terms', cell: (e) => e.searchTerms },
  { header: 'autocomplete', cell: (e) => e.searchAutocomplete },
  { header: 'host', cell: (e) => e.host },
  { header: 'action', cell: (e) => e.action },
  { header: 'event_id', cell: (e) => e.id },
];

/**
 * Audit rows as the person sees them. The staff member (`actor`) stays: the school must
 * say who accessed the data. Their network address does not: it is the staff member's
 * personal data and says nothing more about who looked (see the folder README).
 */
const AUDIT_COLUMNS: readonly SarColumn<AuditRecord>[] = [
  { header: 'seq', cell: (a) => a.seq },
  { header: 'time_utc', cell: (a) => new Date(a.timeMs).toISOString() },
  { header: 'local_time', cell: (a, local) => local(a.timeMs) },
  { header: 'actor', cell: (a) => a.actor },
  { header: 'action', cell: (a) => a.action },
  { header: 'target_kind', cell: (a) => a.targetKind },
  { header: 'target', cell: (a) => a.target },
  { header: 'reason', cell: (a) => a.reason },
  { header: 'details', cell: (a) => JSON.stringify(a.details) },
];

/**
 * The columns of the export's CSV files, in order: `events.csv` (every field of a
 * `WebEvent`, lists joined with `; `, the reason detail as JSON), `searches.csv` and
 * `audit.csv`. Each file starts with a header row of these names.
 *
 * NOTE: keep `EVENT_COLUMNS` in step with `WebEvent` (a test checks every field has a
 * column) and the file descriptions in `sar-readme.ts`.
 *
 * ### Examples
 * ```ts
 * csvRow(SAR_COLUMNS.searches.map((c) => c.header)); // 'time_utc,local_time,search_engine,...'
 * csvRow(SAR_COLUMNS.events.map((c) => c.cell(event, local)));
 * ```
 */
export const SAR_COLUMNS = Object.freeze({
  events: EVENT_COLUMNS,
  searches: SEARCH_COLUMNS,
  audit: AUDIT_COLUMNS,
});
