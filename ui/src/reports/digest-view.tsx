import type { ReportCount, ReportDigest } from '../api/reports-api.js';
import { LevelBadge } from '../components/level-badge.js';
import { ALERT_STATES } from '../labels/alert-states.js';
import { LEVELS } from '../labels/levels.js';
import { BarChart } from './bar-chart.js';
import { ColumnChart } from './column-chart.js';
import { ReportPanel } from './report-panel.js';
import { ReportTotals } from './report-totals.js';

const LEFT_OUT = 'Left out: your role sees reports without names.';

/**
 * A digest as the page shows it: headline numbers, blocked attempts through the period,
 * the rankings, alerts by level and state, the level 3+ alerts, and the search terms of
 * concern. In a digest without names, the parts that name people say they were left out
 * rather than looking empty. `canOpenAlerts` links each listed alert to the queue.
 */
export function DigestView({
  digest,
  canOpenAlerts,
}: {
  readonly digest: ReportDigest;
  readonly canOpenAlerts: boolean;
}) {
  const daily = digest.period.kind === 'daily';
  const t = digest.totals;
  const bars = (rows: readonly ReportCount[]) =>
    rows.map((r) => ({ key: r.key, label: r.key, value: r.count }));
  const stateLabel = (state: string) => ALERT_STATES.find((s) => s.kind === state)?.label ?? state;

  return (
    <div className="report">
      {digest.namesLeftOut ? (
        <p className="notice">
          Without names: the people blocked most, each alert's person and the search terms of
          concern are left out, as your role sees aggregate reports only.
        </p>
      ) : (
        <p className="notice notice--confidential">
          Confidential: this names pupils. Opening it was recorded on the audit trail.
        </p>
      )}
      <ReportTotals
        totals={[
          { label: 'Requests', value: t.requests, note: 'web requests through the filter' },
          { label: 'Blocked', value: t.blocked, note: 'attempts to reach blocked sites' },
          { label: 'Warned', value: t.warned, note: 'warning pages shown' },
          { label: 'Flagged', value: t.alerted, note: 'allowed, but flagged' },
          { label: 'Searches', value: t.searches, note: 'searches seen' },
          { label: 'People', value: t.people, note: 'different people online' },
          { label: 'Alerts', value: t.alerts, note: 'safeguarding alerts active' },
        ]}
      />
      <div className="report-grid">
        <ReportPanel title={`Blocked attempts per ${daily ? 'hour' : 'day'}`} wide>
          <ColumnChart
            title={`Blocked attempts per ${daily ? 'hour' : 'day'}, ${digest.period.label}`}
            keyHeader={daily ? 'Hour' : 'Day'}
            valueHeader="Blocked attempts"
            rows={digest.blockedSeries.map((p) => ({
              key: p.key,
              label: p.label,
              value: p.blocked,
            }))}
            empty="No blocked attempts in this period."
          />
        </ReportPanel>
        <ReportPanel title="Blocked by category">
          <BarChart
            title="Blocked attempts by category"
            keyHeader="Category"
            valueHeader="Blocked attempts"
            rows={bars(digest.blockedByCategory)}
            empty="No blocked attempts in this period."
          />
        </ReportPanel>
        <ReportPanel title="Blocked by group">
          <BarChart
            title="Blocked attempts by group"
            keyHeader="Group"
            valueHeader="Blocked attempts"
            rows={bars(digest.blockedByGroup)}
            empty="No blocked attempts in this period."
          />
        </ReportPanel>
        <ReportPanel title="Blocked by person">
          {digest.blockedByUser === undefined ? (
            <p className="panel__empty">{LEFT_OUT}</p>
          ) : (
            <BarChart
              title="Blocked attempts by person"
              keyHeader="Person"
              valueHeader="Blocked attempts"
              rows={bars(digest.blockedByUser)}
              empty="Nobody was blocked in this period."
            />
          )}
        </ReportPanel>
        <ReportPanel title="Search terms of concern">
          {digest.searchTerms === undefined ? (
            <p className="panel__empty">{LEFT_OUT}</p>
          ) : (
            <BarChart
              title="Search terms in alerts"
              keyHeader="Search terms"
              valueHeader="Times searched"
              rows={bars(digest.searchTerms)}
              empty="No search terms in alerts in this period."
            />
          )}
        </ReportPanel>
        <ReportPanel title="Alerts by level">
          <BarChart
            title="Alerts by level"
            keyHeader="Level"
            valueHeader="Alerts"
            rows={digest.alertsByLevel.map((l) => ({
              key: String(l.level),
              label: `${l.level} ${LEVELS[l.level].word}`,
              value: l.count,
            }))}
            empty="No alerts in this period."
          />
        </ReportPanel>
        <ReportPanel title="Alerts by state">
          <BarChart
            title="Alerts by state"
            keyHeader="State"
            valueHeader="Alerts"
            rows={digest.alertsByState.map((s) => ({
              key: s.state,
              label: stateLabel(s.state),
              value: s.count,
            }))}
            empty="No alerts in this period."
          />
        </ReportPanel>
      </div>

      {digest.alerts.length === 0 ? (
        <p className="empty">No alerts at level 3 or above in this period.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="table__caption">
              Alerts at level 3 and above
              <span className="table__count">{digest.alerts.length + digest.moreAlerts}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">What</th>
                {!digest.namesLeftOut && <th scope="col">Person</th>}
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Events
                </th>
                <th scope="col">State</th>
                <th scope="col">Last</th>
              </tr>
            </thead>
            <tbody>
              {digest.alerts.map((a) => (
                <tr key={a.id}>
                  <td>
                    <LevelBadge level={a.level} />
                  </td>
                  <th scope="row">
                    {canOpenAlerts ? (
                      <a href={`#/alerts?state=all&id=${encodeURIComponent(a.id)}`}>{a.title}</a>
                    ) : (
                      a.title
                    )}
                  </th>
                  {!digest.namesLeftOut && <td>{a.user ?? 'Unknown'}</td>}
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
      {digest.moreAlerts > 0 && (
        <p className="table-note">
          And {digest.moreAlerts} more at level 3 and above: see the alert queue.
        </p>
      )}
    </div>
  );
}
