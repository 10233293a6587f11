/**
 * The alert queue's keyboard shortcuts, one table for the handler, the hint line and the
 * help dialog, so they never disagree.
 */
export const TRIAGE_SHORTCUTS: readonly {
  readonly key: string;
  readonly label: string;
  readonly does: string;
}[] = Object.freeze([
  { key: 'j', label: 'j', does: 'Select the next alert' },
  { key: 'k', label: 'k', does: 'Select the previous alert' },
  { key: 'Enter', label: 'Enter', does: 'Open the selected alert' },
  { key: 'a', label: 'a', does: 'Acknowledge the selected alert' },
  { key: 'c', label: 'c', does: 'Close the selected alert (asks for an outcome and reason)' },
  {
    key: 'e',
    label: 'e',
    does: 'Escalate the selected alert (asks for a case reference and reason)',
  },
  { key: 'Escape', label: 'Esc', does: 'Close the alert detail' },
  { key: '?', label: '?', does: 'Show these shortcuts' },
]);
