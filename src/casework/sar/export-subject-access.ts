import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { serialiseEvent } from '../../events/serialise-event.js';
import type { WebEvent } from '../../events/web-event.js';
import type { Store } from '../../store/open-store.js';
import type { Database } from '../../store/schema.js';
import { type AuditRecord, appendAudit } from '../audit/append-audit.js';
import { auditTrailFor } from '../audit/read-audit.js';
import { csvRow } from './csv-row.js';
import { SAR_COLUMNS, type SarColumn } from './sar-columns.js';
import { sarReadme } from './sar-readme.js';
import { subjectAlerts } from './subject-alerts.js';
import { type SubjectEventPage, subjectEventPages } from './subject-event-pages.js';
import { subjectHolds } from './subject-holds.js';
import { createWallClock } from './wall-clock.js';
import { createZipWriter } from './zip-writer.js';

/** One subject access export: whose, for whom, where to, and over which period. */
export interface SubjectAccessOptions {
  /** The person, exactly as events record the username. */
  readonly user: string;
  /** Who is exporting, for the audit trail (`cli:root`, `console:jane.dsl`). */
  readonly actor: string;
  /** Why: the request's reference ("SAR 2026-04 from parent"). Required, and audited. */
  readonly reason: string;
  /** The exporter's address (the console's client); absent for the CLI. */
  readonly clientAddress?: string | null;
  readonly now: () => number;
  /** Where the zip goes; ended when the export finishes. */
  readonly output: Writable;
  /** First millisecond of the period (default: everything held). */
  readonly fromMs?: number;
  /** End of the period, not included (default: the time of the export). */
  readonly toMs?: number;
  /**
   * Events from outside the active store (the daily archives) for the export's period,
   * called once per file that lists events (three times). Only the person's events inside
   * the period are used, whatever it yields. Absent: archived events are not included, and
   * README.txt says so.
   */
  readonly extraEvents?: (period: {
    readonly fromMs: number | null;
    readonly toMs: number;
  }) => AsyncIterable<WebEvent>;
  /** The school's time zone, for `local_time` columns and README dates (default Europe/London). */
  readonly timezone?: string;
  /** Event rows per query (default 2,000). */
  readonly pageSize?: number;
  /** Called as events are written: `done` of `total` (both files count each event once). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What an export held, file by file. */
export interface SubjectAccessSummary {
  readonly user: string;
  readonly generatedMs: number;
  readonly fromMs: number | null;
  readonly toMs: number;
  /** The `seq` of the `sar.export` audit row written before any data. */
  readonly auditSeq: number;
  /** Events in events.csv / events.json, archived ones included. */
  readonly events: number;
  readonly archivedEvents: number;
  readonly searches: number;
  readonly alerts: number;
  readonly holds: number;
  readonly auditRecords: number;
  /** Zip entries, in the order written. */
  readonly files: readonly string[];
  /** Size of the zip. */
  readonly bytes: number;
}

/** Most audit rows about one person an export will hold; more is an error, never a cut. */
const MAX_AUDIT_ROWS = 1_000_000;
/** So Excel reads the CSV files as UTF-8 (it assumes the Windows code page otherwise). */
const BOM = '\uFEFF';

/**
 * Writes a subject access export (PRV-03) of one person as a zip to `options.output`: their
 * web events (events.csv and .json), their searches, the safeguarding alerts about them, the legal
 * holds they are the subject of, and the audit trail of who viewed or changed their
 * records, with a README.txt saying what each file is and what is left out.
 *
 * The export is itself audited (`sar.export`, target the person, with the reason) and the
 * row is committed before any data is read, so an export that fails half-way is still on
 * the record. Everything is then read in one transaction (a repeatable-read snapshot on
 * PostgreSQL, a read transaction on SQLite), so events.csv, events.json and searches.csv
 * agree even while the gateway writes. Events stream page by page into the zip: memory
 * does not grow with the number of events. Only events whose username is the person's are
 * written; see `subjectEventPages` and `subjectHolds` for how third parties are kept out.
 *
 * ### Examples
 * ```ts
 * const summary = await exportSubjectAccess(store, {
 *   user: 'pupil.one', actor: cliActor(), reason: 'SAR 2026-04', now: Date.now,
 *   output: createWriteStream('sar-pupil.one.zip', { flags: 'wx' }),
 * });
 * summary.events; // 1234
 * ```
 */
export async function exportSubjectAccess(
  store: Store,
  options: SubjectAccessOptions,
): Promise<SubjectAccessSummary> {
  const { user } = options;
  if (options.reason.trim() === '') throw new TypeError('a subject access export needs a reason');
  const pageSize = options.pageSize ?? 2000;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be >= 1');
  const generatedMs = options.now();
  const fromMs = options.fromMs ?? null;
  const toMs = options.toMs ?? generatedMs;
  if (fromMs !== null && !(fromMs < toMs)) throw new RangeError('the period ends before it starts');
  const timezone = options.timezone ?? 'Europe/London';
  const wall = createWallClock(timezone);
  const local = (ms: number) => wall(ms).text;

  // Audited first, in its own committed transaction: no data is read before it is on record.
  const audit = await appendAudit(
    store.db,
    {
      actor: options.actor,
      action: 'sar.export',
      targetKind: 'person',
      target: user,
      clientAddress: options.clientAddress ?? null,
      reason: options.reason,
      details: { fromMs, toMs, archives: options.extraEvents !== undefined },
    },
    options.now,
  );

  const zip = createZipWriter(options.output, { modifiedMs: generatedMs, timezone });
  const files: string[] = [];
  const add = async (name: string, source: AsyncIterable<string> | string) => {
    await (typeof source === 'string' ? zip.addFile(name, source) : zip.addStream(name, source));
    files.push(name);
  };
  const { extraEvents } = options;
  const archived = extraEvents === undefined ? undefined : () => extraEvents({ fromMs, toMs });
  const query = { user, fromMs, toMs, pageSize, archived };
  const snapshot =
    store.dialect === 'postgres'
      ? store.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')
      : store.db.transaction();

  const counts = await snapshot.execute(async (trx) => {
    const pages = (searchesOnly: boolean) => subjectEventPages(trx, { ...query, searchesOnly });
    // Progress counts active-store events written to events.csv and events.json; archived
    // ones are not known in advance.
    const total = 2 * (await countEvents(trx, user, fromMs, toMs));
    let done = 0;
    const progress = (page: SubjectEventPage) => {
      if (page.archived) return;
      done += page.events.length;
      options.onProgress?.(done, total);
    };
    const events = { all: 0, archived: 0 };
    const eventsCsv = watch(pages(false), (page) => {
      events.all += page.events.length;
      if (page.archived) events.archived += page.events.length;
      progress(page);
    });
    await add('events.csv', csvChunks(SAR_COLUMNS.events, eventsCsv, local));
    await add('events.json', jsonChunks(watch(pages(false), progress)));
    let searches = 0;
    const searchesCsv = watch(pages(true), (page) => {
      searches += page.events.length;
    });
    await add('searches.csv', csvChunks(SAR_COLUMNS.searches, searchesCsv, local));
    const alerts = await subjectAlerts(trx, user, fromMs, toMs);
    await add('alerts.json', `${JSON.stringify(alerts, null, 2)}\n`);
    const holds = await subjectHolds(trx, user);
    await add('holds.json', `${JSON.stringify(holds, null, 2)}\n`);
    const trail = await auditTrail(trx, user, holds, alerts);
    await add('audit.csv', csvChunks(SAR_COLUMNS.audit, [trail], local));
    await add('audit.json', `${JSON.stringify(trail.map(auditForSubject), null, 2)}\n`);
    return {
      ...events,
      searches,
      alerts: alerts.length,
      holds: holds.length,
      auditRecords: trail.length,
    };
  });

  await add(
    'README.txt',
    sarReadme({
      user,
      generatedMs,
      actor: options.actor,
      reason: options.reason,
      fromMs,
      toMs,
      timezone,
      local,
      archivesIncluded: options.extraEvents !== undefined,
      counts: {
        events: counts.all,
        archivedEvents: counts.archived,
        searches: counts.searches,
        alerts: counts.alerts,
        holds: counts.holds,
        auditRecords: counts.auditRecords,
      },
    }),
  );
  const written = await zip.finish();
  return {
    user,
    generatedMs,
    fromMs,
    toMs,
    auditSeq: audit.seq,
    events: counts.all,
    archivedEvents: counts.archived,
    searches: counts.searches,
    alerts: counts.alerts,
    holds: counts.holds,
    auditRecords: counts.auditRecords,
    files,
    bytes: written.bytes,
  };
}

async function countEvents(
  db: Kysely<Database>,
  user: string,
  fromMs: number | null,
  toMs: number,
): Promise<number> {
  let query = db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', user)
    .where('time_ms', '<', toMs);
  if (fromMs !== null) query = query.where('time_ms', '>=', fromMs);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/**
 * Everything audited about the person and about the holds on them, in the order written
 * (seq). The whole trail, whatever the export's period: who has seen their data is the
 * point of it, and it includes the `sar.export` row of this export.
 */
async function auditTrail(
  db: Kysely<Database>,
  user: string,
  holds: readonly { readonly id: string }[],
  alerts: readonly { readonly id: string }[],
): Promise<AuditRecord[]> {
  const trail = await auditTrailFor(db, 'person', user, { limit: MAX_AUDIT_ROWS });
  for (const hold of holds) trail.push(...(await auditTrailFor(db, 'hold', hold.id)));
  for (const alert of alerts) trail.push(...(await auditTrailFor(db, 'alert', alert.id)));
  if (trail.length >= MAX_AUDIT_ROWS) {
    throw new RangeError(`more than ${MAX_AUDIT_ROWS} audit rows about ${user}: not exported`);
  }
  return trail.sort((a, b) => a.seq - b.seq);
}

/** An audit record without the staff member's network address (see `SAR_COLUMNS.audit`). */
function auditForSubject(record: AuditRecord) {
  return {
    seq: record.seq,
    time: new Date(record.timeMs).toISOString(),
    actor: record.actor,
    action: record.action,
    targetKind: record.targetKind,
    target: record.target,
    reason: record.reason,
    details: record.details,
  };
}

/** The events of each page, calling `see` with the page first (for counts and progress). */
async function* watch(
  pages: AsyncIterable<SubjectEventPage>,
  see: (page: SubjectEventPage) => void,
): AsyncGenerator<readonly WebEvent[]> {
  for await (const page of pages) {
    see(page);
    yield page.events;
  }
}

/** A CSV file, a chunk per page: BOM and header row first, so even an empty file has them. */
async function* csvChunks<T>(
  columns: readonly SarColumn<T>[],
  pages: AsyncIterable<readonly T[]> | Iterable<readonly T[]>,
  local: (epochMs: number) => string,
): AsyncGenerator<string> {
  yield BOM + csvRow(columns.map((c) => c.header));
  for await (const rows of pages) {
    let chunk = '';
    for (const row of rows) chunk += csvRow(columns.map((c) => c.cell(row, local)));
    yield chunk;
  }
}

/** One JSON array of events, one event a line, in the access log's field order. */
async function* jsonChunks(pages: AsyncIterable<readonly WebEvent[]>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const events of pages) {
    let chunk = '';
    for (const event of events) {
      chunk += `${first ? '\n' : ',\n'}${serialiseEvent(event)}`;
      first = false;
    }
    yield chunk;
  }
  yield first ? ']\n' : '\n]\n';
}
