import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectListFormat } from '../../../src/engine/lists/detect-list-format.js';

test('detectListFormat', async (t) => {
  const cases = [
    { name: 'domains', input: '# c\nblocked.example\nschool.test\n', want: 'domains' },
    { name: 'hosts', input: '# c\n0.0.0.0 blocked.example\n127.0.0.1 a.example\n', want: 'hosts' },
    { name: 'adblock_header', input: '[Adblock Plus 2.0]\n||a.example^\n', want: 'adblock' },
    { name: 'adblock_rules', input: '! c\n||a.example^\n', want: 'adblock' },
    { name: 'urls', input: 'a.example/x\nb.example/y\nc.example\n', want: 'urls' },
    { name: 'e2g_sites', input: '#c\n.Include<x>\na.example\n', want: 'e2guardian-sites' },
    { name: 'e2g_urls', input: '.Include<x>\na.example/p\n', want: 'e2guardian-urls' },
    { name: 'empty', input: '', want: 'domains' },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.equal(detectListFormat(c.input), c.want));
  }
});
