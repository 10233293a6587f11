import type { AlertStateKind } from '../api/types.js';

/** Each workflow state in words, in workflow order (the filter lists them in this order). */
export const ALERT_STATES: readonly { readonly kind: AlertStateKind; readonly label: string }[] =
  Object.freeze([
    { kind: 'new', label: 'New' },
    { kind: 'acknowledged', label: 'Acknowledged' },
    { kind: 'escalated', label: 'Escalated' },
    { kind: 'closed', label: 'Closed' },
  ]);

/** The states the queue calls "open": still waiting for someone (the server's default). */
export const OPEN_STATES: readonly AlertStateKind[] = ['new', 'acknowledged'];
