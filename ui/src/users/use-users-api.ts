import { useMemo } from 'react';
import { api } from '../api/api.js';
import { createUsersApi, type UsersApi } from '../api/users-api.js';
import { useSession } from '../app/use-session.js';

/**
 * The Users client for the signed-in session: its CSRF token, and a found-gone session
 * handed to the main client, which owns the return to sign-in (as `usePolicyApi` does).
 */
export function useUsersApi(): UsersApi {
  const { session } = useSession();
  const token = session.csrfToken;
  return useMemo(
    () =>
      createUsersApi({
        csrfToken: () => token,
        onSignedOut: () => void api.dashboard().catch(() => undefined),
      }),
    [token],
  );
}
