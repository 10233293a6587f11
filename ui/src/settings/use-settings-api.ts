import { useMemo } from 'react';
import { api } from '../api/api.js';
import { createSettingsApi, type SettingsApi } from '../api/settings-api.js';
import { useSession } from '../app/use-session.js';

/**
 * The Settings client for the signed-in session: its CSRF token, and a found-gone session
 * handed to the main client, which owns the return to sign-in (as `usePolicyApi` does).
 */
export function useSettingsApi(): SettingsApi {
  const { session } = useSession();
  const token = session.csrfToken;
  return useMemo(
    () =>
      createSettingsApi({
        csrfToken: () => token,
        onSignedOut: () => void api.dashboard().catch(() => undefined),
      }),
    [token],
  );
}
