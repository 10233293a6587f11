import type { Evidence } from '../api/types.js';
import type { TimeFormat } from '../format/create-time-format.js';

/**
 * What the alert is based on, newest first: when, what the gateway did, the URL (as text,
 * never a link: nobody should open it by accident), search terms, matched phrases and the
 * page snippet around them.
 */
export function EvidenceList({
  evidence,
  time,
}: {
  readonly evidence: readonly Evidence[];
  readonly time: TimeFormat;
}) {
  if (evidence.length === 0) {
    return (
      <p className="panel__empty">
        No evidence is stored for this alert (it may have passed its retention period).
      </p>
    );
  }
  const newestFirst = [...evidence].sort((a, b) => b.timeMs - a.timeMs);
  return (
    <ol className="evidence">
      {newestFirst.map((item) => (
        <li key={item.eventId} className="evidence__item">
          <div className="evidence__head">
            <time dateTime={time.iso(item.timeMs)} title={time.full(item.timeMs)}>
              {time.short(item.timeMs)}
            </time>
            <span
              className={`badge badge--action badge--${item.action === 'block' ? 'block' : 'other'}`}
            >
              {item.action}
            </span>
          </div>
          <dl className="facts facts--compact">
            <div className="facts__row">
              <dt>URL</dt>
              <dd>
                <code className="evidence__url">{item.url}</code>
              </dd>
            </div>
            {item.searchTerms !== null && (
              <div className="facts__row">
                <dt>Search terms</dt>
                <dd className="evidence__terms">{item.searchTerms}</dd>
              </div>
            )}
            {item.phrases.length > 0 && (
              <div className="facts__row">
                <dt>Matched phrases</dt>
                <dd>
                  <ul className="evidence__phrases">
                    {item.phrases.map((phrase) => (
                      <li key={phrase}>
                        <mark>{phrase}</mark>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
            {item.snippet !== null && (
              <div className="facts__row">
                <dt>Snippet</dt>
                <dd>
                  <blockquote className="evidence__snippet">{item.snippet}</blockquote>
                </dd>
              </div>
            )}
          </dl>
        </li>
      ))}
    </ol>
  );
}
