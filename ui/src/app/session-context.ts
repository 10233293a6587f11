import { createContext } from 'react';
import type { Permission, Session } from '../api/types.js';

/** The signed-in member of staff, as every page below the layout sees them. */
export interface SessionValue {
  readonly session: Session;
  /** Whether the session's permissions include `permission`. */
  can(permission: Permission): boolean;
  /** Ends the session on the server and returns to the sign-in page. */
  signOut(): Promise<void>;
}

/** Set by `App` once someone is signed in; pages read it through `useSession`. */
export const SessionContext = createContext<SessionValue | null>(null);
