import type { WebEvent } from '../../events/web-event.js';

/** A period of time, `[fromMs, toMs)`, in epoch milliseconds. */
export interface Period {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Where a page ended: the last event's time and id. Pages go newest first, so the next page
 * is everything strictly older than this (ties on time broken by id). Opaque to callers:
 * pass `next` back as `after`.
 */
export interface PageCursor {
  readonly timeMs: number;
  readonly id: string;
}

/** Paging options every event listing takes. */
export interface PageOptions {
  /** Most events to return (default 100, at most 1,000). */
  readonly limit?: number;
  /** The previous page's `next`, to continue from there. */
  readonly after?: PageCursor | null;
}

/** One page of events, newest first, and the cursor of the next page (`null` when done). */
export interface EventPage {
  readonly events: readonly WebEvent[];
  readonly next: PageCursor | null;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** The page size asked for, within 1..MAX_PAGE_SIZE. */
export function pageSize(options: PageOptions): number {
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(options.limit ?? DEFAULT_PAGE_SIZE)));
}

/** `1732442400000:019e...` <-> cursor, for URLs and the console. */
export function formatCursor(cursor: PageCursor): string {
  return `${cursor.timeMs}:${cursor.id}`;
}

/** The cursor in `text`, or `null` when it is not one `formatCursor` made. */
export function parseCursor(text: string): PageCursor | null {
  const match = /^(\d{1,15}):([0-9a-f-]{36})$/.exec(text);
  return match === null ? null : { timeMs: Number(match[1]), id: match[2]! };
}
