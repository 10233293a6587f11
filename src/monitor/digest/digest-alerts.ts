import type { Kysely } from 'kysely';
import type { Period } from '../../store/events/event-page.js';
import type { AlertsTable, Database } from '../../store/schema.js';
import { RISK_LEVELS, type RiskLevel } from '../risk-level.js';
import type { DigestAlert, DigestCount } from './digest.js';
import type { LocalTimeFormat } from './local-time-format.js';

/** Every workflow state, in the order the digest lists them. */
const ALERT_STATES: readonly AlertsTable['state'][] = [
  'new',
  'acknowledged',
  'escalated',
  'closed',
];

/** Alerts of this level and above are listed one by one; lower ones are only counted. */
export const LISTED_MIN_LEVEL = 3;

/** What the digest says about alerts. */
export interface DigestAlerts {
  readonly total: number;
  readonly byLevel: readonly { readonly level: RiskLevel; readonly count: number }[];
  readonly byState: readonly { readonly state: AlertsTable['state']; readonly count: number }[];
  readonly listed: readonly DigestAlert[];
  readonly more: number;
  readonly searchTerms: readonly DigestCount[];
}

/**
 * The alerts side of a digest: alerts active in `period` (raised in it, or grown in it:
 * `first_ms < to` and `last_ms >= from`) counted by level and by state, the level 3+ ones
 * listed, and the search terms in their evidence from the period, counted. The alerts
 * tables hold thousands of rows where events hold millions, so these are plain queries.
 *
 * ### Examples
 * ```ts
 * const alerts = await digestAlerts(store.db, period, { listLimit: 20, topN: 10, local });
 * alerts.byLevel; // [{ level: 5, count: 0 }, { level: 4, count: 1 }, ...]
 * ```
 */
export async function digestAlerts(
  db: Kysely<Database>,
  period: Period,
  options: { readonly listLimit: number; readonly topN: number; readonly local: LocalTimeFormat },
): Promise<DigestAlerts> {
  const active = db
    .selectFrom('alerts')
    .where('first_ms', '<', period.toMs)
    .where('last_ms', '>=', period.fromMs);
  const levelRows = await active
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('level')
    .execute();
  const stateRows = await active
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  const listedRows = await active
    .select(['id', 'level', 'category', 'username', 'title', 'count', 'state', 'last_ms'])
    .where('level', '>=', LISTED_MIN_LEVEL)
    .orderBy('last_ms', 'desc')
    .orderBy('id', 'desc')
    .limit(options.listLimit)
    .execute();

  const levelCount = new Map(levelRows.map((r) => [Number(r.level), Number(r.n)]));
  const stateCount = new Map(stateRows.map((r) => [r.state, Number(r.n)]));
  const byLevel = [...RISK_LEVELS]
    .reverse()
    .map((level) => ({ level, count: levelCount.get(level) ?? 0 }));
  const total = levelRows.reduce((sum, r) => sum + Number(r.n), 0);
  const listable = byLevel.reduce((n, l) => n + (l.level >= LISTED_MIN_LEVEL ? l.count : 0), 0);
  return {
    total,
    byLevel,
    byState: ALERT_STATES.map((state) => ({ state, count: stateCount.get(state) ?? 0 })),
    listed: listedRows.map((r) => ({
      id: r.id,
      level: Number(r.level) as RiskLevel,
      category: r.category,
      user: r.username,
      title: r.title,
      count: Number(r.count),
      state: r.state,
      lastMs: Number(r.last_ms),
      last: options.local.dateTime(Number(r.last_ms)),
    })),
    more: Math.max(0, listable - listedRows.length),
    searchTerms: await searchTerms(db, period, options.topN),
  };
}

/**
 * Search terms in alert evidence from the period, counted with case and spacing folded
 * (`Self  Harm` and `self harm` are one term), most frequent first, ties alphabetical.
 */
async function searchTerms(
  db: Kysely<Database>,
  period: Period,
  topN: number,
): Promise<DigestCount[]> {
  const rows = await db
    .selectFrom('alert_evidence as e')
    .innerJoin('alerts as a', 'a.id', 'e.alert_id')
    .select(['e.search_terms as terms', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.first_ms', '<', period.toMs)
    .where('a.last_ms', '>=', period.fromMs)
    .where('e.time_ms', '>=', period.fromMs)
    .where('e.time_ms', '<', period.toMs)
    .where('e.search_terms', 'is not', null)
    .groupBy('e.search_terms')
    .execute();
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = foldTerms(row.terms ?? '');
    if (key !== '') counts.set(key, (counts.get(key) ?? 0) + Number(row.n));
  }
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, topN);
}

const foldTerms = (terms: string) =>
  terms.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
