/**
 * Group membership comes from the school directory: a person the users file puts in `staff`
 * is filtered as a pupil once the directory (a CSV import, as the console does it) says they
 * are in `pupils` and `9x`, within seconds and without a restart; the event records the
 * directory's groups, so a 9x teacher's views find it. People the directory does not list
 * keep the users file's groups.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importPeople } from '../../src/directory/directory-store.js';
import { previewUserImport } from '../../src/directory/user-import.js';
import { type RunningGateway, startGateway } from '../../src/gateway/proxy/start-gateway.js';
import { openStore } from '../../src/store/open-store.js';
import { runCli } from '../support/run-cli.js';
import { runCurl } from '../support/run-curl.js';
import { storedEvents } from '../support/stored-events.js';
import { listenOnLoopback, stopServer } from '../support/test-gateway.js';
import { until } from '../support/until.js';

let dir: string;
let config: string;
let origin: Server;
let originPort: number;
let gateway: RunningGateway;
let proxy: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-directory-groups-'));
  writeFileSync(join(dir, 'games.txt'), 'play.test\n');
  origin = createServer((_req, res) => res.end('play!'));
  originPort = await listenOnLoopback(origin);
  config = join(dir, 'schoolgate.yaml');
  writeFileSync(
    config,
    `dataDir: ./data
lists:
  sources:
    - { type: list, name: games, category: games, path: games.txt }
gateway: { upstream: { hosts: { play.test: 127.0.0.1 } } }
identity: { unidentified: deny }
policy:
  defaultGroup: pupils
  groups:
    - { id: staff, label: Staff, categories: {} }
    - { id: pupils, label: Pupils, categories: { games: block } }
`,
  );
  for (const user of ['sam', 'alex']) {
    const added = await runCli(['users', 'add', user, '--group', 'staff', '--config', config], {
      input: 'a long enough password\n',
    });
    assert.equal(added.code, 0, added.stderr);
  }
  gateway = await startGateway({ config, port: 0, host: '127.0.0.1', log: () => {} });
  proxy = `http://127.0.0.1:${gateway.address.port}`;
});

after(async () => {
  await gateway?.close();
  stopServer(origin);
  rmSync(dir, { recursive: true, force: true });
});

const playAs = (user: string) =>
  runCurl([
    '-x',
    proxy,
    '--proxy-user',
    `${user}:a long enough password`,
    `http://play.test:${originPort}/`,
  ]);

/** Polls until `user` gets `status`: the directory is read every few seconds. */
const playUntil = async (user: string, status: number) =>
  (
    await until(
      () => playAs(user),
      (r) => r.status === status,
      20_000,
    )
  ).status;

describe('directory groups at the gateway', () => {
  it('filters and records a person by the directory groups, without a restart', async () => {
    assert.equal((await playAs('sam')).status, 200, 'the users file puts sam in staff');

    const store = await openStore({ dataDir: gateway.dataDir });
    try {
      const preview = previewUserImport('username,name,groups\nSam,Sam Pupil,pupils;9x\n', {
        knownGroups: new Set(['staff', 'pupils', '9x']),
        existingUsernames: new Set(),
      });
      assert.deepEqual(preview.errors, []);
      await importPeople(store.db, preview.rows, 'console:it', Date.now, preview.columns);
    } finally {
      await store.close();
    }

    assert.equal(await playUntil('sam', 403), 403, 'the directory moved sam to pupils');
    assert.equal((await playAs('alex')).status, 200, 'alex is not in the directory: still staff');

    const events = await storedEvents(gateway);
    const blocked = events.filter((e) => e.user === 'sam' && e.action === 'block');
    assert.ok(blocked.length > 0, 'the blocked request is recorded');
    assert.deepEqual([...(blocked[0]!.groups as string[])].sort(), ['9x', 'pupils']);
    assert.equal(blocked[0]!.policyGroup, 'pupils');
  });
});
