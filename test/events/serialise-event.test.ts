import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { serialiseEvent } from '../../src/events/serialise-event.js';
import { toWebEvent } from '../../src/events/to-web-event.js';
import { engine, factsFor, SAMPLE_URLS, sampleEvent } from './event-fixture.js';

/** The column names, in order, from the README's field table. */
function readmeColumns(): string[] {
  const readme = readFileSync(new URL('../../src/events/README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('## Fields'));
  return [...table.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((match) => match[1]!);
}

describe('serialiseEvent', () => {
  it('writes_keys_in_the_readme_column_order', () => {
    const event = sampleEvent(2);
    const keys = Object.keys(JSON.parse(serialiseEvent(event)));
    assert.deepEqual(keys, readmeColumns().slice(0, keys.length));
    assert.equal(keys.length, Object.keys(event).length);
  });

  it('is_independent_of_construction_order', () => {
    const event = sampleEvent(3);
    const reversed = Object.fromEntries(Object.entries(event).reverse()) as typeof event;
    const detail = Object.fromEntries(Object.entries(event.reasonDetail).reverse());
    assert.equal(serialiseEvent({ ...reversed, reasonDetail: detail }), serialiseEvent(event));
  });

  it('drops_stray_properties', () => {
    const event = { ...sampleEvent(0), pageText: 'not to be kept' } as ReturnType<
      typeof sampleEvent
    >;
    assert.ok(!serialiseEvent(event).includes('pageText'));
  });

  it('round_trips_every_sample', () => {
    for (let i = 0; i < SAMPLE_URLS.length; i++) {
      const event = sampleEvent(i);
      assert.deepEqual(JSON.parse(serialiseEvent(event)), event);
    }
  });

  it('keeps_one_event_on_one_line', () => {
    const decision = engine.decide({
      url: 'https://www.bing.com/search?q=line%0Abreak%E2%80%A8and%20%C3%A9t%C3%A9',
    });
    const event = toWebEvent(decision, factsFor({ user: 'o\u2019brien\r\nx' }));
    const line = serialiseEvent(event);
    assert.ok(!line.includes('\n') && !line.includes('\r'));
    assert.ok(event.user!.includes('\r\n') && event.searchTerms!.includes('été'));
    assert.deepEqual(JSON.parse(line), event);
  });
});
