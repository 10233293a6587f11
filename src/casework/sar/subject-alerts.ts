import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

/** A safeguarding alert about one person, as a subject access export shows it (alerts.json). */
export interface SubjectAlert {
  readonly id: string;
  readonly level: number;
  readonly kind: string;
  readonly category: string;
  readonly title: string;
  /** ISO 8601 UTC. */
  readonly firstAt: string;
  readonly lastAt: string;
  readonly events: number;
  /** The topic of a teacher's notice that marked it expected, or null. */
  readonly expected: string | null;
  readonly state: string;
  readonly stateChangedBy: string | null;
  readonly stateChangedAt: string | null;
  readonly outcome: string | null;
  readonly caseRef: string | null;
  readonly note: string | null;
  /** What raised it: the person's requests, with the matched phrases and snippet. */
  readonly evidence: readonly {
    readonly eventId: string;
    readonly at: string;
    readonly url: string;
    readonly action: string;
    readonly searchTerms: string | null;
    readonly phrases: readonly string[];
    readonly snippet: string | null;
  }[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The safeguarding alerts about `user` active in the period (any time, when `fromMs` is
 * null), oldest first, each with its evidence. Every evidence row is one of the person's
 * own requests (an alert folds one person's events only), so nothing about others leaks.
 * The DSL's notes are included: the export is reviewed before release, and the README says
 * that safeguarding information may be withheld where the law allows.
 *
 * ### Examples
 * ```ts
 * const alerts = await subjectAlerts(trx, 'pupil.one', null, Date.now());
 * ```
 */
export async function subjectAlerts(
  db: Kysely<Database>,
  user: string,
  fromMs: number | null,
  toMs: number,
): Promise<SubjectAlert[]> {
  let query = db
    .selectFrom('alerts')
    .selectAll()
    .where('username', '=', user)
    .where('first_ms', '<', toMs);
  if (fromMs !== null) query = query.where('last_ms', '>=', fromMs);
  const rows = await query.orderBy('first_ms').orderBy('id').execute();
  const alerts: SubjectAlert[] = [];
  for (const row of rows) {
    const evidence = await db
      .selectFrom('alert_evidence')
      .selectAll()
      .where('alert_id', '=', row.id)
      .orderBy('time_ms')
      .orderBy('event_id')
      .execute();
    alerts.push({
      id: row.id,
      level: Number(row.level),
      kind: row.kind,
      category: row.category,
      title: row.title,
      firstAt: iso(row.first_ms)!,
      lastAt: iso(row.last_ms)!,
      events: Number(row.count),
      expected: row.expected,
      state: row.state,
      stateChangedBy: row.state_by,
      stateChangedAt: iso(row.state_ms),
      outcome: row.outcome,
      caseRef: row.case_ref,
      note: row.state_note,
      evidence: evidence.map((e) => ({
        eventId: e.event_id,
        at: iso(e.time_ms)!,
        url: e.url,
        action: e.action,
        searchTerms: e.search_terms,
        phrases: JSON.parse(e.phrases) as string[],
        snippet: e.snippet,
      })),
    });
  }
  return alerts;
}
