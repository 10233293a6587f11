import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localToUtc } from '../../../src/engine/policy/local-to-utc.js';

describe('localToUtc', () => {
  const cases = [
    { name: 'GMT', zone: 'Europe/London', local: '2026-12-01T12:30', want: '2026-12-01T12:30:00Z' },
    { name: 'BST', zone: 'Europe/London', local: '2026-07-01T12:30', want: '2026-07-01T11:30:00Z' },
    // 01:30 does not exist on 29 March 2026 in London: the jump's old offset gives 02:30 BST.
    { name: 'gap', zone: 'Europe/London', local: '2026-03-29T01:30', want: '2026-03-29T01:30:00Z' },
    // 01:30 happens twice on 25 October 2026: the first, in BST.
    {
      name: 'repeat',
      zone: 'Europe/London',
      local: '2026-10-25T01:30',
      want: '2026-10-25T00:30:00Z',
    },
    {
      name: 'east of UTC',
      zone: 'Asia/Kolkata',
      local: '2026-11-24T09:00',
      want: '2026-11-24T03:30:00Z',
    },
    // São Paulo moved its clocks at midnight: the day began at 01:00 local, 03:00 UTC.
    {
      name: 'midnight gap',
      zone: 'America/Sao_Paulo',
      local: '2018-11-04T00:00',
      want: '2018-11-04T03:00:00Z',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(
        new Date(localToUtc(Date.parse(`${c.local}:00Z`), c.zone)).toISOString(),
        new Date(c.want).toISOString(),
      );
    });
  }

  it('throws a RangeError for an unknown zone', () => {
    assert.throws(() => localToUtc(0, 'Mars/Olympus'), RangeError);
  });
});
