import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortenForDisplay } from '../../../../src/gateway/proxy/pages/shorten-for-display.js';

describe('shortenForDisplay', () => {
  const cases = [
    { name: 'short_kept', input: 'abc', max: 5, want: 'abc' },
    { name: 'exact_kept', input: 'abcde', max: 5, want: 'abcde' },
    { name: 'long_cut', input: 'abcdef', max: 5, want: 'abcde…' },
    { name: 'surrogate_pairs_not_split', input: '😀😀😀', max: 2, want: '😀😀…' },
    { name: 'pairs_counted_as_one', input: '😀😀', max: 2, want: '😀😀' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(shortenForDisplay(c.input, c.max), c.want));
});
