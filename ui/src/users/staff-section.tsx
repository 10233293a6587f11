import { useState } from 'react';
import type { KnownGroup, StaffAccount } from '../api/users-api.js';
import { useAnnounce } from '../app/use-announce.js';
import { useApiData } from '../app/use-api-data.js';
import { useSession } from '../app/use-session.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { StaffDialog, type StaffTarget } from './staff-dialog.js';
import { StaffTable } from './staff-table.js';
import { useUsersApi } from './use-users-api.js';

/**
 * Who may sign in to the console: the accounts with role, classes, 2FA and status; for
 * those who may change users, "Add account" and "Edit" (a teacher's classes, role,
 * unlock, disable, a new password).
 */
export function StaffSection({
  groups,
  mayChange,
}: {
  readonly groups: readonly KnownGroup[];
  readonly mayChange: boolean;
}) {
  const users = useUsersApi();
  const announce = useAnnounce();
  const self = useSession().session.user.username;
  const [target, setTarget] = useState<StaffTarget | null>(null);
  const staff = useApiData('staff', (signal) => users.staff(signal));
  const saved = (account: StaffAccount, created: boolean) => {
    setTarget(null);
    const text = `${created ? 'Added the account' : 'Saved the account of'} ${account.displayName} (${account.username}).`;
    announce(text);
    staff.reload();
  };

  return (
    <div className="users-section">
      <div className="users-section__bar">
        <p className="users-section__note">
          Staff who sign in to this console. A teacher sees only the classes given here; second
          factors are set up with <code>schoolgate users totp</code>.
        </p>
        {mayChange && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setTarget({ kind: 'add' });
            }}
          >
            Add account
          </button>
        )}
      </div>
      {staff.problem !== null && <ProblemMessage problem={staff.problem} onRetry={staff.reload} />}
      {staff.data === undefined && staff.problem === null && <LoadingMessage what="accounts" />}
      {staff.data !== undefined && (
        <StaffTable
          staff={staff.data}
          self={self}
          {...(mayChange
            ? {
                onEdit: (account) => {
                  setTarget({ kind: 'edit', account });
                },
              }
            : {})}
        />
      )}
      {mayChange && (
        <StaffDialog
          target={target}
          groups={groups}
          self={self}
          onCancel={() => setTarget(null)}
          onSaved={saved}
        />
      )}
    </div>
  );
}
