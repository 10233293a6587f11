import { useId } from 'react';
import type { PolicyMatrix } from '../api/policy-api.js';
import { useApiData } from '../app/use-api-data.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import type { TimeFormat } from '../format/create-time-format.js';
import { actorName } from './actor-name.js';
import { describeSubject } from './describe-subject.js';
import { RuleWords } from './rule-words.js';
import { usePolicyApi } from './use-policy-api.js';

const LIMIT = 200;

/**
 * The decision log: every change to what is blocked or allowed, newest first, with who
 * made it, the rule before and after, and why (the record the DfE standards ask for).
 * Loads again whenever `version` changes (after a change on this page).
 */
export function DecisionLog({
  matrix,
  version,
  time,
}: {
  /** For category and group labels; ids are shown until it has loaded. */
  readonly matrix: PolicyMatrix | undefined;
  readonly version: number;
  readonly time: TimeFormat;
}) {
  const headingId = useId();
  const policyApi = usePolicyApi();
  const log = useApiData(`decisions:${version}`, (signal) => policyApi.decisions(LIMIT, signal));

  return (
    <section className="policy-log" aria-labelledby={headingId} aria-busy={log.loading}>
      <div className="policy-log__head">
        <h2 id={headingId} className="policy-section__title">
          Decision log
        </h2>
        <p className="policy-section__note">
          Every change to what is blocked or allowed, and why. Times are in the school’s timezone.
        </p>
      </div>
      {log.problem !== null && <ProblemMessage problem={log.problem} onRetry={log.reload} />}
      {log.data === undefined && log.problem === null && <LoadingMessage what="the decision log" />}
      {log.data !== undefined && log.data.length === 0 && (
        <p className="empty">
          No changes yet: the policy is as the policy file sets it. Changes made here will be
          listed.
        </p>
      )}
      {log.data !== undefined && log.data.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table policy-log__table">
              <caption className="visually-hidden">Decision log, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Change</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {log.data.map((decision) => (
                  <tr key={decision.id}>
                    <td className="nowrap">
                      <time dateTime={time.iso(decision.timeMs)} title={time.full(decision.timeMs)}>
                        {time.short(decision.timeMs)}
                      </time>
                    </td>
                    <td>{actorName(decision.actor)}</td>
                    <th scope="row">{describeSubject(decision, matrix)}</th>
                    <td className="policy-log__change">
                      <RuleWords text={decision.before} />
                      <span aria-hidden="true"> → </span>
                      <span className="visually-hidden"> changed to </span>
                      <RuleWords text={decision.after} />
                    </td>
                    <td className="policy-log__reason">{decision.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {log.data.length >= LIMIT && (
            <p className="table-note">
              Showing the newest {LIMIT} changes. Older ones are on the audit trail (kind “policy”).
            </p>
          )}
        </>
      )}
    </section>
  );
}
