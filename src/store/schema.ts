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
 * Who was seen in which group, and when (migration 0007): one row per group and person,
 * for each event's policy group and each of its `groups` (classes, year groups); `username`
 * is '' for events with no user. The hours of the first and last such event bound where
 * the person's events in that group lie. A group's activity is read through its members'
 * `(username, time_ms)` index (`list-events.ts`); the event writer keeps the rows up to
 * date (one write per person and group an hour, `group-members.ts`).
 */
export interface EventGroupMembersTable {
  group_name: string;
  username: string;
  first_hour_ms: BigIntColumn;
  last_hour_ms: BigIntColumn;
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
 * Safeguarding alerts (`src/monitor/alert.ts`): one row per alert, updated as it grows and
 * as the DSL works it. The workflow state is flattened: `state` is the `AlertState` kind and
 * the `state_*` columns hold what that step recorded.
 */
export interface AlertsTable {
  id: string;
  fold_key: string;
  kind: string;
  category: string;
  level: number;
  base_level: number;
  title: string;
  username: string | null;
  /** JSON array of group ids. */
  groups: string;
  device: string | null;
  client_address: string;
  first_ms: BigIntColumn;
  last_ms: BigIntColumn;
  count: BigIntColumn;
  expected: string | null;
  state: 'new' | 'acknowledged' | 'closed' | 'escalated';
  state_by: string | null;
  state_ms: BigIntColumn | null;
  outcome: string | null;
  case_ref: string | null;
  state_note: string | null;
}

/** The events an alert folds together, with the matched phrases and snippet (no other page content). */
export interface AlertEvidenceTable {
  alert_id: string;
  event_id: string;
  time_ms: BigIntColumn;
  url: string;
  action: string;
  search_terms: string | null;
  /** JSON array of phrases. */
  phrases: string;
  snippet: string | null;
}

/**
 * Every e-mail and webhook an alert (or a digest) is to send, and what became of it: the
 * outbox that retries with back-off and keeps what could not be delivered (dead letters).
 */
export interface AlertDeliveriesTable {
  id: string;
  alert_id: string | null;
  channel: 'email' | 'webhook';
  /** E-mail address, or the webhook's name in the config. */
  target: string;
  /** The staff member's id, or null for webhooks. */
  recipient: string | null;
  /** The alert's level when this was queued (a rise queues a new delivery). */
  level: number;
  /** JSON message to send (subject/text/html, or the webhook body). */
  payload: string;
  state: 'pending' | 'sending' | 'sent' | 'dead';
  attempts: number;
  next_ms: BigIntColumn;
  last_error: string | null;
  created_ms: BigIntColumn;
  sent_ms: BigIntColumn | null;
}

/**
 * Expected-activity notices: a teacher's warning that a lesson will touch a topic, so its
 * alerts in the window are marked expected and lowered one level (never hidden).
 */
export interface ActivityNoticesTable {
  id: string;
  created_by: string;
  created_ms: BigIntColumn;
  /** JSON array of group (class) ids the notice covers. */
  groups: string;
  topic: string;
  /** JSON array of keywords. */
  keywords: string;
  /** JSON array of category ids. */
  categories: string;
  from_ms: BigIntColumn;
  to_ms: BigIntColumn;
  withdrawn_ms: BigIntColumn | null;
}

/**
 * One row (`id = 1`) that the monitor updates first in each transaction, so monitors in
 * several gateway processes fold events into alerts one at a time (as `audit_head` does).
 */
export interface MonitorLockTable {
  id: number;
  turns: BigIntColumn;
}

/** One row per digest sent, so a restart or a second node does not send it twice. */
export interface DigestRunsTable {
  /** `daily:2026-11-24` or `weekly:2026-11-23`. */
  id: string;
  sent_ms: BigIntColumn;
  recipients: number;
}

/** A member of staff who signs in to the console (not a proxy user: those are in users.json). */
export interface ConsoleUsersTable {
  /** Lower case, NFC. */
  username: string;
  display_name: string;
  email: string | null;
  /** One of `STAFF_ROLES`. */
  role: string;
  /** JSON array of the group ids a teacher's classes are. */
  classes: string;
  /** argon2id PHC string: never logged, never served. */
  password_hash: string;
  /** Base32 TOTP secret once the second factor is set up, else null. */
  totp_secret: string | null;
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totp_last_step: BigIntColumn | null;
  failed_attempts: number;
  locked_until_ms: BigIntColumn | null;
  disabled: Flag;
  created_ms: BigIntColumn;
  updated_ms: BigIntColumn;
}

/** A signed-in console session; the cookie holds the token, the table only its SHA-256. */
export interface ConsoleSessionsTable {
  token_hash: string;
  username: string;
  csrf_token: string;
  created_ms: BigIntColumn;
  last_seen_ms: BigIntColumn;
  expires_ms: BigIntColumn;
  client_address: string | null;
}

/** A category x group cell changed in the console; it overrides the YAML file's rule. */
export interface PolicyCellsTable {
  group_id: string;
  category: string;
  /** `allow`, `block`, `warn` or `alert`. */
  action: string;
  reason: string;
  updated_by: string;
  updated_ms: BigIntColumn;
}

/**
 * The decision log: every change to what is blocked or allowed, with who and why (the DfE
 * standards ask schools to keep it). `before` and `after` are what a person reads
 * (`block`, `allow until 2026-12-01`).
 */
export interface DecisionLogTable {
  id: string;
  time_ms: BigIntColumn;
  actor: string;
  /** `policy-cell`, `exception`, `inspection-exemption` (more kinds to come: lists). */
  kind: string;
  /** What changed: `pupils / games`. */
  subject: string;
  before: string;
  after: string;
  reason: string;
}

/**
 * An allow or block exception made in the console (issue 6), added to the YAML file's.
 * Removed ones stay, with who removed them, when and why; only rows with `removed_ms` null
 * apply.
 */
export interface PolicyExceptionsTable {
  /** `console-<uuid>`: never the id of an exception in the file. */
  id: string;
  /** Canonical `host` (and its subdomains) or `host/path` prefix. */
  match: string;
  /** `allow` or `block`. */
  action: string;
  /** JSON array of group ids; null for everyone. */
  groups: string | null;
  reason: string;
  /** After this it no longer applies; null: no expiry. */
  expires_ms: BigIntColumn | null;
  created_by: string;
  created_ms: BigIntColumn;
  removed_by: string | null;
  removed_ms: BigIntColumn | null;
  removed_reason: string | null;
}

/** A host (and its subdomains) whose HTTPS is tunnelled, not inspected; added in the console. */
export interface InspectionExemptionsTable {
  id: string;
  /** Canonical host. */
  host: string;
  reason: string;
  created_by: string;
  created_ms: BigIntColumn;
  removed_by: string | null;
  removed_ms: BigIntColumn | null;
  removed_reason: string | null;
}

/** One row (`id = 1`): bumped by every policy change; gateways poll it to reload. */
export interface PolicyVersionTable {
  id: number;
  version: BigIntColumn;
}

/**
 * A pupil or member of staff from the school's directory (the MIS export, issue 6). The
 * console lists them and the import upserts them; the proxy's users.json is unchanged.
 */
export interface DirectoryPeopleTable {
  /** Lower case, NFC (`normaliseUsername`). */
  username: string;
  display_name: string;
  /** JSON array of group ids. */
  groups: string;
  /** JSON array of the group ids a member of staff teaches; `[]` for a pupil. */
  classes: string;
  email: string | null;
  /** One of `STAFF_ROLES`, or null for a pupil. */
  role: string | null;
  /** `YYYY-MM-DD`. */
  date_of_birth: string | null;
  updated_ms: BigIntColumn;
  /** `console:username` of whoever imported the row last. */
  updated_by: string;
}

/**
 * The whole schema, as Kysely sees it. Migrations in `migrations/` create exactly this; a
 * new column is a new migration and a new field here.
 */
export interface Database {
  events: EventsTable;
  event_rollups: EventRollupsTable;
  event_group_members: EventGroupMembersTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  legal_holds: LegalHoldsTable;
  legal_hold_events: LegalHoldEventsTable;
  event_archives: EventArchivesTable;
  retention_runs: RetentionRunsTable;
  alerts: AlertsTable;
  alert_evidence: AlertEvidenceTable;
  alert_deliveries: AlertDeliveriesTable;
  activity_notices: ActivityNoticesTable;
  digest_runs: DigestRunsTable;
  monitor_lock: MonitorLockTable;
  console_users: ConsoleUsersTable;
  console_sessions: ConsoleSessionsTable;
  policy_cells: PolicyCellsTable;
  decision_log: DecisionLogTable;
  policy_version: PolicyVersionTable;
  policy_exceptions: PolicyExceptionsTable;
  inspection_exemptions: InspectionExemptionsTable;
  directory_people: DirectoryPeopleTable;
}
