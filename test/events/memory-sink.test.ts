import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemorySink } from '../../src/events/memory-sink.js';
import { sampleEvent } from './event-fixture.js';

describe('createMemorySink', () => {
  it('keeps_events_in_order_until_closed', async () => {
    const sink = createMemorySink();
    const sent = [sampleEvent(0), sampleEvent(1), sampleEvent(2)];
    for (const event of sent) sink.add(event);
    await sink.flush();
    assert.deepEqual(sink.events, sent);
    await sink.close();
    assert.ok(sink.closed);
    sink.add(sampleEvent(3));
    assert.equal(sink.events.length, 3);
    assert.equal(sink.dropped, 1);
  });
});
