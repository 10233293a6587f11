/**
 * Events spread over ~800 days before a fixed "now", and helpers to look at what retention
 * left behind, for the retention tests on both dialects.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { UtcDay } from '../../../src/casework/retention/utc-day.js';
import { retentionConfigSchema } from '../../../src/config/store-config.js';
import { serialiseEvent } from '../../../src/events/serialise-event.js';
import type { WebEvent } from '../../../src/events/web-event.js';
import { createEventInserter } from '../../../src/store/events/insert-events.js';
import type { Store } from '../../../src/store/open-store.js';
import { sampleEvent } from '../../events/event-fixture.js';

export const DAY = UtcDay.DAY_MS;
/** The retention run's clock in most tests. */
export const NOW = Date.parse('2027-03-15T12:00:00.000Z');
/** The Sevenoaks defaults: 365 days active, 365 archived, rollups 730 days, holds 25 / 7 years. */
export const CONFIG = retentionConfigSchema.parse({});

const USERS = ['pupil.one', 'pupil.two', 'staff.one'] as const;
/** Times of day of each day's events: morning, lunchtime, the last millisecond of the day. */
const TIMES_OF_DAY = [8 * 3_600_000, 12.5 * 3_600_000, DAY - 1] as const;

/** Event `k` of the fixture at exactly `timeMs`, for `user` (ids match the time). */
export function eventAt(timeMs: number, k: number, user: string): WebEvent {
  return { ...sampleEvent(k, timeMs - k), user };
}

/**
 * Days `d` days before NOW's day, every 9th day over 800 days plus the days either side of
 * each period boundary, three events each.
 */
export function fixtureEvents(now = NOW): WebEvent[] {
  const today = now - (now % DAY);
  const back = new Set<number>([1, 364, 365, 366, 367, 729, 730, 731, 732, 800]);
  for (let d = 2; d <= 800; d += 9) back.add(d);
  const events: WebEvent[] = [];
  let k = 0;
  for (const d of [...back].sort((a, b) => b - a)) {
    for (let t = 0; t < TIMES_OF_DAY.length; t++) {
      events.push(eventAt(today - d * DAY + TIMES_OF_DAY[t]!, k++, USERS[t]!));
    }
  }
  return events;
}

/** Inserts the fixture (or `events`) into `store`. */
export async function seed(store: Store, events = fixtureEvents()): Promise<WebEvent[]> {
  await createEventInserter(store).insert(events);
  return events;
}

/** What should happen to an event's day when retention runs at `now` with CONFIG. */
export function fate(eventTime: string, now = NOW): 'keep' | 'archive' | 'delete' {
  const dayEnd = UtcDay.start(eventTime.slice(0, 10)) + DAY;
  if (dayEnd <= UtcDay.periodEnd(now, CONFIG.events.activeDays + CONFIG.events.archiveDays)) {
    return 'delete';
  }
  return dayEnd <= UtcDay.periodEnd(now, CONFIG.events.activeDays) ? 'archive' : 'keep';
}

/** Events grouped by UTC day, each day in (time, id) order. */
export function byDay(events: readonly WebEvent[]): Map<string, WebEvent[]> {
  const days = new Map<string, WebEvent[]>();
  const sorted = [...events].sort((a, b) =>
    a.time === b.time ? (a.id < b.id ? -1 : 1) : a.time < b.time ? -1 : 1,
  );
  for (const e of sorted) {
    const day = e.time.slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), e]);
  }
  return days;
}

/** The lines of an archive file, decompressed. */
export function archiveLines(archiveDir: string, file: string): string[] {
  const text = gunzipSync(readFileSync(join(archiveDir, file))).toString('utf8');
  return text.split('\n').filter((l) => l !== '');
}

/** The serialised lines an archive of `events` must hold. */
export function expectedLines(events: readonly WebEvent[]): string[] {
  return events.map(serialiseEvent);
}

/** Ids in the events table, sorted. */
export async function storedIds(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('events').select('id').execute();
  return rows.map((r) => r.id).sort();
}

/** Audit rows with `action`, oldest first. */
export async function auditRows(store: Store, action: string) {
  return store.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}
