import type { ApiProblem } from '../api/api-problem.js';

/**
 * An API problem as the page shows it: what happened, what to do, and which fields were
 * refused. `role="alert"` so it is read out as soon as it appears.
 */
export function ProblemMessage({
  problem,
  onRetry,
}: {
  readonly problem: ApiProblem;
  /** Shows a "Try again" button (for loads; actions are retried from their own form). */
  readonly onRetry?: () => void;
}) {
  // An `invalid` problem's detail is its field list joined up: show the list once.
  const listed = problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  const detail =
    problem.errors.length > 0 && problem.detail === listed
      ? 'Correct these and try again:'
      : problem.detail;
  return (
    <div className="problem" role="alert">
      <p className="problem__title">{problem.title}</p>
      <p className="problem__detail">{detail}</p>
      {problem.errors.length > 0 && (
        <ul className="problem__fields">
          {problem.errors.map((error) => (
            <li key={`${error.path}:${error.message}`}>
              <strong>{error.path}</strong>: {error.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry !== undefined && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
