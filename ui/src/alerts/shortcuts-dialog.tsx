import { ModalDialog } from '../components/modal-dialog.js';
import { TRIAGE_SHORTCUTS } from './triage-shortcuts.js';

/** The list of triage shortcuts (`?`), in a dialog. */
export function ShortcutsDialog({
  open,
  onClose,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
}) {
  return (
    <ModalDialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <p className="dialog__lead">On the alert queue, when you are not typing in a field:</p>
      <dl className="shortcuts">
        {TRIAGE_SHORTCUTS.map((s) => (
          <div key={s.key} className="shortcuts__row">
            <dt>
              <kbd>{s.label}</kbd>
            </dt>
            <dd>{s.does}</dd>
          </div>
        ))}
      </dl>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          Done
        </button>
      </div>
    </ModalDialog>
  );
}
