import type { CellAction } from '../api/policy-api.js';
import { ActionBadge } from './action-badge.js';
import { ACTION_LABELS } from './action-labels.js';

/**
 * A rule as the decision log records it: a single action as its badge (`block`), anything
 * longer (`allow during lunchtime; block`, `allow (no rule)`) as the words themselves.
 */
export function RuleWords({ text }: { readonly text: string }) {
  if (text !== 'timed' && Object.hasOwn(ACTION_LABELS, text)) {
    return <ActionBadge action={text as CellAction} />;
  }
  return <span className="policy-log__rule">{text}</span>;
}
