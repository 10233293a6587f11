import type { HoldKind } from './legal-hold.js';

/** The `retention.holds` settings a hold's review date depends on. */
export interface HoldPeriods {
  readonly safeguardingReviewYearsAfterBirth: number;
  readonly hrYears: number;
}

/** A hold's review (or end) date and what it was worked out from. */
export interface HoldReviewDue {
  readonly reviewDueMs: number;
  /** `birth-date` (safeguarding, date of birth given), `placed` (HR, or a safeguarding fallback). */
  readonly basis: 'birth-date' | 'placed';
  /** True when a safeguarding hold had no date of birth, so `placed` stands in for it. */
  readonly fallback: boolean;
}

const BIRTH_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * When a hold must be reviewed or ends: safeguarding at the child's date of birth plus N
 * years (UK records guidance: until the child is 25), HR N years after it is placed. A
 * safeguarding hold without a date of birth falls back to placed + N years, and says so.
 * Years are calendar years in UTC; 29 February plus a non-leap number of years is 1 March,
 * the day a person born on 29 February comes of age in UK law.
 *
 * Throws a `RangeError` for a date of birth that is not a real `YYYY-MM-DD` date or lies
 * after the hold is placed.
 *
 * ### Examples
 * ```ts
 * holdReviewDue('safeguarding', Date.parse('2026-01-10T09:00:00Z'), '2012-05-04', periods);
 * // { reviewDueMs: Date.parse('2037-05-04'), basis: 'birth-date', fallback: false }
 * holdReviewDue('hr', Date.parse('2026-01-10T09:00:00Z'), undefined, periods);
 * // { reviewDueMs: Date.parse('2033-01-10T09:00:00Z'), basis: 'placed', fallback: false }
 * ```
 */
export function holdReviewDue(
  kind: HoldKind,
  placedMs: number,
  subjectBirthDate: string | undefined,
  periods: HoldPeriods,
): HoldReviewDue {
  if (kind === 'hr') {
    return { reviewDueMs: addYears(placedMs, periods.hrYears), basis: 'placed', fallback: false };
  }
  const years = periods.safeguardingReviewYearsAfterBirth;
  if (subjectBirthDate === undefined) {
    return { reviewDueMs: addYears(placedMs, years), basis: 'placed', fallback: true };
  }
  const birthMs = parseBirthDate(subjectBirthDate);
  if (birthMs > placedMs) {
    throw new RangeError(`date of birth ${subjectBirthDate} is after the hold is placed`);
  }
  return { reviewDueMs: addYears(birthMs, years), basis: 'birth-date', fallback: false };
}

function parseBirthDate(text: string): number {
  const match = BIRTH_DATE.exec(text);
  const ms = match === null ? Number.NaN : Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!);
  // Date.UTC rolls 2012-02-30 over to 1 March: a date that does not round-trip is not real.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new RangeError(`date of birth '${text}' is not a YYYY-MM-DD date`);
  }
  return ms;
}

function addYears(ms: number, years: number): number {
  const d = new Date(ms);
  return Date.UTC(
    d.getUTCFullYear() + years,
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}
