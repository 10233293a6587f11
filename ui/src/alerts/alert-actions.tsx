import type { Alert } from '../api/types.js';
import { allowedActions } from './allowed-actions.js';

/** The workflow steps the detail offers. */
export type AlertActionKind = 'acknowledge' | 'close' | 'escalate';

/**
 * Acknowledge, Close… and Escalate… for one alert, each showing its keyboard shortcut.
 * Steps the alert's state does not allow are disabled, with the reason beside them.
 */
export function AlertActions({
  alert,
  busy,
  onAction,
}: {
  readonly alert: Alert;
  readonly busy: boolean;
  readonly onAction: (kind: AlertActionKind, alert: Alert) => void;
}) {
  const allowed = allowedActions(alert);
  const finished = alert.state.kind === 'closed' || alert.state.kind === 'escalated';
  return (
    <div className="alert-actions">
      <fieldset className="alert-actions__group" disabled={busy}>
        <legend className="visually-hidden">Actions</legend>
        <button
          type="button"
          className="button button--primary"
          disabled={!allowed.acknowledge}
          aria-keyshortcuts="a"
          onClick={() => onAction('acknowledge', alert)}
        >
          Acknowledge{' '}
          <span className="kbd" aria-hidden="true">
            a
          </span>
        </button>
        <button
          type="button"
          className="button"
          disabled={!allowed.close}
          aria-keyshortcuts="c"
          onClick={() => onAction('close', alert)}
        >
          Close…{' '}
          <span className="kbd" aria-hidden="true">
            c
          </span>
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={!allowed.escalate}
          aria-keyshortcuts="e"
          onClick={() => onAction('escalate', alert)}
        >
          Escalate…{' '}
          <span className="kbd" aria-hidden="true">
            e
          </span>
        </button>
      </fieldset>
      {finished && (
        <p className="alert-actions__note">
          This alert is {alert.state.kind}: it does not change again. A new alert will be raised if
          it happens again.
        </p>
      )}
    </div>
  );
}
