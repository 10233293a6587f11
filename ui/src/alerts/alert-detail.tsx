import { useEffect, useId, useRef } from 'react';
import { api } from '../api/api.js';
import type { ApiProblem } from '../api/api-problem.js';
import type { Alert } from '../api/types.js';
import { useApiData } from '../app/use-api-data.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import type { TimeFormat } from '../format/create-time-format.js';
import { type AlertActionKind, AlertActions } from './alert-actions.js';
import { AlertFacts } from './alert-facts.js';
import { EvidenceList } from './evidence-list.js';

/**
 * One alert in full beside (or below) the queue: its facts, where it is in the workflow,
 * the actions, and the evidence. Reading it is audited by the server. Takes focus when it
 * opens on a user's request (`focusToken` changes), so a screen reader reads it next.
 */
export function AlertDetail({
  id,
  fromList,
  latest,
  reloadToken,
  focusToken,
  canChange,
  actionProblem,
  busy,
  time,
  onAction,
  onDismiss,
}: {
  readonly id: string;
  /** The queue's copy, shown while the detail loads. */
  readonly fromList: Alert | undefined;
  /** The alert as the last action on this page returned it (fresher than the load). */
  readonly latest: Alert | undefined;
  /** Changes when the page wants the detail loaded again (after a conflict). */
  readonly reloadToken: number;
  readonly focusToken: number;
  readonly canChange: boolean;
  readonly actionProblem: ApiProblem | null;
  readonly busy: boolean;
  readonly time: TimeFormat;
  readonly onAction: (kind: AlertActionKind, alert: Alert) => void;
  readonly onDismiss: () => void;
}) {
  const { data, problem, loading, reload } = useApiData(`${id}#${reloadToken}`, (signal) =>
    api.alert(id, signal),
  );
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement | null>(null);
  const alert = latest ?? (data?.alert.id === id ? data.alert : fromList);

  useEffect(() => {
    if (focusToken > 0) heading.current?.focus();
  }, [focusToken]);

  return (
    <section className="panel alert-detail" aria-labelledby={headingId} aria-busy={loading}>
      <div className="alert-detail__head">
        <h2 id={headingId} ref={heading} tabIndex={-1} className="alert-detail__title">
          {alert?.title ?? 'Alert'}
        </h2>
        <button type="button" className="button button--ghost" onClick={onDismiss}>
          Close detail<span className="visually-hidden"> of this alert</span>
        </button>
      </div>
      {alert !== undefined && <AlertFacts alert={alert} time={time} />}
      {actionProblem !== null && <ProblemMessage problem={actionProblem} />}
      {alert !== undefined &&
        (canChange ? (
          <AlertActions alert={alert} busy={busy} onAction={onAction} />
        ) : (
          <p className="notice">Your role can read alerts but not change them.</p>
        ))}
      <h3 className="alert-detail__section">Evidence, newest first</h3>
      {problem !== null && <ProblemMessage problem={problem} onRetry={reload} />}
      {data === undefined && problem === null && <LoadingMessage what="the evidence" />}
      {data !== undefined && data.alert.id === id && (
        <EvidenceList evidence={data.evidence} time={time} />
      )}
    </section>
  );
}
