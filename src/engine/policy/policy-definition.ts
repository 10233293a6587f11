import type { Action } from './action.js';

/**
 * A filtering policy as plain data: what the YAML config and the console store, and what
 * `compilePolicy` turns into a `Policy`. Group order is priority order: a person in several
 * groups gets the first of them that appears here.
 *
 * ### Examples
 * ```ts
 * const definition: PolicyDefinition = {
 *   timezone: 'Europe/London',
 *   defaultGroup: 'default',
 *   terms: [{ name: 'Autumn 2026', from: '2026-09-03', to: '2026-12-18' }],
 *   schedules: { lunchtime: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], windows: [{ from: '12:15', to: '13:15' }], termTimeOnly: true } },
 *   groups: [{ id: 'default', label: 'Pupils', uncategorised: 'allow', ipLiterals: 'block',
 *     phraseLimit: 100, safeSearch: true,
 *     categories: { games: [{ action: 'allow', during: 'lunchtime' }, { action: 'block' }] } }],
 *   exceptions: [],
 *   mandatoryCategories: [],
 * };
 * ```
 */
export interface PolicyDefinition {
  /** IANA time zone the schedules are written in, e.g. `Europe/London`. */
  readonly timezone: string;
  /** Group for requests whose person is unknown or in no listed group. */
  readonly defaultGroup: string;
  readonly terms: readonly TermDates[];
  readonly schedules: Readonly<Record<string, ScheduleDefinition>>;
  readonly groups: readonly GroupDefinition[];
  readonly exceptions: readonly ExceptionDefinition[];
  /** Categories blocked for everyone in addition to the built-in illegal-content ones. */
  readonly mandatoryCategories: readonly string[];
}

/** One term (or half term) of the school year, both days inclusive, as `YYYY-MM-DD`. */
export interface TermDates {
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

export type DayName = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * A named stretch of the week a school thinks in ("lessons", "lunchtime", "after school"):
 * the listed days, during any of the windows, local time. With `termTimeOnly` it applies
 * only on days inside one of the policy's terms.
 */
export interface ScheduleDefinition {
  readonly days: readonly DayName[];
  readonly windows: readonly ClockWindow[];
  readonly termTimeOnly: boolean;
}

/** From `from` (inclusive) to `to` (exclusive), `HH:MM`; `to` before `from` runs past midnight. */
export interface ClockWindow {
  readonly from: string;
  readonly to: string;
}

/** A group's rule for one category: one action, or timed actions where the first that applies wins. */
export type CategoryRule = Action | readonly TimedAction[];

/**
 * An action that applies `during` a schedule, `outside` one, or always when neither is set
 * (use that as the last entry of a list, as the fallback).
 */
export interface TimedAction {
  readonly action: Action;
  readonly during?: string;
  readonly outside?: string;
}

export interface GroupDefinition {
  readonly id: string;
  readonly label: string;
  /** Category id -> rule. Categories not listed are allowed. */
  readonly categories: Readonly<Record<string, CategoryRule>>;
  /** What happens to a site on no list. `block` is "block first, allow later" (FIL-23). */
  readonly uncategorised: Action;
  /** What happens to a URL whose host is a bare IP address (a common way round filters). */
  readonly ipLiterals: Action;
  /** Phrase score (per category) in search terms at which the category's rule applies; null: phrases ignored. */
  readonly phraseLimit: number | null;
  /** Enforce safe search on the search engines and YouTube. */
  readonly safeSearch: boolean;
}

/**
 * An allow or block exception with its reason, for a domain (and subdomains) or a URL prefix
 * (`host/path`). Without `groups` it applies to everyone. Never overrides a mandatory category.
 */
export interface ExceptionDefinition {
  readonly id: string;
  readonly match: string;
  readonly action: 'allow' | 'block';
  readonly reason: string;
  /** ISO 8601 instant after which the exception no longer applies. */
  readonly expires?: string;
  readonly groups?: readonly string[];
}
