import { type FormEvent, useState } from 'react';
import { ApiProblem } from '../api/api-problem.js';
import type { CaRenewalResult } from '../api/settings-api.js';
import { DialogActions } from '../components/dialog-actions.js';
import { focusFirstInvalid } from '../components/focus-first-invalid.js';
import { ModalDialog } from '../components/modal-dialog.js';
import { ProblemMessage } from '../components/problem-message.js';
import { TextareaField } from '../components/textarea-field.js';
import { useSettingsApi } from './use-settings-api.js';

/**
 * "Renew the school certificate?": what renewing does to every device, and a required
 * reason (it goes on the audit trail). A field error shows under the reason; any other
 * refusal (no permission, no certificate yet) at the top.
 */
export function RenewCertificateDialog({
  open,
  onCancel,
  onRenewed,
}: {
  readonly open: boolean;
  readonly onCancel: () => void;
  readonly onRenewed: (result: CaRenewalResult) => void;
}) {
  return (
    <ModalDialog open={open} title="Renew the school certificate?" onClose={onCancel}>
      <RenewForm onCancel={onCancel} onRenewed={onRenewed} />
    </ModalDialog>
  );
}

function RenewForm({
  onCancel,
  onRenewed,
}: {
  readonly onCancel: () => void;
  readonly onRenewed: (result: CaRenewalResult) => void;
}) {
  const settingsApi = useSettingsApi();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (reason.trim().length < 3) {
      setError('Say why (at least 3 characters): the renewal is recorded with your reason.');
      focusFirstInvalid(form);
      return;
    }
    setError(undefined);
    setProblem(null);
    setBusy(true);
    try {
      onRenewed(await settingsApi.renewCa(reason.trim()));
    } catch (failure) {
      const refused = ApiProblem.from(failure);
      setBusy(false);
      const field = refused.fieldMessage('reason');
      if (field === undefined) setProblem(refused);
      else setError(field);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <div className="notice settings-warning">
        <p>
          A new certificate is used for new connections within seconds. Until a device installs it,
          its browsers warn on every HTTPS site, so plan to install it everywhere at once.
        </p>
        <p>The old certificate and key are kept in the data folder, so IT can put them back.</p>
      </div>
      {problem !== null && <ProblemMessage problem={problem} />}
      <TextareaField
        label="Reason"
        hint="Recorded on the audit trail with your name, e.g. 'Key may have been copied'."
        value={reason}
        onChange={(value) => {
          setReason(value);
          // The error goes once the reason is long enough, not only on the next submit.
          if (value.trim().length >= 3) setError(undefined);
        }}
        error={error}
        required
        maxLength={2000}
        rows={3}
      />
      <DialogActions
        label="Renew certificate"
        busyLabel="Renewing…"
        busy={busy}
        tone="danger"
        onCancel={onCancel}
      />
    </form>
  );
}
