import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiProblem } from '../api/api-problem.js';
import type { UrlTestResult } from '../api/lists-api.js';
import { useAnnounce } from '../app/use-announce.js';
import { ProblemMessage } from '../components/problem-message.js';
import { TextField } from '../components/text-field.js';
import { navigate } from '../router/navigate.js';
import { UrlTestResults } from './url-test-results.js';
import { useListsApi } from './use-lists-api.js';

const EMPTY = 'Type the address to test, e.g. https://www.example.com/';

/**
 * "Test a web address": what the gateway would do with it for each group, now, with the
 * policy as the console has it. A refused address is shown beside the field; any other
 * problem above the results. The outcome is announced for screen readers. The tested
 * address goes in the page's address (`#/lists?url=…`), so a result can be linked to or
 * reloaded; opened with one, the page tests it at once.
 */
export function TestUrlForm({ initialUrl }: { readonly initialUrl: string }) {
  const lists = useListsApi();
  const announce = useAnnounce();
  const headingId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState(initialUrl);
  const [result, setResult] = useState<UrlTestResult | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (address: string) => {
    setProblem(null);
    if (address === '') {
      setFieldError(EMPTY);
      input.current?.focus();
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    navigate('/lists', { url: address }, { replace: true });
    try {
      const tested = await lists.testUrl(address);
      setResult(tested);
      announce(`Tested: ${tested.groups.map((g) => `${g.group.label} ${g.action}`).join(', ')}.`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const onUrl = error.errors.find((e) => e.path === 'url');
      if (onUrl !== undefined) {
        setFieldError(`${onUrl.message.charAt(0).toUpperCase()}${onUrl.message.slice(1)}.`);
        input.current?.focus();
      } else {
        setProblem(error);
      }
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(url.trim());
  };
  // Opened with an address (a link, a reload): test it once, as if submitted.
  const started = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on mount.
  useEffect(() => {
    if (started.current || initialUrl.trim() === '') return;
    started.current = true;
    void run(initialUrl.trim());
  }, []);

  return (
    <section className="panel lists-test" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        Test a web address
      </h2>
      <form className="lists-test__form" onSubmit={submit} noValidate>
        <TextField
          ref={input}
          label="Web address"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={url}
          onChange={(value) => {
            setUrl(value);
            if (fieldError !== undefined) setFieldError(undefined);
          }}
          hint="A site or page (www.example.com/page), or a search (https://www.google.com/search?q=…). See what each group gets, and why."
          error={fieldError}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Testing…' : 'Test'}
        </button>
      </form>
      {problem !== null && <ProblemMessage problem={problem} />}
      {result !== null && <UrlTestResults result={result} />}
    </section>
  );
}
