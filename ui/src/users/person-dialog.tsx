import { type FormEvent, useRef, useState } from 'react';
import { ApiProblem } from '../api/api-problem.js';
import type { KnownGroup, PersonDetails, PersonFields } from '../api/users-api.js';
import { useApiData } from '../app/use-api-data.js';
import { DialogActions } from '../components/dialog-actions.js';
import { focusFirstInvalid } from '../components/focus-first-invalid.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ModalDialog } from '../components/modal-dialog.js';
import { ProblemMessage } from '../components/problem-message.js';
import { SelectField } from '../components/select-field.js';
import { TextField } from '../components/text-field.js';
import { type FieldMessages, fieldErrorsOf } from './field-errors.js';
import { GroupCheckboxes } from './group-checkboxes.js';
import { STAFF_ROLE_OPTIONS } from './role-options.js';
import { useUsersApi } from './use-users-api.js';

const FIELDS = ['username', 'displayName', 'groups', 'classes', 'role', 'email', 'dateOfBirth'];
const ROLE_OPTIONS = [{ value: '', label: 'Pupil (no staff role)' }, ...STAFF_ROLE_OPTIONS];

/** Which person the dialog is for: a new one, or the username of one to edit. */
export type PersonTarget =
  | { readonly kind: 'add' }
  | { readonly kind: 'edit'; readonly username: string };

/**
 * "Add person" and "Edit person": the directory record by the same rules as a CSV import
 * row (the server checks it with the import's code and names each refused field, shown
 * beside it). Groups and a staff member's classes are picked from the known groups; the
 * policy group the person is filtered by is shown when editing and announced on save.
 */
export function PersonDialog({
  target,
  groups,
  onCancel,
  onSaved,
}: {
  /** Null keeps the dialog shut. */
  readonly target: PersonTarget | null;
  readonly groups: readonly KnownGroup[];
  readonly onCancel: () => void;
  readonly onSaved: (person: PersonDetails, created: boolean) => void;
}) {
  const title = target?.kind === 'edit' ? `Edit ${target.username}` : 'Add person';
  return (
    <ModalDialog open={target !== null} title={title} onClose={onCancel}>
      {target?.kind === 'add' && (
        <PersonForm person={null} groups={groups} onCancel={onCancel} onSaved={onSaved} />
      )}
      {target?.kind === 'edit' && (
        <EditLoader
          key={target.username}
          username={target.username}
          groups={groups}
          onCancel={onCancel}
          onSaved={onSaved}
        />
      )}
    </ModalDialog>
  );
}

function EditLoader({
  username,
  groups,
  onCancel,
  onSaved,
}: {
  readonly username: string;
  readonly groups: readonly KnownGroup[];
  readonly onCancel: () => void;
  readonly onSaved: (person: PersonDetails, created: boolean) => void;
}) {
  const users = useUsersApi();
  const person = useApiData(username, (signal) => users.person(username, signal));
  if (person.problem !== null)
    return <ProblemMessage problem={person.problem} onRetry={person.reload} />;
  if (person.data === undefined) return <LoadingMessage what="the person" />;
  return <PersonForm person={person.data} groups={groups} onCancel={onCancel} onSaved={onSaved} />;
}

function PersonForm({
  person,
  groups,
  onCancel,
  onSaved,
}: {
  /** Null: a new person. */
  readonly person: PersonDetails | null;
  readonly groups: readonly KnownGroup[];
  readonly onCancel: () => void;
  readonly onSaved: (person: PersonDetails, created: boolean) => void;
}) {
  const users = useUsersApi();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(person?.displayName ?? '');
  const [role, setRole] = useState(person?.role ?? '');
  const [memberOf, setMemberOf] = useState<readonly string[]>(person?.groups ?? []);
  const [classes, setClasses] = useState<readonly string[]>(person?.classes ?? []);
  const [email, setEmail] = useState(person?.email ?? '');
  const [dateOfBirth, setDateOfBirth] = useState(person?.dateOfBirth ?? '');
  const [errors, setErrors] = useState<FieldMessages>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (person === null && username.trim() === '')
      found['username'] = 'Give a username (as they sign in).';
    if (displayName.trim() === '') found['displayName'] = 'Give the name the console shows.';
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    const fields: PersonFields = {
      displayName: displayName.trim(),
      groups: memberOf,
      // A pupil has no classes: the list is hidden then, and what it held is not sent.
      classes: role === '' ? [] : classes,
      role: role === '' ? null : role,
      email: email.trim() === '' ? null : email.trim(),
      dateOfBirth: dateOfBirth === '' ? null : dateOfBirth,
    };
    setBusy(true);
    try {
      const saved =
        person === null
          ? await users.createPerson(username.trim(), fields)
          : await users.changePerson(person.username, fields);
      onSaved(saved, person === null);
    } catch (error) {
      const failed = ApiProblem.from(error);
      setBusy(false);
      const { fields: messages, unplaced } = fieldErrorsOf(failed, FIELDS);
      setErrors(messages);
      if (unplaced) setProblem(failed);
      if (form.current !== null) focusFirstInvalid(form.current);
    }
  };

  return (
    <form ref={form} className="form" noValidate onSubmit={(event) => void submit(event)}>
      {person !== null && (
        <p className="dialog__lead">
          <strong>{person.username}</strong> is filtered as{' '}
          <strong>{person.effectiveGroup.label}</strong>, from their groups.
        </p>
      )}
      {problem !== null && <ProblemMessage problem={problem} />}
      <div className="form-grid">
        {person === null && (
          <TextField
            label="Username"
            hint="As they sign in: letters, digits, . _ and - (e.g. a.ahmed)"
            value={username}
            onChange={setUsername}
            error={errors['username']}
            required
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
          />
        )}
        <TextField
          label="Display name"
          value={displayName}
          onChange={setDisplayName}
          error={errors['displayName']}
          required
          maxLength={200}
        />
        <SelectField
          label="Role"
          value={role}
          options={ROLE_OPTIONS}
          onChange={setRole}
          error={errors['role']}
        />
        <TextField
          label="E-mail"
          type="email"
          value={email}
          onChange={setEmail}
          error={errors['email']}
          autoComplete="off"
          maxLength={254}
        />
        <TextField
          label="Date of birth"
          type="date"
          hint="Optional; used for the review date of safeguarding records"
          value={dateOfBirth}
          onChange={setDateOfBirth}
          error={errors['dateOfBirth']}
        />
      </div>
      <GroupCheckboxes
        legend="Groups"
        hint="A filter group decides how they are filtered; classes decide which teachers see them."
        groups={groups}
        selected={memberOf}
        onChange={setMemberOf}
        error={errors['groups']}
      />
      {role !== '' && (
        <GroupCheckboxes
          legend="Classes they teach"
          groups={groups}
          selected={classes}
          onChange={setClasses}
          error={errors['classes']}
        />
      )}
      <DialogActions
        label={person === null ? 'Add person' : 'Save changes'}
        busyLabel="Saving…"
        busy={busy}
        onCancel={onCancel}
      />
    </form>
  );
}
