import { type FormEvent, useId, useState } from 'react';
import type { ApiProblem } from '../api/api-problem.js';
import type { ActivityQuery } from '../api/reports-api.js';
import { TextField } from '../components/text-field.js';
import { SchoolDates } from './school-dates.js';

/** The longest period the server reports on (`MAX_REPORT_DAYS` in reports-routes.ts). */
const MAX_DAYS = 31;

type SubjectKind = 'user' | 'group';
type Field = 'name' | 'from' | 'to' | 'reason';

/** Which form field a server error names (`user` and `group` are both the name field). */
const FIELD_OF: Readonly<Record<string, Field>> = {
  user: 'name',
  group: 'name',
  from: 'from',
  to: 'to',
  reason: 'reason',
};

/**
 * The on-demand report's request: a person or a group, a period in whole school days
 * (default the last 7, today included), and the reason that goes on the audit trail. It
 * checks what it can before asking (a name, real dates in order, at most 31 days, a reason)
 * and shows the server's refusals beside the fields they name.
 */
export function ActivityForm({
  today,
  timezone,
  classes,
  busy,
  problem,
  onRun,
}: {
  readonly today: string;
  readonly timezone: string;
  /** A teacher's classes (their reports reach only these); null for everyone else. */
  readonly classes: readonly string[] | null;
  readonly busy: boolean;
  /** The last refusal, whose field errors are shown here. */
  readonly problem: ApiProblem | null;
  readonly onRun: (query: ActivityQuery) => void;
}) {
  const kindName = useId();
  const [kind, setKind] = useState<SubjectKind>('user');
  const [name, setName] = useState('');
  const [from, setFrom] = useState(SchoolDates.addDays(today, -6));
  const [to, setTo] = useState(today);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const serverError = (field: Field) =>
    problem?.errors.find((e) => FIELD_OF[e.path] === field)?.message;
  const errorOf = (field: Field) => errors[field] ?? serverError(field);

  const run = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (name.trim() === '') {
      found.name = kind === 'user' ? 'Enter a username.' : 'Enter a group.';
    }
    if (!SchoolDates.isDate(from)) found.from = 'Enter a date, for example 2026-11-17.';
    if (!SchoolDates.isDate(to)) found.to = 'Enter a date, for example 2026-11-24.';
    else if (found.from === undefined) {
      const days = SchoolDates.daysBetween(from, to) + 1;
      if (days < 1) found.to = 'The last day must be on or after the first.';
      else if (days > MAX_DAYS) found.to = `A report covers at most ${MAX_DAYS} days.`;
    }
    if (reason.trim().length < 3) {
      found.reason = 'Say why you need this report (a case reference will do).';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Take the person to the first field to correct; its error is read with its label.
      const form = event.currentTarget;
      requestAnimationFrame(() =>
        form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    onRun({
      subject: { kind, name: name.trim() },
      fromMs: SchoolDates.midnight(from, timezone),
      toMs: SchoolDates.midnight(SchoolDates.addDays(to, 1), timezone),
      reason: reason.trim(),
    });
  };

  const nameHint =
    classes === null
      ? kind === 'user'
        ? 'Their username, as on the alerts.'
        : 'A policy group, for example pupils.'
      : `Your classes${classes.length === 0 ? ': none set, so ask the DSL' : `: ${classes.join(', ')}`}. ${
          kind === 'user' ? 'A pupil in one of them.' : 'One of them.'
        }`;

  return (
    <form
      className="form report-form"
      aria-label="Run an activity report"
      onSubmit={run}
      noValidate
    >
      <fieldset className="report-form__choice">
        <legend className="field__label">Report on</legend>
        {(['user', 'group'] as const).map((value) => (
          <label key={value} className="report-form__radio">
            <input
              type="radio"
              name={kindName}
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            {value === 'user' ? 'A person' : 'A group'}
          </label>
        ))}
      </fieldset>
      <div className="report-form__row">
        <TextField
          label={kind === 'user' ? 'Username' : 'Group'}
          value={name}
          onChange={setName}
          hint={nameHint}
          error={errorOf('name')}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          label="From"
          type="date"
          value={from}
          max={today}
          onChange={setFrom}
          hint="The first day."
          error={errorOf('from')}
          required
        />
        <TextField
          label="To"
          type="date"
          value={to}
          max={today}
          onChange={setTo}
          hint={`The last day, at most ${MAX_DAYS} days in all.`}
          error={errorOf('to')}
          required
        />
      </div>
      <TextField
        label="Reason"
        value={reason}
        onChange={setReason}
        hint="Written to the audit trail with the report, as is each download. A case reference will do."
        error={errorOf('reason')}
        maxLength={500}
        required
      />
      <div className="report-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Running the report…' : 'Run report'}
        </button>
      </div>
    </form>
  );
}
