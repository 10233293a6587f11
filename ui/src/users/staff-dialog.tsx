import { type FormEvent, useRef, useState } from 'react';
import { ApiProblem } from '../api/api-problem.js';
import type { KnownGroup, StaffAccount, StaffChange, StaffRole } from '../api/users-api.js';
import { DialogActions } from '../components/dialog-actions.js';
import { focusFirstInvalid } from '../components/focus-first-invalid.js';
import { ModalDialog } from '../components/modal-dialog.js';
import { ProblemMessage } from '../components/problem-message.js';
import { SelectField } from '../components/select-field.js';
import { TextField } from '../components/text-field.js';
import { type FieldMessages, fieldErrorsOf } from './field-errors.js';
import { GroupCheckboxes } from './group-checkboxes.js';
import { STAFF_ROLE_OPTIONS } from './role-options.js';
import { useUsersApi } from './use-users-api.js';

/** NOTE: keep in sync with MIN_STAFF_PASSWORD in src/console/auth/create-console-user.ts. */
const MIN_PASSWORD = 10;
const FIELDS = [
  'username',
  'displayName',
  'email',
  'role',
  'classes',
  'password',
  'disabled',
  'unlock',
];

/** Which account the dialog is for: a new one, or one to edit. */
export type StaffTarget =
  | { readonly kind: 'add' }
  | { readonly kind: 'edit'; readonly account: StaffAccount };

/**
 * "Add account" and "Edit account" for the console: name, e-mail, role and, for a teacher,
 * the classes they see (picked from the known groups); a new account's initial password;
 * on edit, unlock, disable or enable, and a new password. One's own role and account
 * cannot be changed here (the server refuses too, as it refuses to remove the last IT
 * administrator); refused fields show beside the field.
 */
export function StaffDialog({
  target,
  groups,
  self,
  onCancel,
  onSaved,
}: {
  /** Null keeps the dialog shut. */
  readonly target: StaffTarget | null;
  readonly groups: readonly KnownGroup[];
  /** The signed-in username. */
  readonly self: string;
  readonly onCancel: () => void;
  readonly onSaved: (account: StaffAccount, created: boolean) => void;
}) {
  const title = target?.kind === 'edit' ? `Edit ${target.account.username}` : 'Add account';
  return (
    <ModalDialog open={target !== null} title={title} onClose={onCancel}>
      {target !== null && (
        <StaffForm
          key={target.kind === 'edit' ? target.account.username : ''}
          account={target.kind === 'edit' ? target.account : null}
          groups={groups}
          self={self}
          onCancel={onCancel}
          onSaved={onSaved}
        />
      )}
    </ModalDialog>
  );
}

function StaffForm({
  account,
  groups,
  self,
  onCancel,
  onSaved,
}: {
  readonly account: StaffAccount | null;
  readonly groups: readonly KnownGroup[];
  readonly self: string;
  readonly onCancel: () => void;
  readonly onSaved: (account: StaffAccount, created: boolean) => void;
}) {
  const users = useUsersApi();
  const own = account?.username === self;
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [email, setEmail] = useState(account?.email ?? '');
  const [role, setRole] = useState<StaffRole>(account?.role ?? 'teacher');
  const [classes, setClasses] = useState<readonly string[]>(account?.classes ?? []);
  const [password, setPassword] = useState('');
  const [disabled, setDisabled] = useState(account?.disabled ?? false);
  const [unlock, setUnlock] = useState(false);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (account === null && username.trim() === '')
      found['username'] = 'Give a username (e.g. j.smith).';
    if (displayName.trim() === '') found['displayName'] = 'Give the name the console shows.';
    if ((account === null || password !== '') && password.length < MIN_PASSWORD) {
      found['password'] = `Use at least ${MIN_PASSWORD} characters (a short phrase is easiest).`;
    }
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    const teaching = role === 'teacher' ? classes : [];
    const mail = email.trim() === '' ? null : email.trim();
    setBusy(true);
    try {
      if (account === null) {
        const created = await users.createStaff({
          username: username.trim(),
          displayName: displayName.trim(),
          email: mail,
          role,
          classes: teaching,
          password,
        });
        onSaved(created, true);
        return;
      }
      const change: StaffChange = {
        ...(displayName.trim() === account.displayName ? {} : { displayName: displayName.trim() }),
        ...(mail === account.email ? {} : { email: mail }),
        ...(role === account.role ? {} : { role }),
        ...(sameList(teaching, account.classes) ? {} : { classes: teaching }),
        ...(disabled === account.disabled ? {} : { disabled }),
        ...(unlock ? { unlock: true as const } : {}),
        ...(password === '' ? {} : { password }),
      };
      if (Object.keys(change).length === 0) {
        onCancel();
        return;
      }
      onSaved(await users.changeStaff(account.username, change), false);
    } catch (error) {
      const failed = ApiProblem.from(error);
      setBusy(false);
      const { fields, unplaced } = fieldErrorsOf(failed, FIELDS);
      setErrors(fields);
      if (unplaced) setProblem(failed);
      if (form.current !== null) focusFirstInvalid(form.current);
    }
  };

  return (
    <form ref={form} className="form" noValidate onSubmit={(event) => void submit(event)}>
      {problem !== null && <ProblemMessage problem={problem} />}
      <div className="form-grid">
        {account === null && (
          <TextField
            label="Username"
            hint="What they sign in with: letters, digits, . _ and -"
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
        <TextField
          label="E-mail"
          type="email"
          value={email}
          onChange={setEmail}
          error={errors['email']}
          autoComplete="off"
          maxLength={254}
        />
        <SelectField
          label="Role"
          value={role}
          options={STAFF_ROLE_OPTIONS}
          onChange={(value) => setRole(value as StaffRole)}
          error={errors['role']}
          disabled={own}
        />
      </div>
      {own && (
        <p className="field__hint">
          You cannot change your own role: another IT administrator can.
        </p>
      )}
      {role === 'teacher' ? (
        <GroupCheckboxes
          legend="Classes"
          hint="A teacher sees alerts and activity only for pupils in these classes."
          groups={groups}
          selected={classes}
          onChange={setClasses}
          error={errors['classes']}
        />
      ) : (
        errors['classes'] !== undefined && <p className="field__error">{errors['classes']}</p>
      )}
      <TextField
        label={account === null ? 'Initial password' : 'New password'}
        type="password"
        hint={
          account === null
            ? `At least ${MIN_PASSWORD} characters. Give it to them in person; they can sign in with it at once.`
            : 'Leave empty to keep their password. A new one signs them out everywhere.'
        }
        value={password}
        onChange={setPassword}
        error={errors['password']}
        required={account === null}
        autoComplete="new-password"
        maxLength={1024}
      />
      {account !== null && (
        <fieldset className="account-state">
          <legend className="field__label">Sign-in</legend>
          {account.lockedUntilMs !== null && (
            <label className="check">
              <input
                type="checkbox"
                checked={unlock}
                onChange={(e) => setUnlock(e.target.checked)}
              />
              Unlock now (locked after wrong passwords)
            </label>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={disabled}
              disabled={own}
              onChange={(e) => setDisabled(e.target.checked)}
              aria-invalid={errors['disabled'] === undefined ? undefined : true}
            />
            Account disabled: cannot sign in, and is signed out now
          </label>
          {own && <p className="field__hint">You cannot disable your own account.</p>}
          {errors['disabled'] !== undefined && <p className="field__error">{errors['disabled']}</p>}
        </fieldset>
      )}
      <DialogActions
        label={account === null ? 'Add account' : 'Save changes'}
        busyLabel="Saving…"
        busy={busy}
        onCancel={onCancel}
      />
    </form>
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
