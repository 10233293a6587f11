import { ApiProblem } from '../api/api-problem.js';

/**
 * A `locked` answer in the sign-in page's words: how many minutes until the account may
 * try again (from `retryAfterSeconds`), and who can help sooner.
 *
 * ### Examples
 * ```ts
 * lockedProblem(problem).title; // 'Too many failed attempts: try again in 15 minutes'
 * ```
 */
export function lockedProblem(problem: ApiProblem): ApiProblem {
  const minutes = Math.max(1, Math.ceil((problem.retryAfterSeconds ?? 60) / 60));
  return new ApiProblem({
    code: problem.code,
    title: `Too many failed attempts: try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`,
    detail:
      'The account is locked for a while to stop password guessing. Wait, or ask your IT administrator to unlock it now.',
    status: problem.status,
    retryAfterSeconds: problem.retryAfterSeconds,
  });
}
