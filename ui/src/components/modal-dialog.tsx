import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A modal on the native `<dialog>`: the browser traps focus, makes the page behind it
 * inert and closes it on Escape. This wrapper opens it with `showModal()` when `open`
 * turns true, reports every way it closes through `onClose`, and gives focus back to
 * what had it before (the button or row that opened it). Focus starts on the first field.
 */
export function ModalDialog({
  open,
  title,
  onClose,
  children,
}: {
  readonly open: boolean;
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) {
      opener.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
      // The first field, not the header's close button: the dialog exists to be filled in.
      element
        .querySelector<HTMLElement>('.dialog__body :is(input, select, textarea, button)')
        ?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  const handleClose = () => {
    const previous = opener.current;
    opener.current = null;
    if (previous?.isConnected) previous.focus();
    onClose();
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={handleClose}>
      <div className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <button
          type="button"
          className="button button--ghost dialog__dismiss"
          aria-label="Close dialog"
          onClick={() => dialog.current?.close()}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="dialog__body">{open ? children : null}</div>
    </dialog>
  );
}
