import type { DecisionRecord, PolicyMatrix } from '../api/policy-api.js';
import { groupNames } from './group-names.js';

/**
 * What a decision-log line is about, in the matrix's words: `Games for Pupils` for a
 * policy cell (its subject is `group / category` ids). Ids stay as they are when the
 * matrix is not loaded or no longer has them (a group removed from the policy file). An
 * exception (`games.example for pupils, staff`) reads `Exception: games.example for
 * Pupils and Staff`, an inspection exemption `HTTPS inspection of bank.example`; any other
 * kind of decision shows its subject unchanged.
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
  if (decision.kind === 'exception') return describeExceptionSubject(decision.subject, matrix);
  if (decision.kind === 'inspection-exemption') return `HTTPS inspection of ${decision.subject}`;
  if (decision.kind !== 'policy-cell') return decision.subject;
  const mark = decision.subject.indexOf(' / ');
  if (mark === -1) return decision.subject;
  const group = decision.subject.slice(0, mark);
  const category = decision.subject.slice(mark + 3);
  const groupLabel = matrix?.groups.find((g) => g.id === group)?.label ?? group;
  const categoryLabel = matrix?.categories.find((c) => c.id === category)?.label ?? category;
  return `${categoryLabel} for ${groupLabel}`;
}

/** `site for pupils, staff` or `site for everyone` in the matrix's words. */
function describeExceptionSubject(
  subject: string,
  matrix: Pick<PolicyMatrix, 'groups'> | undefined,
): string {
  const mark = subject.lastIndexOf(' for ');
  if (mark === -1) return `Exception: ${subject}`;
  const groups = subject.slice(mark + 5);
  return `Exception: ${subject.slice(0, mark)} for ${groupNames(
    groups === 'everyone' ? null : groups.split(', '),
    matrix?.groups,
  )}`;
}
