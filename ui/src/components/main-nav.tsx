import type { Permission } from '../api/types.js';
import { useSession } from '../app/use-session.js';

interface NavEntry {
  readonly path: string;
  readonly label: string;
  /** The permission the page needs; entries the user lacks are not shown. */
  readonly needs: Permission | null;
}

/** The pages in the order the nav lists them. */
const ENTRIES: readonly NavEntry[] = [
  { path: '/', label: 'Dashboard', needs: null },
  { path: '/alerts', label: 'Alerts', needs: 'alerts.read' },
  { path: '/activity', label: 'Activity', needs: 'activity.read' },
  { path: '/reports', label: 'Reports', needs: 'reports.aggregate' },
  { path: '/policy', label: 'Policy', needs: 'policy.read' },
  { path: '/lists', label: 'Lists', needs: 'lists.read' },
  { path: '/users', label: 'Users', needs: 'users.read' },
  { path: '/settings', label: 'Settings', needs: 'settings.read' },
  { path: '/audit', label: 'Audit', needs: 'audit.read' },
];

/** The main navigation; the current page's link carries `aria-current="page"`. */
export function MainNav({ currentPath }: { readonly currentPath: string }) {
  const { can } = useSession();
  return (
    <nav className="main-nav" aria-label="Main">
      <ul className="main-nav__list">
        {ENTRIES.filter((entry) => entry.needs === null || can(entry.needs)).map((entry) => (
          <li key={entry.path}>
            <a
              className="main-nav__link"
              href={`#${entry.path}`}
              aria-current={entry.path === currentPath ? 'page' : undefined}
            >
              {entry.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
