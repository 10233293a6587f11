import { useEffect, useId } from 'react';
import { api } from '../api/api.js';
import { useApiData } from '../app/use-api-data.js';
import { usePageHeading } from '../app/use-page-heading.js';
import { useSession } from '../app/use-session.js';
import { useTimeFormat } from '../app/use-time-format.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { BlockedChart } from './blocked-chart.js';
import { HealthPanel } from './health-panel.js';
import { LevelTiles } from './level-tiles.js';
import { RankedList } from './ranked-list.js';
import { StatCards } from './stat-cards.js';

const REFRESH_MS = 60_000;

/**
 * The morning overview: today's numbers, today's alerts by level, blocked attempts over
 * the week, the top categories, people and sites, and the gateway's health. Refreshes
 * itself every minute; people's names only when the server sends them (`topUsers`).
 */
export function DashboardPage() {
  const heading = usePageHeading('Dashboard');
  const { session, can } = useSession();
  const time = useTimeFormat();
  const { data, problem, loading, reload } = useApiData('dashboard', (signal) =>
    api.dashboard(signal),
  );
  const alertsId = useId();
  const chartId = useId();

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const showAlerts = can('alerts.read');
  return (
    <section className="page" aria-busy={loading}>
      <div className="page__head">
        <div>
          <h1 ref={heading} tabIndex={-1} className="page__title">
            Dashboard
          </h1>
          <p className="page__subtitle">
            Today at {session.school.name}
            {data !== undefined && !loading && <> · updated {time.short(Date.now())}</>}
          </p>
        </div>
        <button type="button" className="button" onClick={reload} disabled={loading}>
          {loading && data !== undefined ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>

      {problem !== null && <ProblemMessage problem={problem} onRetry={reload} />}
      {data === undefined && problem === null && <LoadingMessage what="today's figures" />}

      {data !== undefined && (
        <>
          <StatCards today={data.today} openAlerts={data.openAlerts} showAlerts={showAlerts} />
          <div className={`dashboard-grid${showAlerts ? '' : ' dashboard-grid--no-alerts'}`}>
            {showAlerts && (
              <section className="panel" aria-labelledby={alertsId}>
                <h2 id={alertsId} className="panel__title">
                  Alerts today by level
                </h2>
                <LevelTiles alertsToday={data.alertsToday} />
              </section>
            )}
            <section className="panel" aria-labelledby={chartId}>
              <h2 id={chartId} className="panel__title">
                Blocked attempts, last 7 days
              </h2>
              <BlockedChart days={data.blockedByDay} />
            </section>
          </div>
          <div className="dashboard-lists">
            <RankedList
              title="Top blocked categories"
              items={data.topCategories}
              empty="Nothing blocked in the last 7 days."
              unit="blocked attempts"
            />
            {data.topUsers !== null && (
              <RankedList
                title="People blocked most"
                items={data.topUsers}
                empty="Nobody blocked in the last 7 days."
                unit="blocked attempts"
              />
            )}
            <RankedList
              title="Top blocked sites"
              items={data.topSites}
              empty="No sites blocked in the last 7 days."
              unit="blocked attempts"
            />
            {data.health !== null && <HealthPanel health={data.health} />}
          </div>
        </>
      )}
    </section>
  );
}
