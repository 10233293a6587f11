import type { CellAction } from '../api/policy-api.js';
import { ACTION_LABELS } from './action-labels.js';

/**
 * An action as a badge: its word in its colour (`block` in red, `allow` in green...). The
 * word is always there, so the colour never carries the meaning alone.
 */
export function ActionBadge({ action }: { readonly action: CellAction }) {
  const label = ACTION_LABELS[action] ?? { word: action, meaning: '' };
  return <span className={`action-badge action-badge--${action}`}>{label.word}</span>;
}
