import { ALERT_STATES } from '../labels/alert-states.js';
import { LEVELS } from '../labels/levels.js';
import type { AlertQuery } from './alert-query.js';

/**
 * The queue's filters in words, for the table's caption: 'open alerts, level 3 Concern and
 * above, category self-harm'.
 */
export function describeQuery(query: AlertQuery): string {
  const state =
    query.state === 'open'
      ? 'open alerts'
      : query.state === 'all'
        ? 'alerts in any state'
        : `${(ALERT_STATES.find((s) => s.kind === query.state)?.label ?? query.state).toLowerCase()} alerts`;
  const parts = [state];
  if (query.minLevel !== null) {
    parts.push(`level ${query.minLevel} ${LEVELS[query.minLevel].word} and above`);
  }
  if (query.category !== '') parts.push(`category ${query.category}`);
  if (query.className !== '') parts.push(`class ${query.className}`);
  return parts.join(', ');
}
