import type { DecisionRecord, PolicyMatrix } from '../api/policy-api.js';

/**
 * What a decision-log line is about, in the matrix's words: `Games for Pupils` for a
 * policy cell (its subject is `group / category` ids). Ids stay as they are when the
 * matrix is not loaded or no longer has them (a group removed from the policy file), and
 * any other kind of decision shows its subject unchanged.
 *
 * ### Examples
 * ```ts
 * describeSubject({ kind: 'policy-cell', subject: 'pupils / games' }, matrix); // 'Games for Pupils'
 * ```
 */
export function describeSubject(
  decision: Pick<DecisionRecord, 'kind' | 'subject'>,
  matrix: Pick<PolicyMatrix, 'groups' | 'categories'> | undefined,
): string {
  if (decision.kind !== 'policy-cell') return decision.subject;
  const mark = decision.subject.indexOf(' / ');
  if (mark === -1) return decision.subject;
  const group = decision.subject.slice(0, mark);
  const category = decision.subject.slice(mark + 3);
  const groupLabel = matrix?.groups.find((g) => g.id === group)?.label ?? group;
  const categoryLabel = matrix?.categories.find((c) => c.id === category)?.label ?? category;
  return `${categoryLabel} for ${groupLabel}`;
}
