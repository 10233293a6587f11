import type { Alert } from '../api/types.js';

/** Which workflow steps an alert's state allows (the server refuses the others with 409). */
export interface AllowedActions {
  readonly acknowledge: boolean;
  readonly close: boolean;
  readonly escalate: boolean;
}

/**
 * The steps allowed from a state: new -> acknowledged -> closed, or escalated from new or
 * acknowledged; closed and escalated alerts do not move again.
 * NOTE: keep in sync with the workflow in src/monitor/alert-state.ts.
 */
export function allowedActions(alert: Alert): AllowedActions {
  const open = alert.state.kind === 'new' || alert.state.kind === 'acknowledged';
  return { acknowledge: alert.state.kind === 'new', close: open, escalate: open };
}
