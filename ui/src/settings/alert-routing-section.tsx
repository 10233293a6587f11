import type { AlertRouteView, SettingsView } from '../api/settings-api.js';
import type { AlertLevel } from '../api/types.js';
import { LevelBadge } from '../components/level-badge.js';
import { Fact } from './fact.js';
import { RecipientList } from './recipient-list.js';
import { SettingsSection } from './settings-section.js';

const DAYS: Readonly<Record<string, string>> = Object.freeze({
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
});

/** How a route's alerts go out: levels 4-5 always at once (src/monitor/risk-level.ts). */
function howOf(route: AlertRouteView): string {
  if (route.immediate || route.minLevel >= 4) return 'E-mail at once';
  return 'Levels 4–5 by e-mail at once; lower levels in the daily digest';
}

/**
 * Alert routing: who hears of which alerts, as a table (one row per route, in config
 * order; every matching route adds its people), then quiet hours, the hourly limit, the
 * webhooks (origin only) and the digests.
 */
export function AlertRoutingSection({ settings }: { readonly settings: SettingsView }) {
  const { alerts, digests } = settings;
  return (
    <SettingsSection
      title="Alert routing"
      configKey={{ file: settings.configFile, path: 'monitor.routes, monitor.staff' }}
    >
      {!alerts.enabled && (
        <p className="notice settings-warning">
          The safeguarding monitor is off (<code>monitor.enabled: false</code>): no alerts are
          raised.
        </p>
      )}
      <div className="table-wrap">
        <table className="table settings-routes">
          <caption className="table__caption">
            Who hears of which alerts <span className="table__count">{alerts.routes.length}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Alerts</th>
              <th scope="col">Categories</th>
              <th scope="col">Go to</th>
              <th scope="col">How</th>
            </tr>
          </thead>
          <tbody>
            {alerts.routes.map((route, index) => (
              // Routes have no id; their place in the config is who they are.
              // biome-ignore lint/suspicious/noArrayIndexKey: config order is the identity.
              <tr key={index}>
                <th scope="row">
                  {route.minLevel <= 1 ? (
                    'Every level'
                  ) : (
                    <>
                      <LevelBadge level={route.minLevel as AlertLevel} /> and above
                    </>
                  )}
                </th>
                <td>
                  {route.categories === null
                    ? 'All'
                    : route.categories.map((c) => c.label).join(', ')}
                </td>
                <td>
                  <RecipientList refs={route.to} />
                </td>
                <td>{howOf(route)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="table-note">
        Everyone a matching route names hears of an alert once. Staff limited to classes (a teacher)
        hear only of their own classes' pupils, whatever a route says.
      </p>
      <dl className="facts settings-facts">
        <Fact term="Quiet hours">
          {alerts.quietHours === null
            ? 'None: e-mails go at any hour'
            : `${alerts.quietHours.from}–${alerts.quietHours.to}: levels 1–3 wait until morning; 4–5 always go at once`}
        </Fact>
        <Fact term="Hourly limit">
          At most {alerts.perRecipientPerHour} immediate e-mails per person per hour for levels 1–3;
          the rest go in the digest
        </Fact>
        <Fact term="Webhooks">
          {alerts.webhooks.length === 0 ? (
            'None'
          ) : (
            <ul className="settings-list">
              {alerts.webhooks.map((hook) => (
                <li key={hook.name}>
                  <strong>{hook.name}</strong>: {hook.origin}/… from level {hook.minLevel}, signed
                  (HMAC-SHA256)
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact term="Failed deliveries">
          Retried {alerts.delivery.maxAttempts} times, from {alerts.delivery.firstRetrySeconds} s to{' '}
          {alerts.delivery.maxRetrySeconds} s apart, then kept as failed (
          <code>schoolgate alerts deliveries</code>)
        </Fact>
        <Fact term="Digests">
          Daily at {digests.dailyAt}, weekly on {DAYS[digests.weeklyOn] ?? digests.weeklyOn} (
          <code>{digests.configKey}</code>), to:
          <RecipientList refs={digests.to} />
        </Fact>
      </dl>
    </SettingsSection>
  );
}
