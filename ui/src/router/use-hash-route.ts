import { useMemo, useSyncExternalStore } from 'react';
import { type HashRoute, parseHash } from './hash-route.js';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The current route, re-rendering the caller whenever the hash changes. */
export function useHashRoute(): HashRoute {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return useMemo(() => parseHash(hash), [hash]);
}
