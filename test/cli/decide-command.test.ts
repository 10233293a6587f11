import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { jsonLines, runCli } from '../support/run-cli.js';

let dir: string;
let config: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sg-cli-'));
  writeFileSync(join(dir, 'games.txt'), '# games\nplay.example\r\n\nplay.example\nbad host name\n');
  writeFileSync(
    join(dir, 'proxies.hosts'),
    '0.0.0.0 hide.example other.example\n127.0.0.1 localhost\n',
  );
  writeFileSync(join(dir, 'adult.adblock'), '! adblock\n||adult.example^\n||adult.example/path^\n');
  config = join(dir, 'schoolgate.yaml');
  writeFileSync(
    config,
    `school: { name: Test School }
dataDir: ./data
lists:
  sources:
    - { type: list, name: games, category: games, format: domains, path: games.txt }
    - { type: list, name: proxies, category: proxies-vpn, format: hosts, path: proxies.hosts }
    - { type: list, name: adult, category: pornography, format: adblock, path: adult.adblock }
policy:
  defaultGroup: pupils
  schedules:
    lunchtime: { days: [mon, tue, wed, thu, fri], times: ['12:15-13:15'] }
  groups:
    - id: staff
      label: Staff
      categories: { pornography: block }
    - id: pupils
      label: Pupils
      categories:
        pornography: block
        proxies-vpn: block
        games: [{ action: allow, during: lunchtime }, { action: block }]
`,
  );
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('schoolgate decide', () => {
  it('answers one JSON line per request with the documented fields', async () => {
    const input = [
      {
        group: 'pupils',
        url: 'https://www.play.example/level/1',
        time: '2026-11-24T10:00:00Z',
        user: 'p.pupil',
      },
      { group: 'pupils', url: 'https://www.play.example/level/1', time: '2026-11-24T12:30:00Z' },
      { group: 'staff', url: 'https://www.play.example/' },
      { group: 'pupils', host: 'hide.example' },
      { groups: ['staff', 'pupils'], url: 'http://ADULT.example./x' },
      { group: 'pupils', url: 'https://www.bing.com/search?q=caf%E9+menu' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const result = await runCli(['decide', '--config', config], { input });
    assert.equal(result.code, 0, result.stderr);
    const out = jsonLines(result.stdout);
    assert.equal(out.length, 6);
    for (const line of out) {
      for (const field of ['action', 'categories', 'reason', 'host', 'url', 'searchTerms']) {
        assert.ok(field in line, `missing ${field}`);
      }
    }
    assert.deepEqual(
      out.map((o) => o['action']),
      ['block', 'allow', 'allow', 'block', 'block', 'allow'],
    );
    assert.equal(out[0]!['user'], 'p.pupil');
    assert.deepEqual(out[0]!['categories'], ['games']);
    assert.equal(out[4]!['host'], 'adult.example');
    assert.equal(out[4]!['group'], 'staff');
    assert.equal(out[5]!['searchTerms'], 'café menu');
    assert.match(String((out[5]!['safeSearch'] as { url: string }).url), /adlt=strict/);
  });

  it('keeps going after bad lines, marks them, and exits 1', async () => {
    const input = [
      '{"group":"pupils","url":"https://play.example/"}',
      '{not json',
      '{"group":"pupils"}',
      '[1,2]',
      '{"url":"https://play.example/","time":"yesterday"}',
      '{"group":"pupils","url":"https://hide.example/"}',
    ].join('\n');
    const result = await runCli(['decide', '--config', config], { input });
    assert.equal(result.code, 1);
    const out = jsonLines(result.stdout);
    assert.equal(out.length, 6);
    assert.deepEqual(
      out.map((o) => ('error' in o ? `error@${o['line']}` : o['action'])),
      ['block', 'error@2', 'error@3', 'error@4', 'error@5', 'block'],
    );
    assert.match(result.stderr, /4 request line\(s\) could not be read/);
  });

  it('works without a config from --list and --block, in any list format', async () => {
    const input = [
      '{"url":"https://play.example/"}',
      '{"url":"https://other.example/"}',
      '{"url":"https://adult.example/"}',
      '{"url":"https://elsewhere.example/"}',
    ].join('\n');
    const result = await runCli(
      [
        'decide',
        '--list',
        `games=${join(dir, 'games.txt')}`,
        '--list',
        `proxies-vpn=${join(dir, 'proxies.hosts')}`,
        '--list',
        `pornography=${join(dir, 'adult.adblock')}`,
        '--block',
        'games,proxies-vpn',
      ],
      { input },
    );
    assert.equal(result.code, 0, result.stderr);
    const out = jsonLines(result.stdout);
    assert.deepEqual(
      out.map((o) => o['action']),
      ['block', 'block', 'allow', 'allow'],
    );
    assert.deepEqual(out[2]!['categories'], ['pornography']);
    assert.match(result.stderr, /games\.txt:5: .*bad host name/);
  });

  it('names the key and line of a config mistake and exits 2', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      'lists: {}\npolicy:\n  defaultGroup: pupils\n  groups:\n    - id: pupils\n      label: Pupils\n      categories: { gamez: block }\n',
    );
    const result = await runCli(['decide', '--config', broken], { input: '' });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /broken\.yaml:7:\d+\s+policy\.groups\[0\]\.categories\.gamez: unknown category 'gamez'/,
    );
  });
});

describe('schoolgate explain', () => {
  it('says in words what each group gets and why', async () => {
    const result = await runCli([
      'explain',
      'https://www.play.example/',
      '--config',
      config,
      '--at',
      '2026-11-24T10:00:00Z',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /is ALLOWED for group staff/);
    assert.match(
      result.stdout,
      /is BLOCKED for group pupils\.\n {2}Why: .*\n {2}Category: Games \(games\); the group's rule is block\.\n {2}Matched: play\.example \(domain entry in games\)/,
    );
  });

  it('refuses an unknown group, listing the real ones', async () => {
    const result = await runCli([
      'explain',
      'https://play.example/',
      '--config',
      config,
      '--group',
      'pupil',
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown group 'pupil' \(groups: staff, pupils\)/);
  });
});
