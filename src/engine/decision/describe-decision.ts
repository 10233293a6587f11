import { CATEGORY_BY_ID } from '../categories/category-catalogue.js';
import type { Decision } from './decision.js';
import { REASON_LABELS } from './decision.js';

const ACTION_WORDS = {
  allow: 'ALLOWED',
  block: 'BLOCKED',
  warn: 'WARNED (the person may continue)',
  alert: 'ALLOWED, with a safeguarding alert',
} as const;

/** The category's plain name with its id, e.g. `Games (games)`; unknown ids as they are. */
export function categoryName(id: string): string {
  const info = CATEGORY_BY_ID.get(id);
  return info === undefined ? id : `${info.label} (${id})`;
}

/**
 * A decision in plain sentences, one per line, for "why is this blocked?" (`schoolgate
 * explain`, the block page's details, reports). Says the same as the decision's reason.
 *
 * ### Examples
 * ```ts
 * describeDecision(decide({ url: 'https://poki.com/', groups: ['default'] }, context));
 * // ['https://poki.com/ is BLOCKED for group default.', 'Why: The site is in a category ...', ...]
 * ```
 */
export function describeDecision(decision: Decision): string[] {
  const what = decision.url ?? 'The address';
  const lines = [`${what} is ${ACTION_WORDS[decision.action]} for group ${decision.group}.`];
  const reason = decision.reason;
  lines.push(`Why: ${REASON_LABELS[reason.code]}`);
  switch (reason.code) {
    case 'unparseable':
      lines.push(`Problem: ${reason.problem}.`);
      break;
    case 'mandatory':
      lines.push(
        `Category: ${categoryName(reason.category)}; no policy or exception can allow it.`,
      );
      lines.push(
        `Matched: ${reason.entry.key} (${reason.entry.kind} entry in ${reason.entry.sources.join(', ')}).`,
      );
      break;
    case 'exception':
      lines.push(
        `Exception ${reason.exception.id} (${reason.scope}): ${reason.exception.action} ${reason.exception.match}, because "${reason.exception.reason}"${reason.exception.expires ? `, until ${reason.exception.expires}` : ''}.`,
      );
      break;
    case 'category':
      lines.push(
        reason.ruled
          ? `Category: ${categoryName(reason.category)}; the group's rule is ${decision.action}${reason.when ? ` ${reason.when.replace(':', ' ')}` : ''}.`
          : `Category: ${categoryName(reason.category)}; the group has no rule for it, so it is allowed.`,
      );
      lines.push(
        `Matched: ${reason.entry.key} (${reason.entry.kind} entry in ${reason.entry.sources.join(', ')}).`,
      );
      break;
    case 'phrase':
      lines.push(
        `Category: ${categoryName(reason.category)}; ${reason.banned ? 'a banned phrase' : `score ${reason.score} against limit ${reason.limit}`}.`,
      );
      lines.push(`Phrases: ${reason.phrases.map((p) => `"${p}"`).join(', ')}.`);
      break;
    case 'tunnel-refused':
      lines.push(
        `Refused: ${{ port: 'a tunnel to a port that is not allowed', 'ip-literal': 'a tunnel to a bare IP address', 'not-tls': 'a tunnel that did not speak TLS' }[reason.why]}.`,
      );
      break;
    case 'override':
    case 'ip-literal':
    case 'uncategorised':
      break;
  }
  const others = decision.categories.filter(
    (c) => !('category' in reason) || c !== reason.category,
  );
  if (others.length > 0) lines.push(`Also in: ${others.map(categoryName).join(', ')}.`);
  if (decision.search !== null) {
    lines.push(
      `Search on ${decision.search.engine}: "${decision.search.terms}"${decision.search.autocomplete ? ' (autocomplete)' : ''}.`,
    );
  }
  if (decision.safeSearch !== null) {
    const changes = [
      ...(decision.safeSearch.url === null ? [] : [`URL becomes ${decision.safeSearch.url}`]),
      ...decision.safeSearch.headers.map(([name, value]) => `header ${name}: ${value}`),
    ];
    if (changes.length > 0) lines.push(`Safe search enforced: ${changes.join('; ')}.`);
  }
  return lines;
}
