import { type Kysely, sql } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { Alert, AlertEvidence } from '../alert.js';
import type { AlertState } from '../alert-state.js';
import type { RiskLevel } from '../risk-level.js';
import { alertFromRow, evidenceFromRow } from './alert-rows.js';

/** Which alerts to list; every field narrows. */
export interface AlertFilter {
  readonly states?: readonly AlertState['kind'][];
  readonly minLevel?: RiskLevel;
  readonly category?: string;
  readonly user?: string;
  /** Alerts about people in any of these groups (a teacher's classes). */
  readonly groups?: readonly string[];
  /** Alerts active (last event) at or after this time. */
  readonly sinceMs?: number;
  readonly untilMs?: number;
  readonly limit?: number;
}

/**
 * Alerts, most urgent first (level, then newest activity, then id). Each state is read
 * apart, as one range of the `(state, level, last_ms)` index already in that order, and the
 * ranges merged here: SQLite cannot merge an `IN` list's ranges in order, so it read and
 * sorted every open alert (2 s at 376,000 alerts, bench/console). The groups filter (a
 * teacher's classes) is narrowed in SQL by a LIKE on the JSON array, then checked exactly
 * on the parsed array.
 *
 * ### Examples
 * ```ts
 * await listAlerts(db, { states: ['new', 'acknowledged'], minLevel: 3 });
 * ```
 */
export async function listAlerts(db: Kysely<Database>, filter: AlertFilter = {}): Promise<Alert[]> {
  const limit = filter.limit ?? 100;
  const groups = filter.groups;
  if (groups !== undefined && groups.length === 0) return [];
  const states: readonly (AlertState['kind'] | null)[] =
    filter.states !== undefined && filter.states.length > 0 ? filter.states : [null];
  const read = (state: AlertState['kind'] | null, after: SortKey | null, count: number) => {
    let query = db.selectFrom('alerts').selectAll();
    if (state !== null) query = query.where('state', '=', state);
    if (filter.minLevel !== undefined) query = query.where('level', '>=', filter.minLevel);
    if (filter.category !== undefined) query = query.where('category', '=', filter.category);
    if (filter.user !== undefined) query = query.where('username', '=', filter.user);
    if (filter.sinceMs !== undefined) query = query.where('last_ms', '>=', filter.sinceMs);
    if (filter.untilMs !== undefined) query = query.where('first_ms', '<', filter.untilMs);
    if (groups !== undefined) {
      // `"9x"` inside the JSON array; `\` escapes LIKE's wildcards (`_` is allowed in ids).
      query = query.where((eb) =>
        eb.or(
          groups.map(
            (g) =>
              sql<boolean>`${eb.ref('groups')} like ${`%${likeEscape(JSON.stringify(g))}%`} escape '\\'`,
          ),
        ),
      );
    }
    if (after !== null) {
      query = query.where((eb) =>
        eb.or([
          eb('level', '<', after.level),
          eb.and([eb('level', '=', after.level), eb('last_ms', '<', after.lastMs)]),
          eb.and([
            eb('level', '=', after.level),
            eb('last_ms', '=', after.lastMs),
            eb('id', '>', after.id),
          ]),
        ]),
      );
    }
    return query
      .orderBy('level', 'desc')
      .orderBy('last_ms', 'desc')
      .orderBy('id')
      .limit(count)
      .execute();
  };
  const out: Alert[] = [];
  // Page on while the exact groups check drops rows the LIKE let through (rare).
  let after: SortKey | null = null;
  for (;;) {
    const rows = (await Promise.all(states.map((state) => read(state, after, limit))))
      .flat()
      .sort(
        (a, b) =>
          Number(b.level) - Number(a.level) ||
          Number(b.last_ms) - Number(a.last_ms) ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )
      .slice(0, limit);
    for (const row of rows) {
      const alert = alertFromRow(row);
      if (groups === undefined || alert.subject.groups.some((g) => groups.includes(g))) {
        out.push(alert);
        if (out.length === limit) return out;
      }
    }
    const last = rows.at(-1);
    if (rows.length < limit || last === undefined) return out;
    after = { level: Number(last.level), lastMs: Number(last.last_ms), id: last.id };
  }
}

interface SortKey {
  readonly level: number;
  readonly lastMs: number;
  readonly id: string;
}

/** `text` with LIKE's wildcards and the escape character escaped by `\`. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One alert with its evidence (oldest first), or null. */
export async function getAlert(
  db: Kysely<Database>,
  id: string,
): Promise<{ alert: Alert; evidence: AlertEvidence[] } | null> {
  const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return null;
  const evidence = await db
    .selectFrom('alert_evidence')
    .selectAll()
    .where('alert_id', '=', id)
    .orderBy('time_ms')
    .orderBy('event_id')
    .execute();
  return { alert: alertFromRow(row), evidence: evidence.map(evidenceFromRow) };
}
