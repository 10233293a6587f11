import type { ActivityEntry, ActivityReport } from '../api/reports-api.js';
import { LevelBadge } from '../components/level-badge.js';
import { ALERT_STATES } from '../labels/alert-states.js';
import { BarChart } from './bar-chart.js';
import { ColumnChart } from './column-chart.js';
import { ReportPanel } from './report-panel.js';
import { ReportTotals } from './report-totals.js';

/**
 * An activity report as the page shows it: totals, requests and blocked attempts per day,
 * the top sites and categories, the alerts about the subject, and the blocked attempts and
 * searches themselves (a group's name the person on each row). Lists say when the server
 * listed only the newest.
 */
export function ActivityView({ report }: { readonly report: ActivityReport }) {
  const t = report.totals;
  const group = report.subject.kind === 'group';
  const stateLabel = (state: string) => ALERT_STATES.find((s) => s.kind === state)?.label ?? state;
  return (
    <div className="report">
      <ReportTotals
        totals={[
          { label: 'Requests', value: t.requests, note: 'web requests' },
          { label: 'Allowed', value: t.allowed, note: 'let through' },
          { label: 'Blocked', value: t.blocked, note: 'attempts to reach blocked sites' },
          { label: 'Warned', value: t.warned, note: 'warning pages shown' },
          { label: 'Flagged', value: t.alerted, note: 'allowed, but flagged' },
          { label: 'Searches', value: t.searches, note: 'searches seen' },
          { label: 'Alerts', value: t.alerts, note: 'safeguarding alerts' },
        ]}
      />
      <div className="report-grid">
        <ReportPanel title="Requests per day" wide>
          <ColumnChart
            title={`Requests per day, ${report.period.label}`}
            keyHeader="Day"
            valueHeader="Requests"
            partHeader="Blocked attempts"
            rows={report.series.map((d) => ({
              key: d.key,
              label: d.label,
              value: d.requests,
              part: d.blocked,
            }))}
            empty="No requests in this period."
          />
        </ReportPanel>
        <ReportPanel title="Top sites">
          <BarChart
            title="Most requested sites"
            keyHeader="Site"
            valueHeader="Requests"
            rows={report.topHosts.map((h) => ({
              key: h.host,
              label: h.blocked > 0 ? `${h.host} (${h.blocked} blocked)` : h.host,
              value: h.requests,
            }))}
            empty="No requests in this period."
          />
        </ReportPanel>
        <ReportPanel title="Top categories">
          <BarChart
            title="Categories of the requests"
            keyHeader="Category"
            valueHeader="Requests"
            rows={report.topCategories.map((c) => ({ key: c.key, label: c.key, value: c.count }))}
            empty="No categorised requests in this period."
          />
        </ReportPanel>
      </div>

      {report.alerts.length === 0 ? (
        <p className="empty">
          No alerts about {group ? 'this group' : 'this person'} in this period.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="table__caption">
              Alerts
              <span className="table__count">{report.alerts.length}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">What</th>
                {group && <th scope="col">Person</th>}
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Events
                </th>
                <th scope="col">State</th>
                <th scope="col">Last</th>
              </tr>
            </thead>
            <tbody>
              {report.alerts.map((a) => (
                <tr key={a.id}>
                  <td>
                    <LevelBadge level={a.level} />
                  </td>
                  <th scope="row">{a.title}</th>
                  {group && <td>{a.user ?? 'Unknown'}</td>}
                  <td>{a.category}</td>
                  <td className="num">{a.count}</td>
                  <td>
                    <span className={`state state--${a.state}`}>{stateLabel(a.state)}</span>
                  </td>
                  <td>{a.last}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <EntryTable
        caption="Blocked attempts"
        entries={report.blocked}
        more={report.blockedMore}
        group={group}
        searches={false}
      />
      <EntryTable
        caption="Searches"
        entries={report.searches}
        more={report.searchesMore}
        group={group}
        searches
      />
    </div>
  );
}

/** The listed blocked attempts or searches, newest first. */
function EntryTable({
  caption,
  entries,
  more,
  group,
  searches,
}: {
  readonly caption: string;
  readonly entries: readonly ActivityEntry[];
  readonly more: boolean;
  readonly group: boolean;
  readonly searches: boolean;
}) {
  if (entries.length === 0) {
    return <p className="empty">No {caption.toLowerCase()} in this period.</p>;
  }
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption className="table__caption">
            {caption}
            <span className="table__count">
              {entries.length}
              {more ? '+' : ''}
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              {group && <th scope="col">Person</th>}
              {searches && <th scope="col">Search terms</th>}
              <th scope="col">Address</th>
              <th scope="col">Categories</th>
              <th scope="col">In an alert</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <th scope="row" className="report-entry__time">
                  {e.time}
                </th>
                {group && <td>{e.user ?? 'Unknown'}</td>}
                {searches && <td className="report-entry__terms">{e.searchTerms ?? ''}</td>}
                <td className="report-entry__url">
                  {e.host}
                  {e.path ?? ''}
                </td>
                <td>{e.categories.join(', ')}</td>
                <td>{e.inAlert ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more && (
        <p className="table-note">
          Only the newest {entries.length} are listed: the CSV has the same; narrow the period to
          see the rest.
        </p>
      )}
    </>
  );
}
