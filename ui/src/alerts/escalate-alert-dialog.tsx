import { type FormEvent, useState } from 'react';
import { api } from '../api/api.js';
import { ApiProblem } from '../api/api-problem.js';
import type { Alert } from '../api/types.js';
import { DialogActions } from '../components/dialog-actions.js';
import { focusFirstInvalid } from '../components/focus-first-invalid.js';
import { ModalDialog } from '../components/modal-dialog.js';
import { ProblemMessage } from '../components/problem-message.js';
import { TextField } from '../components/text-field.js';
import { TextareaField } from '../components/textarea-field.js';

/**
 * Escalates an alert to a safeguarding case: the case reference (in the school's own case
 * system) and a reason, both required. Errors as in `CloseAlertDialog`.
 */
export function EscalateAlertDialog({
  alert,
  onCancel,
  onEscalated,
}: {
  readonly alert: Alert | null;
  readonly onCancel: () => void;
  readonly onEscalated: (alert: Alert) => void;
}) {
  return (
    <ModalDialog open={alert !== null} title="Escalate alert" onClose={onCancel}>
      {alert !== null && (
        <EscalateForm key={alert.id} alert={alert} onCancel={onCancel} onEscalated={onEscalated} />
      )}
    </ModalDialog>
  );
}

function EscalateForm({
  alert,
  onCancel,
  onEscalated,
}: {
  readonly alert: Alert;
  readonly onCancel: () => void;
  readonly onEscalated: (alert: Alert) => void;
}) {
  const [caseRef, setCaseRef] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ caseRef?: string; reason?: string }>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: { caseRef?: string; reason?: string } = {};
    if (caseRef.trim() === '') found.caseRef = 'Give the case reference from your case system.';
    if (reason.trim().length < 3)
      found.reason = 'Say why it needs escalating (at least 3 characters).';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onEscalated(await api.escalate(alert.id, { caseRef: caseRef.trim(), reason: reason.trim() }));
    } catch (error) {
      const failed = ApiProblem.from(error);
      setBusy(false);
      const fieldCase = failed.fieldMessage('caseRef');
      const fieldReason = failed.fieldMessage('reason');
      if (fieldCase !== undefined || fieldReason !== undefined) {
        setErrors({
          ...(fieldCase === undefined ? {} : { caseRef: fieldCase }),
          ...(fieldReason === undefined ? {} : { reason: fieldReason }),
        });
      } else {
        setProblem(failed);
      }
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <p className="dialog__lead">{alert.title}</p>
      {problem !== null && <ProblemMessage problem={problem} />}
      <TextField
        label="Case reference"
        hint="The reference in your safeguarding case system, e.g. CPOMS or MyConcern."
        value={caseRef}
        onChange={setCaseRef}
        error={errors.caseRef}
        required
        maxLength={100}
        autoComplete="off"
      />
      <TextareaField
        label="Reason"
        hint="Why this needs escalating. It is kept on the audit trail."
        value={reason}
        onChange={setReason}
        error={errors.reason}
        required
        maxLength={2000}
      />
      <DialogActions
        label="Escalate alert"
        busyLabel="Escalating…"
        busy={busy}
        tone="danger"
        onCancel={onCancel}
      />
    </form>
  );
}
