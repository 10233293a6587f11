import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FeedServer, startFeedServer } from '../support/https-feed-server.js';
import { jsonLines, runCli } from '../support/run-cli.js';
import { writeUt1Archive } from '../support/ut1-archive.js';

let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sg-lists-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const POLICY = `policy:
  defaultGroup: pupils
  groups:
    - id: pupils
      label: Pupils
      categories: { games: block, gambling: block, pornography: block, proxies-vpn: block }
`;

function writeConfig(name: string, sources: string): string {
  const folder = join(dir, name);
  const file = join(folder, 'schoolgate.yaml');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, `dataDir: ./data\nlists:\n  sources:\n${sources}\n${POLICY}`);
  return file;
}

async function decideAll(config: string, urls: string[]): Promise<Record<string, unknown>[]> {
  const input = urls.map((url) => JSON.stringify({ group: 'pupils', url })).join('\n');
  const result = await runCli(['decide', '--config', config], { input });
  assert.equal(result.code, 0, result.stderr);
  return jsonLines(result.stdout);
}

describe('schoolgate lists compile', () => {
  it('reports per-category counts and each rejected line with its file and line', async () => {
    const config = writeConfig(
      'compile',
      '    - { type: list, name: games, category: games, path: games.txt }\n    - { type: list, name: missing, category: chat, path: nowhere.txt }',
    );
    writeFileSync(
      join(dir, 'compile', 'games.txt'),
      'play.example\nfun.example\n\n# comment\nnot a host!\nfun.example\n',
    );
    const result = await runCli(['lists', 'compile', '--config', config]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Games \(games\)\s+2\n/);
    assert.match(result.stdout, /Rejected lines: 1/);
    assert.match(result.stdout, /games \(.*games\.txt\): 1\n\s+line 5: .*"not a host!"/);
    assert.match(result.stdout, /Sources not used:\n\s+missing: file not found/);
    assert.match(result.stderr, /compiling lists: 100%/);
    assert.ok(existsSync(join(dir, 'compile', 'data', 'index.sgx')));
  });

  it('does not recompile on every start when a list is dated in the future', async () => {
    const folder = join(dir, 'future');
    mkdirSync(folder, { recursive: true });
    const config = join(folder, 'schoolgate.yaml');
    writeFileSync(
      config,
      `dataDir: ./data\nlists:\n  sources:\n    - { type: list, name: games, category: games, path: games.txt }\n${POLICY}`,
    );
    writeFileSync(join(folder, 'games.txt'), 'play.example\n');
    const tomorrow = new Date(Date.now() + 86_400_000);
    utimesSync(join(folder, 'games.txt'), tomorrow, tomorrow);
    const input = '{"group":"pupils","url":"https://play.example/"}\n';
    const first = await runCli(['decide', '--config', config], { input });
    assert.match(first.stderr, /compiling the lists/);
    const second = await runCli(['decide', '--config', config], { input });
    assert.equal(second.code, 0, second.stderr);
    assert.doesNotMatch(second.stderr, /compiling the lists/);
    assert.equal(jsonLines(second.stdout)[0]!['action'], 'block');
  });

  it('rebuilds a damaged index on the next start instead of failing', async () => {
    const config = join(dir, 'compile', 'schoolgate.yaml');
    const indexFile = join(dir, 'compile', 'data', 'index.sgx');
    const bytes = readFileSync(indexFile);
    bytes[bytes.length - 10]! ^= 0xff;
    writeFileSync(indexFile, bytes);
    const result = await runCli(['decide', '--config', config], {
      input: '{"group":"pupils","url":"https://play.example/"}\n',
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /damaged.*rebuilding from the lists/);
    assert.equal(jsonLines(result.stdout)[0]!['action'], 'block');
  });
});

describe('schoolgate lists import (UT1 layout)', () => {
  it('imports categories with their aliases and maps them to ours', async () => {
    const { archive } = await writeUt1Archive(
      join(dir, 'ut1-src'),
      {
        'gambling/domains': 'bet.example\n192.0.2.44\nnot valid host\n',
        'games/domains': 'play.example\n',
        'games/urls': 'portal.example/games\n',
        'adult/urls': 'pics.example/gallery\n',
        'adult/expressions': '(xxx|yyy)\n',
        'press/domains': 'news.example\n',
      },
      { porn: 'adult' },
    );
    const config = writeConfig('import', '    []');
    const result = await runCli(['lists', 'import', archive, '--config', config]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Gambling \(gambling\)\s+2\n/);
    assert.match(result.stdout, /Games \(games\)\s+2\n/);
    assert.match(result.stdout, /ut1\/gambling\/domains line 3: .*"not valid host"/);
    assert.match(result.stderr, /not mapped .*: press/);
    assert.match(result.stderr, /expressions .* not supported, skipped: 1/);
    const out = await decideAll(config, [
      'https://www.bet.example/',
      'http://192.0.2.44/',
      'https://portal.example/games/1',
      'https://portal.example/news',
      'https://pics.example/gallery/2',
      'https://news.example/',
    ]);
    assert.deepEqual(
      out.map((o) => o['categories']),
      [['gambling'], ['gambling'], ['games'], [], ['pornography'], []],
    );
    assert.deepEqual(
      out.map((o) => o['action']),
      ['block', 'block', 'block', 'allow', 'block', 'allow'],
    );
  });

  it('refuses a file that is not a UT1 archive, clearly', async () => {
    const bogus = join(dir, 'bogus.tar.gz');
    writeFileSync(bogus, 'this is not gzip');
    const config = join(dir, 'import', 'schoolgate.yaml');
    const result = await runCli(['lists', 'import', bogus, '--config', config]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /bogus\.tar\.gz/);
  });
});

describe('schoolgate lists update (HTTPS feeds)', () => {
  let server: FeedServer;
  let config: string;
  const env = () => ({ NODE_EXTRA_CA_CERTS: server.caFile });
  const tenGames = Array.from({ length: 10 }, (_, i) => `game${i}.example`).join('\n');

  before(async () => {
    server = await startFeedServer(dir);
    config = writeConfig(
      'update',
      `    - { type: list, name: games-feed, category: games, format: domains, url: '${server.origin}/games.txt' }`,
    );
  });
  after(() => server.close());

  it('downloads a feed and compiles it', async () => {
    server.routes.set('/games.txt', tenGames);
    const result = await runCli(['lists', 'update', '--config', config], { env: env() });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /games-feed: downloaded/);
    assert.match(result.stdout, /Games \(games\)\s+10\n/);
    assert.equal((await decideAll(config, ['https://game3.example/']))[0]!['action'], 'block');
  });

  it('asks conditionally the second time and keeps the copy on 304', async () => {
    const result = await runCli(['lists', 'update', '--config', config], { env: env() });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /games-feed: not-modified/);
    assert.ok(server.requests.at(-1)!.ifNoneMatch, 'sent If-None-Match');
  });

  it('keeps the previous index when a category shrinks by more than half', async () => {
    server.routes.set('/games.txt', 'game0.example\ngame1.example\n');
    const result = await runCli(['lists', 'update', '--config', config], { env: env() });
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /kept the previous index: categories shrank by more than half: games 10 -> 2/,
    );
    assert.equal((await decideAll(config, ['https://game7.example/']))[0]!['action'], 'block');
  });

  it('keeps the previous copy when the download fails', async () => {
    server.routes.set('/games.txt', 500);
    const result = await runCli(['lists', 'update', '--config', config], { env: env() });
    assert.match(result.stderr, /games-feed: failed \(HTTP 500; kept the previous copy\)/);
    assert.equal((await decideAll(config, ['https://game7.example/']))[0]!['action'], 'block');
  });

  it('refuses an untrusted certificate rather than downloading', async () => {
    server.routes.set('/games.txt', tenGames);
    const result = await runCli(['lists', 'update', '--config', config]);
    assert.match(
      result.stderr,
      /games-feed: failed \(.*(certificate|self.signed).*kept the previous copy\)/i,
    );
  });
});
