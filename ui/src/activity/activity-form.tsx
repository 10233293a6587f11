import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { ApiProblem } from '../api/api-problem.js';
import { TextField } from '../components/text-field.js';
import type { ActivityField, ActivityQuery } from './activity-query.js';
import { ActivityQueryCodec } from './activity-query.js';

/** Which form field a server error names. */
const FIELD_OF: Readonly<Record<string, ActivityField>> = {
  user: 'name',
  group: 'name',
  from: 'fromDay',
  to: 'toDay',
  reason: 'reason',
};

/**
 * What to show: a person or a group, the days (school clock, the last 7 by default), searches
 * only, text to find, and for IT the reason that goes on the audit trail. It checks what it
 * can before asking, shows the server's refusals beside the fields they name, and moves focus
 * to the first field that is wrong.
 */
export function ActivityForm({
  initial,
  needsReason,
  classes,
  busy,
  problem,
  onLoad,
}: {
  readonly initial: ActivityQuery;
  /** IT must say why before reading a person's records. */
  readonly needsReason: boolean;
  /** A teacher's classes (their only groups), offered as suggestions; null for other roles. */
  readonly classes: readonly string[] | null;
  readonly busy: boolean;
  /** The last refusal, whose field errors are shown here. */
  readonly problem: ApiProblem | null;
  readonly onLoad: (query: ActivityQuery) => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<ActivityField, string>>>({});
  const form = useRef<HTMLFormElement | null>(null);
  const subjectName = useId();
  const classList = useId();

  // The address can change under the form (Back, a link from another page): follow it.
  useEffect(() => setDraft((d) => ({ ...initial, reason: d.reason })), [initial]);

  const serverError = (field: ActivityField) =>
    problem?.errors.find((e) => FIELD_OF[e.path] === field)?.message;
  const errorOf = (field: ActivityField) => errors[field] ?? serverError(field);
  const set = (change: Partial<ActivityQuery>) => setDraft((d) => ({ ...d, ...change }));

  const load = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = ActivityQueryCodec.check(draft, needsReason);
    setErrors(found);
    if (Object.keys(found).length === 0) {
      onLoad(draft);
      return;
    }
    window.setTimeout(
      () => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      0,
    );
  };

  const isGroup = draft.subject === 'group';
  return (
    <form
      ref={form}
      className="activity-form"
      aria-label="Whose activity to show"
      onSubmit={load}
      noValidate
    >
      <fieldset className="activity-form__choice">
        <legend className="field__label">Show the activity of</legend>
        {(['user', 'group'] as const).map((subject) => (
          <label key={subject} className="activity-form__radio">
            <input
              type="radio"
              name={subjectName}
              value={subject}
              checked={draft.subject === subject}
              onChange={() => set({ subject })}
            />
            {subject === 'user' ? 'A person' : 'A group'}
          </label>
        ))}
      </fieldset>
      <div className="activity-form__row">
        <TextField
          label={isGroup ? 'Group name' : 'Username'}
          value={draft.name}
          onChange={(name) => set({ name })}
          error={errorOf('name')}
          hint={
            isGroup
              ? classes === null
                ? 'A group or class id, e.g. year9 or 9x.'
                : `One of your classes: ${classes.join(', ') || 'none'}.`
              : 'As the pupil signs in, e.g. jsmith.'
          }
          list={isGroup && classes !== null ? classList : undefined}
          spellCheck={false}
          autoComplete="off"
          required
        />
        {classes !== null && (
          <datalist id={classList}>
            {classes.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        )}
        <TextField
          label="From"
          type="date"
          value={draft.fromDay}
          onChange={(fromDay) => set({ fromDay })}
          error={errorOf('fromDay')}
          required
        />
        <TextField
          label="To"
          type="date"
          value={draft.toDay}
          onChange={(toDay) => set({ toDay })}
          error={errorOf('toDay')}
          required
        />
        <TextField
          label="Find"
          type="search"
          value={draft.q}
          onChange={(q) => set({ q })}
          hint="Text in the address or the search terms."
          maxLength={200}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      {needsReason && (
        <TextField
          label="Reason"
          value={draft.reason}
          onChange={(reason) => set({ reason })}
          error={errorOf('reason')}
          hint="Why you need these records, e.g. a helpdesk ticket. It is written to the audit trail."
          maxLength={2000}
          required
        />
      )}
      <div className="activity-form__actions">
        <label className="activity-form__check">
          <input
            type="checkbox"
            checked={draft.searchesOnly}
            onChange={(event) => set({ searchesOnly: event.target.checked })}
          />
          Searches only
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Loading…' : 'Load'}
        </button>
      </div>
    </form>
  );
}
