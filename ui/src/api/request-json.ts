import { ApiProblem } from './api-problem.js';

export type RequestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How one client reaches the API; shared by the main client and the pages' own clients. */
export interface RequestSettings {
  /** Prefix of every path; '' means the page's own origin. */
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  /** The session's CSRF token, sent as `x-csrf-token` on every write; null before sign-in. */
  readonly csrfToken: () => string | null;
  /** Called when the API says the session is gone (401 `unauthenticated`). */
  readonly onUnauthenticated: () => void;
}

export interface RequestInit {
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
  /** Do not report a 401 as a signed-out session (the session probe at start-up). */
  readonly quietUnauthenticated?: boolean;
}

/**
 * One JSON request to `/api<path>` as every console client makes it: the cookie always
 * (`credentials: 'same-origin'`), the CSRF token on writes, a JSON body when there is one,
 * and every failure (problem+json, a proxy's error page, no network) as an `ApiProblem`.
 * An abort is passed through as the `AbortError` it is.
 *
 * ### Examples
 * ```ts
 * const request = requestJson(settings);
 * const matrix = await request<PolicyMatrix>('GET', '/policy');
 * ```
 */
export function requestJson(settings: RequestSettings) {
  return async function request<T>(
    method: RequestMethod,
    path: string,
    init: RequestInit = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = method === 'GET' ? null : settings.csrfToken();
    if (token !== null) headers['x-csrf-token'] = token;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await settings.fetch(`${settings.baseUrl}/api${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        ...(init.signal === undefined ? {} : { signal: init.signal }),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw ApiProblem.network();
    }
    if (!response.ok) {
      const problem = await ApiProblem.fromResponse(response);
      if (problem.code === 'unauthenticated' && init.quietUnauthenticated !== true) {
        settings.onUnauthenticated();
      }
      throw problem;
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  };
}
