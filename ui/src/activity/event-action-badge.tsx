import type { EventAction } from '../api/activity-api.js';

/**
 * What the filter did, in words, for a timeline (past tense: it happened). The word is
 * always shown, so the colour never carries the meaning alone.
 * NOTE: keep in sync with the `Action` doc in src/engine/policy/action.ts.
 */
const WORDS: Readonly<Record<EventAction, { word: string; meaning: string }>> = Object.freeze({
  allow: { word: 'Allowed', meaning: 'The page opened.' },
  block: { word: 'Blocked', meaning: 'The block page was shown; the site did not open.' },
  warn: { word: 'Warned', meaning: 'A warning page was shown first; the person could go on.' },
  alert: { word: 'Alerted', meaning: 'The page opened, and a safeguarding alert was raised.' },
});

/** An event's action as a badge: its word in its colour, its meaning on hover. */
export function EventActionBadge({ action }: { readonly action: EventAction }) {
  const label = WORDS[action] ?? { word: action, meaning: '' };
  return (
    <span className={`activity-action activity-action--${action}`} title={label.meaning}>
      {label.word}
    </span>
  );
}
