import { type FormEvent, useState } from 'react';
import { ApiProblem } from '../api/api-problem.js';
import type { InspectionExemption } from '../api/policy-api.js';
import { DialogActions } from '../components/dialog-actions.js';
import { focusFirstInvalid } from '../components/focus-first-invalid.js';
import { ModalDialog } from '../components/modal-dialog.js';
import { ProblemMessage } from '../components/problem-message.js';
import { TextField } from '../components/text-field.js';
import { TextareaField } from '../components/textarea-field.js';
import { usePolicyApi } from './use-policy-api.js';

/**
 * "Exempt a host from inspection": the host (its subdomains too) and a required reason.
 * The gateways then tunnel its HTTPS untouched and log only the host.
 */
export function AddExemptionDialog({
  open,
  onCancel,
  onAdded,
}: {
  readonly open: boolean;
  readonly onCancel: () => void;
  readonly onAdded: (exemption: InspectionExemption) => void;
}) {
  return (
    <ModalDialog open={open} title="Exempt a host from inspection" onClose={onCancel}>
      {open && <AddExemptionForm onCancel={onCancel} onAdded={onAdded} />}
    </ModalDialog>
  );
}

function AddExemptionForm({
  onCancel,
  onAdded,
}: {
  readonly onCancel: () => void;
  readonly onAdded: (exemption: InspectionExemption) => void;
}) {
  const policyApi = usePolicyApi();
  const [host, setHost] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ host?: string; reason?: string }>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const found: { host?: string; reason?: string } = {};
    if (host.trim() === '') found.host = 'Enter the host, such as bank.example.';
    if (reason.trim().length < 3) {
      found.reason = 'Say why (at least 3 characters): every change is recorded.';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onAdded(await policyApi.addExemption({ host: host.trim(), reason: reason.trim() }));
    } catch (error) {
      const refused = ApiProblem.from(error);
      setBusy(false);
      const hostError = refused.fieldMessage('host');
      const reasonError = refused.fieldMessage('reason');
      if (hostError !== undefined || reasonError !== undefined) {
        setErrors({
          ...(hostError === undefined ? {} : { host: capitalise(hostError) }),
          ...(reasonError === undefined ? {} : { reason: capitalise(reasonError) }),
        });
        focusFirstInvalid(form);
      } else {
        setProblem(refused);
      }
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <p className="dialog__lead">
        Its HTTPS will pass through untouched: pages, searches and downloads there are not filtered
        by URL or scanned, and only the host is logged.
      </p>
      {problem !== null && <ProblemMessage problem={problem} />}
      <TextField
        label="Host"
        hint="Its subdomains are exempt too: bank.example covers www.bank.example."
        value={host}
        onChange={(value) => {
          setHost(value);
          setErrors(({ host: _, ...rest }) => rest);
        }}
        error={errors.host}
        required
        maxLength={253}
        autoComplete="off"
        spellCheck={false}
      />
      <TextareaField
        label="Reason"
        hint="Recorded in the decision log, with your name."
        value={reason}
        onChange={(value) => {
          setReason(value);
          setErrors(({ reason: _, ...rest }) => rest);
        }}
        error={errors.reason}
        required
        maxLength={2000}
        rows={3}
      />
      <DialogActions label="Exempt host" busyLabel="Adding…" busy={busy} onCancel={onCancel} />
    </form>
  );
}

function capitalise(message: string): string {
  return message.length === 0 ? message : message[0]!.toUpperCase() + message.slice(1);
}
