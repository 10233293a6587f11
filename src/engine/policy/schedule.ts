import type { LocalTime } from './local-clock.js';
import type { ScheduleDefinition, TermDates } from './policy-definition.js';

/** A schedule ready to test against a local time: minutes pre-parsed, days as a bit set. */
export interface Schedule {
  readonly kind: 'Schedule';
  readonly name: string;
  /** Bit n set = applies on day n (mon = 0 ... sun = 6). */
  readonly dayMask: number;
  /** Pairs of [from, to) in minutes since midnight, flattened. */
  readonly windows: readonly number[];
  readonly termTimeOnly: boolean;
}

const DAY_BITS = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 } as const;

/** Parses `HH:MM` (00:00-24:00) to minutes since midnight; null when malformed. */
export function parseClockTime(text: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (match === null) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

/**
 * Compiles a schedule definition. Throws a plain Error naming the schedule when a time is
 * malformed; the config schema catches these earlier, with a line number.
 */
export function compileSchedule(name: string, definition: ScheduleDefinition): Schedule {
  const windows: number[] = [];
  for (const window of definition.windows) {
    const from = parseClockTime(window.from);
    const to = parseClockTime(window.to);
    if (from === null || to === null) throw new Error(`schedule '${name}': times must be HH:MM`);
    windows.push(from, to);
  }
  let dayMask = 0;
  for (const day of definition.days) dayMask |= 1 << DAY_BITS[day];
  return Object.freeze({
    kind: 'Schedule',
    name,
    dayMask,
    windows,
    termTimeOnly: definition.termTimeOnly,
  });
}

/**
 * True when `schedule` covers `time`. A window whose end is before its start runs past
 * midnight (22:00-06:00) and belongs to the day it started on.
 */
export function isScheduleActive(
  schedule: Schedule,
  time: LocalTime,
  terms: readonly TermDates[],
): boolean {
  if (schedule.termTimeOnly && !isInTerm(time.date, terms)) return false;
  const today = 1 << DAY_BITS[time.day];
  const yesterday = today === 1 ? 1 << 6 : today >> 1;
  const { windows, dayMask } = schedule;
  for (let i = 0; i < windows.length; i += 2) {
    const from = windows[i]!;
    const to = windows[i + 1]!;
    if (from <= to) {
      if ((dayMask & today) !== 0 && time.minutes >= from && time.minutes < to) return true;
    } else if (time.minutes >= from) {
      if ((dayMask & today) !== 0) return true;
    } else if (time.minutes < to && (dayMask & yesterday) !== 0) {
      return true;
    }
  }
  return false;
}

/** True when the local date falls inside one of the terms (inclusive). */
export function isInTerm(date: string, terms: readonly TermDates[]): boolean {
  for (const term of terms) {
    if (date >= term.from && date <= term.to) return true;
  }
  return false;
}
