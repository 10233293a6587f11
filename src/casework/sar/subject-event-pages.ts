import type { Kysely } from 'kysely';
import type { WebEvent } from '../../events/web-event.js';
import { fromEventRow } from '../../store/events/event-row.js';
import type { Database } from '../../store/schema.js';

/** Which of one person's events to read, and from where. */
export interface SubjectEventQuery {
  /** The person, exactly as events record the username. */
  readonly user: string;
  /** First millisecond of the period, or `null` for everything held. */
  readonly fromMs: number | null;
  /** End of the period (not included). */
  readonly toMs: number;
  /** Rows per query: bounds memory whatever the person's total. */
  readonly pageSize: number;
  /** Only events with search terms (searches.csv). */
  readonly searchesOnly?: boolean;
  /**
   * Events from elsewhere (daily archives), called once per read. May hold anyone's events:
   * only the person's, inside the period, are passed on.
   */
  readonly archived?: () => AsyncIterable<WebEvent>;
}

/** One page: events in `(time, id)` order within their source. */
export interface SubjectEventPage {
  readonly events: readonly WebEvent[];
  /** True for events from `archived`, false for the active store. */
  readonly archived: boolean;
}

/**
 * Reads every event of one person in a period, page by page: archived events first (they
 * are the older ones), then the active `events` table. Only events whose username is the
 * person's are returned, so no one else's record can slip into a subject access export
 * (PRV-03, third parties); an event both archived and still active is returned once.
 *
 * The table is read with keyset pagination on `(time_ms, id)`: each page starts after the
 * last row of the one before, so it is a range of the `(username, time_ms)` index however
 * deep into millions of rows it is, where `OFFSET` would rescan everything before it. The
 * `time_ms >=` bound is written out beside the `(time_ms > t or id > i)` test so both
 * dialects use it as the index range. Run it inside one transaction (a snapshot on
 * PostgreSQL) when several reads must agree.
 *
 * Ids of archived events are held in a set while the active table is read (about 100
 * bytes each), so memory grows with the person's archived events, not their active ones.
 *
 * ### Examples
 * ```ts
 * for await (const page of subjectEventPages(trx, { user: 'pupil.one', fromMs: null, toMs: now, pageSize: 2000 })) {
 *   for (const event of page.events) write(event);
 * }
 * ```
 */
export async function* subjectEventPages(
  db: Kysely<Database>,
  query: SubjectEventQuery,
): AsyncGenerator<SubjectEventPage> {
  const archivedIds = new Set<string>();
  if (query.archived !== undefined) {
    let page: WebEvent[] = [];
    for await (const event of query.archived()) {
      if (!wanted(event, query)) continue;
      archivedIds.add(event.id);
      page.push(event);
      if (page.length >= query.pageSize) {
        yield { events: page, archived: true };
        page = [];
      }
    }
    if (page.length > 0) yield { events: page, archived: true };
  }

  let after: { readonly time: number; readonly id: string } | undefined;
  for (;;) {
    let select = db
      .selectFrom('events')
      .selectAll()
      .where('username', '=', query.user)
      .where('time_ms', '<', query.toMs);
    if (after !== undefined) {
      const last = after;
      select = select
        .where('time_ms', '>=', last.time)
        .where((eb) => eb.or([eb('time_ms', '>', last.time), eb('id', '>', last.id)]));
    } else if (query.fromMs !== null) {
      select = select.where('time_ms', '>=', query.fromMs);
    }
    if (query.searchesOnly === true) select = select.where('search_terms', 'is not', null);
    const rows = await select.orderBy('time_ms').orderBy('id').limit(query.pageSize).execute();
    if (rows.length === 0) return;
    const lastRow = rows[rows.length - 1]!;
    after = { time: Number(lastRow.time_ms), id: lastRow.id };
    const events: WebEvent[] = [];
    for (const row of rows) if (!archivedIds.has(row.id)) events.push(fromEventRow(row));
    if (events.length > 0) yield { events, archived: false };
    if (rows.length < query.pageSize) return;
  }
}

/** The person's, in the period, and a search if only searches are asked for. */
function wanted(event: WebEvent, query: SubjectEventQuery): boolean {
  if (event.user !== query.user) return false;
  const time = Date.parse(event.time);
  if (!(time < query.toMs) || (query.fromMs !== null && time < query.fromMs)) return false;
  return query.searchesOnly !== true || event.searchTerms !== null;
}
