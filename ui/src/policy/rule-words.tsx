import type { CellAction } from '../api/policy-api.js';
import { ActionBadge } from './action-badge.js';
import { ACTION_LABELS } from './action-labels.js';

/**
 * A rule as the decision log records it: a single action as its badge (`block`), anything
 * longer (`allow during lunchtime; block`, `allow (no rule)`) as the words themselves, but
 * an exception's `allow until …` as the badge and its expiry.
 */
export function RuleWords({ text }: { readonly text: string }) {
  if (text !== 'timed' && Object.hasOwn(ACTION_LABELS, text)) {
    return <ActionBadge action={text as CellAction} />;
  }
  // An exception with an expiry: `allow until the end of 2026-11-27`.
  const until = /^(allow|block) (until .+)$/.exec(text);
  if (until !== null) {
    return (
      <span className="policy-log__rule">
        <ActionBadge action={until[1] as CellAction} /> {until[2]}
      </span>
    );
  }
  return <span className="policy-log__rule">{text}</span>;
}
