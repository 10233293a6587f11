import type { DirectoryPerson } from '../api/users-api.js';

/** The directory's people: name, groups, role and the policy group the gateway applies. */
export function PeopleTable({ people }: { readonly people: readonly DirectoryPerson[] }) {
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
              <td>{person.role ?? 'pupil'}</td>
              <td>{person.effectiveGroup.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
