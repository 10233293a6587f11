import { useEffect, useRef } from 'react';

/** What each triage key does; the alerts page supplies them. */
export interface TriageHandlers {
  readonly next: () => void;
  readonly previous: () => void;
  readonly open: () => void;
  readonly acknowledge: () => void;
  readonly close: () => void;
  readonly escalate: () => void;
  readonly dismiss: () => void;
  readonly help: () => void;
}

const TYPING = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

/**
 * Listens for the queue's single-key shortcuts (`TRIAGE_SHORTCUTS`) on the whole page.
 * They are off while typing in a field, while a dialog is open, and with Ctrl, Alt or Meta
 * held (the browser's and screen reader's own keys). Enter on a button or link is left to
 * the button or link.
 */
export function useTriageKeys(handlers: TriageHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(TYPING)) return;
      if (document.querySelector('dialog[open]') !== null) return;
      const h = current.current;
      const action: (() => void) | undefined = {
        j: h.next,
        k: h.previous,
        a: h.acknowledge,
        c: h.close,
        e: h.escalate,
        '?': h.help,
        Escape: h.dismiss,
        Enter: target?.closest('button, a, summary') ? undefined : h.open,
      }[event.key];
      if (action === undefined) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
