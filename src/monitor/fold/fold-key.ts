import type { AlertSubject } from '../alert.js';
import type { Signal } from '../rules/signal.js';

/**
 * The key that decides which events grow one alert: the same person (or, unidentified, the
 * same address) and the same concern. Searches, page text and blocked attempts about one
 * category are one concern; circumvention is one concern whatever the tool; repeated
 * blocked attempts are kept apart per category, so a flood of games never hides inside a
 * self-harm alert.
 *
 * ### Examples
 * ```ts
 * foldKey({ user: 'p.smith', … }, { kind: 'phrases', category: 'self-harm', … }); // 'p.smith|concern|self-harm'
 * ```
 */
export function foldKey(subject: AlertSubject, signal: Pick<Signal, 'kind' | 'category'>): string {
  const who = subject.user ?? `@${subject.clientAddress}`;
  switch (signal.kind) {
    case 'circumvention':
      return `${who}|circumvention`;
    case 'repeated':
      return `${who}|repeated|${signal.category}`;
    default:
      return `${who}|concern|${signal.category}`;
  }
}
