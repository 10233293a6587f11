import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  LIST_FORMATS,
  type ListEntry,
  type ListFormat,
} from '../../../src/engine/lists/list-entry.js';
import { parseList } from '../../../src/engine/lists/parse-list.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/lists/${name}`, import.meta.url), 'utf8');

const domain = (host: string): ListEntry => ({ kind: 'domain', host });
const ip = (host: string): ListEntry => ({ kind: 'ip', host });
const url = (host: string, path: string): ListEntry => ({ kind: 'url', host, path });

interface Case {
  readonly name: string;
  readonly format: ListFormat;
  readonly text: string;
  readonly entries: readonly ListEntry[];
  readonly rejectedLines?: readonly number[];
  readonly skipped?: number;
}

const cases: readonly Case[] = [
  {
    name: 'domains_plain_comments_dups',
    format: 'domains',
    text: '\uFEFF# header\r\nblocked.example\r\n\r\nBLOCKED.example.\r\nblocked.example # again\n',
    entries: [domain('blocked.example')],
    skipped: 4,
  },
  {
    name: 'domains_wildcard_and_dot_prefix',
    format: 'domains',
    text: '*.a.example\n.b.example\n',
    entries: [domain('a.example'), domain('b.example')],
  },
  {
    name: 'domains_idn_both_forms_agree',
    format: 'domains',
    text: 'bücher.example\nxn--bcher-kva.example\n',
    entries: [domain('xn--bcher-kva.example')],
    skipped: 1,
  },
  {
    name: 'domains_ip_literals',
    format: 'domains',
    text: '192.0.2.10\n0xC000020A\n2001:DB8::1\n[::ffff:192.0.2.11]\n',
    entries: [ip('192.0.2.10'), ip('2001:db8::1'), ip('192.0.2.11')],
    skipped: 1,
  },
  {
    name: 'domains_concatenation_noise_is_valid',
    format: 'domains',
    text: 'rahaporn.commanhwax.top\n',
    entries: [domain('rahaporn.commanhwax.top')],
  },
  {
    name: 'domains_invalid_lines',
    format: 'domains',
    text: [
      'com',
      'bad host.example',
      'a..example',
      `${'a'.repeat(64)}.example`,
      `${'abcdefghi.'.repeat(26)}example`,
      'bad!char.example',
      'http://',
      'blocked.example/path',
      '192.0.2.0/24',
      'bin\u0001ary\ufffd.example',
      'http://ok.example/',
    ].join('\n'),
    entries: [domain('ok.example')],
    rejectedLines: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  },
  {
    name: 'hosts_fixture',
    format: 'hosts',
    text: fixture('sample-hosts.txt'),
    entries: [
      domain('blocked.example'),
      domain('www.blocked.example'),
      domain('ads.blocked.example'),
      domain('rahaporn.commanhwax.top'),
      domain('only.name.example'),
    ],
    // Both names on line 9 are bad: `bad` is a bare TLD, `host..example` has an empty label.
    rejectedLines: [9, 9],
  },
  {
    name: 'adblock_fixture',
    format: 'adblock',
    text: fixture('sample-adblock.txt'),
    entries: [
      domain('blocked.example'),
      domain('ads.blocked.example'),
      domain('plain.example'),
      domain('hosts-style.example'),
    ],
    rejectedLines: [5, 6, 7, 8, 9, 10],
    skipped: 2,
  },
  {
    name: 'urls_ut1_style',
    format: 'urls',
    text: [
      'blocked.example/Games/',
      'http://blocked.example/Games',
      'Blocked.Example/a/../p%61th',
      'whole.example',
      'whole2.example/',
      '192.0.2.10/x',
      'ftp://blocked.example/x',
      'blocked.example/watch?v=1',
      'https://',
    ].join('\n'),
    entries: [
      url('blocked.example', '/Games'),
      url('blocked.example', '/path'),
      domain('whole.example'),
      domain('whole2.example'),
      url('192.0.2.10', '/x'),
    ],
    rejectedLines: [7, 8, 9],
    skipped: 1,
  },
  {
    name: 'e2guardian_sites',
    format: 'e2guardian-sites',
    text: '#listcategory: "Banned"\n.Include</etc/e2guardian/other>\nbanned.example\n**\n*ips\n',
    entries: [domain('banned.example')],
    rejectedLines: [4, 5],
    skipped: 1,
  },
  {
    name: 'e2guardian_urls',
    format: 'e2guardian-urls',
    text: 'members.home.example/uporn\n.Include<x>\n',
    entries: [url('members.home.example', '/uporn')],
  },
];

test('parseList: formats', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      const got = parseList(c.text, { source: `test/${c.name}`, format: c.format });
      assert.deepEqual(got.entries, c.entries);
      assert.deepEqual(
        got.rejected.map((r) => r.line),
        c.rejectedLines ?? [],
        JSON.stringify(got.rejected.map((r) => r.problem)),
      );
      for (const r of got.rejected) {
        assert.equal(r.source, `test/${c.name}`);
        assert.ok(r.problem.length > 5);
        assert.ok(r.text.length <= 200);
      }
      if (c.skipped !== undefined) assert.equal(got.skipped, c.skipped);
    });
  }
});

test('parseList: problems are specific', async (t) => {
  const problems = [
    { name: 'bare_tld', format: 'domains', line: 'com', want: /top-level domain/ },
    { name: 'space', format: 'domains', line: 'a b.example', want: /spaces/ },
    { name: 'long_label', format: 'domains', line: `${'a'.repeat(64)}.example`, want: /63/ },
    {
      name: 'long_host',
      format: 'domains',
      line: `${'abcdefghi.'.repeat(26)}example`,
      want: /253/,
    },
    { name: 'empty_label', format: 'domains', line: 'a..example', want: /empty label/ },
    {
      name: 'adblock_path',
      format: 'adblock',
      line: '||blocked.example/path^',
      want: /path is not supported/,
    },
    { name: 'adblock_exception', format: 'adblock', line: '@@||a.example^', want: /exception/ },
    { name: 'adblock_cosmetic', format: 'adblock', line: 'a.example##.ad', want: /element-hiding/ },
    {
      name: 'adblock_dnsrewrite',
      format: 'adblock',
      line: '|s.example^$dnsrewrite=x',
      want: /dnsrewrite/,
    },
    { name: 'url_query', format: 'urls', line: 'a.example/watch?v=1', want: /query/ },
    { name: 'blanket', format: 'e2guardian-sites', line: '**', want: /blanket/ },
  ] as const;
  for (const p of problems) {
    await t.test(p.name, () => {
      const got = parseList(p.line, { source: 's', format: p.format });
      assert.equal(got.rejected.length, 1);
      assert.match(got.rejected[0]!.problem, p.want);
      assert.equal(got.rejected[0]!.line, 1);
    });
  }
});

test('parseList: reports includes and long rejected lines truncated', () => {
  const got = parseList(`.Include<a/b>\n${'x y'.repeat(300)}\n`, {
    source: 's',
    format: 'e2guardian-sites',
  });
  assert.deepEqual(got.includes, [{ source: 's', line: 1, path: 'a/b' }]);
  assert.equal(got.rejected[0]!.text.length, 200);
});

test('parseList: auto detection picks the right parser', () => {
  const got = parseList(fixture('sample-hosts.txt'), { source: 's', format: 'auto' });
  assert.equal(got.format, 'hosts');
  assert.equal(got.entries.length, 5);
});

test('parseList never throws and every line is accounted for (fuzz)', () => {
  const formats = LIST_FORMATS;
  const lineUnit = fc.constantFrom(...'aZ0.-_*|^$/#!@: \t\r\u00e9\ufffd\u0000%[]<>'.split(''));
  const text = fc.array(
    fc.oneof(
      fc.string({ unit: lineUnit, maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
    ),
    { maxLength: 12 },
  );
  fc.assert(
    fc.property(fc.constantFrom(...formats), text, (format, lines) => {
      const joined = lines.join('\n');
      const got = parseList(joined, { source: 'fuzz', format });
      const lineCount = joined.split('\n').length;
      for (const r of got.rejected) assert.ok(r.line >= 1 && r.line <= Math.max(lineCount, 1));
      for (const e of got.entries) {
        assert.equal(e.host, e.host.toLowerCase());
        assert.ok(!e.host.endsWith('.'));
        if (e.kind === 'url') assert.ok(e.path.startsWith('/'));
      }
      // Re-parsing the entries as a list gives the same entries (canonical form is stable).
      const again = parseList(
        got.entries.map((e) => (e.kind === 'url' ? e.host + e.path : e.host)).join('\n'),
        {
          source: 'again',
          format: 'urls',
        },
      );
      assert.deepEqual(again.entries, got.entries);
    }),
    { numRuns: FUZZ_RUNS * 5 },
  );
});
