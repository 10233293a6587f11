/**
 * Who is asking: with `identity.unidentified: deny`, the gateway answers 407 until curl
 * signs in with a user added by `schoolgate users add`; the person's group picks the policy
 * and the event names them. An address-map entry gives a device its group without signing in.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningGateway, startGateway } from '../../../src/gateway/proxy/start-gateway.js';
import { runCli } from '../../support/run-cli.js';
import { runCurl } from '../../support/run-curl.js';
import { storedEvents } from '../../support/stored-events.js';
import { listenOnLoopback, stopServer } from '../../support/test-gateway.js';

let dir: string;
let origin: Server;
let originPort: number;
const gateways: RunningGateway[] = [];

function writeConfig(name: string, identity: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `dataDir: ./data
lists:
  sources:
    - { type: list, name: games, category: games, path: games.txt }
gateway:
  upstream:
    hosts: { play.test: 127.0.0.1, school.test: 127.0.0.1 }
identity:
${identity}
policy:
  defaultGroup: pupils
  groups:
    - { id: staff, label: Staff, categories: {} }
    - { id: pupils, label: Pupils, categories: { games: block } }
`,
  );
  return file;
}

async function start(config: string): Promise<string> {
  const gateway = await startGateway({
    config,
    port: 0,
    host: '127.0.0.1',
    log: () => {},
    spoolName: `g${gateways.length}`,
  });
  gateways.push(gateway);
  return `http://127.0.0.1:${gateway.address.port}`;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-auth-'));
  writeFileSync(join(dir, 'games.txt'), 'play.test\n');
  origin = createServer((req, res) => res.end(`hello ${req.url}`));
  originPort = await listenOnLoopback(origin);
});

after(async () => {
  for (const gateway of gateways) await gateway.close();
  stopServer(origin);
  rmSync(dir, { recursive: true, force: true });
});

describe('proxy authentication', () => {
  it('asks for a sign-in, lets a known user through under their group, and names them', async () => {
    const config = writeConfig('deny', '  unidentified: deny');
    const added = await runCli(
      ['users', 'add', 'alice', '--group', 'staff', '--name', 'Alice Teacher', '--config', config],
      {
        input: 'correct horse\n',
      },
    );
    assert.equal(added.code, 0, added.stderr);
    const users = readFileSync(join(dir, 'data', 'users.json'), 'utf8');
    assert.match(users, /\$argon2id\$/);
    assert.doesNotMatch(users, /correct horse/);

    const proxy = await start(config);
    const url = `http://play.test:${originPort}/level`;
    const anonymous = await runCurl(['-x', proxy, '-D', '-', url]);
    assert.equal(anonymous.status, 407);
    assert.match(anonymous.body, /proxy-authenticate: Basic realm=/i);
    const wrong = await runCurl(['-x', proxy, '--proxy-user', 'alice:wrong', url]);
    assert.equal(wrong.status, 407);
    const alice = await runCurl(['-x', proxy, '--proxy-user', 'alice:correct horse', url]);
    assert.equal(alice.status, 200, 'staff may play');
    assert.equal(alice.body, 'hello /level');
    const events = await storedEvents(gateways.at(-1)!);
    const last = events.at(-1)!;
    assert.equal(last.user, 'alice');
    assert.deepEqual(last.groups, ['staff']);
  });

  it('signs a device in at the portal page, so it browses as the person until sign-out', async () => {
    const config = writeConfig(
      'portal',
      '  unidentified: deny\n  portal: { enabled: true, sessionMinutes: 30 }',
    );
    const proxy = await start(config);
    const url = `http://play.test:${originPort}/portal-check`;
    assert.equal((await runCurl(['-x', proxy, url])).status, 407, 'not signed in yet');
    const form = await runCurl([`${proxy}/login`]);
    assert.equal(form.status, 200);
    assert.match(form.body, /<input id="password" name="password" type="password"/);
    const wrong = await runCurl([
      '--data-urlencode',
      'username=alice',
      '--data-urlencode',
      'password=nope',
      `${proxy}/login`,
    ]);
    assert.equal(wrong.status, 401);
    const signIn = await runCurl([
      '--data-urlencode',
      'username=alice',
      '--data-urlencode',
      'password=correct horse',
      `${proxy}/login`,
    ]);
    assert.equal(signIn.status, 200, signIn.body.slice(0, 300));
    assert.match(signIn.body, /Signed in as Alice Teacher/);
    const browsing = await runCurl(['-x', proxy, url]);
    assert.equal(browsing.status, 200, 'staff may play, without proxy credentials');
    await runCurl([`${proxy}/logout`]);
    assert.equal((await runCurl(['-x', proxy, url])).status, 407, 'signed out again');
  });

  it('maps a device address to a group without signing in', async () => {
    const config = writeConfig(
      'map',
      "  unidentified: deny\n  addressMap:\n    - { match: '127.0.0.0/8', group: pupils, label: lab-pcs }",
    );
    const proxy = await start(config);
    const blocked = await runCurl(['-x', proxy, `http://play.test:${originPort}/`]);
    assert.equal(blocked.status, 403, 'the pupils group blocks games');
    const allowed = await runCurl(['-x', proxy, `http://school.test:${originPort}/`]);
    assert.equal(allowed.status, 200);
  });
});
