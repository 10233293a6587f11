import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { eventTimeFromId } from '../../../src/casework/holds/event-time-from-id.js';
import { createEventId } from '../../../src/events/create-event-id.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('eventTimeFromId', () => {
  it('reads back the time of any id createEventId makes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 1 }),
        (ms) => eventTimeFromId(createEventId(ms)) === ms,
      ),
      { numRuns: RUNS },
    );
  });

  const cases = [
    { name: 'empty', input: '' },
    { name: 'uuid_v4', input: '3b241101-e2bb-4255-8caf-4136c566a962' },
    { name: 'upper_case', input: createEventId(1_700_000_000_000).toUpperCase() },
    { name: 'sql_text', input: "x' or 1=1 --" },
  ];
  for (const c of cases) {
    it(`null_for_${c.name}`, () => assert.equal(eventTimeFromId(c.input), null));
  }
});
