import type {
  ReportColumn,
  ReportDocument,
  TableSection,
} from '../digest/render/report-document.js';
import type { ActivityEntry, ActivityReport } from './activity-report.js';

const STATE_NAMES: Readonly<Record<string, string>> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  escalated: 'Escalated to a case',
  closed: 'Closed',
};

/**
 * An activity report in words, for the shared renderers: totals, requests and blocked
 * attempts per day, top hosts and categories, the alerts about the subject, and the blocked
 * attempts and searches themselves (a group's lists name the person on each row). Event ids
 * go to the CSV only, so a listed request can be found again in the store.
 *
 * ### Examples
 * ```ts
 * renderReportHtml(activityReportDocument(report));
 * ```
 */
export function activityReportDocument(report: ActivityReport): ReportDocument {
  const { subject, totals } = report;
  const group = subject.kind === 'group';
  const person: readonly ReportColumn[] = group
    ? [{ id: 'user', header: 'Person', weight: 1.2 }]
    : [];
  const who = (e: { user: string | null }) => (group ? [e.user ?? '(unknown)'] : []);
  const limited = (more: boolean, shown: number) =>
    more ? { note: `Only the newest ${shown} are listed; narrow the period to see the rest.` } : {};
  return {
    kind: 'report-document',
    title: `Activity report: ${group ? `group ${subject.name}` : subject.name}`,
    subtitle: `${report.period.label} (${report.period.timezone}).`,
    notes: [
      `Confidential: this shows ${group ? "people's" : "a person's"} records. Reading it was recorded on the audit trail.`,
    ],
    totals: [
      { key: 'requests', label: 'Requests', value: totals.requests },
      { key: 'allowed', label: 'Allowed', value: totals.allowed },
      { key: 'blocked', label: 'Blocked attempts', value: totals.blocked },
      { key: 'warned', label: 'Warnings shown', value: totals.warned },
      { key: 'alerted', label: 'Allowed, flagged', value: totals.alerted },
      { key: 'searches', label: 'Searches', value: totals.searches },
      { key: 'alerts', label: 'Alerts', value: totals.alerts },
    ],
    sections: [
      {
        kind: 'columns',
        id: 'requests-per-day',
        title: 'Requests per day',
        keyHeader: 'Day',
        valueHeader: 'Requests',
        rows: report.series.map((d) => ({ key: d.key, label: d.label, value: d.requests })),
        empty: 'No requests in this period.',
      },
      {
        kind: 'columns',
        id: 'blocked-per-day',
        title: 'Blocked attempts per day',
        keyHeader: 'Day',
        valueHeader: 'Blocked attempts',
        rows: report.series.map((d) => ({ key: d.key, label: d.label, value: d.blocked })),
        empty: 'No blocked attempts in this period.',
      },
      {
        kind: 'table',
        id: 'top-hosts',
        title: 'Most requested sites',
        columns: [
          { id: 'host', header: 'Site', weight: 3 },
          { id: 'requests', header: 'Requests', numeric: true },
          { id: 'blocked', header: 'Blocked', numeric: true },
        ],
        rows: report.topHosts.map((h) => [h.host, h.requests, h.blocked]),
        keyColumn: 'host',
        countColumn: 'requests',
        empty: 'No requests in this period.',
      },
      {
        kind: 'bars',
        id: 'top-categories',
        title: 'Categories',
        keyHeader: 'Category',
        valueHeader: 'Requests',
        rows: report.topCategories.map((c) => ({ key: c.key, label: c.key, value: c.count })),
        empty: 'No categorised requests in this period.',
      },
      {
        kind: 'table',
        id: 'alerts',
        title: group ? 'Alerts about people in this group' : 'Alerts about this person',
        columns: [
          { id: 'alert', header: 'Alert', weight: 2.2 },
          { id: 'level', header: 'Level', numeric: true, weight: 0.6 },
          { id: 'category', header: 'Category', weight: 1.2 },
          ...person,
          { id: 'title', header: 'What', weight: 2.5 },
          { id: 'count', header: 'Events', numeric: true, weight: 0.7 },
          { id: 'state', header: 'State', weight: 1 },
          { id: 'last', header: 'Last', weight: 1.6 },
        ],
        rows: report.alerts.map((a) => [
          a.id,
          a.level,
          a.category,
          ...who(a),
          a.title,
          a.count,
          STATE_NAMES[a.state] ?? a.state,
          a.last,
        ]),
        keyColumn: 'alert',
        countColumn: 'count',
        empty: 'No alerts in this period.',
      },
      entries(
        'blocked',
        'Blocked attempts',
        report.blocked,
        person,
        who,
        'No blocked attempts in this period.',
        (e) => [e.host, e.path, e.categories.join(', ')],
        [
          { id: 'host', header: 'Site', weight: 2 },
          { id: 'path', header: 'Path', weight: 2 },
          { id: 'categories', header: 'Categories', weight: 1.5 },
        ],
        limited(report.blockedMore, report.blocked.length),
      ),
      entries(
        'searches',
        'Searches',
        report.searches,
        person,
        who,
        'No searches in this period.',
        (e) => [e.searchTerms, e.host],
        [
          { id: 'terms', header: 'Search terms', weight: 3 },
          { id: 'host', header: 'Site', weight: 1.5 },
        ],
        limited(report.searchesMore, report.searches.length),
      ),
    ],
    dateMs: report.period.toMs,
  };
}

/** A list of requests: time, [person], the given cells, and whether an alert holds it. */
function entries(
  id: string,
  title: string,
  list: readonly ActivityEntry[],
  person: readonly ReportColumn[],
  who: (e: ActivityEntry) => string[],
  empty: string,
  cells: (e: ActivityEntry) => (string | null)[],
  columns: readonly ReportColumn[],
  extra: { note?: string },
): TableSection {
  return {
    kind: 'table',
    id,
    title,
    columns: [
      { id: 'event', header: 'Event', csvOnly: true },
      { id: 'time', header: 'Time', weight: 1.6 },
      ...person,
      ...columns,
      { id: 'in_alert', header: 'In an alert', weight: 0.8 },
    ],
    rows: list.map((e) => [e.id, e.time, ...who(e), ...cells(e), e.inAlert ? 'yes' : '']),
    keyColumn: 'event',
    empty,
    ...extra,
  };
}
