import { RISK_MEANINGS } from '../risk-level.js';
import type { Digest, DigestCount } from './digest.js';
import type { ChartSection, ReportDocument } from './render/report-document.js';

export interface DigestDocumentOptions {
  /** The school's name, for the subtitle (default none). */
  readonly schoolName?: string;
}

const STATE_NAMES: Readonly<Record<string, string>> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  escalated: 'Escalated to a case',
  closed: 'Closed',
};

/**
 * A digest in words, ready for any renderer: the title and period, the totals, the chart of
 * blocked attempts over the period, the rankings, the alerts by level and state with the
 * level 3+ ones listed, and the search terms behind alerts. Every chart says plainly when
 * there is nothing to show ("No blocked attempts in this period.") instead of drawing nothing.
 *
 * ### Examples
 * ```ts
 * const doc = digestDocument(digest, { schoolName: 'Widford Lodge' });
 * renderReportText(doc);
 * ```
 */
export function digestDocument(
  digest: Digest,
  options: DigestDocumentOptions = {},
): ReportDocument {
  const { period, totals } = digest;
  const daily = period.kind === 'daily';
  const what = 'attempts to reach blocked sites and safeguarding alerts';
  const about =
    options.schoolName === undefined ? `A${what.slice(1)}` : `${options.schoolName}: ${what}`;
  const ranked = (id: string, title: string, keyHeader: string, rows: readonly DigestCount[]) =>
    chart(
      'bars',
      id,
      title,
      keyHeader,
      'Blocked attempts',
      'No blocked attempts in this period.',
      rows,
    );
  return {
    kind: 'report-document',
    title: `${daily ? 'Daily' : 'Weekly'} digest: ${period.label}`,
    subtitle: `${about}, ${daily ? 'midnight to midnight' : 'Monday to Sunday'}.`,
    notes: [
      'Confidential: this names pupils. For the head and the designated safeguarding lead only.',
      `Times are ${period.timezone}.`,
    ],
    totals: [
      { key: 'requests', label: 'Requests', value: totals.requests },
      { key: 'blocked', label: 'Blocked attempts', value: totals.blocked },
      { key: 'warned', label: 'Warnings shown', value: totals.warned },
      { key: 'alerted', label: 'Allowed, flagged', value: totals.alerted },
      { key: 'searches', label: 'Searches', value: totals.searches },
      { key: 'people', label: 'People online', value: totals.people },
      { key: 'alerts', label: 'Alerts', value: totals.alerts },
    ],
    sections: [
      {
        kind: 'columns',
        id: daily ? 'blocked-per-hour' : 'blocked-per-day',
        title: `Blocked attempts per ${daily ? 'hour' : 'day'}`,
        keyHeader: daily ? 'Hour' : 'Day',
        valueHeader: 'Blocked attempts',
        rows: digest.blockedSeries.map((p) => ({ key: p.key, label: p.label, value: p.blocked })),
        empty: 'No blocked attempts in this period.',
      },
      ranked(
        'blocked-by-category',
        'Blocked attempts by category',
        'Category',
        digest.blockedByCategory,
      ),
      ranked('blocked-by-group', 'Blocked attempts by group', 'Group', digest.blockedByGroup),
      ranked('blocked-by-user', 'Blocked attempts by person', 'Person', digest.blockedByUser),
      {
        kind: 'bars',
        id: 'alerts-by-level',
        title: 'Alerts by level',
        keyHeader: 'Level',
        valueHeader: 'Alerts',
        rows: digest.alertsByLevel.map((l) => ({
          key: String(l.level),
          label: `${l.level}: ${RISK_MEANINGS[l.level]}`,
          value: l.count,
        })),
        empty: 'No alerts in this period.',
        note: 'Levels 4 and 5 were also sent at once, by e-mail and webhook.',
      },
      {
        kind: 'bars',
        id: 'alerts-by-state',
        title: 'Alerts by state',
        keyHeader: 'State',
        valueHeader: 'Alerts',
        rows: digest.alertsByState.map((s) => ({
          key: s.state,
          label: STATE_NAMES[s.state] ?? s.state,
          value: s.count,
        })),
        empty: 'No alerts in this period.',
      },
      {
        kind: 'table',
        id: 'alerts',
        title: 'Alerts at level 3 and above',
        columns: [
          { id: 'id', header: 'Alert', weight: 2.2 },
          { id: 'level', header: 'Level', numeric: true, weight: 0.6 },
          { id: 'category', header: 'Category', weight: 1.2 },
          { id: 'user', header: 'Person', weight: 1.3 },
          { id: 'title', header: 'What', weight: 2.5 },
          { id: 'count', header: 'Events', numeric: true, weight: 0.7 },
          { id: 'state', header: 'State', weight: 1 },
          { id: 'last', header: 'Last', weight: 1.6 },
        ],
        rows: digest.alerts.map((a) => [
          a.id,
          a.level,
          a.category,
          a.user ?? '(unknown)',
          a.title,
          a.count,
          STATE_NAMES[a.state] ?? a.state,
          a.last,
        ]),
        keyColumn: 'id',
        countColumn: 'count',
        empty: 'No alerts at level 3 or above in this period.',
        ...(digest.moreAlerts > 0
          ? { note: `And ${digest.moreAlerts} more at level 3 and above: see the console.` }
          : {}),
      },
      chart(
        'bars',
        'search-terms',
        'Search terms of concern',
        'Search terms',
        'Times searched',
        'No search terms in alerts in this period.',
        digest.searchTerms,
      ),
    ],
    dateMs: period.toMs,
  };
}

function chart(
  kind: ChartSection['kind'],
  id: string,
  title: string,
  keyHeader: string,
  valueHeader: string,
  empty: string,
  rows: readonly DigestCount[],
): ChartSection {
  return {
    kind,
    id,
    title,
    keyHeader,
    valueHeader,
    rows: rows.map((r) => ({ key: r.key, label: r.key, value: r.count })),
    empty,
  };
}
