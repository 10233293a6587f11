import type { Decision } from '../../../engine/decision/decision.js';
import { describeDecision } from '../../../engine/decision/describe-decision.js';

/*
 * Lines of `describeDecision` a block page leaves out because the page says them already
 * or they are of no use to the person: the first line (the URL and verdict, shown in the
 * summary) is dropped by position; these by their opening words.
 * NOTE: keep in sync with the wording in src/engine/decision/describe-decision.ts; a test
 * renders every reason code, so a changed prefix shows up as a duplicated line there.
 */
const DROPPED_PREFIXES = ['Why: ', 'Safe search enforced: '] as const;

/**
 * The particulars of a decision (matched list entry, exception and its reason, the rule and
 * its schedule, the phrase score) in the same words `schoolgate explain` and reports use,
 * minus what must not be shown to the person on the screen:
 * - for a `phrase` block, the phrases that fired and the search terms: they may be explicit,
 *   and the screen may be in a classroom, so the page names only the category;
 * - the search terms of any request, for the same reason;
 * - for a `mandatory` (illegal-content) block, the matched entry and the URL: the page names
 *   the host only, never a path to the content.
 * A line is dropped when it contains any of those strings, whatever its wording, so a
 * change of wording upstream cannot leak them.
 *
 * ### Examples
 * ```ts
 * pupilDetails(decision); // ['Category: Games (games); the group\'s rule is block.', 'Matched: poki.com (domain entry in ut1/games).']
 * ```
 */
export function pupilDetails(decision: Decision): string[] {
  const hidden: string[] = [];
  const reason = decision.reason;
  if (reason.code === 'phrase') hidden.push(...reason.phrases);
  if (decision.search !== null) hidden.push(decision.search.terms);
  if (reason.code === 'mandatory') {
    hidden.push(reason.entry.key);
    if (decision.url !== null) hidden.push(decision.url);
    for (const m of decision.matches) hidden.push(m.key);
  }
  const needles = hidden.map((h) => h.trim()).filter((h) => h.length > 0);
  const lines = describeDecision(decision).slice(1);
  return lines.filter(
    (line) =>
      !DROPPED_PREFIXES.some((p) => line.startsWith(p)) &&
      !needles.some((needle) => line.includes(needle)),
  );
}
