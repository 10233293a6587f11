import type { Digest, DigestAlert } from '../../monitor/digest/digest.js';

/**
 * A digest for the roles that see aggregates only (governors, the bursar, IT): the same
 * counts, with everything that names or could name a person taken out, not blanked.
 * `namesLeftOut` says so, so the page can say "left out" rather than "nobody".
 */
export interface DigestWithoutNames
  extends Omit<Digest, 'blockedByUser' | 'alerts' | 'searchTerms'> {
  readonly namesLeftOut: true;
  /** The level 3+ alerts without the person each is about. */
  readonly alerts: readonly Omit<DigestAlert, 'user'>[];
}

/**
 * A digest with people's names left out: the ranking of people blocked most goes, each
 * listed alert loses its person, and the search terms of concern go (pupils type names,
 * their own and others', into searches). Everything else (totals, categories, groups, the
 * time series, alerts by level and state) stays: a governor sees how the filter and the
 * safeguarding work are doing without learning who. Pure: it copies, never mutates.
 *
 * ### Examples
 * ```ts
 * const shown = withoutNames(await buildDigest(store, period));
 * 'blockedByUser' in shown; // false
 * shown.alerts[0]; // { id, level: 4, category: 'self-harm', title, count, state, lastMs, last }
 * ```
 */
export function withoutNames(digest: Digest): DigestWithoutNames {
  // Listed field by field, not spread and deleted: a field added to `Digest` later must be
  // judged here before a governor sees it.
  return {
    kind: digest.kind,
    namesLeftOut: true,
    period: digest.period,
    totals: digest.totals,
    blockedByCategory: digest.blockedByCategory,
    blockedByGroup: digest.blockedByGroup,
    blockedSeries: digest.blockedSeries,
    alertsByLevel: digest.alertsByLevel,
    alertsByState: digest.alertsByState,
    alerts: digest.alerts.map((a) => ({
      id: a.id,
      level: a.level,
      category: a.category,
      title: a.title,
      count: a.count,
      state: a.state,
      lastMs: a.lastMs,
      last: a.last,
    })),
    moreAlerts: digest.moreAlerts,
  };
}
