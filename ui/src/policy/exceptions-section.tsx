import { useId, useState } from 'react';
import type { PolicyException, PolicyMatrix } from '../api/policy-api.js';
import { useApiData } from '../app/use-api-data.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import type { TimeFormat } from '../format/create-time-format.js';
import { ActionBadge } from './action-badge.js';
import { AddExceptionDialog } from './add-exception-dialog.js';
import { AddedBy } from './added-by.js';
import { expiryWords } from './expiry-words.js';
import { groupNames } from './group-names.js';
import { RemoveCell } from './remove-cell.js';
import { type RemovalTarget, RemoveWithReasonDialog } from './remove-with-reason-dialog.js';
import { usePolicyApi } from './use-policy-api.js';

/**
 * The exceptions: sites allowed or blocked whatever their categories, for everyone or some
 * groups, each with its reason and expiry. Those from the policy file are listed read-only;
 * IT adds and removes the console's (each with a reason, in the decision log). Expired ones
 * stay listed, marked, until removed. `onChanged` reloads the decision log.
 */
export function ExceptionsSection({
  matrix,
  canChange,
  time,
  version,
  onChanged,
}: {
  /** For group labels; ids are shown until it has loaded. */
  readonly matrix: PolicyMatrix | undefined;
  readonly canChange: boolean;
  readonly time: TimeFormat;
  /** Loads again whenever it changes (a refresh of the page). */
  readonly version: number;
  readonly onChanged: (message: string) => void;
}) {
  const headingId = useId();
  const policyApi = usePolicyApi();
  const [own, setOwn] = useState(0);
  const list = useApiData(`exceptions:${version}:${own}`, (signal) => policyApi.exceptions(signal));
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<RemovalTarget | null>(null);
  const now = Date.now();

  const changed = (message: string) => {
    setOwn((n) => n + 1);
    onChanged(message);
  };
  const removal = (exception: PolicyException): RemovalTarget => ({
    title: `Remove the exception for ${exception.match}`,
    effect: `${groupNames(exception.groups, matrix?.groups)} will get the category rules for ${exception.match} again, within a few seconds.`,
    remove: (reason) => policyApi.removeException(exception.id, reason),
  });

  return (
    <section className="policy-exceptions" aria-labelledby={headingId} aria-busy={list.loading}>
      <div className="policy-log__head">
        <h2 id={headingId} className="policy-section__title">
          Exceptions
        </h2>
        <p className="policy-section__note">
          Sites allowed or blocked whatever their categories. Mandatory categories stay blocked.
        </p>
        {canChange && (
          <button
            type="button"
            className="button button--primary policy-section__action"
            onClick={() => setAdding(true)}
            aria-haspopup="dialog"
          >
            Add exception
          </button>
        )}
      </div>
      {list.problem !== null && <ProblemMessage problem={list.problem} onRetry={list.reload} />}
      {list.data === undefined && list.problem === null && <LoadingMessage what="the exceptions" />}
      {list.data !== undefined && list.data.length === 0 && (
        <p className="empty">
          No exceptions: every site gets its categories’ rules.
          {canChange ? ' Add one to allow or block a site for some or all groups.' : ''}
        </p>
      )}
      {list.data !== undefined && list.data.length > 0 && (
        <div className="table-wrap">
          <table className="table policy-exceptions__table">
            <caption className="visually-hidden">
              Exceptions, from the policy file first, then those added here
            </caption>
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Action</th>
                <th scope="col">Groups</th>
                <th scope="col">Reason</th>
                <th scope="col">Expires</th>
                <th scope="col">Added</th>
                {canChange && (
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.data.map((exception) => (
                <tr
                  key={exception.id}
                  className={
                    exception.state === 'expired' ? 'policy-exceptions__expired' : undefined
                  }
                >
                  <th scope="row" className="policy-exceptions__site">
                    {exception.match}
                  </th>
                  <td>
                    <ActionBadge action={exception.action} />
                  </td>
                  <td>{groupNames(exception.groups, matrix?.groups)}</td>
                  <td className="policy-log__reason">{exception.reason}</td>
                  <td className="nowrap">
                    {exception.expiresMs === null ? (
                      <span className="policy-section__muted">no expiry</span>
                    ) : (
                      <time
                        dateTime={time.iso(exception.expiresMs)}
                        title={time.full(exception.expiresMs)}
                        className={
                          exception.state === 'expired' ? 'policy-exceptions__state' : undefined
                        }
                      >
                        {expiryWords(exception.expiresMs, now)}
                      </time>
                    )}
                  </td>
                  <td>
                    <AddedBy entry={exception} fileLabel="policy file" time={time} />
                  </td>
                  {canChange && (
                    <RemoveCell
                      source={exception.source}
                      label={`Remove the exception for ${exception.match}`}
                      onRemove={() => setRemoving(removal(exception))}
                    />
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddExceptionDialog
        open={adding}
        groups={matrix?.groups ?? []}
        onCancel={() => setAdding(false)}
        onAdded={(exception) => {
          setAdding(false);
          changed(
            `Exception added: ${exception.action} ${exception.match}. Gateways apply it within a few seconds.`,
          );
        }}
      />
      <RemoveWithReasonDialog
        target={removing}
        onCancel={() => setRemoving(null)}
        onRemoved={(target) => {
          setRemoving(null);
          changed(
            `${target.title.replace(/^Remove/, 'Removed')}. Gateways apply it within a few seconds.`,
          );
        }}
      />
    </section>
  );
}
