import type { StaffAccount } from '../api/users-api.js';
import { useTimeFormat } from '../app/use-time-format.js';
import { roleLabel } from './role-options.js';

/**
 * The console accounts: role, a teacher's classes, whether a second factor is set up,
 * whether the account may sign in (active, locked for now, disabled) and when it last did;
 * with an Edit button on each row for those who may change users.
 */
export function StaffTable({
  staff,
  self,
  onEdit,
}: {
  readonly staff: readonly StaffAccount[];
  /** The signed-in username, marked "you". */
  readonly self: string;
  /** Absent: the list is read-only. */
  readonly onEdit?: (account: StaffAccount) => void;
}) {
  const time = useTimeFormat();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="table__caption">
          Console accounts <span className="table__count">{staff.length}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">Role</th>
            <th scope="col">Classes</th>
            <th scope="col">2FA</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            {onEdit !== undefined && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {staff.map((account) => (
            <tr key={account.username}>
              <th scope="row">
                {account.displayName}
                {account.username === self && <span className="you-tag"> (you)</span>}
              </th>
              <td>{account.username}</td>
              <td>{roleLabel(account.role)}</td>
              <td>
                {account.role !== 'teacher' ? (
                  <span className="muted">
                    <span aria-hidden="true">—</span>
                    <span className="visually-hidden">not a teacher</span>
                  </span>
                ) : account.classes.length === 0 ? (
                  <span className="muted">None yet</span>
                ) : (
                  account.classes.join(', ')
                )}
              </td>
              <td>
                <span className={`badge ${account.totpEnabled ? 'badge--on' : 'badge--off'}`}>
                  {account.totpEnabled ? 'Set up' : 'Not set up'}
                </span>
              </td>
              <td>
                <AccountStatus account={account} format={time.short} />
              </td>
              <td className="nowrap">
                {account.lastSignInMs === null ? (
                  <span className="muted">Never</span>
                ) : (
                  <time dateTime={time.iso(account.lastSignInMs)}>
                    {time.short(account.lastSignInMs)}
                  </time>
                )}
              </td>
              {onEdit !== undefined && (
                <td className="table__actions">
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => onEdit(account)}
                    aria-label={`Edit ${account.displayName}'s account`}
                  >
                    Edit
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AccountStatus({
  account,
  format,
}: {
  readonly account: StaffAccount;
  readonly format: (ms: number) => string;
}) {
  if (account.disabled) return <span className="badge badge--disabled">Disabled</span>;
  if (account.lockedUntilMs !== null) {
    return (
      <span className="badge badge--locked">Locked until {format(account.lockedUntilMs)}</span>
    );
  }
  return <span className="badge badge--active">Active</span>;
}
