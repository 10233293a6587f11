/**
 * `schoolgate lists import / compile / decide / explain` on the real third-party lists in
 * ../shared/data (UT1's archive in its own layout, Block List Project, Sinfonietta hosts,
 * the DoH/VPN bypass list): every popular domain those lists put in a category the pupils'
 * policy blocks must come out blocked, in that category. Skips when the data is absent.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UT1_DEFAULT_CATEGORIES } from '../../src/lists/ut1-default-categories.js';
import { jsonLines, runCli } from '../support/run-cli.js';
import { sharedDataFile } from '../support/shared-data.js';

const ut1 = sharedDataFile('blocklists/ut1/blacklists.tar.gz');
const popular = sharedDataFile('test-urls/popular-domains-by-category.tsv');
const present = ut1 !== null && popular !== null;

/** Lists other than UT1, by `source/category` in the popular-domains table. */
const OTHER_LISTS: Record<string, { file: string; category: string; format: string }> = {
  'sinfonietta/pornography': {
    file: 'blocklists/sinfonietta/pornography-hosts.gz',
    category: 'pornography',
    format: 'hosts',
  },
  'sinfonietta/gambling': {
    file: 'blocklists/sinfonietta/gambling-hosts.gz',
    category: 'gambling',
    format: 'hosts',
  },
  'sinfonietta/social': {
    file: 'blocklists/sinfonietta/social-hosts.gz',
    category: 'social-networking',
    format: 'hosts',
  },
  'blocklistproject/drugs': {
    file: 'blocklists/blocklistproject/drugs.txt.gz',
    category: 'drugs',
    format: 'domains',
  },
  'hagezi-2022/doh-vpn-proxy-bypass': {
    file: 'circumvention/hagezi-2022/doh-vpn-proxy-bypass.adblock.txt',
    category: 'proxies-vpn',
    format: 'adblock',
  },
};
const PUPILS_BLOCK = [
  'pornography',
  'gambling',
  'social-networking',
  'drugs',
  'proxies-vpn',
  'games',
  'dating',
  'chat',
  'webmail',
  'violence',
  'malware-hacking',
  'piracy',
];

describe('the engine on the full lists in ../shared/data', {
  skip: present ? false : '../shared/data is absent',
}, () => {
  it('imports UT1, compiles everything and blocks each popular listed domain in its category', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-full-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const sources = Object.entries(OTHER_LISTS)
      .map(
        ([name, l]) =>
          `    - { type: list, name: ${name}, category: ${l.category}, format: ${l.format}, path: '${sharedDataFile(l.file)}' }`,
      )
      .join('\n');
    const config = join(dir, 'schoolgate.yaml');
    writeFileSync(
      config,
      `dataDir: ./data\nlists:\n  sources:\n${sources}\npolicy:\n  defaultGroup: pupils\n  groups:\n    - id: pupils\n      label: Pupils\n      categories: { ${PUPILS_BLOCK.map((c) => `${c}: block`).join(', ')} }\n`,
    );
    const imported = await runCli(['lists', 'import', ut1!, '--config', config]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Games \(games\)\s+3[0-9],[0-9]{3}\n/);

    const expected = new Map<string, string>();
    for (const row of readFileSync(popular!, 'utf8').split('\n').slice(1)) {
      const [source, category, domain] = row.split('\t');
      if (!source || !category || !domain) continue;
      const ours =
        source === 'ut1'
          ? UT1_DEFAULT_CATEGORIES[category]
          : OTHER_LISTS[`${source}/${category}`]?.category;
      if (ours !== undefined && PUPILS_BLOCK.includes(ours)) expected.set(domain, ours);
    }
    assert.ok(expected.size > 2000, `only ${expected.size} popular domains to check`);
    const domains = [...expected.keys()];
    const input = domains
      .map((d) => JSON.stringify({ group: 'pupils', url: `https://www.${d}/` }))
      .join('\n');
    const result = await runCli(['decide', '--config', config], { input });
    assert.equal(result.code, 0, result.stderr);
    const out = jsonLines(result.stdout);
    assert.equal(out.length, domains.length);
    const wrong = out.flatMap((o, i) => {
      const category = expected.get(domains[i]!)!;
      const ok = o['action'] === 'block' && (o['categories'] as string[]).includes(category);
      return ok
        ? []
        : [`${domains[i]} (${category}): ${o['action']} ${JSON.stringify(o['categories'])}`];
    });
    assert.deepEqual(wrong, []);

    const explained = await runCli([
      'explain',
      'https://www.bet365.com/',
      '--group',
      'pupils',
      '--config',
      config,
    ]);
    assert.equal(explained.code, 0, explained.stderr);
    assert.match(
      explained.stdout,
      /is BLOCKED for group pupils\.\n.*\n {2}Category: Gambling \(gambling\); the group's rule is block\.\n {2}Matched: (www\.)?bet365\.com \(domain entry in (ut1\/gambling\/domains|sinfonietta\/gambling)/,
    );
  });
});
