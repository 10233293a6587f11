import type { CellAction, PolicyAction } from '../api/policy-api.js';

/** An action in words: the badge's word and one line on what it does to a request. */
export interface ActionLabel {
  readonly word: string;
  readonly meaning: string;
}

/**
 * Each action a cell can show, in words. The change dialog offers the four settable ones
 * in `SETTABLE_ACTIONS` order; `timed` is only ever shown (a rule that changes with the
 * time of day, set in the policy file).
 * NOTE: keep the meanings in sync with the `Action` doc in src/engine/policy/action.ts.
 */
export const ACTION_LABELS: Readonly<Record<CellAction, ActionLabel>> = Object.freeze({
  allow: { word: 'allow', meaning: 'Let it through.' },
  warn: {
    word: 'warn',
    meaning: 'Show a warning page first; the person may continue, and the visit is recorded.',
  },
  alert: {
    word: 'alert',
    meaning: 'Let it through, and raise a safeguarding alert for the DSL.',
  },
  block: { word: 'block', meaning: 'Show the block page; the site does not open.' },
  timed: { word: 'timed', meaning: 'Changes with the time of day (a rule from the policy file).' },
});

/** The actions a cell can be set to, least restrictive first. */
export const SETTABLE_ACTIONS: readonly PolicyAction[] = Object.freeze([
  'allow',
  'warn',
  'alert',
  'block',
]);
