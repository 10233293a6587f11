import type { AlertOutcome } from '../api/types.js';

/**
 * How a closed alert ended, in words, in the order the Close dialog offers them.
 * NOTE: keep in sync with ALERT_OUTCOMES in src/monitor/alert-state.ts.
 */
export const ALERT_OUTCOMES: readonly { readonly value: AlertOutcome; readonly label: string }[] =
  Object.freeze([
    { value: 'no-concern', label: 'No concern' },
    { value: 'handled-in-school', label: 'Handled in school' },
    { value: 'false-positive', label: 'False positive' },
    { value: 'duplicate', label: 'Duplicate' },
  ]);
