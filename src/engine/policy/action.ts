/**
 * What a policy can do with a request. Stable wire names.
 * - `allow`: forward it.
 * - `block`: serve the block page.
 * - `warn`: soft block: an interstitial whose "continue" grants a short override.
 * - `alert`: forward it, and raise a safeguarding alert.
 */
export type Action = 'allow' | 'block' | 'warn' | 'alert';

export const ACTIONS: readonly Action[] = ['allow', 'block', 'warn', 'alert'];

/**
 * How restrictive each action is, for combining several matched categories: the most
 * restrictive wins. `alert` outranks `allow` so that an alert category is never hidden by
 * an allowed one; `warn` outranks `alert` because the person must stop and think first.
 */
export const ACTION_SEVERITY: Readonly<Record<Action, number>> = Object.freeze({
  allow: 0,
  alert: 1,
  warn: 2,
  block: 3,
});
