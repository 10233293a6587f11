/**
 * A form dialog's footer: Cancel, then the submit button, which is disabled and says
 * `busyLabel` while the request is out. `danger` is for actions that take something away
 * or disturb devices (remove, renew, escalate); `primary` for the rest.
 */
export function DialogActions({
  label,
  busyLabel,
  busy,
  tone = 'primary',
  onCancel,
}: {
  /** The submit button's words: `Add exception`. */
  readonly label: string;
  /** Its words while busy: `Adding…`. */
  readonly busyLabel: string;
  readonly busy: boolean;
  readonly tone?: 'primary' | 'danger';
  readonly onCancel: () => void;
}) {
  return (
    <div className="dialog__actions">
      <button type="button" className="button button--quiet" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className={`button button--${tone}`} disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}
