import { useContext } from 'react';
import { SessionContext, type SessionValue } from './session-context.js';

/** The signed-in session; only for components rendered after sign-in. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === null)
    throw new Error('useSession: no session (render this inside App after sign-in)');
  return value;
}
