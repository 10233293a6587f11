import type { ActivityFilter } from '../api/activity-api.js';
import { SchoolDay } from './school-day.js';

/** The Activity form: whose timeline, which days (school clock), and the filters. */
export interface ActivityQuery {
  readonly subject: 'user' | 'group';
  /** A username, or a group id. */
  readonly name: string;
  /** First and last day shown (both included), `YYYY-MM-DD` in the school's timezone. */
  readonly fromDay: string;
  readonly toDay: string;
  readonly searchesOnly: boolean;
  /** Text to find in the address or search terms; '' for all. */
  readonly q: string;
  /** Why the records are read; never kept in the address. */
  readonly reason: string;
}

/** A field of the form that can be wrong, as the server names it where it can. */
export type ActivityField = 'name' | 'fromDay' | 'toDay' | 'reason';

/** Days shown when the address names none: today and the six before it. */
const DEFAULT_DAYS = 7;

/**
 * Reads the Activity form from the address and writes it back, checks it before a load,
 * and turns it into the API's filter. A hand-edited address with odd values falls back to
 * the defaults (the last seven days) rather than failing.
 *
 * ### Examples
 * ```ts
 * const query = ActivityQueryCodec.read(new URLSearchParams('user=pupil.one'), '2026-11-24');
 * query.fromDay; // '2026-11-18'
 * ActivityQueryCodec.toFilter(query, 'Europe/London').toMs; // midnight at the end of the 24th
 * ```
 */
export const ActivityQueryCodec = Object.freeze({
  read(params: URLSearchParams, today: string): ActivityQuery {
    const group = (params.get('group') ?? '').trim();
    const user = (params.get('user') ?? '').trim();
    const to = params.get('to') ?? '';
    const toDay = SchoolDay.isDay(to) ? to : today;
    const from = params.get('from') ?? '';
    const fromDay =
      SchoolDay.isDay(from) && from <= toDay ? from : SchoolDay.add(toDay, 1 - DEFAULT_DAYS);
    return {
      subject: group !== '' && user === '' ? 'group' : 'user',
      name: group !== '' && user === '' ? group : user,
      fromDay,
      toDay,
      searchesOnly: params.get('searches') === '1',
      q: (params.get('q') ?? '').trim(),
      reason: '',
    };
  },

  /** The address for a query: whose, the days and the filters (never the reason). */
  toParams(query: ActivityQuery): Record<string, string | undefined> {
    return {
      [query.subject]: query.name.trim() || undefined,
      from: query.fromDay,
      to: query.toDay,
      searches: query.searchesOnly ? '1' : undefined,
      q: query.q.trim() || undefined,
    };
  },

  /** What is wrong with the form, field by field (empty: good to load). */
  check(query: ActivityQuery, needsReason: boolean): Partial<Record<ActivityField, string>> {
    const problems: Partial<Record<ActivityField, string>> = {};
    const name = query.name.trim();
    if (name === '') {
      problems.name = query.subject === 'user' ? 'Enter a username.' : 'Enter a group.';
    } else if (query.subject === 'group' && !/^[a-z0-9][a-z0-9_-]*$/i.test(name)) {
      problems.name = 'A group id has only letters, digits, - and _ (for example 9x).';
    }
    if (!SchoolDay.isDay(query.fromDay)) problems.fromDay = 'Enter the first day.';
    if (!SchoolDay.isDay(query.toDay)) problems.toDay = 'Enter the last day.';
    else if (problems.fromDay === undefined && query.toDay < query.fromDay) {
      problems.toDay = 'The last day must not be before the first.';
    }
    if (needsReason && query.reason.trim().length < 3) {
      problems.reason = 'Say why you need these records (at least 3 characters).';
    }
    return problems;
  },

  /** The API filter: the days as `[midnight of fromDay, midnight after toDay)` on the school clock. */
  toFilter(query: ActivityQuery, timeZone: string): ActivityFilter {
    const name = query.name.trim();
    const q = query.q.trim();
    const reason = query.reason.trim();
    return {
      ...(query.subject === 'user' ? { user: name } : { group: name.toLowerCase() }),
      fromMs: SchoolDay.start(query.fromDay, timeZone),
      toMs: SchoolDay.start(SchoolDay.add(query.toDay, 1), timeZone),
      ...(query.searchesOnly ? { searchesOnly: true } : {}),
      ...(q === '' ? {} : { q }),
      ...(reason === '' ? {} : { reason }),
    };
  },

  /** The query in words, for the table's caption and the live region. */
  describe(query: ActivityQuery): string {
    const days =
      query.fromDay === query.toDay ? query.fromDay : `${query.fromDay} to ${query.toDay}`;
    return [
      `${query.subject === 'group' ? 'group ' : ''}${query.name.trim()}`,
      days,
      query.searchesOnly ? 'searches only' : '',
      query.q.trim() === '' ? '' : `matching “${query.q.trim()}”`,
    ]
      .filter(Boolean)
      .join(', ');
  },
});
