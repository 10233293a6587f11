/**
 * startCluster end to end: a real primary (`node --import tsx cluster-entry.ts`) with two
 * workers on one port chosen by the test, curl as the client and a local origin standing
 * in for the internet. Checks that both workers serve, that each maps the one index file
 * (shared, read-only), that SIGHUP changes decisions without dropping a slow in-flight
 * request, that a killed worker is replaced, and that SIGTERM drains and exits 0.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadMmapAddon } from '../../../src/gateway/cluster/load-mmap-addon.js';
import { runCurl } from '../../support/run-curl.js';

const ENTRY = fileURLToPath(new URL('./cluster-entry.ts', import.meta.url));
const SLOW_MS = 1500;

let dir: string;
let origin: Server;
let originPort: number;
let primary: ChildProcess;
let stderr = '';
let proxy: string;
let pids: number[];
let exited: Promise<number | null>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The permission field of `pid`'s mappings of `path`, with ` (deleted)` for replaced files. */
function mappingsOf(pid: number, path: string): string[] {
  return readFileSync(`/proc/${pid}/smaps`, 'utf8')
    .split('\n')
    .filter((line) => /^[0-9a-f]+-[0-9a-f]+ /.test(line) && line.includes(` ${path}`))
    .map((line) => `${line.split(/\s+/)[1]}${line.endsWith(' (deleted)') ? ' (deleted)' : ''}`);
}

/** Resolves once the primary's stderr matches `pattern` after `from` characters. */
async function waitForLog(pattern: RegExp, from = 0, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(stderr.slice(from))) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${pattern}; stderr:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const fetchVia = (host: string, path: string) =>
  runCurl(['-x', proxy, `http://${host}:${originPort}${path}`]);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-cluster-'));
  origin = createServer((req, res) => {
    const reply = () => res.writeHead(200).end(`hello from ${req.headers.host}${req.url}`);
    if (req.url?.startsWith('/slow')) setTimeout(reply, SLOW_MS);
    else reply();
  });
  originPort = await new Promise((resolve) =>
    origin.listen(0, '127.0.0.1', () => resolve((origin.address() as AddressInfo).port)),
  );
  writeFileSync(join(dir, 'games.txt'), 'play.test\n');
  writeFileSync(
    join(dir, 'schoolgate.yaml'),
    `school: { name: Test School }
dataDir: ./data
lists:
  sources:
    - { type: list, name: games, category: games, path: games.txt }
gateway:
  publicHost: gateway.test
  accessLog: { enabled: false }
  upstream:
    hosts:
      allowed.test: 127.0.0.1
      play.test: 127.0.0.1
      later.test: 127.0.0.1
policy:
  defaultGroup: pupils
  groups:
    - id: pupils
      label: Pupils
      categories: { games: block }
`,
  );
  const port = await freePort();
  primary = spawn(
    process.execPath,
    ['--import', 'tsx', ENTRY, join(dir, 'schoolgate.yaml'), String(port), '2'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  exited = new Promise((resolve) => primary.once('exit', (code) => resolve(code)));
  primary.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const ready = await new Promise<string>((resolve, reject) => {
    let out = '';
    primary.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out);
    });
    primary.once('exit', (code) => reject(new Error(`primary exited ${code}:\n${stderr}`)));
  });
  const started = JSON.parse(ready) as { port: number; pids: number[] };
  assert.equal(started.port, port, 'the cluster listens on the port the test chose');
  proxy = `http://127.0.0.1:${port}`;
  pids = started.pids;
});

after(() => {
  if (primary.exitCode === null) primary.kill('SIGKILL');
  origin.closeAllConnections();
  origin.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('startCluster', () => {
  it('serves allowed and blocked requests from two workers on one port', async () => {
    assert.equal(pids.length, 2);
    assert.equal(new Set(pids).size, 2);
    const sharing =
      loadMmapAddon() instanceof Error
        ? /2 workers on .* with a copy of the index in each worker/
        : /2 workers on .* with one shared copy of the index \(mapped\)/;
    assert.match(stderr, sharing);
    const cases = [
      { name: 'allowed', host: 'allowed.test', want: 200 },
      { name: 'blocked', host: 'play.test', want: 403 },
      { name: 'not_yet_listed', host: 'later.test', want: 200 },
    ];
    for (const { name, host, want } of cases) {
      // Enough requests that round-robin gives each worker some.
      const results = await Promise.all([1, 2, 3, 4].map((n) => fetchVia(host, `/${name}/${n}`)));
      for (const r of results) assert.equal(r.status, want, `${name}: ${r.stderr}`);
    }
  });

  it('says on /healthz, from any worker, the requests a second and workers of the whole cluster', async () => {
    const n = 20;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => fetchVia('allowed.test', `/rate/${i}`)),
    );
    for (const r of results) assert.equal(r.status, 200, r.stderr);
    // Workers report every second and the primary sums every second: within ~2 s every
    // worker's /healthz says the sum, which is more than either worker's own share.
    const deadline = Date.now() + 10_000;
    let bodies: Record<string, unknown>[] = [];
    for (;;) {
      const answers = await Promise.all([1, 2, 3, 4].map(() => runCurl([`${proxy}/healthz`])));
      bodies = answers.map((a) => JSON.parse(a.body) as Record<string, unknown>);
      // A worker answers with its own figures until the primary's first sums reach it, and
      // the last requests' events may still be on their way to the store.
      const summed = bodies.every(
        (b) =>
          (b['workers'] as { configured: number }).configured === 2 &&
          b['eventsWaiting'] === 0 &&
          (b['requestsPerSecond'] as number) >= (12 + n) / 60 - 0.1,
      );
      if (summed || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    for (const body of bodies) {
      assert.deepEqual(body['workers'], { alive: 2, configured: 2 });
      // 12 requests in the first test and n here, in under a minute, over both workers.
      assert.ok((body['requestsPerSecond'] as number) >= (12 + n) / 60 - 0.1, JSON.stringify(body));
      assert.equal(body['eventsWaiting'], 0);
    }
  });

  it('makes the school CA and link secret once, in the primary, for every worker', async () => {
    const onDisk = readFileSync(join(dir, 'data', 'ca', 'ca-cert.pem'), 'utf8');
    const results = await Promise.all([1, 2, 3, 4].map(() => runCurl([`${proxy}/ca.pem`])));
    for (const r of results) {
      assert.equal(r.status, 200, r.stderr);
      assert.equal(r.body, onDisk, 'every worker serves the CA on disk');
    }
    assert.equal(statSync(join(dir, 'data', 'link-secret')).mode & 0o777, 0o600);
    assert.equal(stderr.match(/created the school CA/g)?.length, 1, 'made once');
    assert.match(stderr, /\[primary\] created the school CA/);
  });

  it('maps the one index file, shared and read-only, in every worker but not the primary', (t) => {
    const addon = loadMmapAddon();
    if (addon instanceof Error) return t.skip(addon.message);
    const index = join(dir, 'data', 'index.sgx');
    for (const pid of pids) assert.deepEqual(mappingsOf(pid, index), ['r--s'], `worker ${pid}`);
    assert.deepEqual(mappingsOf(primary.pid!, index), [], 'the primary released its check');
    assert.doesNotMatch(stderr, /each worker keeps its own copy/);
  });

  it('reloads on SIGHUP without dropping a slow request in flight', async () => {
    const index = join(dir, 'data', 'index.sgx');
    const builtAt = statSync(index).mtimeMs;
    const slow = fetchVia('allowed.test', '/slow/before-reload');
    await new Promise((resolve) => setTimeout(resolve, 200));
    appendFileSync(join(dir, 'games.txt'), 'later.test\n');
    // Newer than the index (built at start), and not in the future: a list dated ahead of
    // the clock would look newer than every index compiled from it.
    assert.ok(statSync(join(dir, 'games.txt')).mtimeMs > statSync(index).mtimeMs);
    const from = stderr.length;
    primary.kill('SIGHUP');
    await waitForLog(/\[primary\] reloaded 2 workers/, from);
    const results = await Promise.all([1, 2, 3, 4].map((n) => fetchVia('later.test', `/${n}`)));
    for (const r of results) assert.equal(r.status, 403, r.stderr);
    const inFlight = await slow;
    assert.equal(inFlight.status, 200, inFlight.stderr);
    assert.equal(inFlight.body, `hello from allowed.test:${originPort}/slow/before-reload`);
    assert.ok(statSync(index).mtimeMs > builtAt, 'the primary recompiled the index');
    assert.equal(stderr.match(/compiling the lists/g)?.length, 2, 'only the primary compiled');
    if (!(loadMmapAddon() instanceof Error)) {
      // Each worker maps the recompiled file; the replaced one may linger until collected.
      for (const pid of pids) assert.ok(mappingsOf(pid, index).includes('r--s'), `worker ${pid}`);
      assert.deepEqual(mappingsOf(primary.pid!, index), [], 'the primary pins no index file');
    }
  });

  it('replaces a worker that dies', async () => {
    const [victim] = pids;
    const from = stderr.length;
    process.kill(victim!, 'SIGKILL');
    await waitForLog(new RegExp(`worker ${victim} replaced`), from);
    const results = await Promise.all([1, 2, 3, 4].map((n) => fetchVia('allowed.test', `/${n}`)));
    for (const r of results) assert.equal(r.status, 200, r.stderr);
    assert.match(stderr.slice(from), new RegExp(`worker ${victim} died \\(SIGKILL\\)`));
  });

  it('drains on SIGTERM: an open exchange finishes, then the primary exits 0', async () => {
    const slow = fetchVia('allowed.test', '/slow/during-drain');
    await new Promise((resolve) => setTimeout(resolve, 200));
    primary.kill('SIGTERM');
    const inFlight = await slow;
    assert.equal(inFlight.status, 200, inFlight.stderr);
    assert.equal(await exited, 0, stderr);
    const after = await runCurl(['-x', proxy, `http://allowed.test:${originPort}/late`]);
    assert.notEqual(after.exitCode, 0, 'nothing listens once the cluster has stopped');
  });

  it('fails to start, leaving no worker behind, when the port is taken', async () => {
    const taken = createNetServer();
    const port = await new Promise<number>((resolve) =>
      taken.listen(0, '127.0.0.1', () => resolve((taken.address() as AddressInfo).port)),
    );
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', ENTRY, join(dir, 'schoolgate.yaml'), String(port), '2'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
      const code = await new Promise((resolve) => child.once('exit', resolve));
      assert.notEqual(code, 0, err);
      assert.match(err, /could not start: .*EADDRINUSE/);
      assert.doesNotMatch(err, /restarting it/, 'a worker that failed to start is not retried');
    } finally {
      taken.close();
    }
  });
});
