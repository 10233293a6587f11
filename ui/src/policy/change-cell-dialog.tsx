import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiProblem } from '../api/api-problem.js';
import type { PolicyAction, PolicyCellResult } from '../api/policy-api.js';
import { DialogActions } from '../components/dialog-actions.js';
import { focusFirstInvalid } from '../components/focus-first-invalid.js';
import { ModalDialog } from '../components/modal-dialog.js';
import { ProblemMessage } from '../components/problem-message.js';
import { TextareaField } from '../components/textarea-field.js';
import { ACTION_LABELS, SETTABLE_ACTIONS } from './action-labels.js';
import type { CellTarget } from './cell-target.js';
import { usePolicyApi } from './use-policy-api.js';

const SOURCE_WORDS = Object.freeze({
  mandatory: 'mandatory',
  console: 'changed in the console',
  file: 'from the policy file',
  default: 'no rule, allowed by default',
});

interface FieldErrors {
  action?: string;
  reason?: string;
}

/**
 * "Change <category> for <group>": the action as four radio buttons, each with what it
 * does, and a required reason (it goes in the decision log and on the audit trail). A
 * timed rule is replaced by one action at all times, and the dialog says so. Field errors
 * show beside their fields, from this form or from the server's `invalid` answer; any
 * other refusal (a mandatory category, no permission, a stale page) shows at the top.
 */
export function ChangeCellDialog({
  target,
  onCancel,
  onSaved,
}: {
  /** The cell to change; null keeps the dialog shut. */
  readonly target: CellTarget | null;
  readonly onCancel: () => void;
  readonly onSaved: (target: CellTarget, result: PolicyCellResult) => void;
}) {
  const title =
    target === null ? 'Change' : `Change ${target.category.label} for ${target.group.label}`;
  return (
    <ModalDialog open={target !== null} title={title} onClose={onCancel}>
      {target !== null && (
        <ChangeForm
          key={`${target.group.id}\t${target.category.id}`}
          target={target}
          onCancel={onCancel}
          onSaved={onSaved}
        />
      )}
    </ModalDialog>
  );
}

function ChangeForm({
  target,
  onCancel,
  onSaved,
}: {
  readonly target: CellTarget;
  readonly onCancel: () => void;
  readonly onSaved: (target: CellTarget, result: PolicyCellResult) => void;
}) {
  const policyApi = usePolicyApi();
  const { rule } = target;
  const timed = rule.action === 'timed';
  const [action, setAction] = useState<PolicyAction | null>(timed ? null : rule.action);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement | null>(null);
  const id = useId();
  const actionErrorId = `${id}-action-error`;

  // The dialog focuses its first field; in a radio group that is the checked one.
  useEffect(() => {
    const timer = window.setTimeout(
      () => form.current?.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus(),
      0,
    );
    return () => window.clearTimeout(timer);
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (action === null) found.action = 'Choose what this group gets for this category.';
    else if (!timed && action === rule.action) {
      found.action = `It is "${ACTION_LABELS[action].word}" already: choose a different action, or Cancel.`;
    }
    if (reason.trim().length < 3) {
      found.reason = 'Say why (at least 3 characters): every change is recorded.';
    }
    setErrors(found);
    if (action === null || Object.keys(found).length > 0) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const result = await policyApi.setCell({
        group: target.group.id,
        category: target.category.id,
        action,
        reason: reason.trim(),
      });
      onSaved(target, result);
    } catch (error) {
      const failed = ApiProblem.from(error);
      setBusy(false);
      const fieldAction = failed.fieldMessage('action');
      const fieldReason = failed.fieldMessage('reason');
      if (fieldAction !== undefined || fieldReason !== undefined) {
        setErrors({
          ...(fieldAction === undefined ? {} : { action: fieldAction }),
          ...(fieldReason === undefined ? {} : { reason: fieldReason }),
        });
        if (form.current !== null) focusFirstInvalid(form.current);
      } else {
        // Group or category refused (mandatory, or gone from the policy file), or no access.
        setProblem(failed);
      }
    }
  };

  return (
    <form ref={form} className="form" noValidate onSubmit={(event) => void submit(event)}>
      {timed ? (
        <p className="notice">
          Now a timed rule from the policy file: <strong>{rule.rule}</strong>. Saving replaces it
          with one action at all times of day.
        </p>
      ) : (
        <p className="dialog__lead">
          Now: <strong>{rule.rule}</strong> ({SOURCE_WORDS[rule.source]}).
        </p>
      )}
      {problem !== null && <ProblemMessage problem={problem} />}
      <fieldset
        className={`policy-choice${errors.action === undefined ? '' : ' policy-choice--invalid'}`}
      >
        <legend className="field__label">
          Action <span className="field__required">(required)</span>
        </legend>
        {errors.action !== undefined && (
          <p id={actionErrorId} className="field__error">
            {errors.action}
          </p>
        )}
        {SETTABLE_ACTIONS.map((value) => {
          const inputId = `${id}-${value}`;
          const meaningId = `${inputId}-meaning`;
          return (
            <div key={value} className="policy-choice__option">
              <input
                id={inputId}
                type="radio"
                name={`${id}-action`}
                value={value}
                checked={action === value}
                onChange={() => setAction(value)}
                aria-invalid={errors.action === undefined ? undefined : true}
                aria-describedby={
                  errors.action === undefined ? meaningId : `${meaningId} ${actionErrorId}`
                }
              />
              <label htmlFor={inputId} className="policy-choice__label">
                <span className={`action-badge action-badge--${value}`}>
                  {ACTION_LABELS[value].word}
                </span>
                {!timed && value === rule.action && (
                  <span className="policy-choice__current"> (now)</span>
                )}
              </label>
              <p id={meaningId} className="policy-choice__meaning">
                {ACTION_LABELS[value].meaning}
              </p>
            </div>
          );
        })}
      </fieldset>
      <TextareaField
        label="Reason"
        hint="Every change is recorded in the decision log, with your name."
        value={reason}
        onChange={setReason}
        error={errors.reason}
        required
        maxLength={2000}
        rows={3}
      />
      <DialogActions label="Save" busyLabel="Saving…" busy={busy} onCancel={onCancel} />
    </form>
  );
}
