import type { DecisionContext } from '../../engine/decision/decide.js';
import type { GatewayDeps, Requester } from './gateway-deps.js';
import { hasOverrideCookie } from './override-cookie.js';

/** The key a person's warn overrides and signed links are filed under: username, else device label. */
export function userKeyOf(requester: Requester): string {
  if (requester.kind === 'person') return requester.username;
  return requester.kind === 'denied' ? '' : (requester.label ?? '');
}

/**
 * The engine context for one request at `now`: the current engine snapshot, plus the
 * person's warn overrides (granted in this process, or carried by the signed cookie).
 */
export function decisionContextFor(
  deps: GatewayDeps,
  requester: Requester,
  now: number,
  cookieHeader?: string,
): DecisionContext {
  const userKey = userKeyOf(requester);
  return {
    ...deps.engine().context,
    now,
    isOverridden: (host) =>
      deps.overrides.has(userKey, host, now) ||
      hasOverrideCookie(cookieHeader, userKey, host, now, deps.linkSecret),
  };
}
