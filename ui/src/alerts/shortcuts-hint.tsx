/** The always-visible reminder that the queue has keyboard shortcuts, with a way to list them. */
export function ShortcutsHint({ onShow }: { readonly onShow: () => void }) {
  return (
    <p className="shortcuts-hint">
      <span className="shortcuts-hint__label">Keyboard shortcuts:</span> <kbd>j</kbd> <kbd>k</kbd>{' '}
      move, <kbd>Enter</kbd> open, <kbd>a</kbd> acknowledge, <kbd>c</kbd> close, <kbd>e</kbd>{' '}
      escalate.{' '}
      <button type="button" className="link-button" onClick={onShow} aria-keyshortcuts="?">
        All keyboard shortcuts (<kbd>?</kbd>)
      </button>
    </p>
  );
}
