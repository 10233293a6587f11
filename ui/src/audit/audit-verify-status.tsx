import { api } from '../api/api.js';
import { useApiData } from '../app/use-api-data.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { formatCount } from '../format/format-count.js';

/**
 * Whether the audit trail's hash chain is intact: "Audit trail intact: N rows, head
 * seq:hash", or each problem the check found, in red (and read out at once).
 */
export function AuditVerifyStatus() {
  const { data, problem, loading, reload } = useApiData('audit-verify', (signal) =>
    api.verifyAudit(signal),
  );
  if (problem !== null) return <ProblemMessage problem={problem} onRetry={reload} />;
  if (data === undefined) return <LoadingMessage what="the audit trail check" />;
  const head = data.head === null ? 'empty' : `${data.head.seq}:${data.head.hash}`;
  return (
    <div
      className={`verify verify--${data.intact ? 'ok' : 'broken'}`}
      role={data.intact ? undefined : 'alert'}
    >
      <p className="verify__summary">
        <span className="verify__icon" aria-hidden="true">
          {data.intact ? '✓' : '✗'}
        </span>
        {data.intact ? (
          <>
            Audit trail intact: {formatCount(data.rows)} rows, head{' '}
            <code className="verify__head">{head}</code>
          </>
        ) : (
          <>
            Audit trail check failed: {data.problems.length}{' '}
            {data.problems.length === 1 ? 'problem' : 'problems'} in {formatCount(data.rows)} rows.
            Tell your IT administrator and the DSL: the trail may have been altered.
          </>
        )}
      </p>
      {!data.intact && data.problems.length > 0 && (
        <ul className="verify__problems">
          {data.problems.map((text, i) => (
            // Problems are plain messages with no id; their order is the check's.
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered.
            <li key={i}>{text}</li>
          ))}
        </ul>
      )}
      <button type="button" className="button button--quiet" onClick={reload} disabled={loading}>
        {loading ? 'Checking…' : 'Check again'}
      </button>
    </div>
  );
}
