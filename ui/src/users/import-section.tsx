import { useId, useState } from 'react';
import { ApiProblem } from '../api/api-problem.js';
import type { ImportPreview } from '../api/users-api.js';
import { useAnnounce } from '../app/use-announce.js';
import { ProblemMessage } from '../components/problem-message.js';
import { TextareaField } from '../components/textarea-field.js';
import { ImportPreviewView } from './import-preview-view.js';
import { useUsersApi } from './use-users-api.js';

/**
 * Import from CSV: choose a file (or paste its text), preview what it would do, then import
 * the valid rows. Nothing is written until the import button, and the preview is redone
 * whenever the text changes so the button never imports a file nobody has seen.
 */
export function ImportSection({ onImported }: { readonly onImported: () => void }) {
  const users = useUsersApi();
  const announce = useAnnounce();
  const fileId = useId();
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  const changeText = (text: string) => {
    setCsv(text);
    setPreview(null);
    setMessage('');
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const showPreview = () =>
    run(async () => {
      const result = await users.preview(csv);
      setPreview(result);
      announce(
        `Preview: ${result.summary.valid} valid rows, ${result.summary.invalid} with problems.`,
      );
    });
  const importValid = () =>
    run(async () => {
      const result = await users.importCsv(csv, true);
      const text =
        `Imported ${result.imported} people (${result.created} new, ${result.updated} updated)` +
        (result.skipped > 0 ? `; ${result.skipped} rows with problems were left out.` : '.');
      setMessage(text);
      setPreview(null);
      onImported();
    });

  const valid = preview?.summary.valid ?? 0;
  return (
    <section className="panel" aria-labelledby={`${fileId}-heading`}>
      <h2 id={`${fileId}-heading`} className="panel__title">
        Import from CSV
      </h2>
      <p className="field__hint">
        Columns: username, display_name, then optionally groups (separated by ;), classes, email,
        role, date_of_birth (YYYY-MM-DD). Groups must already exist.
      </p>
      <div className="field">
        <label className="field__label" htmlFor={fileId}>
          CSV file
        </label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file !== undefined) void file.text().then(changeText);
          }}
        />
      </div>
      <TextareaField
        label="Or paste the CSV text"
        value={csv}
        onChange={changeText}
        rows={6}
        spellCheck={false}
      />
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={showPreview}
          disabled={busy || csv === ''}
        >
          Preview
        </button>
        {preview !== null && valid > 0 && (
          <button
            type="button"
            className="button button--primary"
            onClick={importValid}
            disabled={busy}
          >
            Import {valid} valid rows
          </button>
        )}
      </div>
      {problem !== null && <ProblemMessage problem={problem} />}
      {preview !== null && <ImportPreviewView preview={preview} />}
      <p role="status" aria-live="polite" className="import-message">
        {message}
      </p>
    </section>
  );
}
