import { type FormEvent, useState } from 'react';
import { ApiProblem } from '../api/api-problem.js';
import { DialogActions } from '../components/dialog-actions.js';
import { ModalDialog } from '../components/modal-dialog.js';
import { ProblemMessage } from '../components/problem-message.js';
import { TextareaField } from '../components/textarea-field.js';

/** What to remove, in the dialog's words, and the call that removes it. */
export interface RemovalTarget {
  /** The dialog's title: `Remove the exception for games.example`. */
  readonly title: string;
  /** One sentence on what happens: `Pupils will get the category's rule for it again.` */
  readonly effect: string;
  readonly remove: (reason: string) => Promise<void>;
}

/**
 * Asks for the reason before removing an exception or an exemption (it goes in the decision
 * log and on the audit trail). A reason under 3 characters is refused in the form; the
 * server's `reason` error shows beside the field, any other refusal at the top.
 */
export function RemoveWithReasonDialog({
  target,
  onCancel,
  onRemoved,
}: {
  /** Null keeps the dialog shut. */
  readonly target: RemovalTarget | null;
  readonly onCancel: () => void;
  readonly onRemoved: (target: RemovalTarget) => void;
}) {
  return (
    <ModalDialog open={target !== null} title={target?.title ?? 'Remove'} onClose={onCancel}>
      {target !== null && (
        <RemoveForm key={target.title} target={target} onCancel={onCancel} onRemoved={onRemoved} />
      )}
    </ModalDialog>
  );
}

function RemoveForm({
  target,
  onCancel,
  onRemoved,
}: {
  readonly target: RemovalTarget;
  readonly onCancel: () => void;
  readonly onRemoved: (target: RemovalTarget) => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (reason.trim().length < 3) {
      setError('Say why (at least 3 characters): every change is recorded.');
      window.setTimeout(() => form.querySelector<HTMLElement>('textarea')?.focus(), 0);
      return;
    }
    setError(undefined);
    setProblem(null);
    setBusy(true);
    try {
      await target.remove(reason.trim());
      onRemoved(target);
    } catch (failure) {
      const refused = ApiProblem.from(failure);
      setBusy(false);
      const field = refused.fieldMessage('reason');
      if (field !== undefined) setError(field);
      else setProblem(refused);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <p className="dialog__lead">{target.effect}</p>
      {problem !== null && <ProblemMessage problem={problem} />}
      <TextareaField
        label="Reason"
        hint="Every change is recorded in the decision log, with your name."
        value={reason}
        onChange={(value) => {
          setReason(value);
          setError(undefined);
        }}
        error={error}
        required
        maxLength={2000}
        rows={3}
      />
      <DialogActions
        label="Remove"
        busyLabel="Removing…"
        busy={busy}
        tone="danger"
        onCancel={onCancel}
      />
    </form>
  );
}
