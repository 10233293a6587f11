import type { PhraseScan } from '../phrases/phrase-types.js';
import { ACTION_SEVERITY, type Action } from '../policy/action.js';
import type { Policy } from '../policy/compile-policy.js';
import type { GroupDefinition } from '../policy/policy-definition.js';
import type { Reason } from './decision.js';

/** What a phrase scan means for one group: the action, its reason, and the categories reached. */
export interface PhraseJudgement {
  readonly action: Exclude<Action, 'allow'>;
  readonly reason: Extract<Reason, { code: 'phrase' }>;
  /** Every category whose score reached the limit (or had a banned phrase). */
  readonly categories: readonly string[];
}

/**
 * Applies a group's policy to a phrase scan (of search terms or of page text): each category
 * whose score reaches the group's limit, or that has a banned phrase, proposes the group's
 * rule for it (mandatory categories always block), and the most restrictive wins. Returns
 * null when nothing reaches the limit, the group ignores phrases, an exception phrase
 * cleared the text, or every category reached is allowed.
 *
 * ### Examples
 * ```ts
 * judgePhrases(matcher.scan(terms), pupils, policy, now);
 * // { action: 'block', reason: { code: 'phrase', category: 'self-harm', score: 130, limit: 100, ... } }
 * ```
 */
export function judgePhrases(
  scan: PhraseScan,
  group: GroupDefinition,
  policy: Policy,
  now: number,
): PhraseJudgement | null {
  const limit = group.phraseLimit;
  if (limit === null || scan.exception || scan.hits.length === 0) return null;
  const banned = new Set<string>();
  for (const hit of scan.hits) if (hit.rule.kind === 'banned') banned.add(hit.rule.category);
  let best: PhraseJudgement['reason'] | null = null;
  let bestAction: Exclude<Action, 'allow'> = 'alert';
  const reached: string[] = [];
  for (const category of new Set([...Object.keys(scan.scores), ...banned])) {
    const score = scan.scores[category] ?? 0;
    const isBanned = banned.has(category);
    if (!isBanned && score < limit) continue;
    reached.push(category);
    const action = policy.isMandatory(category)
      ? 'block'
      : (policy.ruleFor(group, category, now)?.action ?? 'allow');
    if (action === 'allow') continue;
    if (best !== null && ACTION_SEVERITY[action] <= ACTION_SEVERITY[bestAction]) continue;
    const hits = scan.hits.filter(
      (hit) => hit.rule.category === category && hit.rule.kind !== 'exception',
    );
    const phrases = hits.flatMap((hit) => hit.rule.phrases);
    const snippet = hits[0]?.snippet;
    best = {
      code: 'phrase',
      category,
      score,
      limit,
      banned: isBanned,
      phrases,
      ...(snippet === undefined || snippet === '' ? {} : { snippet }),
    };
    bestAction = action;
  }
  return best === null ? null : { action: bestAction, reason: best, categories: reached };
}
