import { useMemo } from 'react';
import { api } from '../api/api.js';
import { createPolicyApi, type PolicyApi } from '../api/policy-api.js';
import { useSession } from '../app/use-session.js';

/**
 * The policy client for the signed-in session: its CSRF token, and a found-gone session
 * handed to the main client, which owns the return to sign-in.
 */
export function usePolicyApi(): PolicyApi {
  const { session } = useSession();
  const token = session.csrfToken;
  return useMemo(
    () =>
      createPolicyApi({
        csrfToken: () => token,
        // The main client's "signed out" listeners are private to it; a call of its own
        // meets the same 401 and runs them, so the app returns to sign-in keeping the
        // address. TODO(lead): drop this once the policy calls are part of `Api`.
        onSignedOut: () => void api.dashboard().catch(() => undefined),
      }),
    [token],
  );
}
