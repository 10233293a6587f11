/**
 * The gateway end to end with curl as the client: local origins on 127.0.0.1 (plain HTTP,
 * and HTTPS with a test CA of their own) stand in for the internet; the gateway runs with
 * a config of the test's own on a free port and writes its access log.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { RunningGateway } from '../../../src/gateway/proxy/start-gateway.js';
import { runCurl } from '../../support/run-curl.js';
import { storedEvents } from '../../support/stored-events.js';
import { startTestGateway, stopServer } from '../../support/test-gateway.js';
import { createTestPki } from '../../support/test-pki.js';

let dir: string;
let gateway: RunningGateway;
let proxy: string;
let schoolCa: string;
let httpPort: number;
let httpsPort: number;
let badPort: number;
const origins: Server[] = [];
const seen: { url: string; headers: Record<string, unknown>; body: string }[] = [];

const NAMES = ['allowed.test', 'bank.test', 'blocked.test', 'play.test', 'www.google.com'];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

/** Pages whose text the gateway scans (made-up, neutral phrases stand in for a real list). */
const PAGES: Record<string, string> = {
  '/risk': '<html><body><p>I feel like a sad pumpkin, a lonely turnip.</p></body></html>',
  '/benign': '<html><body><p>A pumpkin and a turnip make a good soup.</p></body></html>',
  '/late': `<html><body><p>${'filler text '.repeat(1000)}sad pumpkin lonely turnip</p></body></html>`,
  '/alerting': '<html><body><p>Stormy weasel, angry badger!</p></body></html>',
};

function originHandler(
  req: import('node:http').IncomingMessage,
  res: import('node:http').ServerResponse,
) {
  const page = PAGES[req.url ?? ''];
  if (page !== undefined) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
    res.end(gzipSync(page));
    return;
  }
  let body = '';
  req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    seen.push({ url: `${req.headers.host}${req.url}`, headers: req.headers, body });
    res
      .writeHead(200, { 'content-type': 'text/plain' })
      .end(`hello from ${req.headers.host}${req.url}`);
  });
}

function accessLog(): Record<string, unknown>[] {
  const text = readFileSync(join(dir, 'data', 'logs', 'access.ndjson'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-gateway-'));
  const good = createTestPki(dir, 'origin', NAMES);
  const bad = createTestPki(dir, 'untrusted', ['badcert.test']);
  const httpServer = createHttpServer(originHandler);
  httpPort = await listen(httpServer);
  const httpsServer = createHttpsServer({ key: good.key, cert: good.cert }, originHandler);
  httpsPort = await listen(httpsServer);
  const badServer = createHttpsServer({ key: bad.key, cert: bad.cert }, originHandler);
  badPort = await listen(badServer);
  origins.push(httpServer, httpsServer, badServer);
  for (const [name, items] of Object.entries({
    games: ['play.test'],
    pornography: ['blocked.test'],
    banking: ['bank.test'],
  })) {
    writeFileSync(join(dir, `${name}.txt`), `${items.join('\n')}\n`);
  }
  writeFileSync(
    join(dir, 'phrases.txt'),
    '#listcategory: "self-harm"\n<sad pumpkin><60>\n<lonely turnip><50>\n',
  );
  writeFileSync(join(dir, 'violence.txt'), '<stormy weasel>,<angry badger><120>\n');
  const hosts = [...NAMES, 'badcert.test'].map((n) => `      ${n}: 127.0.0.1`).join('\n');
  writeFileSync(
    join(dir, 'schoolgate.yaml'),
    `school: { name: Test School }
dataDir: ./data
lists:
  sources:
    - { type: list, name: games, category: games, path: games.txt }
    - { type: list, name: adult, category: pornography, path: pornography.txt }
    - { type: list, name: bank, category: banking, path: banking.txt }
phrases:
  sources:
    - { name: test-self-harm, path: phrases.txt, category: self-harm }
    - { name: test-violence, path: violence.txt, category: violence }
gateway:
  publicHost: gateway.test
  scanWindowBytes: 4096
  accessLog: { enabled: true }
  connectPorts: [${httpsPort}, ${badPort}]
  upstream:
    extraCaFiles: ['${good.caFile}']
    hosts:
${hosts}
policy:
  defaultGroup: pupils
  groups:
    - id: pupils
      label: Pupils
      phraseLimit: 100
      categories: { games: block, pornography: block, self-harm: block, violence: alert, banking: warn }
`,
  );
  gateway = await startTestGateway(join(dir, 'schoolgate.yaml'));
  proxy = `http://127.0.0.1:${gateway.address.port}`;
  schoolCa = join(dir, 'school-ca.pem');
  writeFileSync(schoolCa, gateway.caCertificatePem!);
});

after(async () => {
  await gateway?.close();
  for (const server of origins) {
    stopServer(server);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('gateway through curl', () => {
  it('forwards an allowed HTTP request and streams an upload', async () => {
    const upload = join(dir, 'upload.bin');
    writeFileSync(upload, 'x'.repeat(200_000));
    const r = await runCurl([
      '-x',
      proxy,
      '--data-binary',
      `@${upload}`,
      `http://allowed.test:${httpPort}/upload`,
    ]);
    assert.equal(r.status, 200, r.stderr);
    assert.equal(r.body, `hello from allowed.test:${httpPort}/upload`);
    assert.equal(seen.at(-1)?.body.length, 200_000);
    assert.equal(seen.at(-1)?.headers['proxy-authorization'], undefined);
  });

  it('serves the block page for a blocked HTTP site, with its reason', async () => {
    const r = await runCurl(['-x', proxy, `http://www.play.test:${httpPort}/level1`]);
    assert.equal(r.status, 403);
    assert.match(r.body, /Games/);
    assert.match(r.body, /Request unblock/);
    assert.ok(
      !seen.some((s) => s.url.includes('level1')),
      'the blocked request never reached the site',
    );
  });

  it('decides the Host header too when it names another host than the URL', async () => {
    const r = await runCurl([
      '-x',
      proxy,
      '-H',
      'Host: play.test',
      `http://allowed.test:${httpPort}/sneaky`,
    ]);
    assert.equal(r.status, 403);
    assert.match(r.body, /Games/);
    assert.ok(!seen.some((s) => s.url.includes('sneaky')));
  });

  it('inspects HTTPS with the school CA and forwards to the verified upstream', async () => {
    const r = await runCurl([
      '-x',
      proxy,
      '--cacert',
      schoolCa,
      `https://allowed.test:${httpsPort}/secure?x=1`,
    ]);
    assert.equal(r.status, 200, r.stderr);
    assert.equal(r.body, `hello from allowed.test:${httpsPort}/secure?x=1`);
  });

  it('shows the block page inside an inspected HTTPS tunnel', async () => {
    const r = await runCurl([
      '-x',
      proxy,
      '--cacert',
      schoolCa,
      `https://blocked.test:${httpsPort}/x`,
    ]);
    assert.equal(r.status, 403, r.stderr);
    assert.match(r.body, /Pornography/);
  });

  it('tunnels an inspection-exempt host untouched and logs its host only', async () => {
    const origin = join(dir, 'origin-ca.pem');
    const r = await runCurl([
      '-x',
      proxy,
      '--cacert',
      origin,
      `https://bank.test:${httpsPort}/account/123?token=secret`,
    ]);
    assert.equal(r.status, 200, r.stderr);
    assert.equal(r.body, `hello from bank.test:${httpsPort}/account/123?token=secret`);
    await gateway.recording.drained();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const event = accessLog().find((e) => e['host'] === 'bank.test');
    assert.ok(event, 'an event for the exempt host');
    assert.equal(event['path'], null);
    assert.equal(event['inspected'], false);
  });

  it('decides the SNI too when it names another host than CONNECT (domain fronting)', async () => {
    const r = await runCurl([
      '-x',
      proxy,
      '--cacert',
      schoolCa,
      '--connect-to',
      `blocked.test:${httpsPort}:allowed.test:${httpsPort}`,
      `https://blocked.test:${httpsPort}/`,
    ]);
    assert.equal(r.status, 403, r.stderr);
  });

  it('refuses an upstream whose certificate fails verification, with a page saying so', async () => {
    const r = await runCurl([
      '-x',
      proxy,
      '--cacert',
      schoolCa,
      `https://badcert.test:${badPort}/`,
    ]);
    assert.equal(r.status, 502, r.stderr);
    assert.match(r.body, /certificate/i);
  });

  it('refuses CONNECT to a port outside the list and to a bare IP address', async () => {
    const port = await runCurl(['-x', proxy, `https://allowed.test:22/`]);
    assert.match(port.stderr, /403/);
    const ip = await runCurl(['-x', proxy, '-k', `https://127.0.0.1:${httpsPort}/`]);
    assert.match(ip.stderr, /403/);
    await gateway.recording.drained();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const refused = accessLog().filter((e) => e['reason'] === 'tunnel-refused');
    assert.deepEqual(
      refused.map((e) => (e['reasonDetail'] as { tunnel: string }).tunnel).sort(),
      ['ip-literal', 'port'],
      'both attempts are recorded as ways round the filter',
    );
  });

  it('enforces safe search and records the search terms', async () => {
    const r = await runCurl([
      '-x',
      proxy,
      `http://www.google.com:${httpPort}/search?q=volcano+facts`,
    ]);
    assert.equal(r.status, 200, r.stderr);
    assert.match(seen.at(-1)!.url, /safe=active/);
    await gateway.recording.drained();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const event = accessLog().find((e) => e['searchTerms'] === 'volcano facts');
    assert.ok(event, 'the search is in the access log');
    assert.equal(event['searchEngine'], 'google');
  });

  it('serves the PAC file and the CA page itself, also when asked through the proxy', async () => {
    const pac = await runCurl([`${proxy}/proxy.pac`]);
    assert.equal(pac.status, 200);
    assert.match(pac.body, /PROXY gateway\.test:/);
    const ca = await runCurl(['-x', proxy, `http://gateway.test:${gateway.address.port}/ca`]);
    assert.equal(ca.status, 200);
    assert.match(ca.body, /Windows/);
    const pem = await runCurl([`${proxy}/ca.pem`]);
    assert.equal(pem.body.trim(), gateway.caCertificatePem!.trim());
  });

  it('replaces a page whose text passes the limit with the block page (gzip decoded)', async () => {
    const r = await runCurl(['-x', proxy, '--compressed', `http://allowed.test:${httpPort}/risk`]);
    assert.equal(r.status, 403, r.body.slice(0, 200));
    assert.match(r.body, /Self-harm/);
    assert.doesNotMatch(r.body, /pumpkin/, 'the page text is not shown');
  });

  it('passes a benign page, and text beyond the scan window, unchanged', async () => {
    const benign = await runCurl([
      '-x',
      proxy,
      '--compressed',
      `http://allowed.test:${httpPort}/benign`,
    ]);
    assert.equal(benign.status, 200);
    assert.equal(benign.body, PAGES['/benign']);
    const late = await runCurl([
      '-x',
      proxy,
      '--compressed',
      `http://allowed.test:${httpPort}/late`,
    ]);
    assert.equal(late.status, 200);
    assert.equal(late.body, PAGES['/late']);
  });

  it('passes a page in an alert category and flags its event for the monitor', async () => {
    const r = await runCurl([
      '-x',
      proxy,
      '--compressed',
      '--cacert',
      schoolCa,
      `https://allowed.test:${httpsPort}/alerting`,
    ]);
    assert.equal(r.status, 200, r.stderr);
    assert.equal(r.body, PAGES['/alerting']);
    await gateway.recording.drained();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const event = accessLog().find((e) => e['path'] === '/alerting');
    assert.ok(event, 'an event for the page');
    assert.equal(event['alert'], true);
    assert.equal(event['reason'], 'phrase');
  });

  it('lets a person continue past a warning, in any gateway process (signed cookie)', async () => {
    const url = `http://bank.test:${httpPort}/statement`;
    const warned = await runCurl(['-x', proxy, url]);
    assert.equal(warned.status, 403);
    const token = /name="token" value="([^"]+)"/.exec(warned.body)?.[1];
    assert.ok(token, 'the warning page carries a continue token');
    const jar = join(dir, 'cookies.txt');
    const cont = await runCurl([
      '-x',
      proxy,
      '-c',
      jar,
      '--data-urlencode',
      `token=${token}`,
      `http://bank.test:${httpPort}/.schoolgate/continue`,
    ]);
    assert.equal(cont.status, 303, cont.body);
    // A second gateway process shares nothing with the first but the data folder's secret.
    const other = await startTestGateway(join(dir, 'schoolgate.yaml'), 'other');
    try {
      const through = await runCurl([
        '-x',
        `http://127.0.0.1:${other.address.port}`,
        '-b',
        jar,
        url,
      ]);
      assert.equal(through.status, 200, through.body.slice(0, 200));
      assert.equal(through.body, `hello from bank.test:${httpPort}/statement`);
      assert.doesNotMatch(
        String(seen.at(-1)?.headers['cookie'] ?? ''),
        /schoolgate_continue/,
        'the site never sees the override cookie',
      );
    } finally {
      await other.close();
    }
  });

  it('records every request in the event store, once, as the access log has it', async () => {
    await runCurl(['-x', proxy, `http://allowed.test:${httpPort}/stored`]);
    const stored = await storedEvents(gateway);
    await new Promise((resolve) => setTimeout(resolve, 400)); // the access log's own flush
    const logged = accessLog().filter((e) => e['node'] === stored[0]?.['node']);
    assert.ok(stored.some((e) => e['path'] === '/stored'));
    assert.equal(new Set(stored.map((e) => e['id'])).size, stored.length, 'no event twice');
    const byId = new Map(stored.map((e) => [e['id'], e]));
    for (const event of logged) assert.deepEqual(byId.get(event['id']), event);
  });

  it('says on /healthz how many events wait for the store and whether it is taking them', async () => {
    await gateway.recording.drained();
    const health = await runCurl([`${proxy}/healthz`]);
    assert.equal(health.status, 200);
    const body = JSON.parse(health.body) as Record<string, unknown>;
    assert.equal(body['status'], 'ok');
    assert.equal(body['eventsWaiting'], 0);
    assert.equal(body['eventStore'], 'writing');
  });

  it('says on /healthz how many requests a second it decides, its workers and the lists age', async () => {
    const before = JSON.parse((await runCurl([`${proxy}/healthz`])).body) as Record<string, number>;
    const n = 12;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        runCurl(['-x', proxy, `http://allowed.test:${httpPort}/rate/${i}`]),
      ),
    );
    for (const r of results) assert.equal(r.status, 200, r.stderr);
    const health = await runCurl([`${proxy}/healthz`]);
    const body = JSON.parse(health.body) as Record<string, unknown>;
    const rate = body['requestsPerSecond'] as number;
    // Over the last minute (or the gateway's life, if shorter): n more requests in under a
    // minute raise it by at least n/60; /healthz itself is not counted.
    assert.ok(rate > 0, `requestsPerSecond ${rate}`);
    assert.ok(rate >= (before['requestsPerSecond'] ?? 0) + n / 60 - 0.1, `${rate} after ${n}`);
    assert.deepEqual(body['workers'], { alive: 1, configured: 1 });
    const age = body['listsAgeSeconds'] as number;
    assert.ok(Number.isInteger(age) && age >= 0 && age < 3600, `listsAgeSeconds ${age}`);
    assert.equal(typeof body['connections'], 'number');
  });

  it('answers garbage with 400 and keeps serving', async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(gateway.address.port, '127.0.0.1', () =>
        socket.write('\x00\x01garbage\r\n\r\n'),
      );
      let data = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (data += chunk));
      socket.on('close', () => resolve(data));
    });
    assert.match(reply, /^HTTP\/1\.1 400/);
    const r = await runCurl(['-x', proxy, `http://allowed.test:${httpPort}/after`]);
    assert.equal(r.status, 200);
  });
});
