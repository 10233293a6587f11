import type { UnparseableUrl, UrlProblem } from './canonical-url.js';

/** Longest input kept in an UnparseableUrl, so a hostile request cannot bloat the log. */
const MAX_KEPT_INPUT = 2048;

/**
 * Builds the UnparseableUrl result for `input`, truncating what is kept for the log.
 *
 * ### Examples
 * ```ts
 * unparseable('unsupported-scheme', 'ftp://school.test/'); // { kind: 'UnparseableUrl', ... }
 * ```
 */
export function unparseable(problem: UrlProblem, input: string): UnparseableUrl {
  return {
    kind: 'UnparseableUrl',
    problem,
    input: input.length > MAX_KEPT_INPUT ? input.slice(0, MAX_KEPT_INPUT) : input,
  };
}
