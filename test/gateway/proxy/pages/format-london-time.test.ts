import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLondonTime } from '../../../../src/gateway/proxy/pages/format-london-time.js';

describe('formatLondonTime', () => {
  const cases = [
    {
      name: 'winter_gmt',
      at: '2026-11-24T10:00:00Z',
      dateOnly: false,
      want: /24 November 2026,? at 10:00:00 GMT$/,
    },
    {
      name: 'summer_bst',
      at: '2026-06-02T13:05:09Z',
      dateOnly: false,
      want: /2 June 2026,? at 14:05:09 BST$/,
    },
    {
      name: 'bst_starts',
      at: '2026-03-29T01:00:00Z',
      dateOnly: false,
      want: /29 March 2026,? at 02:00:00 BST$/,
    },
    {
      name: 'just_before_bst',
      at: '2026-03-29T00:59:59Z',
      dateOnly: false,
      want: /29 March 2026,? at 00:59:59 GMT$/,
    },
    {
      name: 'date_only_london_day',
      at: '2026-06-30T23:30:00Z',
      dateOnly: true,
      want: /^1 July 2026$/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.match(formatLondonTime(new Date(c.at), c.dateOnly), c.want));
  }

  it('invalid_date', () => assert.equal(formatLondonTime(new Date(Number.NaN)), 'unknown time'));
});
