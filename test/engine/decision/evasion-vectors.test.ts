/**
 * Every vector of the URL-evasion set (url-evasion/evasion-vectors.tsv, copied into
 * test/fixtures/url/) through the whole decide(): a policy that blocks `blocked.example`,
 * `bücher.example` and `192.0.2.10` must reach each vector's intended verdict.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Decision } from '../../../src/engine/decision/decision.js';
import { createTestEngine, TEST_POLICY } from '../../support/engine-fixture.js';

interface Vector {
  readonly id: string;
  readonly technique: string;
  readonly input: string;
  readonly intent: string;
  readonly effectiveHost: string;
}

const vectors: Vector[] = readFileSync(
  new URL('../../fixtures/url/evasion-vectors.tsv', import.meta.url),
  'utf8',
)
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [id, technique, inputJson, intent, , , , effectiveHost] = line.split('\t');
    return {
      id: id!,
      technique: technique!,
      input: JSON.parse(inputJson!) as string,
      intent: intent!,
      effectiveHost: effectiveHost!,
    };
  });

const engine = createTestEngine(
  {
    pornography: ['blocked.example', 'bücher.example', '192.0.2.10', '2001:DB8::1'],
    games: ['pathonly.example/path'],
  },
  TEST_POLICY,
);
const decideFor = (url: string) => engine.decide({ url, groups: ['pupils'] });
const blockedByList = (d: Decision) => d.action === 'block' && d.categories.includes('pornography');

/** What each intent in the data set requires of the decision. */
const CHECKS: Readonly<Record<string, (d: Decision, v: Vector) => void>> = {
  block: (d, v) => {
    assert.equal(d.action, 'block');
    if (v.effectiveHost === 'blocked.example' || v.effectiveHost === '192.0.2.10') {
      assert.ok(blockedByList(d), `blocked by the list, not only by ${d.reason.code}`);
      assert.equal(d.host, v.effectiveHost);
    }
  },
  'block-or-reject': (d) => assert.equal(d.action, 'block'),
  reject: (d) => {
    assert.equal(d.action, 'block');
    assert.equal(d.reason.code, 'unparseable');
  },
  allow: (d, v) => {
    assert.equal(d.action, 'allow');
    assert.equal(d.host, v.effectiveHost);
  },
  // A homograph check is not built yet: the host is a different (punycode) host and allowed.
  'allow-but-flag': (d, v) => {
    assert.equal(d.host, v.effectiveHost);
    assert.ok(!blockedByList(d));
  },
  'different-host': (d, v) => {
    assert.equal(d.host, v.effectiveHost);
    assert.ok(!d.categories.includes('pornography'), 'must not be taken for the listed address');
  },
  'block-if-listed': (d) => assert.ok(blockedByList(d)),
  'block-or-flag': (d) => assert.ok(blockedByList(d), 'the embedded IPv4 address is looked up'),
  'block-path-if-listed': (d) => assert.ok(blockedByList(d)),
  'allow-or-flag': (d, v) => {
    assert.equal(d.host, v.effectiveHost);
    if (v.effectiveHost === 'allowed.example') assert.equal(d.action, 'allow');
  },
  depends: (d) => assert.ok(blockedByList(d), 'the host is blocked whatever the path case'),
  'scan-terms': (d) => assert.ok(blockedByList(d)),
  'block-proxy': (d) => assert.ok(blockedByList(d), 'the wrapped site is decided as itself'),
  'block-proxy-or-path': (d) =>
    assert.ok(blockedByList(d), 'the wrapped site is decided as itself'),
  // IPFS gateways name content, not hosts: nothing to match; allowed and left to lists.
  flag: (d, v) => assert.equal(d.host, v.effectiveHost),
};

describe('URL evasion vectors through decide()', () => {
  it('covers all 75 vectors and knows every intent', () => {
    assert.equal(vectors.length, 75);
    for (const v of vectors) assert.ok(v.intent in CHECKS, `${v.id}: unknown intent ${v.intent}`);
  });
  for (const v of vectors) {
    it(`${v.id} ${v.technique} -> ${v.intent}`, () => {
      const check = CHECKS[v.intent]!;
      check(decideFor(v.input), v);
    });
  }
});

describe('path evasion against a URL entry (pathonly.example/path)', () => {
  const cases = [
    { name: 'dot_segments', url: 'http://pathonly.example/a/../path', blocked: true },
    { name: 'encoded_dot_segments', url: 'http://pathonly.example/a/%2e%2e/path', blocked: true },
    { name: 'encoded_unreserved', url: 'http://pathonly.example/p%61th', blocked: true },
    { name: 'double_slash', url: 'http://pathonly.example//path', blocked: true },
    { name: 'deeper_path', url: 'http://pathonly.example/path/more', blocked: true },
    { name: 'trailing_slash', url: 'http://pathonly.example/path/', blocked: true },
    { name: 'www_prefix', url: 'http://www.pathonly.example/path', blocked: true },
    { name: 'query_does_not_matter', url: 'http://pathonly.example/path?x=1', blocked: true },
    { name: 'not_a_segment_boundary', url: 'http://pathonly.example/pathway', blocked: false },
    {
      name: 'double_encoded_decodes_once',
      url: 'http://pathonly.example/p%2561th',
      blocked: false,
    },
    { name: 'path_case_is_significant', url: 'http://pathonly.example/PATH', blocked: false },
    { name: 'other_path', url: 'http://pathonly.example/other', blocked: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = decideFor(c.url);
      assert.equal(
        d.action === 'block' && d.categories.includes('games'),
        c.blocked,
        JSON.stringify(d.reason),
      );
    });
  }
});

describe('query-term encodings decode to the typed terms', () => {
  const cases = [
    { name: 'plus', query: 'q=free+time', want: 'free time' },
    { name: 'percent_space', query: 'q=free%20time', want: 'free time' },
    { name: 'encoded_letters', query: 'q=p%6Frn', want: 'porn' },
    { name: 'utf8', query: 'q=%C5%BC%C3%B3%C5%82%C4%87', want: 'żółć' },
    { name: 'latin1', query: 'q=caf%E9', want: 'café' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = decideFor(`https://www.google.co.uk/search?${c.query}`);
      assert.equal(d.search?.terms, c.want);
    });
  }
});
