/**
 * Integer columns that PostgreSQL keeps as `bigint`. The pg driver is set to parse them as
 * JavaScript numbers (`open-store.ts`); every value stored here (milliseconds since 1970,
 * byte counts, counters) stays far below 2^53.
 */
type BigIntColumn = number;

/** A 0/1 flag: SQLite has no boolean type, so both dialects store an integer. */
export type Flag = 0 | 1;

/**
 * One row per `WebEvent`, one column per field (see `src/events/README.md`). Times are
 * integer milliseconds since 1970 UTC so that both dialects compare and bucket them the same
 * way; arrays and the reason detail are JSON text.
 *
 * Keys and indexes (migration 0001): unique `(time_ms, id)`, which rejects a replayed event
 * and serves time-range scans; `(username, time_ms)` and `(host_rev, time_ms)`. No more:
 * each secondary index costs about a sixth of the insert rate (bench/store), and a group's
 * events or a person's searches are found fast enough by those two and a filter. On
 * PostgreSQL the table is partitioned by day on `time_ms` (`event-partitions.ts`).
 */
export interface EventsTable {
  time_ms: BigIntColumn;
  id: string;
  node: string;
  username: string | null;
  /** JSON array of group ids. */
  groups: string;
  policy_group: string;
  device: string | null;
  client_address: string;
  method: string;
  scheme: string;
  host: string;
  /** `host` with its labels reversed (`uk.co.bbc.www`), so a site and its subdomains are one index range. */
  host_rev: string;
  path: string | null;
  /** JSON array of category ids. */
  categories: string;
  action: string;
  reason: string;
  /** JSON object (`ReasonDetail`). */
  reason_detail: string;
  search_terms: string | null;
  search_engine: string | null;
  search_autocomplete: Flag;
  alert: Flag;
  inspected: Flag;
  status: number | null;
  bytes_up: BigIntColumn;
  bytes_down: BigIntColumn;
  duration_ms: BigIntColumn;
}

/**
 * Hourly counts, kept up to date in the same transaction that inserts the events they count,
 * so reports over weeks read thousands of rows instead of millions.
 * `dimension` says what `key` is: see `RollupDimension`.
 */
export interface EventRollupsTable {
  hour_ms: BigIntColumn;
  dimension: string;
  key: string;
  action: string;
  events: BigIntColumn;
}

/**
 * The audit trail: every read of a person's records and every change, one row each,
 * hash-chained (each row's `hash` covers its content and `prev_hash`: the exact encoding is
 * in `src/casework/audit/audit-row-hash.ts`), appended in `seq` order.
 */
export interface AuditLogTable {
  seq: BigIntColumn;
  time_ms: BigIntColumn;
  actor: string;
  action: string;
  target_kind: string;
  target: string;
  client_address: string | null;
  reason: string | null;
  /** JSON object with anything else the action needs to say (never page content). */
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * One row (`id = 1`): the newest audit row's `seq` and `hash`. Appends update it first, which
 * serialises concurrent appenders on both dialects, and `audit verify` compares it with the
 * last row so a deleted tail is caught too.
 */
export interface AuditHeadTable {
  id: number;
  seq: BigIntColumn;
  hash: string;
}

/** A legal hold: records attached to a safeguarding or HR case, kept whatever retention says. */
export interface LegalHoldsTable {
  id: string;
  kind: 'safeguarding' | 'hr';
  case_ref: string;
  subject: string | null;
  reason: string;
  created_by: string;
  created_ms: BigIntColumn;
  /** When the hold must be reviewed (safeguarding) or ends (HR). */
  review_due_ms: BigIntColumn;
  released_ms: BigIntColumn | null;
  released_by: string | null;
  release_reason: string | null;
}

/** Which events a hold keeps. `event_time_ms` lets retention find held events by day. */
export interface LegalHoldEventsTable {
  hold_id: string;
  event_id: string;
  event_time_ms: BigIntColumn;
}

/** One row per archived UTC day of events: the archive file and its checksum. */
export interface EventArchivesTable {
  day: string;
  file: string;
  events: BigIntColumn;
  sha256: string;
  created_ms: BigIntColumn;
  /** Set when the archive file was deleted at the end of its archive period. */
  deleted_ms: BigIntColumn | null;
}

/** The deletion log (PRV-02): what each retention run archived, deleted and kept under hold. */
export interface RetentionRunsTable {
  id: string;
  started_ms: BigIntColumn;
  finished_ms: BigIntColumn;
  dry_run: Flag;
  actor: string;
  /** JSON `RetentionReport`. */
  report: string;
}

/**
 * The whole schema, as Kysely sees it. Migrations in `migrations/` create exactly this; a
 * new column is a new migration and a new field here.
 */
export interface Database {
  events: EventsTable;
  event_rollups: EventRollupsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  legal_holds: LegalHoldsTable;
  legal_hold_events: LegalHoldEventsTable;
  event_archives: EventArchivesTable;
  retention_runs: RetentionRunsTable;
}
