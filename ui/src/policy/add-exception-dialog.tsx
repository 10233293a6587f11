import { type FormEvent, useId, useRef, useState } from 'react';
import { ApiProblem } from '../api/api-problem.js';
import type { PolicyException } from '../api/policy-api.js';
import { DialogActions } from '../components/dialog-actions.js';
import { focusFirstInvalid } from '../components/focus-first-invalid.js';
import { ModalDialog } from '../components/modal-dialog.js';
import { ProblemMessage } from '../components/problem-message.js';
import { TextField } from '../components/text-field.js';
import { TextareaField } from '../components/textarea-field.js';
import { usePolicyApi } from './use-policy-api.js';

const EXCEPTION_ACTIONS = Object.freeze([
  {
    value: 'allow',
    meaning: 'Let it through, whatever its categories.',
  },
  { value: 'block', meaning: 'Show the block page, whatever its categories.' },
] as const);

type Field = 'match' | 'action' | 'groups' | 'reason' | 'expires';
type FieldErrors = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = ['match', 'action', 'groups', 'reason', 'expires'];
/** The groups mark their fieldset, not each box: focus goes to its first box. */
const INVALID = '[aria-invalid="true"], .policy-groups--invalid input';

/**
 * "Add exception": a site (a domain, covering its subdomains, or a host and path), allow or
 * block, the groups it is for (none ticked: everyone), a required reason and an optional
 * last day (it ends at the end of that day, school time). Field errors show beside their
 * fields, from this form or from the server's `invalid` answer; any other refusal at the top.
 */
export function AddExceptionDialog({
  open,
  groups,
  onCancel,
  onAdded,
}: {
  readonly open: boolean;
  readonly groups: readonly { readonly id: string; readonly label: string }[];
  readonly onCancel: () => void;
  readonly onAdded: (exception: PolicyException) => void;
}) {
  return (
    <ModalDialog open={open} title="Add exception" onClose={onCancel}>
      {open && <AddExceptionForm groups={groups} onCancel={onCancel} onAdded={onAdded} />}
    </ModalDialog>
  );
}

function AddExceptionForm({
  groups,
  onCancel,
  onAdded,
}: {
  readonly groups: readonly { readonly id: string; readonly label: string }[];
  readonly onCancel: () => void;
  readonly onAdded: (exception: PolicyException) => void;
}) {
  const policyApi = usePolicyApi();
  const [match, setMatch] = useState('');
  const [action, setAction] = useState<'allow' | 'block'>('allow');
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement | null>(null);
  const id = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (match.trim() === '') {
      found.match = 'Enter the site: a domain such as games.example, or a host and path.';
    }
    if (reason.trim().length < 3) {
      found.reason = 'Say why (at least 3 characters): every change is recorded.';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(event.currentTarget, INVALID);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const added = await policyApi.addException({
        match: match.trim(),
        action,
        ...(chosen.length === 0 ? {} : { groups: chosen }),
        reason: reason.trim(),
        ...(expires === '' ? {} : { expires }),
      });
      onAdded(added);
    } catch (error) {
      const refused = ApiProblem.from(error);
      setBusy(false);
      const fields: FieldErrors = {};
      for (const field of FIELDS) {
        const message = refused.fieldMessage(field);
        if (message !== undefined) fields[field] = capitalise(message);
      }
      if (Object.keys(fields).length > 0) {
        setErrors(fields);
        if (form.current !== null) focusFirstInvalid(form.current, INVALID);
      } else {
        setProblem(refused);
      }
    }
  };

  // A field's error goes once the field is changed (it is checked again on submit).
  const clear = (field: Field) =>
    setErrors((now) => {
      if (now[field] === undefined) return now;
      const { [field]: _, ...rest } = now;
      return rest;
    });

  const toggle = (group: string, on: boolean) =>
    setChosen((now) =>
      on
        ? groups.map((g) => g.id).filter((g) => g === group || now.includes(g))
        : now.filter((g) => g !== group),
    );

  const groupsHintId = `${id}-groups-hint`;
  const groupsErrorId = `${id}-groups-error`;
  const actionErrorId = `${id}-action-error`;
  return (
    <form ref={form} className="form" noValidate onSubmit={(event) => void submit(event)}>
      {problem !== null && <ProblemMessage problem={problem} />}
      <TextField
        label="Site"
        hint="A domain (with its subdomains) or a host and path: games.example, school.test/blog."
        value={match}
        onChange={(value) => {
          setMatch(value);
          clear('match');
        }}
        error={errors.match}
        required
        maxLength={2048}
        autoComplete="off"
        spellCheck={false}
      />
      <fieldset
        className={`policy-choice policy-choice--pair${errors.action === undefined ? '' : ' policy-choice--invalid'}`}
      >
        <legend className="field__label">
          Action <span className="field__required">(required)</span>
        </legend>
        {errors.action !== undefined && (
          <p id={actionErrorId} className="field__error">
            {errors.action}
          </p>
        )}
        {EXCEPTION_ACTIONS.map((option) => {
          const inputId = `${id}-${option.value}`;
          const meaningId = `${inputId}-meaning`;
          return (
            <div key={option.value} className="policy-choice__option">
              <input
                id={inputId}
                type="radio"
                name={`${id}-action`}
                value={option.value}
                checked={action === option.value}
                onChange={() => {
                  setAction(option.value);
                  clear('action');
                }}
                aria-describedby={meaningId}
              />
              <label htmlFor={inputId} className="policy-choice__label">
                <span className={`action-badge action-badge--${option.value}`}>{option.value}</span>
              </label>
              <p id={meaningId} className="policy-choice__meaning">
                {option.meaning}
              </p>
            </div>
          );
        })}
      </fieldset>
      <fieldset
        className={`policy-groups${errors.groups === undefined ? '' : ' policy-groups--invalid'}`}
        aria-describedby={
          errors.groups === undefined ? groupsHintId : `${groupsHintId} ${groupsErrorId}`
        }
      >
        <legend className="field__label">Groups</legend>
        <p id={groupsHintId} className="field__hint">
          Tick none for everyone.
        </p>
        {errors.groups !== undefined && (
          <p id={groupsErrorId} className="field__error">
            {errors.groups}
          </p>
        )}
        <div className="policy-groups__options">
          {groups.map((group) => (
            <label key={group.id} className="policy-groups__option">
              <input
                type="checkbox"
                checked={chosen.includes(group.id)}
                onChange={(event) => {
                  toggle(group.id, event.target.checked);
                  clear('groups');
                }}
              />{' '}
              {group.label}
            </label>
          ))}
        </div>
      </fieldset>
      <TextareaField
        label="Reason"
        hint="Recorded in the decision log, with your name."
        value={reason}
        onChange={(value) => {
          setReason(value);
          clear('reason');
        }}
        error={errors.reason}
        required
        maxLength={2000}
        rows={2}
      />
      <TextField
        label="Last day (optional)"
        hint="It ends at the end of this day, school time. Empty: no expiry."
        type="date"
        value={expires}
        onChange={(value) => {
          setExpires(value);
          clear('expires');
        }}
        error={errors.expires}
      />
      <DialogActions label="Add exception" busyLabel="Adding…" busy={busy} onCancel={onCancel} />
    </form>
  );
}

function capitalise(message: string): string {
  return message.length === 0 ? message : message[0]!.toUpperCase() + message.slice(1);
}
