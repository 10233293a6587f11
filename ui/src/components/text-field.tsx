import { type InputHTMLAttributes, type Ref, useId } from 'react';

type InputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby' | 'ref'
>;

/**
 * A labelled text input with an optional hint and error, both tied to the input with
 * `aria-describedby` so a screen reader reads them with the label.
 */
export function TextField({
  label,
  value,
  onChange,
  hint,
  error,
  ref,
  ...input
}: InputProps & {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint?: string;
  /** Shown under the input and marks it `aria-invalid`. */
  readonly error?: string | undefined;
  readonly ref?: Ref<HTMLInputElement>;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint === undefined ? null : hintId, error === undefined ? null : errorId]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <div className={`field${error === undefined ? '' : ' field--invalid'}`}>
      <label className="field__label" htmlFor={id}>
        {label}
        {input.required === true && <span className="field__required"> (required)</span>}
      </label>
      {hint !== undefined && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <input
        {...input}
        ref={ref}
        id={id}
        className="field__input"
        type={input.type ?? 'text'}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error === undefined ? undefined : true}
        aria-describedby={describedBy === '' ? undefined : describedBy}
      />
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
