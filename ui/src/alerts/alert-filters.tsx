import { type FormEvent, useEffect, useId, useState } from 'react';
import { SelectField } from '../components/select-field.js';
import { TextField } from '../components/text-field.js';
import { ALERT_STATES } from '../labels/alert-states.js';
import { LEVEL_ORDER, LEVELS } from '../labels/levels.js';
import type { AlertQuery, StateChoice } from './alert-query.js';

const STATE_OPTIONS = [
  { value: 'open', label: 'Open (new and acknowledged)' },
  { value: 'all', label: 'All states' },
  ...ALERT_STATES.map((s) => ({ value: s.kind, label: s.label })),
];

const LEVEL_OPTIONS = [
  { value: '', label: 'Any level' },
  ...LEVEL_ORDER.map((level) => ({
    value: String(level),
    label: level === 5 ? '5 Critical only' : `${level} ${LEVELS[level].word} and above`,
  })),
];

/**
 * The queue's filters. The two lists apply as soon as they change; the two text fields
 * apply on Enter or "Apply", so the list does not reload on every keystroke.
 */
export function AlertFilters({
  query,
  categories,
  classes,
  onChange,
}: {
  readonly query: AlertQuery;
  /** Categories seen in the queue, offered as suggestions (the API has no list of them). */
  readonly categories: readonly { readonly id: string; readonly label: string }[];
  /** A teacher's classes (a list to pick from); null: any class, typed in. */
  readonly classes: readonly string[] | null;
  readonly onChange: (change: Partial<AlertQuery>) => void;
}) {
  const [category, setCategory] = useState(query.category);
  const [className, setClassName] = useState(query.className);
  const categoryListId = useId();

  // The address can change under the form (Back, a link): follow it.
  useEffect(() => setCategory(query.category), [query.category]);
  useEffect(() => setClassName(query.className), [query.className]);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ category: category.trim(), className: className.trim().toLowerCase() });
  };
  const filtered =
    query.state !== 'open' ||
    query.minLevel !== null ||
    query.category !== '' ||
    query.className !== '';

  return (
    <form className="filters" aria-label="Filter alerts" onSubmit={apply}>
      <SelectField
        label="State"
        value={query.state}
        options={STATE_OPTIONS}
        onChange={(value) => onChange({ state: value as StateChoice })}
      />
      <SelectField
        label="Minimum level"
        value={query.minLevel === null ? '' : String(query.minLevel)}
        options={LEVEL_OPTIONS}
        onChange={(value) =>
          onChange({ minLevel: value === '' ? null : (Number(value) as AlertQuery['minLevel']) })
        }
      />
      <TextField
        label="Category"
        value={category}
        onChange={setCategory}
        list={categoryListId}
        placeholder="any, e.g. self-harm"
        spellCheck={false}
        autoComplete="off"
      />
      <datalist id={categoryListId}>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </datalist>
      {classes === null ? (
        <TextField
          label="Class or group"
          value={className}
          onChange={setClassName}
          placeholder="any, e.g. 9x"
          spellCheck={false}
          autoComplete="off"
        />
      ) : (
        <SelectField
          label="Class"
          value={query.className}
          options={[
            { value: '', label: 'All my classes' },
            ...classes.map((c) => ({ value: c, label: c })),
          ]}
          onChange={(value) => onChange({ className: value })}
        />
      )}
      <div className="filters__actions">
        <button type="submit" className="button">
          Apply
        </button>
        {filtered && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => onChange({ state: 'open', minLevel: null, category: '', className: '' })}
          >
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
