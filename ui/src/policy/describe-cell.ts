import type { PolicyRule } from '../api/policy-api.js';
import { ACTION_LABELS } from './action-labels.js';
import { actorName } from './actor-name.js';

/** A cell in words, for its accessible name, its description and the grid's info line. */
export interface CellDescription {
  /** The accessible name: `Games, Pupils: block (from the policy file)`. */
  readonly name: string;
  /** Where the rule comes from, briefly: `from the policy file`, `changed in the console`. */
  readonly source: string;
  /** Where it comes from in full, with who, when and why for a console change. */
  readonly detail: string;
}

/**
 * Says what a cell of the matrix does and where its rule comes from. `formatTime` writes a
 * console change's time (the school's timezone: pass `TimeFormat.full`).
 *
 * ### Examples
 * ```ts
 * describeCell({ label: 'Games' }, { label: 'Pupils' }, rule, time.full).name;
 * // 'Games, Pupils: block (from the policy file)'
 * ```
 */
export function describeCell(
  category: { readonly label: string },
  group: { readonly label: string },
  rule: PolicyRule,
  formatTime: (ms: number) => string,
): CellDescription {
  const source = SOURCES[rule.source];
  const what =
    rule.action === 'timed'
      ? `timed, ${rule.rule}`
      : rule.source === 'mandatory'
        ? 'block'
        : ACTION_LABELS[rule.action].word;
  return {
    name: `${category.label}, ${group.label}: ${what} (${source})`,
    source,
    detail: detailOf(rule, formatTime),
  };
}

const SOURCES: Readonly<Record<PolicyRule['source'], string>> = Object.freeze({
  mandatory: 'mandatory, blocked for everyone',
  console: 'changed in the console',
  file: 'from the policy file',
  default: 'no rule, allowed by default',
});

function detailOf(rule: PolicyRule, formatTime: (ms: number) => string): string {
  switch (rule.source) {
    case 'mandatory':
      // The API does not say which of the two: a category is mandatory by law (the IWF and
      // CTIRU lists) or because the school's policy file lists it as mandatory.
      return "Blocked for everyone, by law or by the school's mandatory list: it cannot be changed here.";
    case 'file':
      return rule.action === 'timed'
        ? `From the policy file: ${rule.rule}.`
        : 'From the policy file.';
    case 'default':
      return 'The policy file has no rule for this group, so it is allowed.';
    case 'console': {
      const who = rule.changedBy === undefined ? '' : ` by ${actorName(rule.changedBy)}`;
      const when = rule.changedMs === undefined ? '' : ` on ${formatTime(rule.changedMs)}`;
      const why = rule.reason === undefined || rule.reason === '' ? '' : `: ${rule.reason}`;
      const text = `Changed in the console${who}${when}${why}`;
      return /[.!?]$/.test(text) ? text : `${text}.`;
    }
  }
}
