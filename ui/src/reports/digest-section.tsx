import { type FormEvent, useEffect, useId, useState } from 'react';
import type { DigestKind } from '../api/reports-api.js';
import { useApiData } from '../app/use-api-data.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { SelectField } from '../components/select-field.js';
import { TextField } from '../components/text-field.js';
import { DigestView } from './digest-view.js';
import { DownloadLinks } from './download-links.js';
import { SchoolDates } from './school-dates.js';
import { useReportsApi } from './use-reports-api.js';

const KINDS = [
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly (Monday to Sunday)' },
];

/**
 * The digests part of the Reports page: daily or weekly and a day (the address keeps
 * them, so a digest can be linked to), the digest with its charts, and its PDF and CSV.
 * The form only asks when submitted, so typing a date does not load half-typed days.
 */
export function DigestSection({
  kind,
  day,
  today,
  canOpenAlerts,
  onChange,
}: {
  readonly kind: DigestKind;
  /** `YYYY-MM-DD`, a real date (the page defaults it to yesterday). */
  readonly day: string;
  /** Today in school time, the latest day the date field offers. */
  readonly today: string;
  readonly canOpenAlerts: boolean;
  readonly onChange: (change: { kind: DigestKind; day: string }) => void;
}) {
  const reports = useReportsApi();
  const headingId = useId();
  const [draftKind, setDraftKind] = useState<DigestKind>(kind);
  const [draftDay, setDraftDay] = useState(day);
  const [dayError, setDayError] = useState<string | undefined>(undefined);
  useEffect(() => {
    setDraftKind(kind);
    setDraftDay(day);
  }, [kind, day]);
  const digest = useApiData(`${kind}:${day}`, (signal) => reports.digest({ kind, day }, signal));

  const show = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!SchoolDates.isDate(draftDay)) {
      setDayError('Enter a date, for example 2026-11-24.');
      return;
    }
    setDayError(undefined);
    if (draftKind === kind && draftDay === day) digest.reload();
    else onChange({ kind: draftKind, day: draftDay });
  };

  const shown = digest.data;
  return (
    <section className="report-section" aria-labelledby={headingId} aria-busy={digest.loading}>
      <h2 id={headingId} className="report-section__title">
        Digests
      </h2>
      <form className="filters" aria-label="Choose a digest" onSubmit={show}>
        <SelectField
          label="Digest"
          value={draftKind}
          options={KINDS}
          onChange={(value) => setDraftKind(value === 'weekly' ? 'weekly' : 'daily')}
        />
        <TextField
          label={draftKind === 'weekly' ? 'A day in the week' : 'Day'}
          type="date"
          value={draftDay}
          max={today}
          onChange={setDraftDay}
          error={dayError}
          required
        />
        <div className="filters__actions">
          <button type="submit" className="button button--primary" disabled={digest.loading}>
            Show digest
          </button>
        </div>
      </form>

      {digest.problem !== null && (
        <ProblemMessage problem={digest.problem} onRetry={digest.reload} />
      )}
      {shown === undefined && digest.problem === null && <LoadingMessage what="the digest" />}
      {shown !== undefined && (
        <>
          <div className="report-head">
            <div>
              <h3 className="report-head__title">
                {shown.period.kind === 'daily' ? 'Daily' : 'Weekly'} digest: {shown.period.label}
              </h3>
              <p className="page__subtitle">
                {shown.period.kind === 'daily' ? 'Midnight to midnight' : 'Monday to Sunday'},
                school time ({shown.period.timezone}).
              </p>
            </div>
            <DownloadLinks
              what={`the digest for ${shown.period.label}`}
              hrefOf={(format) =>
                reports.digestFileUrl({ kind: shown.period.kind, day: shown.period.day }, format)
              }
            />
          </div>
          <DigestView digest={shown} canOpenAlerts={canOpenAlerts} />
        </>
      )}
    </section>
  );
}
