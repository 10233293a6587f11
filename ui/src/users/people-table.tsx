import type { DirectoryPerson } from '../api/users-api.js';
import { roleLabel } from './role-options.js';

/**
 * The directory's people: name, groups, role and the policy group the gateway applies;
 * with an Edit button on each row for those who may change users.
 */
export function PeopleTable({
  people,
  onEdit,
}: {
  readonly people: readonly DirectoryPerson[];
  /** Absent: the list is read-only. */
  readonly onEdit?: (person: DirectoryPerson) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="table__caption">
          People <span className="table__count">{people.length}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">Groups</th>
            <th scope="col">Role</th>
            <th scope="col">Filtered as</th>
            {onEdit !== undefined && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.username}>
              <th scope="row">{person.displayName}</th>
              <td>{person.username}</td>
              <td>
                {person.groups.join(', ')}
                {person.classes.length > 0 && ` (teaches ${person.classes.join(', ')})`}
              </td>
              <td>{roleLabel(person.role)}</td>
              <td>
                <span className="filter-group">{person.effectiveGroup.label}</span>
              </td>
              {onEdit !== undefined && (
                <td className="table__actions">
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => onEdit(person)}
                    aria-label={`Edit ${person.displayName}`}
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
