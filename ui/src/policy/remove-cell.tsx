/**
 * The last cell of an exception or exemption row for those who may change them: a Remove
 * button (named after the entry, e.g. `Remove the exception for games.example`) for one added
 * here, and a note for one from a file, which is changed in the file.
 */
export function RemoveCell({
  source,
  label,
  onRemove,
}: {
  readonly source: 'file' | 'console';
  /** The button's accessible name. */
  readonly label: string;
  readonly onRemove: () => void;
}) {
  return (
    <td className="policy-exceptions__actions">
      {source === 'console' ? (
        <button
          type="button"
          className="button button--quiet"
          aria-haspopup="dialog"
          aria-label={label}
          onClick={onRemove}
        >
          Remove
        </button>
      ) : (
        <span className="policy-section__muted">change in the file</span>
      )}
    </td>
  );
}
