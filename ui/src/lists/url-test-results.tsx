import type { UrlTestResult } from '../api/lists-api.js';
import { ActionBadge } from '../policy/action-badge.js';
import { TimeAgo } from './time-ago.js';
import { VerdictMatch } from './verdict-match.js';

/**
 * The decision for each policy group for one address: the decision as a badge (word and
 * colour), why in words, and what matched; the engine's own explanation folds out. Above
 * the table, what the lists say of the address whatever the group.
 */
export function UrlTestResults({ result }: { readonly result: UrlTestResult }) {
  const onLists =
    result.entries.length === 0
      ? 'On no list.'
      : `On the lists: ${result.entries
          .map((e) => `${e.key} in ${e.sources.join(', ')} (${labelsOf(e.categories)})`)
          .join('; ')}.`;
  function labelsOf(ids: readonly string[]): string {
    return ids.map((id) => result.categories.find((c) => c.id === id)?.label ?? id).join(', ');
  }
  return (
    <div className="lists-result">
      <p className="lists-result__facts">
        <span>
          Read as <code>{result.url}</code>
        </span>
        <span>{onLists}</span>
        {result.search !== null && (
          <span>
            A search on {result.search.engine} for <q>{result.search.terms}</q>.
          </span>
        )}
      </p>
      <div className="table-wrap">
        <table className="table lists-verdicts">
          <caption className="table__caption">
            Decision for each group <span className="visually-hidden">for {result.url}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Decision</th>
              <th scope="col">Why</th>
              <th scope="col">Matched</th>
            </tr>
          </thead>
          <tbody>
            {result.groups.map((verdict) => (
              <tr key={verdict.group.id}>
                <th scope="row">
                  <span className="lists-category">{verdict.group.label}</span>
                  <span className="lists-category__id">
                    <code>{verdict.group.id}</code>
                  </span>
                </th>
                <td>
                  <ActionBadge action={verdict.action} />
                </td>
                <td className="lists-why">
                  <p>{verdict.summary}</p>
                  {verdict.rule?.source === 'console' && (
                    <p className="lists-muted">
                      Rule changed in the console by{' '}
                      {(verdict.rule.changedBy ?? '').replace(/^console:/, '')},{' '}
                      <TimeAgo ms={verdict.rule.changedMs ?? null} />: {verdict.rule.reason}
                    </p>
                  )}
                  {verdict.explanation.length > 0 && (
                    <details className="lists-details">
                      <summary>The engine’s explanation</summary>
                      <ul>
                        {verdict.explanation.map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
                <td className="lists-matched">
                  <VerdictMatch verdict={verdict} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
