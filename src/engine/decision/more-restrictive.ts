import { ACTION_SEVERITY } from '../policy/action.js';
import type { Decision } from './decision.js';

/**
 * The more restrictive of two decisions on one request (block > warn > alert > allow); the
 * first on a tie. Used where a request names its host twice (URL and Host header, CONNECT
 * and SNI) and either may be the way round the filter.
 */
export function moreRestrictive(first: Decision, second: Decision): Decision {
  return ACTION_SEVERITY[second.action] > ACTION_SEVERITY[first.action] ? second : first;
}
