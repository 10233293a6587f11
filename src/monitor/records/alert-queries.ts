import type { Kysely } from 'kysely';
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
 * Alerts, most urgent first (level, then newest activity). The groups filter is applied
 * after reading, on the JSON array, since alerts are few next to events.
 *
 * ### Examples
 * ```ts
 * await listAlerts(db, { states: ['new', 'acknowledged'], minLevel: 3 });
 * ```
 */
export async function listAlerts(db: Kysely<Database>, filter: AlertFilter = {}): Promise<Alert[]> {
  let query = db.selectFrom('alerts').selectAll();
  if (filter.states !== undefined && filter.states.length > 0) {
    query = query.where('state', 'in', [...filter.states]);
  }
  if (filter.minLevel !== undefined) query = query.where('level', '>=', filter.minLevel);
  if (filter.category !== undefined) query = query.where('category', '=', filter.category);
  if (filter.user !== undefined) query = query.where('username', '=', filter.user);
  if (filter.sinceMs !== undefined) query = query.where('last_ms', '>=', filter.sinceMs);
  if (filter.untilMs !== undefined) query = query.where('first_ms', '<', filter.untilMs);
  const rows = await query
    .orderBy('level', 'desc')
    .orderBy('last_ms', 'desc')
    .orderBy('id')
    .limit(filter.groups === undefined ? (filter.limit ?? 100) : 100_000)
    .execute();
  const alerts = rows.map(alertFromRow);
  if (filter.groups === undefined) return alerts;
  const groups = filter.groups;
  return alerts
    .filter((a) => a.subject.groups.some((g) => groups.includes(g)))
    .slice(0, filter.limit ?? 100);
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
