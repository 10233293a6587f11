import type { AlertState } from '../api/types.js';
import { ALERT_STATES } from '../labels/alert-states.js';

/** An alert's workflow state as a small badge ("New", "Acknowledged"...). */
export function StateBadge({ state }: { readonly state: AlertState }) {
  const label = ALERT_STATES.find((s) => s.kind === state.kind)?.label ?? state.kind;
  return <span className={`state state--${state.kind}`}>{label}</span>;
}
