import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serialiseEvent } from '../../../src/events/serialise-event.js';
import { decodeSpooledEvent } from '../../../src/events/spool/decode-spooled-event.js';
import { sampleEvent } from '../event-fixture.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const event = sampleEvent(3);
const secret = 'pupil.with.a.name.that.must.not.leak'.repeat(10); // over the 256-character bound

describe('decodeSpooledEvent', () => {
  it('gives_back_the_event_that_was_serialised', () => {
    assert.deepEqual(decodeSpooledEvent(bytes(serialiseEvent(event))), event);
  });

  const cases = [
    { name: 'not_json', payload: '{"kind":"web-', want: /^record is not JSON$/ },
    { name: 'json_but_not_an_object', payload: '[1,2]', want: /not a valid event \(event: / },
    {
      name: 'wrong_kind',
      payload: serialiseEvent({ ...event, kind: 'dns' as never }),
      want: /\(kind: /,
    },
    {
      name: 'unknown_field',
      payload: JSON.stringify({ ...event, extra: 1 }),
      want: /not a valid event/,
    },
    {
      name: 'field_too_long',
      payload: serialiseEvent({ ...event, user: secret }),
      want: /\(user: /,
    },
  ];
  for (const { name, payload, want } of cases) {
    it(`explains_a_record_that_is_${name}_without_its_content`, () => {
      const decoded = decodeSpooledEvent(bytes(payload));
      assert.equal(typeof decoded, 'string');
      assert.match(decoded as string, want);
      assert.ok(!(decoded as string).includes('pupil.with'), 'the value is not repeated');
    });
  }
});
