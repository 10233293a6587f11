import { useId } from 'react';
import type { KnownGroup } from '../api/users-api.js';

/**
 * A labelled set of checkboxes, one per known group, for a person's groups or a teacher's
 * classes: every choice is visible with its label, and a screen reader hears the legend,
 * the hint and any error with each box. Policy groups are marked, since they decide how a
 * person is filtered. A selected id the list does not know (a group since removed) is
 * still shown, so saving never drops it unseen.
 */
export function GroupCheckboxes({
  legend,
  hint,
  groups,
  selected,
  onChange,
  error,
}: {
  readonly legend: string;
  readonly hint?: string;
  readonly groups: readonly KnownGroup[];
  readonly selected: readonly string[];
  readonly onChange: (selected: readonly string[]) => void;
  readonly error?: string | undefined;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const known = new Set(groups.map((g) => g.id));
  const shown = [
    ...groups,
    ...selected.filter((g) => !known.has(g)).map((g) => ({ id: g, label: g, policy: false })),
  ];
  const describedBy = [hint === undefined ? null : hintId, error === undefined ? null : errorId]
    .filter((part) => part !== null)
    .join(' ');
  const toggle = (group: string, on: boolean) =>
    onChange(on ? [...selected, group] : selected.filter((g) => g !== group));
  return (
    <fieldset
      className={`group-choice${error === undefined ? '' : ' group-choice--invalid'}`}
      aria-describedby={describedBy === '' ? undefined : describedBy}
    >
      <legend className="field__label">{legend}</legend>
      {hint !== undefined && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="field__hint">No groups yet: import the directory first.</p>
      ) : (
        <ul className="group-choice__list">
          {shown.map((group) => (
            <li key={group.id}>
              <label className="group-choice__option">
                <input
                  type="checkbox"
                  checked={selected.includes(group.id)}
                  onChange={(event) => toggle(group.id, event.target.checked)}
                  aria-invalid={error === undefined ? undefined : true}
                />
                <span>{group.label}</span>
                {group.policy && <span className="group-choice__tag">filter group</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
