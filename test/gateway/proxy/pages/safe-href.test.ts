import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeHref } from '../../../../src/gateway/proxy/pages/safe-href.js';

describe('safeHref', () => {
  const cases = [
    {
      name: 'https',
      input: 'https://console.school.test/u?t=a&b=1',
      want: 'https://console.school.test/u?t=a&amp;b=1',
    },
    { name: 'http', input: 'http://school.test/', want: 'http://school.test/' },
    { name: 'path', input: '/.schoolgate/continue', want: '/.schoolgate/continue' },
    { name: 'javascript', input: 'javascript:alert(1)', want: null },
    { name: 'javascript_mixed_case', input: 'JaVaScRiPt:alert(1)', want: null },
    { name: 'leading_space', input: ' javascript:alert(1)', want: null },
    { name: 'tab_inside_scheme', input: 'java\tscript:alert(1)', want: null },
    { name: 'data', input: 'data:text/html,<b>x</b>', want: null },
    { name: 'protocol_relative', input: '//evil.example/', want: null },
    { name: 'backslash_relative', input: '/\\evil.example/', want: null },
    { name: 'relative_without_slash', input: 'continue', want: null },
    { name: 'empty', input: '', want: null },
    {
      name: 'quote_escaped',
      input: 'https://a.example/"><x',
      want: 'https://a.example/&quot;&gt;&lt;x',
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(safeHref(c.input), c.want));
});
