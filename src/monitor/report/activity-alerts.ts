import type { Kysely } from 'kysely';
import type { Period } from '../../store/events/event-page.js';
import type { Database } from '../../store/schema.js';
import type { LocalTimeFormat } from '../digest/local-time-format.js';
import type { RiskLevel } from '../risk-level.js';
import type { ReportSubject } from './activity-counts.js';
import type { ActivityAlert } from './activity-report.js';

/** Most alerts an activity report lists. */
const MAX_ALERTS = 100;

/**
 * The alerts about a person (by username, `alerts_user` index) or about anyone in a group
 * (the alert's groups include it), active in the period (`first_ms < to`, `last_ms >= from`),
 * most recent activity first. A group's are filtered here rather than with `LIKE` on the
 * JSON text, where `_` in a group id would be a wildcard; the alerts table is small.
 *
 * ### Examples
 * ```ts
 * await activityAlerts(store.db, { kind: 'user', name: 'pupil.two' }, week, local);
 * ```
 */
export async function activityAlerts(
  db: Kysely<Database>,
  subject: ReportSubject,
  period: Period,
  local: LocalTimeFormat,
): Promise<ActivityAlert[]> {
  const rows = await db
    .selectFrom('alerts')
    .select([
      'id',
      'level',
      'category',
      'username',
      'groups',
      'title',
      'count',
      'state',
      'first_ms',
      'last_ms',
    ])
    .$if(subject.kind === 'user', (q) => q.where('username', '=', subject.name))
    .where('first_ms', '<', period.toMs)
    .where('last_ms', '>=', period.fromMs)
    .orderBy('last_ms', 'desc')
    .orderBy('id', 'desc')
    .$if(subject.kind === 'user', (q) => q.limit(MAX_ALERTS))
    .execute();
  return rows
    .filter(
      (r) => subject.kind === 'user' || (JSON.parse(r.groups) as string[]).includes(subject.name),
    )
    .slice(0, MAX_ALERTS)
    .map((r) => ({
      id: r.id,
      level: Number(r.level) as RiskLevel,
      category: r.category,
      user: r.username,
      title: r.title,
      count: Number(r.count),
      state: r.state,
      firstMs: Number(r.first_ms),
      lastMs: Number(r.last_ms),
      last: local.dateTime(Number(r.last_ms)),
    }));
}
