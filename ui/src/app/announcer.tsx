import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { AnnounceContext } from './announce-context.js';

const SHOW_MS = 5000;

/**
 * Owns the app's one `aria-live="polite"` status region, shown as a small toast, and gives
 * its children `useAnnounce()`. The region is always in the DOM (live regions added with
 * their text are often not read); the same message twice is read twice.
 */
export function Announcer({ children }: { readonly children: ReactNode }) {
  const [message, setMessage] = useState('');
  const timers = useRef<number[]>([]);

  const announce = useCallback((text: string) => {
    for (const timer of timers.current) window.clearTimeout(timer);
    setMessage('');
    // Clearing first, then setting on the next tick, makes a repeated message a change.
    timers.current = [
      window.setTimeout(() => setMessage(text), 50),
      window.setTimeout(() => setMessage(''), SHOW_MS),
    ];
  }, []);

  useEffect(
    () => () => {
      for (const timer of timers.current) window.clearTimeout(timer);
    },
    [],
  );

  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="toast" role="status" aria-live="polite" aria-atomic="true">
        {message === '' ? null : <p className="toast__message">{message}</p>}
      </div>
    </AnnounceContext.Provider>
  );
}
