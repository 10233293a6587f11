import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/api.js';
import { ApiProblem } from '../api/api-problem.js';
import type { Session } from '../api/types.js';
import { ProblemMessage } from '../components/problem-message.js';
import { TextField } from '../components/text-field.js';
import { lockedProblem } from './locked-problem.js';

type Step = 'password' | 'code';
type FieldErrors = Partial<Record<'username' | 'password' | 'code', string>>;

/**
 * Sign-in: username and password, then (when the server answers `totp-required`) the
 * 6-digit code, posting all three again. Errors say what happened and what to do; the
 * first field has focus and Enter submits, as in any form.
 */
export function SignInPage({
  notice,
  onSignedIn,
}: {
  /** Why the page is showing ("You have signed out."), as a status line. */
  readonly notice: string | null;
  readonly onSignedIn: (session: Session) => void;
}) {
  const [step, setStep] = useState<Step>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const usernameInput = useRef<HTMLInputElement | null>(null);
  const passwordInput = useRef<HTMLInputElement | null>(null);
  const codeInput = useRef<HTMLInputElement | null>(null);
  const headingId = useId();

  useEffect(() => {
    document.title = 'Sign in · Schoolgate';
    usernameInput.current?.focus();
  }, []);

  useEffect(() => {
    if (step === 'code') codeInput.current?.focus();
  }, [step]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const digits = code.replace(/\s+/g, '');
    const errors: FieldErrors = {};
    if (username.trim() === '') errors.username = 'Enter your username.';
    if (password === '') errors.password = 'Enter your password.';
    if (step === 'code' && !/^\d{6}$/.test(digits)) {
      errors.code = 'Enter the 6 digits your authenticator app shows now.';
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      setProblem(null);
      (errors.username
        ? usernameInput
        : errors.password
          ? passwordInput
          : codeInput
      ).current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const session = await api.signIn({
        username: username.trim(),
        password,
        ...(step === 'code' ? { totp: digits } : {}),
      });
      onSignedIn(session);
    } catch (error) {
      const failed = ApiProblem.from(error);
      setBusy(false);
      if (failed.code === 'totp-required') {
        setStep('code');
        return;
      }
      setProblem(explain(failed, step));
      if (failed.code === 'sign-in-failed') {
        if (step === 'code') {
          setCode('');
          codeInput.current?.focus();
        } else {
          setPassword('');
          passwordInput.current?.focus();
        }
      }
    }
  };

  return (
    <main className="sign-in" aria-labelledby={headingId}>
      <div className="sign-in__card">
        <p className="sign-in__product">Schoolgate</p>
        <h1 id={headingId} className="sign-in__title">
          Sign in to the console
        </h1>
        {notice !== null && problem === null && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {problem !== null && <ProblemMessage problem={problem} />}
        <form className="form" noValidate onSubmit={(event) => void submit(event)}>
          <TextField
            ref={usernameInput}
            label="Username"
            name="username"
            autoComplete="username"
            value={username}
            onChange={setUsername}
            error={fieldErrors.username}
            autoCapitalize="none"
            spellCheck={false}
          />
          <TextField
            ref={passwordInput}
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={fieldErrors.password}
          />
          {step === 'code' && (
            <TextField
              ref={codeInput}
              label="6-digit code"
              hint="From the authenticator app on your phone. It changes every 30 seconds."
              name="totp"
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={7}
              value={code}
              onChange={setCode}
              error={fieldErrors.code}
              spellCheck={false}
            />
          )}
          <button type="submit" className="button button--primary button--wide" disabled={busy}>
            {busy ? 'Signing in…' : step === 'code' ? 'Verify code and sign in' : 'Sign in'}
          </button>
        </form>
        <p className="sign-in__help">
          Forgotten your password or lost your phone? Ask your IT administrator to reset it.
        </p>
      </div>
    </main>
  );
}

/** The server's words, sharpened where the sign-in step knows more than it does. */
function explain(problem: ApiProblem, step: Step): ApiProblem {
  if (problem.code === 'locked') return lockedProblem(problem);
  if (problem.code === 'sign-in-failed' && step === 'code') {
    // The server answers a wrong code exactly as a wrong password (it gives nothing away).
    return new ApiProblem({
      code: problem.code,
      title: 'That did not work',
      detail:
        'Check the code your authenticator app shows now (it changes every 30 seconds) and your password, then try again.',
      status: problem.status,
    });
  }
  return problem;
}
