/**
 * Exceptions and inspection exemptions made in the console reach the running gateway within
 * seconds, without a restart: IT allows a blocked site with a reason and a real request
 * through the proxy (curl) is allowed, then removes it and the site is blocked again; IT
 * exempts a host from HTTPS inspection and curl, trusting only the site's own CA, gets
 * through the untouched tunnel, with only the host logged.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  listenOnLoopback,
  startTextOrigin,
  stopServer,
  type TextOrigin,
} from '../support/test-gateway.js';
import { createTestPki } from '../support/test-pki.js';
import { until } from '../support/until.js';
import { type Client, signInAs } from './console-fixture.js';
import { type LiveConsole, startLiveConsole } from './live-console.js';

let origin: TextOrigin;
let tlsOrigin: Server | undefined;
let tlsPort: number;
let originCa: string;
let live: LiveConsole;
let it_: Client;

before(async () => {
  origin = await startTextOrigin('play!');
  live = await startLiveConsole({
    prefix: 'sg-exceptions-',
    files: { 'games.txt': 'play.test\n' },
    // The bank's CA goes in the scratch folder, and its port in the config.
    yaml: async (dir) => {
      const pki = createTestPki(dir, 'origin', ['bank.test']);
      originCa = pki.caFile;
      tlsOrigin = createHttpsServer({ key: pki.key, cert: pki.cert }, (req, res) =>
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`bank says ${req.url}`),
      );
      tlsPort = await listenOnLoopback(tlsOrigin);
      return `dataDir: ./data
lists:
  sources:
    - { type: list, name: games, category: games, path: games.txt }
gateway:
  accessLog: { enabled: true }
  connectPorts: [${tlsPort}]
  upstream:
    extraCaFiles: ['${originCa}']
    hosts: { play.test: 127.0.0.1, bank.test: 127.0.0.1 }
policy:
  defaultGroup: pupils
  groups:
    - { id: staff, label: Staff }
    - { id: pupils, label: Pupils, categories: { games: block } }
  exceptions:
    - { id: school-site, match: school.test, action: allow, reason: Our own site }
`;
    },
    staff: [{ username: 'it', role: 'it_admin' }],
  });
  it_ = await signInAs(live.base, 'it');
});

after(async () => {
  await live?.close();
  stopServer(origin.server);
  if (tlsOrigin) stopServer(tlsOrigin);
});

const play = () => live.curl(`http://play.test:${origin.port}/`);
/** HTTPS to the bank trusting only the bank's own CA: it fails when the gateway inspects it. */
const bank = () => live.curl('--cacert', originCa, `https://bank.test:${tlsPort}/account?id=7`);

function accessLog(): Record<string, unknown>[] {
  return readFileSync(join(live.gateway.dataDir, 'logs', 'access.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('exceptions made in the console', () => {
  it('allow a blocked site within seconds and block it again once removed', async () => {
    assert.equal((await play()).status, 403, 'games are blocked for pupils to begin with');
    const added = await it_.send('POST', '/api/policy/exceptions', {
      match: 'play.test',
      action: 'allow',
      groups: ['pupils'],
      reason: 'Sports day results are on this site',
    });
    assert.equal(added.status, 201);
    const { exception } = (await added.json()) as { exception: { id: string } };
    const allowed = await until(play, (r) => r.status === 200);
    assert.equal(allowed.status, 200, 'the gateway allows it now, without a restart');
    assert.equal(allowed.body, 'play!');

    const listed = (await (await it_.get('/api/policy/exceptions')).json()) as {
      exceptions: { id: string; source: string; match: string; state: string }[];
    };
    assert.deepEqual(
      listed.exceptions.map((e) => [e.id, e.source, e.match, e.state]),
      [
        ['school-site', 'file', 'school.test', 'active'],
        [exception.id, 'console', 'play.test', 'active'],
      ],
    );
    const fileRemoval = await it_.send('DELETE', '/api/policy/exceptions/school-site', {
      reason: 'not from here',
    });
    assert.equal(fileRemoval.status, 404, 'file exceptions are changed in the file');

    const removed = await it_.send('DELETE', `/api/policy/exceptions/${exception.id}`, {
      reason: 'Sports day is over',
    });
    assert.equal(removed.status, 200);
    const blocked = await until(play, (r) => r.status === 403);
    assert.equal(blocked.status, 403, 'blocked again once removed');
  });
});

describe('inspection exemptions made in the console', () => {
  it('tunnel a host untouched within seconds, logging its host only, until removed', async () => {
    const inspected = await bank();
    assert.notEqual(inspected.status, 200, 'inspected: the school CA is not trusted here');
    assert.notEqual(inspected.exitCode, 0);

    const added = await it_.send('POST', '/api/policy/exemptions', {
      host: 'bank.test',
      reason: 'Online banking must never be inspected',
    });
    assert.equal(added.status, 201);
    const { exemption } = (await added.json()) as { exemption: { id: string } };
    const tunnelled = await until(bank, (r) => r.status === 200);
    assert.equal(tunnelled.status, 200, tunnelled.stderr);
    assert.equal(tunnelled.body, 'bank says /account?id=7', 'the bank’s own certificate');

    await live.gateway.recording.drained();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const events = accessLog().filter((e) => e['host'] === 'bank.test' && e['inspected'] === false);
    assert.ok(events.length > 0, 'an event for the exempt host');
    for (const event of events) assert.equal(event['path'], null, 'host only');

    const removed = await it_.send('DELETE', `/api/policy/exemptions/${exemption.id}`, {
      reason: 'The bank asked us to inspect (test)',
    });
    assert.equal(removed.status, 200);
    const again = await until(bank, (r) => r.status !== 200);
    assert.notEqual(again.status, 200, 'inspected again once removed');
  });
});
