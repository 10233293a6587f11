import { join } from 'node:path';
import { monitorConfigSchema } from '../../src/config/monitor-config.js';
import type { WebEvent } from '../../src/events/web-event.js';
import { loadSafeguardingMatcher } from '../../src/monitor/load-safeguarding-matcher.js';
import { createMonitorService } from '../../src/monitor/monitor-service.js';
import { createEventInserter } from '../../src/store/events/insert-events.js';
import { openStore } from '../../src/store/open-store.js';

export interface ThroughputRun {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly alerts: number;
}

const SEARCHES = [
  'volcano eruption facts',
  'times tables games',
  'romeo and juliet act 3 summary',
  'how to revise for gcse maths',
  'suicide prevention helpline',
  'history of the holocaust',
];
const RISKY = [
  'i want to die',
  'how to kill myself painlessly',
  'pro ana tips',
  'how to join isis',
];

/**
 * The monitor alone over a school day's mix of stored events: 20,000-event batches (the
 * event writer's size) of 88% allowed pages, 6% blocked games, 5% searches (a few of them
 * risky), 1% blocked sites of concern, across 1,500 pupils. Each batch is stored first, as
 * the writer does, and only the monitor's `process` is timed.
 */
export async function measureThroughput(dir: string, total: number): Promise<ThroughputRun> {
  const store = await openStore({ url: `sqlite:${join(dir, 'throughput.db')}`, dataDir: dir });
  try {
    const config = monitorConfigSchema.parse({});
    const service = createMonitorService({
      db: store.db,
      phrases: loadSafeguardingMatcher(config, () => {}),
      alertScore: config.alertScore,
      foldMinutes: config.foldMinutes,
      repeats: config.repeats,
      notifier: null,
      log: () => {},
    });
    const inserter = createEventInserter(store);
    const start = Date.parse('2026-11-24T08:30:00Z');
    let busyMs = 0;
    for (let done = 0; done < total; done += 20_000) {
      const batch = Array.from({ length: Math.min(20_000, total - done) }, (_, i) =>
        mixedEvent(done + i, start),
      );
      await inserter.insert(batch);
      const t0 = performance.now();
      await service.process(batch);
      busyMs += performance.now() - t0;
    }
    const alerts = await store.db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return {
      events: total,
      seconds: busyMs / 1000,
      eventsPerSecond: total / (busyMs / 1000),
      alerts: Number(alerts.n),
    };
  } finally {
    await store.close();
  }
}

function mixedEvent(i: number, startMs: number): WebEvent {
  const user = `pupil${i % 1500}`;
  const roll = (i * 7919) % 100;
  const base: WebEvent = {
    kind: 'web-request',
    id: `0190${String(startMs + i * 5).padStart(14, '0')}-${String(i).padStart(10, '0')}`,
    time: new Date(startMs + i * 5).toISOString(),
    node: 'gw-1',
    user,
    groups: ['pupils', `class${i % 50}`],
    policyGroup: 'pupils',
    device: null,
    clientAddress: '10.0.0.1',
    method: 'GET',
    scheme: 'https',
    host: `site${i % 400}.test`,
    path: '/page',
    categories: [],
    action: 'allow',
    reason: 'uncategorised',
    reasonDetail: {},
    searchTerms: null,
    searchEngine: null,
    searchAutocomplete: false,
    alert: false,
    inspected: true,
    status: 200,
    bytesUp: 0,
    bytesDown: 1000,
    durationMs: 20,
  };
  if (roll < 88) return base;
  if (roll < 94) {
    return {
      ...base,
      host: 'play.test',
      categories: ['games'],
      action: 'block',
      reason: 'category',
      status: 403,
    };
  }
  if (roll < 99) {
    const risky = i % 97 === 0;
    const list = risky ? RISKY : SEARCHES;
    return {
      ...base,
      host: 'www.google.co.uk',
      path: '/search',
      searchTerms: list[i % list.length]!,
      searchEngine: 'google',
    };
  }
  return {
    ...base,
    host: 'bad.test',
    categories: ['self-harm'],
    action: 'block',
    reason: 'category',
    status: 403,
  };
}
