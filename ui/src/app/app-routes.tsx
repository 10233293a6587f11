import { ActivityPage } from '../activity/activity-page.js';
import { AlertsPage } from '../alerts/alerts-page.js';
import { AuditPage } from '../audit/audit-page.js';
import { Layout } from '../components/layout.js';
import { DashboardPage } from '../dashboard/dashboard-page.js';
import { ListsPage } from '../lists/lists-page.js';
import { NoAccessPage } from '../pages/no-access-page.js';
import { NotFoundPage } from '../pages/not-found-page.js';
import { PolicyPage } from '../policy/policy-page.js';
import { ReportsPage } from '../reports/reports-page.js';
import { useHashRoute } from '../router/use-hash-route.js';
import { SettingsPage } from '../settings/settings-page.js';
import { UsersPage } from '../users/users-page.js';
import { useSession } from './use-session.js';

/**
 * Picks the page for the hash (`#/`, `#/alerts`, `#/audit`). A page the role may not see
 * says so rather than failing on a 403. Each page is keyed by path so it mounts afresh
 * (and takes focus) when the path changes, but not when only its filters change.
 */
export function AppRoutes() {
  const route = useHashRoute();
  const { can } = useSession();

  const page = (() => {
    switch (route.path) {
      case '/':
        return <DashboardPage key="dashboard" />;
      case '/alerts':
        return can('alerts.read') ? (
          <AlertsPage key="alerts" params={route.params} />
        ) : (
          <NoAccessPage key="alerts-denied" page="Alerts" />
        );
      case '/activity':
        return can('activity.read') ? (
          <ActivityPage key="activity" params={route.params} />
        ) : (
          <NoAccessPage key="activity-denied" page="Activity" />
        );
      case '/policy':
        return can('policy.read') ? (
          <PolicyPage key="policy" />
        ) : (
          <NoAccessPage key="policy-denied" page="Policy" />
        );
      case '/lists':
        return can('lists.read') ? (
          <ListsPage key="lists" params={route.params} />
        ) : (
          <NoAccessPage key="lists-denied" page="Lists" />
        );
      case '/reports':
        return can('reports.aggregate') || can('activity.read') ? (
          <ReportsPage key="reports" params={route.params} />
        ) : (
          <NoAccessPage key="reports-denied" page="Reports" />
        );
      case '/users':
        return can('users.read') ? (
          <UsersPage key="users" />
        ) : (
          <NoAccessPage key="users-denied" page="Users" />
        );
      case '/settings':
        return can('settings.read') ? (
          <SettingsPage key="settings" />
        ) : (
          <NoAccessPage key="settings-denied" page="Settings" />
        );
      case '/audit':
        return can('audit.read') ? (
          <AuditPage key="audit" params={route.params} />
        ) : (
          <NoAccessPage key="audit-denied" page="Audit" />
        );
      default:
        return <NotFoundPage key={`missing:${route.path}`} path={route.path} />;
    }
  })();

  return <Layout currentPath={route.path}>{page}</Layout>;
}
