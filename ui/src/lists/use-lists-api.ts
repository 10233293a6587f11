import { useMemo } from 'react';
import { api } from '../api/api.js';
import { createListsApi, type ListsApi } from '../api/lists-api.js';
import { useSession } from '../app/use-session.js';

/**
 * The Lists client for the signed-in session, with a found-gone session handed to the main
 * client, which owns the return to sign-in (as `usePolicyApi` does).
 */
export function useListsApi(): ListsApi {
  const { session } = useSession();
  const token = session.csrfToken;
  return useMemo(
    () =>
      createListsApi({
        csrfToken: () => token,
        onSignedOut: () => void api.dashboard().catch(() => undefined),
      }),
    [token],
  );
}
