import { CATEGORY_BY_ID } from '../../engine/categories/category-catalogue.js';
import type { Alert, AlertKind, AlertSubject } from '../alert.js';
import { type RiskLevel, shiftRiskLevel } from '../risk-level.js';
import type { Signal } from '../rules/signal.js';
import { foldKey } from './fold-key.js';

/** What folding needs to know beyond the alert and the signal; the caller reads it from the store. */
export interface FoldContext {
  /** Id for a new alert. */
  readonly newId: string;
  readonly subject: AlertSubject;
  /** Events of this concern within the repeat window, this one included. */
  readonly recentAttempts: number;
  readonly repeatAttempts: number;
  /** The level the run's searches earn scored together (context across searches), or null. */
  readonly runLevel: RiskLevel | null;
  /** The topic of an expected-activity notice that covers this event, or null. */
  readonly expected: string | null;
}

/**
 * Folds one signal into the open alert for its concern, or opens one: the alert grows (count,
 * last time), its level is the highest any evidence or the run earned, raised one step once
 * attempts repeat (N in M minutes) and lowered one step when a teacher's notice covers it;
 * a level never falls as an alert grows. Pure: the caller stores the result.
 *
 * ### Examples
 * ```ts
 * const alert = foldSignal(open, signal, { newId, subject, recentAttempts: 3, repeatAttempts: 5, runLevel: null, expected: null });
 * ```
 */
export function foldSignal(current: Alert | null, signal: Signal, context: FoldContext): Alert {
  const baseLevel = Math.max(
    current?.baseLevel ?? 1,
    signal.level,
    context.runLevel ?? 1,
  ) as RiskLevel;
  const repeated = signal.kind !== 'repeated' && context.recentAttempts >= context.repeatAttempts;
  const expected = current?.expected ?? context.expected;
  const level = shiftRiskLevel(baseLevel, (repeated ? 1 : 0) - (expected === null ? 0 : 1));
  const stronger = current === null || signal.level > current.baseLevel;
  const kind: AlertKind = stronger ? signal.kind : current.kind;
  const eventMs = signal.evidence.timeMs;
  return {
    id: current?.id ?? context.newId,
    foldKey: current?.foldKey ?? foldKey(context.subject, signal),
    kind,
    category: current?.category ?? signal.category,
    level: current === null ? level : (Math.max(current.level, level) as RiskLevel),
    baseLevel,
    title: stronger ? alertTitle(kind, signal.category, signal) : current.title,
    subject: mergeSubject(current?.subject ?? null, context.subject),
    firstMs: Math.min(current?.firstMs ?? eventMs, eventMs),
    lastMs: Math.max(current?.lastMs ?? eventMs, eventMs),
    count: (current?.count ?? 0) + 1,
    expected,
    state: current?.state ?? { kind: 'new' },
  };
}

/** Groups seen on any of the alert's events (a pupil's groups can change mid-run). */
function mergeSubject(current: AlertSubject | null, next: AlertSubject): AlertSubject {
  if (current === null) return next;
  const groups = [...new Set([...current.groups, ...next.groups])];
  return { ...next, user: current.user ?? next.user, groups };
}

/** One line naming the concern, never the person (subjects and queues show it beside). */
export function alertTitle(
  kind: AlertKind,
  category: string,
  signal?: Pick<Signal, 'evidence'>,
): string {
  const label = CATEGORY_BY_ID.get(category)?.label.toLowerCase() ?? category;
  switch (kind) {
    case 'phrases':
      return signal?.evidence.searchTerms === null
        ? `Page text about ${label}`
        : `Searches about ${label}`;
    case 'concern':
      return `Tried to reach ${label} sites`;
    case 'category':
      return `Visited ${label} sites (alert rule)`;
    case 'circumvention':
      return 'Tried to get round the filter (proxy, VPN or encrypted DNS)';
    case 'repeated':
      return `Repeated attempts to reach blocked ${label} sites`;
  }
}
