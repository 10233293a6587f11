import { type FormEvent, useState } from 'react';
import { ApiProblem } from '../api/api-problem.js';
import type { TestEmailResult } from '../api/settings-api.js';
import { useAnnounce } from '../app/use-announce.js';
import { ProblemMessage } from '../components/problem-message.js';
import { TextField } from '../components/text-field.js';
import { useSettingsApi } from './use-settings-api.js';

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "Send a test e-mail": an address, a button, and what happened in words (sent, the SMTP
 * server's refusal with what to check, or that SMTP is not set). The server's answer is
 * shown as it is; a refused request (bad address, no permission) as a problem.
 */
export function TestEmailForm({ configured }: { readonly configured: boolean }) {
  const settingsApi = useSettingsApi();
  const announce = useAnnounce();
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<TestEmailResult | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = to.trim();
    if (!LOOKS_LIKE_EMAIL.test(address)) {
      setError('Enter an e-mail address, like it@school.test.');
      return;
    }
    setError(undefined);
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      const answer = await settingsApi.testEmail(address);
      setResult(answer);
      announce(answer.outcome === 'sent' ? 'Test e-mail sent' : 'Test e-mail not sent');
    } catch (failure) {
      const refused = ApiProblem.from(failure);
      const field = refused.fieldMessage('to');
      if (field === undefined) setProblem(refused);
      else setError(field);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form settings-action" noValidate onSubmit={(event) => void submit(event)}>
      <h3 className="settings-action__title">Send a test e-mail</h3>
      <TextField
        label="To"
        type="email"
        autoComplete="email"
        value={to}
        onChange={setTo}
        hint={
          configured
            ? 'Sent at once through the SMTP server shown here.'
            : 'SMTP is not set, so this will say so.'
        }
        error={error}
        required
      />
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Sending…' : 'Send a test e-mail'}
        </button>
      </div>
      {problem !== null && <ProblemMessage problem={problem} />}
      {result !== null &&
        (result.outcome === 'sent' ? (
          <p className="notice settings-result settings-result--ok" role="status">
            {result.message}
          </p>
        ) : (
          <div className="problem" role="alert">
            <p className="problem__title">
              {result.outcome === 'not-configured' ? 'SMTP is not set' : 'The e-mail was not sent'}
            </p>
            <p className="problem__detail">{result.message}</p>
          </div>
        ))}
    </form>
  );
}
