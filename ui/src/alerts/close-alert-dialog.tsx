import { type FormEvent, useState } from 'react';
import { api } from '../api/api.js';
import { ApiProblem } from '../api/api-problem.js';
import type { Alert, AlertOutcome } from '../api/types.js';
import { DialogActions } from '../components/dialog-actions.js';
import { focusFirstInvalid } from '../components/focus-first-invalid.js';
import { ModalDialog } from '../components/modal-dialog.js';
import { ProblemMessage } from '../components/problem-message.js';
import { SelectField } from '../components/select-field.js';
import { TextareaField } from '../components/textarea-field.js';
import { ALERT_OUTCOMES } from '../labels/alert-outcomes.js';

const OUTCOME_OPTIONS = [
  { value: '', label: 'Choose an outcome' },
  ...ALERT_OUTCOMES.map((o) => ({ value: o.value, label: o.label })),
];

/**
 * Closes an alert with an outcome and a reason (both required: the reason goes on the
 * audit trail). Field errors show beside their fields, from this form's checks or the
 * server's `invalid` answer; a `conflict` (someone else changed it) shows at the top.
 */
export function CloseAlertDialog({
  alert,
  onCancel,
  onClosed,
}: {
  /** The alert to close; null keeps the dialog shut. */
  readonly alert: Alert | null;
  readonly onCancel: () => void;
  readonly onClosed: (alert: Alert, outcomeLabel: string) => void;
}) {
  return (
    <ModalDialog open={alert !== null} title="Close alert" onClose={onCancel}>
      {alert !== null && (
        <CloseForm key={alert.id} alert={alert} onCancel={onCancel} onClosed={onClosed} />
      )}
    </ModalDialog>
  );
}

function CloseForm({
  alert,
  onCancel,
  onClosed,
}: {
  readonly alert: Alert;
  readonly onCancel: () => void;
  readonly onClosed: (alert: Alert, outcomeLabel: string) => void;
}) {
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ outcome?: string; reason?: string }>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: { outcome?: string; reason?: string } = {};
    if (outcome === '') found.outcome = 'Choose how the alert ended.';
    if (reason.trim().length < 3)
      found.reason = 'Say what was found or done (at least 3 characters).';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const closed = await api.close(alert.id, {
        outcome: outcome as AlertOutcome,
        reason: reason.trim(),
      });
      onClosed(closed, ALERT_OUTCOMES.find((o) => o.value === outcome)?.label ?? outcome);
    } catch (error) {
      const failed = ApiProblem.from(error);
      setBusy(false);
      const fieldOutcome = failed.fieldMessage('outcome');
      const fieldReason = failed.fieldMessage('reason');
      if (fieldOutcome !== undefined || fieldReason !== undefined) {
        setErrors({
          ...(fieldOutcome === undefined ? {} : { outcome: fieldOutcome }),
          ...(fieldReason === undefined ? {} : { reason: fieldReason }),
        });
      } else {
        setProblem(failed);
      }
    }
  };

  const form = (event: FormEvent<HTMLFormElement>) => void submit(event);
  return (
    <form className="form" noValidate onSubmit={form}>
      <p className="dialog__lead">{alert.title}</p>
      {problem !== null && <ProblemMessage problem={problem} />}
      <SelectField
        label="Outcome"
        value={outcome}
        options={OUTCOME_OPTIONS}
        onChange={setOutcome}
        error={errors.outcome}
        required
      />
      <TextareaField
        label="Reason"
        hint="What you found or did. It is kept on the audit trail."
        value={reason}
        onChange={setReason}
        error={errors.reason}
        required
        maxLength={2000}
      />
      <DialogActions label="Close alert" busyLabel="Closing…" busy={busy} onCancel={onCancel} />
    </form>
  );
}
