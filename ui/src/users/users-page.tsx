import { useState } from 'react';
import { useApiData } from '../app/use-api-data.js';
import { usePageHeading } from '../app/use-page-heading.js';
import { useSession } from '../app/use-session.js';
import { ProblemMessage } from '../components/problem-message.js';
import { DirectorySection } from './directory-section.js';
import { StaffSection } from './staff-section.js';
import { useUsersApi } from './use-users-api.js';
import { panelId, tabId, UsersTabs } from './users-tabs.js';
import './users.css';

type Tab = 'directory' | 'staff';

const TABS = [
  { key: 'directory', label: 'Pupils and staff in the directory' },
  { key: 'staff', label: 'Console accounts' },
] as const satisfies readonly { key: Tab; label: string }[];

/**
 * The Users page: the school directory (people, their groups and the filter group each is
 * in; add, edit, CSV import) and the console accounts (roles, a teacher's classes, 2FA,
 * status; add, edit), as two tabs. Those without `users.change` see both lists read-only.
 */
export function UsersPage() {
  const heading = usePageHeading('Users');
  const users = useUsersApi();
  const { can } = useSession();
  const [tab, setTab] = useState<Tab>('directory');
  const groups = useApiData('groups', (signal) => users.groups(signal));
  const mayChange = can('users.change');

  return (
    <section className="page users-page">
      <div className="page__head">
        <div>
          <h1 ref={heading} tabIndex={-1} className="page__title">
            Users
          </h1>
          <p className="page__subtitle">
            Pupils and staff from the school's directory with the filter group each is in, and who
            may sign in to this console.
            {!mayChange && ' You can view these lists; IT makes changes.'}
          </p>
        </div>
      </div>
      <UsersTabs label="Users" tabs={TABS} active={tab} onSelect={setTab} />
      {groups.problem !== null && (
        <ProblemMessage problem={groups.problem} onRetry={groups.reload} />
      )}
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} className="users-panel">
        {tab === 'directory' ? (
          <DirectorySection
            groups={groups.data ?? []}
            mayChange={mayChange}
            onGroupsChanged={groups.reload}
          />
        ) : (
          <StaffSection groups={groups.data ?? []} mayChange={mayChange} />
        )}
      </div>
    </section>
  );
}
