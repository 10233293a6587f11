import { useMemo } from 'react';
import { type ActivityApi, createActivityApi } from '../api/activity-api.js';
import { api } from '../api/api.js';

/**
 * The Activity client for this page. A call that finds the session gone hands over to the
 * main client, which owns the return to sign-in.
 */
export function useActivityApi(): ActivityApi {
  return useMemo(
    () =>
      createActivityApi({
        // The main client's "signed out" listeners are private to it; a call of its own
        // meets the same 401 and runs them, so the app returns to sign-in keeping the
        // address. TODO(lead): drop this once the activity calls are part of `Api`.
        onSignedOut: () => void api.dashboard().catch(() => undefined),
      }),
    [],
  );
}
