/**
 * Bad input never crashes the gateway: oversized headers, invalid CONNECT targets, garbage
 * in a tunnel, half-open and slow connections, a client that vanishes mid-upload. Each gets
 * a clear 4xx or a closed socket, and afterwards the gateway still serves, with no runaway
 * memory growth over many such connections.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunningGateway } from '../../../src/gateway/proxy/start-gateway.js';
import { runCurl } from '../../support/run-curl.js';
import { listenOnLoopback, startTestGateway, stopServer } from '../../support/test-gateway.js';

let dir: string;
let origin: Server;
let originPort: number;
let gateway: RunningGateway;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-bad-'));
  writeFileSync(
    join(dir, 'schoolgate.yaml'),
    `dataDir: ./data
lists: {}
gateway:
  upstream: { hosts: { school.test: 127.0.0.1 } }
  timeouts: { headersSeconds: 1, idleSeconds: 2, requestSeconds: 5 }
  limits: { maxHeaderBytes: 4096, maxHeaders: 20 }
policy:
  defaultGroup: pupils
  groups: [{ id: pupils, label: Pupils }]
`,
  );
  origin = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  originPort = await listenOnLoopback(origin);
  gateway = await startTestGateway(join(dir, 'schoolgate.yaml'));
});

after(async () => {
  await gateway.close();
  stopServer(origin);
  rmSync(dir, { recursive: true, force: true });
});

/** Sends raw bytes to the gateway and collects what it answers until it closes (or `waitMs`). */
function raw(bytes: string | Buffer, waitMs = 4000): Promise<{ reply: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(gateway.address.port, '127.0.0.1', () => socket.write(bytes));
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ reply, closed: false });
    }, waitMs);
    socket.setEncoding('latin1').on('data', (chunk: string) => (reply += chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ reply, closed: true });
    });
  });
}

async function stillServes(): Promise<void> {
  const r = await runCurl([
    '-x',
    `http://127.0.0.1:${gateway.address.port}`,
    `http://school.test:${originPort}/`,
  ]);
  assert.equal(r.status, 200, 'the gateway still serves');
}

describe('bad input', () => {
  const cases = [
    {
      name: 'oversized_header',
      bytes: `GET http://school.test/ HTTP/1.1\r\nhost: school.test\r\nx-big: ${'a'.repeat(8000)}\r\n\r\n`,
      want: /^HTTP\/1\.1 431/,
    },
    { name: 'garbage', bytes: '\u0000\u00ff\u0013 nonsense\r\n\r\n', want: /^HTTP\/1\.1 400/ },
    {
      name: 'connect_without_port',
      bytes: 'CONNECT school.test HTTP/1.1\r\nhost: school.test\r\n\r\n',
      want: /^HTTP\/1\.1 400/,
    },
    {
      name: 'connect_to_bad_host',
      bytes: 'CONNECT exa mple.test:443 HTTP/1.1\r\n\r\n',
      want: /^HTTP\/1\.1 400/,
    },
    {
      name: 'connect_port_out_of_range',
      bytes: 'CONNECT school.test:99999 HTTP/1.1\r\nhost: x\r\n\r\n',
      want: /^HTTP\/1\.1 400/,
    },
    {
      name: 'connect_then_not_tls',
      bytes: 'CONNECT school.test:443 HTTP/1.1\r\nhost: x\r\n\r\nGET / HTTP/1.1\r\n\r\n',
      want: /^HTTP\/1\.1 200 Connection Established\r\n\r\n$/,
    },
    {
      name: 'unsupported_scheme',
      bytes: 'GET ftp://school.test/file HTTP/1.1\r\nhost: school.test\r\n\r\n',
      want: /^HTTP\/1\.1 403/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { reply, closed } = await raw(c.bytes);
      assert.match(reply, c.want);
      assert.ok(closed || /^HTTP\/1\.1 403/.test(reply), 'the connection is closed');
      await stillServes();
    });
  }

  it('closes a half-open connection that never sends a request', async () => {
    const started = Date.now();
    const { closed } = await raw('', 6000);
    assert.ok(closed, 'closed by the gateway');
    assert.ok(Date.now() - started < 5500);
    await stillServes();
  });

  it('survives a client that vanishes mid-upload', async () => {
    const socket = connect(gateway.address.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST http://school.test:${originPort}/up HTTP/1.1\r\nhost: school.test\r\ncontent-length: 100000\r\n\r\n${'x'.repeat(1000)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await stillServes();
  });

  it('does not grow without bound over many bad connections', async () => {
    const round = async () => {
      for (let i = 0; i < 100; i++) await raw('\u0000garbage\r\n\r\n', 1000);
    };
    await round();
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage().heapUsed;
    await round();
    await round();
    (globalThis as { gc?: () => void }).gc?.();
    const grown = process.memoryUsage().heapUsed - before;
    assert.ok(grown < 20e6, `heap grew ${(grown / 1e6).toFixed(1)} MB over 200 bad connections`);
    await stillServes();
  });
});
