import type { GroupVerdict } from '../api/lists-api.js';

/**
 * What decided for one group, in the "Matched" column: the list entry (with its list), the
 * exception, the phrases with their score, or the category alone; a dash when nothing did.
 */
export function VerdictMatch({ verdict }: { readonly verdict: GroupVerdict }) {
  if (verdict.entry !== null) {
    return (
      <>
        <code className="lists-entry">{verdict.entry.key}</code>
        <span className="lists-muted lists-block">
          {verdict.entry.kind} entry in {verdict.entry.sources.join(', ')}
          {verdict.category === null ? '' : ` (${verdict.category.label})`}
        </span>
      </>
    );
  }
  if (verdict.exception !== null) {
    return (
      <>
        {verdict.exception.madeBy === null ? (
          <>
            Exception <code className="lists-entry">{verdict.exception.id}</code>
          </>
        ) : (
          <>Exception made in the console by {verdict.exception.madeBy.replace(/^console:/, '')}</>
        )}
        <span className="lists-muted lists-block">
          {verdict.exception.action} {verdict.exception.match}
          {verdict.exception.expires === null ? '' : `, until ${verdict.exception.expires}`}
        </span>
      </>
    );
  }
  if (verdict.phrases !== null) {
    return (
      <>
        {verdict.phrases.phrases.map((phrase) => (
          <q key={phrase} className="lists-phrase">
            {phrase}
          </q>
        ))}
        <span className="lists-muted lists-block">
          {verdict.category === null ? 'phrases' : `${verdict.category.label} phrases`}:{' '}
          {verdict.phrases.banned
            ? 'banned'
            : `score ${verdict.phrases.score}, limit ${verdict.phrases.limit}`}
        </span>
      </>
    );
  }
  if (verdict.category !== null) return <>{verdict.category.label}</>;
  return <span className="lists-muted">Nothing: no list, phrase or exception</span>;
}
