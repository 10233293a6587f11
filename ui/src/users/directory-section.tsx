import { useState } from 'react';
import type { KnownGroup, PersonDetails } from '../api/users-api.js';
import { useAnnounce } from '../app/use-announce.js';
import { useApiData } from '../app/use-api-data.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { TextField } from '../components/text-field.js';
import { ImportSection } from './import-section.js';
import { PeopleTable } from './people-table.js';
import { PersonDialog, type PersonTarget } from './person-dialog.js';
import { useUsersApi } from './use-users-api.js';

const LIMIT = 200;

/**
 * The school directory: people with their groups and the policy group they are filtered
 * by, searchable and filtered by group; and, for those who may change users, "Add person",
 * "Edit" on each row and the CSV import.
 */
export function DirectorySection({
  groups,
  mayChange,
  onGroupsChanged,
}: {
  readonly groups: readonly KnownGroup[];
  readonly mayChange: boolean;
  /** After a save or import, which may have added groups. */
  readonly onGroupsChanged: () => void;
}) {
  const users = useUsersApi();
  const announce = useAnnounce();
  const [q, setQ] = useState('');
  const [group, setGroup] = useState('');
  const [target, setTarget] = useState<PersonTarget | null>(null);
  const people = useApiData(JSON.stringify([q.trim(), group.trim()]), (signal) =>
    users.people({ q, group: group.trim().toLowerCase(), limit: LIMIT }, signal),
  );
  const saved = (person: PersonDetails, created: boolean) => {
    setTarget(null);
    const text = `${created ? 'Added' : 'Saved'} ${person.displayName} (${person.username}): filtered as ${person.effectiveGroup.label}.`;
    announce(text);
    people.reload();
    onGroupsChanged();
  };

  return (
    <div className="users-section">
      <div className="users-section__bar">
        <search className="filters">
          <TextField
            label="Search"
            type="search"
            value={q}
            onChange={setQ}
            hint="Name or username"
          />
          <TextField label="Group" value={group} onChange={setGroup} hint="A group id, e.g. 7a" />
        </search>
        {mayChange && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setTarget({ kind: 'add' });
            }}
          >
            Add person
          </button>
        )}
      </div>
      {people.problem !== null && (
        <ProblemMessage problem={people.problem} onRetry={people.reload} />
      )}
      {people.data === undefined && people.problem === null && <LoadingMessage what="people" />}
      {people.data !== undefined && people.data.length === 0 && (
        <p className="empty">
          No people match.{mayChange ? ' Add a person, or import the directory below.' : ''}
        </p>
      )}
      {people.data !== undefined && people.data.length > 0 && (
        <>
          <PeopleTable
            people={people.data}
            {...(mayChange
              ? {
                  onEdit: (person) => {
                    setTarget({ kind: 'edit', username: person.username });
                  },
                }
              : {})}
          />
          {people.data.length >= LIMIT && (
            <p className="table-note">Showing the first {LIMIT}. Search to find others.</p>
          )}
        </>
      )}
      {mayChange && (
        <ImportSection
          onImported={() => {
            people.reload();
            onGroupsChanged();
          }}
        />
      )}
      {mayChange && (
        <PersonDialog
          target={target}
          groups={groups}
          onCancel={() => setTarget(null)}
          onSaved={saved}
        />
      )}
    </div>
  );
}
