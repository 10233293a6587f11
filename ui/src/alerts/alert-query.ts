import type { AlertFilter, AlertLevel, AlertStateKind } from '../api/types.js';
import { ALERT_STATES, OPEN_STATES } from '../labels/alert-states.js';

/** Which states the queue shows: 'open' (new and acknowledged), 'all', or one state. */
export type StateChoice = 'open' | 'all' | AlertStateKind;

/** The alert page's filters and open alert, as kept in the address (`#/alerts?…`). */
export interface AlertQuery {
  readonly state: StateChoice;
  readonly minLevel: AlertLevel | null;
  /** A category id ('self-harm'); '' for any. */
  readonly category: string;
  /** A class or group id ('9x'); '' for any (a teacher: any of theirs). */
  readonly className: string;
  /** The alert whose detail is open, or null. */
  readonly id: string | null;
}

const STATE_CHOICES = new Set<string>(['open', 'all', ...ALERT_STATES.map((s) => s.kind)]);

/**
 * Reads and writes the alert page's query. Anything odd in a hand-edited address falls
 * back to the default (open alerts, any level) rather than failing.
 *
 * ### Examples
 * ```ts
 * AlertQueryCodec.read(new URLSearchParams('state=all&minLevel=3')).minLevel; // 3
 * AlertQueryCodec.toParams({ ...query, state: 'open' }).state; // undefined (the default)
 * ```
 */
export const AlertQueryCodec = Object.freeze({
  read(params: URLSearchParams): AlertQuery {
    const state = params.get('state') ?? 'open';
    const level = Number(params.get('minLevel'));
    return {
      state: STATE_CHOICES.has(state) ? (state as StateChoice) : 'open',
      minLevel: Number.isInteger(level) && level >= 1 && level <= 5 ? (level as AlertLevel) : null,
      category: (params.get('category') ?? '').trim(),
      className: (params.get('class') ?? '').trim(),
      id: params.get('id') || null,
    };
  },

  /** The hash parameters for a query; defaults are left out to keep the address short. */
  toParams(query: AlertQuery): Record<string, string | undefined> {
    return {
      state: query.state === 'open' ? undefined : query.state,
      minLevel: query.minLevel === null ? undefined : String(query.minLevel),
      category: query.category || undefined,
      class: query.className || undefined,
      id: query.id ?? undefined,
    };
  },

  /** The API filter for a query (the open alert does not change the list). */
  toFilter(query: AlertQuery): AlertFilter {
    return {
      states: query.state === 'open' ? OPEN_STATES : query.state === 'all' ? [] : [query.state],
      ...(query.minLevel === null ? {} : { minLevel: query.minLevel }),
      ...(query.category === '' ? {} : { category: query.category }),
      ...(query.className === '' ? {} : { className: query.className.toLowerCase() }),
      limit: 200,
    };
  },

  /** A stable key for the list's filters, to reload exactly when they change. */
  listKey(query: AlertQuery): string {
    return JSON.stringify([query.state, query.minLevel, query.category, query.className]);
  },
});
