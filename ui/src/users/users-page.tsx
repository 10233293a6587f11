import { useState } from 'react';
import { useApiData } from '../app/use-api-data.js';
import { usePageHeading } from '../app/use-page-heading.js';
import { useSession } from '../app/use-session.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { TextField } from '../components/text-field.js';
import { ImportSection } from './import-section.js';
import { PeopleTable } from './people-table.js';
import { useUsersApi } from './use-users-api.js';

const LIMIT = 200;

/**
 * The school directory: people with their groups and the policy group they are filtered
 * by, searchable and filtered by group; and, for those who may change users, the CSV import.
 */
export function UsersPage() {
  const heading = usePageHeading('Users');
  const users = useUsersApi();
  const { can } = useSession();
  const [q, setQ] = useState('');
  const [group, setGroup] = useState('');
  const people = useApiData(JSON.stringify([q.trim(), group.trim()]), (signal) =>
    users.people({ q, group: group.trim().toLowerCase(), limit: LIMIT }, signal),
  );
  const mayChange = can('users.change');

  return (
    <section className="page" aria-busy={people.loading}>
      <div className="page__head">
        <div>
          <h1 ref={heading} tabIndex={-1} className="page__title">
            Users
          </h1>
          <p className="page__subtitle">
            Pupils and staff from the school's directory, and the filter group each is in.
          </p>
        </div>
      </div>
      <search className="filters">
        <TextField label="Search" type="search" value={q} onChange={setQ} hint="Name or username" />
        <TextField label="Group" value={group} onChange={setGroup} hint="A group id, e.g. 7a" />
      </search>
      {people.problem !== null && (
        <ProblemMessage problem={people.problem} onRetry={people.reload} />
      )}
      {people.data === undefined && people.problem === null && <LoadingMessage what="people" />}
      {people.data !== undefined && people.data.length === 0 && (
        <p className="empty">No people match. Import the directory below.</p>
      )}
      {people.data !== undefined && people.data.length > 0 && (
        <>
          <PeopleTable people={people.data} />
          {people.data.length >= LIMIT && (
            <p className="table-note">Showing the first {LIMIT}. Search to find others.</p>
          )}
        </>
      )}
      {mayChange && <ImportSection onImported={people.reload} />}
    </section>
  );
}
