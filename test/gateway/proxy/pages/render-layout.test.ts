import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderLayout } from '../../../../src/gateway/proxy/pages/render-layout.js';
import { htmlProblems } from './html-checks.js';

describe('renderLayout', () => {
  const cases = [
    { name: 'block', tone: 'block', colour: '#b10e1e' },
    { name: 'warn', tone: 'warn', colour: '#8a4b00' },
    { name: 'info', tone: 'info', colour: '#1d3557' },
  ] as const;
  for (const c of cases) {
    it(`frame_${c.name}`, () => {
      const html = renderLayout({
        schoolName: 'Widford <Lodge>',
        title: 'A & B',
        tone: c.tone,
        mainHtml: '<h1>Heading</h1>\n<p>Body</p>',
      });
      assert.deepEqual(htmlProblems(html), []);
      assert.ok(html.includes(`--tone:${c.colour}`));
      assert.ok(html.includes('<title>A &amp; B – Widford &lt;Lodge&gt;</title>'));
      assert.ok(html.includes('<header>\n<p><bdi>Widford &lt;Lodge&gt;</bdi></p>'));
      assert.match(html, /<footer>\n<p>Schoolgate filters and records web use at this school\./);
      assert.ok(
        html.includes('<meta name="viewport" content="width=device-width, initial-scale=1">'),
      );
      assert.ok(!/<script|<link|https?:\/\//.test(html), 'no script or external asset');
    });
  }
});
