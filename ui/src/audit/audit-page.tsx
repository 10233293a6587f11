import { api } from '../api/api.js';
import { useApiData } from '../app/use-api-data.js';
import { usePageHeading } from '../app/use-page-heading.js';
import { useTimeFormat } from '../app/use-time-format.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { AUDIT_TARGET_KINDS } from '../labels/audit-target-kinds.js';
import { navigate } from '../router/navigate.js';
import { AuditFilters } from './audit-filters.js';
import { AuditTable } from './audit-table.js';
import { AuditVerifyStatus } from './audit-verify-status.js';

const LIMIT = 200;

/**
 * The audit trail: its verification status at the top, then the newest records, filtered
 * by the kind of thing they are about and which one (kept in the address).
 */
export function AuditPage({ params }: { readonly params: URLSearchParams }) {
  const heading = usePageHeading('Audit');
  const time = useTimeFormat();
  const rawKind = params.get('kind') ?? '';
  const kind = AUDIT_TARGET_KINDS.includes(rawKind) ? rawKind : '';
  const target = (params.get('target') ?? '').trim();
  const records = useApiData(JSON.stringify([kind, target]), (signal) =>
    api.audit(
      { ...(kind === '' ? {} : { kind }), ...(target === '' ? {} : { target }), limit: LIMIT },
      signal,
    ),
  );
  const summary = [kind === '' ? '' : `kind ${kind}`, target === '' ? '' : `target ${target}`]
    .filter(Boolean)
    .join(', ');

  return (
    <section className="page" aria-busy={records.loading}>
      <div className="page__head">
        <div>
          <h1 ref={heading} tabIndex={-1} className="page__title">
            Audit
          </h1>
          <p className="page__subtitle">
            Who did what and why: every change and every read of a person's records, in a
            tamper-evident chain.
          </p>
        </div>
        <button
          type="button"
          className="button"
          onClick={records.reload}
          disabled={records.loading}
        >
          {records.loading && records.data !== undefined ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <AuditVerifyStatus />
      <AuditFilters
        kind={kind}
        target={target}
        onChange={(change) => navigate('/audit', { kind, target, ...change }, { replace: true })}
      />
      {records.problem !== null && (
        <ProblemMessage problem={records.problem} onRetry={records.reload} />
      )}
      {records.data === undefined && records.problem === null && (
        <LoadingMessage what="audit records" />
      )}
      {records.data !== undefined && records.data.length === 0 && (
        <p className="empty">No audit records match these filters.</p>
      )}
      {records.data !== undefined && records.data.length > 0 && (
        <>
          <AuditTable records={records.data} summary={summary} time={time} />
          {records.data.length >= LIMIT && (
            <p className="table-note">
              Showing the newest {LIMIT}. Filter by kind or target to find older records.
            </p>
          )}
        </>
      )}
    </section>
  );
}
