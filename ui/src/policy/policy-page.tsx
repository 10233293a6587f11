import { useId, useState } from 'react';
import type { PolicyCellResult } from '../api/policy-api.js';
import { useAnnounce } from '../app/use-announce.js';
import { useApiData } from '../app/use-api-data.js';
import { usePageHeading } from '../app/use-page-heading.js';
import { useSession } from '../app/use-session.js';
import { useTimeFormat } from '../app/use-time-format.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { ActionBadge } from './action-badge.js';
import { ACTION_LABELS, SETTABLE_ACTIONS } from './action-labels.js';
import type { CellTarget } from './cell-target.js';
import { ChangeCellDialog } from './change-cell-dialog.js';
import { DecisionLog } from './decision-log.js';
import { ExceptionsSection } from './exceptions-section.js';
import { ExemptionsSection } from './exemptions-section.js';
import { PolicyGrid } from './policy-grid.js';
import { usePolicyApi } from './use-policy-api.js';
import './policy.css';

/**
 * The filter policy (`#/policy`): the category x group matrix, editable cell by cell with a
 * reason for those who hold `policy.change` (IT), read-only for everyone else with
 * `policy.read`; below it, the exceptions, the inspection exemptions and the decision log.
 * A saved change reloads what it touched and the log, and is announced; the gateways pick
 * it up within a few seconds (they poll the policy version).
 */
export function PolicyPage() {
  const heading = usePageHeading('Policy');
  const { can } = useSession();
  const time = useTimeFormat();
  const announce = useAnnounce();
  const policyApi = usePolicyApi();
  const matrix = useApiData('policy', (signal) => policyApi.policy(signal));
  const [editing, setEditing] = useState<CellTarget | null>(null);
  const [logVersion, setLogVersion] = useState(0);
  const gridHeadingId = useId();
  const canChange = can('policy.change');

  const saved = (target: CellTarget, result: PolicyCellResult) => {
    setEditing(null);
    matrix.reload();
    setLogVersion((n) => n + 1);
    announce(
      `Saved. Gateways apply it within a few seconds. ${target.category.label} for ${target.group.label} is now ${result.after}.`,
    );
  };

  // An exception or exemption added or removed: the decision log has a new line.
  const sectionChanged = (message: string) => {
    setLogVersion((n) => n + 1);
    announce(message);
  };

  const refresh = () => {
    matrix.reload();
    setLogVersion((n) => n + 1);
  };

  return (
    <section className="page policy-page" aria-busy={matrix.loading}>
      <div className="page__head">
        <div>
          <h1 ref={heading} tabIndex={-1} className="page__title">
            Policy
          </h1>
          <p className="page__subtitle">
            What each group gets for each category, and why.{' '}
            {canChange
              ? 'Changes need a reason and reach the gateways within a few seconds.'
              : 'Your role can read the policy; the IT administrator changes it.'}
          </p>
        </div>
        <button type="button" className="button" onClick={refresh} disabled={matrix.loading}>
          {matrix.loading && matrix.data !== undefined ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <section className="policy-matrix" aria-labelledby={gridHeadingId}>
        <div className="policy-matrix__head">
          <h2 id={gridHeadingId} className="policy-section__title">
            Categories by group
          </h2>
          <ul className="policy-legend" aria-label="What the actions do">
            {SETTABLE_ACTIONS.map((action) => (
              <li
                key={action}
                className="policy-legend__item"
                title={ACTION_LABELS[action].meaning}
              >
                <ActionBadge action={action} />
                <span className="visually-hidden">: {ACTION_LABELS[action].meaning}</span>
              </li>
            ))}
            <li className="policy-legend__item" title={ACTION_LABELS.timed.meaning}>
              <ActionBadge action="timed" />
              <span className="visually-hidden">: {ACTION_LABELS.timed.meaning}</span>
            </li>
          </ul>
          {matrix.data !== undefined && (
            <p className="policy-section__note">version {matrix.data.version}</p>
          )}
        </div>
        {matrix.problem !== null && (
          <ProblemMessage problem={matrix.problem} onRetry={matrix.reload} />
        )}
        {matrix.data === undefined && matrix.problem === null && (
          <LoadingMessage what="the policy" />
        )}
        {matrix.data !== undefined && matrix.data.groups.length === 0 && (
          <p className="empty">
            The policy file defines no groups, so there is nothing to show. Add groups under
            <code>policy.groups</code> in the policy file.
          </p>
        )}
        {matrix.data !== undefined && matrix.data.groups.length > 0 && (
          <PolicyGrid
            matrix={matrix.data}
            canChange={canChange}
            time={time}
            onEdit={setEditing}
            onRefused={announce}
          />
        )}
      </section>
      <ExceptionsSection
        matrix={matrix.data}
        canChange={canChange}
        time={time}
        version={logVersion}
        onChanged={sectionChanged}
      />
      <ExemptionsSection
        matrix={matrix.data}
        canChange={canChange}
        time={time}
        version={logVersion}
        onChanged={sectionChanged}
      />
      <DecisionLog matrix={matrix.data} version={logVersion} time={time} />
      <ChangeCellDialog target={editing} onCancel={() => setEditing(null)} onSaved={saved} />
    </section>
  );
}
