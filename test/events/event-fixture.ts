/**
 * Real events for the events tests: decisions from the test engine (real index and policy)
 * turned into events by `toWebEvent`, with reserved names throughout.
 */
import type { Decision } from '../../src/engine/decision/decision.js';
import { toWebEvent } from '../../src/events/to-web-event.js';
import type { WebEvent } from '../../src/events/web-event.js';
import type { WebRequestFacts } from '../../src/events/web-request-facts.js';
import { createTestEngine, LESSON_TIME } from '../support/engine-fixture.js';

export const engine = createTestEngine();
export { LESSON_TIME };

/** Facts for an ordinary inspected GET by a pupil; override any field. */
export function factsFor(overrides: Partial<WebRequestFacts> = {}): WebRequestFacts {
  return {
    startedAt: LESSON_TIME,
    node: 'gw-1',
    user: 'pupil.one',
    groups: ['pupils'],
    device: 'LAPTOP-07',
    clientAddress: '10.0.5.21',
    method: 'GET',
    scheme: 'https',
    host: 'school.test',
    inspectionExempt: false,
    inspected: true,
    status: 200,
    bytesUp: 0,
    bytesDown: 1234,
    durationMs: 42,
    ...overrides,
  };
}

/** URLs that between them give every action and most reasons under the test policy. */
export const SAMPLE_URLS = [
  'https://school.test/timetable?week=3',
  'https://www.google.co.uk/search?q=volcano+eruption&hl=en',
  'http://bad.example/page',
  'https://games.example/play?level=2',
  'https://mathsgames.example/fractions',
  'https://video.example/watch?v=abc',
  'https://chat.example/room/7',
  'http://192.0.2.10/',
  'https://iwf.example/x',
  'https://school.test/blog/post-1',
] as const;

/** Event number `i` of a varied stream, `i` milliseconds after `start`. */
export function sampleEvent(i: number, start = LESSON_TIME): WebEvent {
  const url = SAMPLE_URLS[i % SAMPLE_URLS.length]!;
  const decision: Decision = engine.decide({ url, groups: ['pupils'] });
  return toWebEvent(
    decision,
    factsFor({ startedAt: start + i, host: new URL(url).hostname, bytesDown: i * 10 }),
  );
}
