/**
 * WebSocket upgrades through the gateway: an allowed one reaches the origin and carries
 * data both ways; one to a blocked site is refused with 403 before it reaches the site.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunningGateway } from '../../../src/gateway/proxy/start-gateway.js';
import { listenOnLoopback, startTestGateway, stopServer } from '../../support/test-gateway.js';

let dir: string;
let origin: Server;
let originPort: number;
let gateway: RunningGateway;
let upgrades = 0;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-ws-'));
  writeFileSync(join(dir, 'chat.txt'), 'blocked-chat.test\n');
  writeFileSync(
    join(dir, 'schoolgate.yaml'),
    `dataDir: ./data
lists:
  sources: [{ type: list, name: chat, category: chat, path: chat.txt }]
gateway:
  upstream: { hosts: { chat.test: 127.0.0.1, blocked-chat.test: 127.0.0.1 } }
policy:
  defaultGroup: pupils
  groups: [{ id: pupils, label: Pupils, categories: { chat: block } }]
`,
  );
  origin = createServer((_req, res) => res.end('not a websocket'));
  origin.on('upgrade', (req, socket: Socket) => {
    upgrades++;
    const accept = createHash('sha1')
      .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-accept: ${accept}\r\n\r\n`,
    );
    socket.on('data', (chunk) => socket.write(Buffer.concat([Buffer.from('echo:'), chunk])));
  });
  originPort = await listenOnLoopback(origin);
  gateway = await startTestGateway(join(dir, 'schoolgate.yaml'));
});

after(async () => {
  await gateway.close();
  stopServer(origin);
  rmSync(dir, { recursive: true, force: true });
});

/** Asks the gateway to upgrade `url`; resolves with the upgraded socket or the refusal status. */
function upgradeThroughProxy(url: string): Promise<{ socket: Socket } | { status: number }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: gateway.address.port,
      path: url,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-version': '13',
      },
    });
    req.on('upgrade', (_res, socket) => resolve({ socket }));
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('WebSocket upgrades', () => {
  it('carries an allowed WebSocket both ways', async () => {
    const result = await upgradeThroughProxy(`http://chat.test:${originPort}/socket`);
    assert.ok('socket' in result, `refused: ${JSON.stringify(result)}`);
    const echoed = await new Promise<string>((resolve) => {
      result.socket.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      result.socket.write('ping');
    });
    assert.equal(echoed, 'echo:ping');
    result.socket.destroy();
  });

  it('refuses a WebSocket to a blocked site before it reaches the site', async () => {
    const before = upgrades;
    const result = await upgradeThroughProxy(`http://blocked-chat.test:${originPort}/socket`);
    assert.deepEqual(result, { status: 403 });
    assert.equal(upgrades, before);
  });
});
