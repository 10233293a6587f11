import { type FormEvent, useEffect, useState } from 'react';
import { SelectField } from '../components/select-field.js';
import { TextField } from '../components/text-field.js';
import { AUDIT_TARGET_KINDS } from '../labels/audit-target-kinds.js';

const KIND_OPTIONS = [
  { value: '', label: 'Any kind' },
  ...AUDIT_TARGET_KINDS.map((kind) => ({ value: kind, label: kind })),
];

/** The audit page's filters: what kind of thing a record is about, and which one. */
export function AuditFilters({
  kind,
  target,
  onChange,
}: {
  readonly kind: string;
  readonly target: string;
  readonly onChange: (change: { kind?: string; target?: string }) => void;
}) {
  const [text, setText] = useState(target);
  useEffect(() => setText(target), [target]);
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ target: text.trim() });
  };
  return (
    <form className="filters" aria-label="Filter audit records" onSubmit={apply}>
      <SelectField
        label="Kind"
        value={kind}
        options={KIND_OPTIONS}
        onChange={(value) => onChange({ kind: value })}
      />
      <TextField
        label="Target"
        value={text}
        onChange={setText}
        placeholder="an alert id, username, group…"
        spellCheck={false}
        autoComplete="off"
      />
      <div className="filters__actions">
        <button type="submit" className="button">
          Apply
        </button>
        {(kind !== '' || target !== '') && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => onChange({ kind: '', target: '' })}
          >
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
