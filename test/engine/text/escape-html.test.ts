import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { escapeHtml } from '../../../src/engine/text/escape-html.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('escapeHtml', () => {
  const cases = [
    { name: 'script', input: '<script>x</script>', want: '&lt;script&gt;x&lt;/script&gt;' },
    { name: 'quotes', input: `"'`, want: '&quot;&#39;' },
    { name: 'ampersand_first', input: '&lt;', want: '&amp;lt;' },
    { name: 'control_characters', input: 'a\u0000b\u0007c\u009f', want: 'a\uFFFDb\uFFFDc\uFFFD' },
    { name: 'keeps_tab_newline', input: 'a\tb\nc\r', want: 'a\tb\nc\r' },
    { name: 'keeps_unicode', input: 'أحمد 😀 é', want: 'أحمد 😀 é' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(escapeHtml(c.input), c.want));

  it('output_never_holds_markup_characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        assert.ok(!/[<>"']|[\u0000-\u0008]/.test(escapeHtml(s)));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
