/**
 * Builds (or finds) the console benchmark's store: `rows` events from bench/store's seeded
 * generator, each pupil also in a form class (`9c`: a group that is not a policy group),
 * inserted through the writer's own inserter and passed through the safeguarding monitor
 * as the gateway does, so the alert queue and the dashboard have realistic alerts too.
 * The last school day is the Friday before `endMs`; the benchmark's clock is set to that
 * afternoon so "today" and "the last 7 days" are full.
 *
 *   node --import tsx bench/console/build-store.ts --rows 10000000 --dialect sqlite
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorConfigSchema } from '../../src/config/monitor-config.js';
import type { WebEvent } from '../../src/events/web-event.js';
import { loadSafeguardingMatcher } from '../../src/monitor/load-safeguarding-matcher.js';
import { createMonitorService } from '../../src/monitor/monitor-service.js';
import { createEventInserter } from '../../src/store/events/insert-events.js';
import type { Store } from '../../src/store/open-store.js';
import { createEventGenerator, type EventGenerator } from '../store/generate-events.js';

const DAY_MS = 86_400_000;
const YEARS = ['year7', 'year8', 'year9', 'year10', 'year11', 'year12', 'year13'];
const FORMS = 'abcdefg';

/** What a finished build wrote next to the store (its presence means "reuse me"). */
export interface BuiltStore {
  readonly rows: number;
  readonly alerts: number;
  /** UTC midnights of the first and last school day. */
  readonly firstDayMs: number;
  readonly lastDayMs: number;
  readonly buildSeconds: number;
  readonly builtAt: string;
}

/**
 * A pupil's form class from their generated username (`pupil.00042` is in year7, and one of
 * seven forms of about 30): `7a`..`13g`. Staff and unknown users have none.
 */
export function formOf(user: string | null): string | null {
  const match = /^pupil\.(\d+)$/.exec(user ?? '');
  if (match === null) return null;
  const i = Number(match[1]);
  return `${7 + (i % YEARS.length)}${FORMS[Math.floor(i / YEARS.length) % FORMS.length]}`;
}

/** The first school day (a Monday) such that `days` school days end on the Friday before `endMs`. */
export function benchStartMs(endMs: number, days: number): number {
  let friday = endMs - (endMs % DAY_MS) - DAY_MS;
  while (new Date(friday).getUTCDay() !== 5) friday -= DAY_MS;
  const weeks = Math.ceil(days / 5);
  return friday - 4 * DAY_MS - (weeks - 1) * 7 * DAY_MS;
}

/**
 * Fills `store` with `rows` events (batches of 20,000, the writer's size) unless the marker
 * file in `dir` says it already holds them; returns what the marker says.
 */
export async function buildConsoleStore(
  store: Store,
  dir: string,
  rows: number,
  endMs: number,
  log: (message: string) => void,
): Promise<BuiltStore> {
  const marker = join(dir, `built-${rows}.json`);
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as BuiltStore;
  mkdirSync(dir, { recursive: true });
  const perDay = 500_000;
  const days = Math.ceil(rows / perDay);
  const generator: EventGenerator = createEventGenerator({
    rows,
    perDay,
    seed: 1,
    startMs: benchStartMs(endMs, days),
  });
  const inserter = createEventInserter(store);
  const config = monitorConfigSchema.parse({});
  const monitor = createMonitorService({
    db: store.db,
    phrases: loadSafeguardingMatcher(config, () => {}),
    alertScore: config.alertScore,
    foldMinutes: config.foldMinutes,
    repeats: config.repeats,
    notifier: null,
    log: () => {},
  });
  const started = performance.now();
  for (let done = 0; done < rows; ) {
    const batch = generator.next(Math.min(20_000, rows - done)).map(withForm);
    await inserter.insert(batch);
    await monitor.process(batch);
    done += batch.length;
    if (done % 500_000 === 0 || done === rows) {
      const seconds = (performance.now() - started) / 1000;
      log(`${done.toLocaleString('en-GB')} events, ${Math.round(done / seconds)}/s`);
    }
  }
  const alerts = await store.db
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const built: BuiltStore = {
    rows,
    alerts: Number(alerts.n),
    firstDayMs: generator.days[0]!,
    lastDayMs: generator.days.at(-1)!,
    buildSeconds: (performance.now() - started) / 1000,
    builtAt: new Date().toISOString(),
  };
  writeFileSync(marker, `${JSON.stringify(built, null, 2)}\n`);
  return built;
}

function withForm(event: WebEvent): WebEvent {
  const form = formOf(event.user);
  return form === null ? event : { ...event, groups: [...event.groups, form] };
}
