import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { createInspectionSocket } from '../../../../src/gateway/proxy/tls/inspect-tls.js';
import {
  createLeafCertificateCache,
  type LeafCertificateCache,
} from '../../../../src/gateway/proxy/tls/leaf-certificate-cache.js';
import { parseClientHello } from '../../../../src/gateway/proxy/tls/parse-client-hello.js';
import { type CaFixture, createCaFixture } from './ca-fixture.js';

const run = promisify(execFile);
let fixture: CaFixture;
let certificates: LeafCertificateCache;
let tunnel: Server;
let port: number;
/** Emits `secure` with what the tunnel saw of each connection, for the assertions. */
const recorder = new EventEmitter();

interface Seen {
  readonly sni: string | null;
  readonly alpn: readonly string[];
  readonly protocol: string | false | null;
}

/** Resolves with the next connection the tunnel completes a handshake on. */
function nextSeen(): Promise<Seen> {
  return once(recorder, 'secure').then(([record]) => record as Seen);
}

/**
 * Plays the proxy's side of an established CONNECT tunnel: peeks at the ClientHello,
 * then hands the socket to `createInspectionSocket` and serves HTTP on the TLS socket.
 * The CONNECT host is taken to be `fallback.school.test`.
 */
function startTunnel(): Promise<void> {
  const inner = createHttpServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
    res.end(`inspected ${req.headers.host}${req.url}\n`);
  });
  tunnel = createServer((socket: Socket) => {
    let buffered = Buffer.alloc(0);
    socket.on('error', () => {});
    const onPeek = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const hello = parseClientHello(buffered);
      if (hello.kind === 'incomplete') return;
      socket.removeListener('data', onPeek);
      if (hello.kind === 'not-tls') {
        socket.destroy();
        return;
      }
      createInspectionSocket({
        socket,
        clientHello: buffered,
        hostname: hello.sni ?? 'fallback.school.test',
        certificates,
      }).then(
        (tls) => {
          tls.on('error', () => {});
          tls.once('secure', () => {
            const record: Seen = { sni: hello.sni, alpn: hello.alpn, protocol: tls.alpnProtocol };
            recorder.emit('secure', record);
          });
          inner.emit('connection', tls);
        },
        () => socket.destroy(),
      );
    };
    socket.on('data', onPeek);
  });
  return new Promise((resolve) => {
    tunnel.listen(0, '127.0.0.1', () => {
      port = (tunnel.address() as AddressInfo).port;
      resolve();
    });
  });
}

before(async () => {
  fixture = await createCaFixture();
  certificates = createLeafCertificateCache({
    issue: (host) => fixture.ca.issueLeaf(host),
    now: () => new Date(),
  });
  await startTunnel();
});
after(async () => {
  await new Promise((resolve) => tunnel.close(resolve));
  fixture.remove();
});

test('inspection: curl trusting the school CA gets the inner response over http/1.1', async () => {
  const seen = nextSeen();
  const { stdout } = await run('curl', [
    '-sS',
    '--max-time',
    '10',
    '--cacert',
    fixture.caFile,
    '--resolve',
    `x.example:${port}:127.0.0.1`,
    '-w',
    '|%{http_version}',
    `https://x.example:${port}/path?q=1`,
  ]);
  assert.equal(stdout, `inspected x.example:${port}/path?q=1\n|1.1`);
  const last = await seen;
  assert.equal(last.sni, 'x.example');
  assert.ok(last.alpn.includes('h2'), 'curl offered h2');
  assert.equal(last.protocol, 'http/1.1', 'but only http/1.1 was accepted');
});

test('inspection: curl without the school CA fails verification', async () => {
  await assert.rejects(
    run('curl', [
      '-sS',
      '--max-time',
      '10',
      '--resolve',
      `x.example:${port}:127.0.0.1`,
      `https://x.example:${port}/`,
    ]),
    (error: { code?: number; stderr?: string }) => {
      assert.equal(error.code, 60, error.stderr); // CURLE_PEER_FAILED_VERIFICATION
      return true;
    },
  );
});

test('inspection: the leaf the client receives passes openssl verify', async () => {
  const pem = await new Promise<string>((resolve, reject) => {
    const socket = tlsConnect({
      host: '127.0.0.1',
      port,
      servername: 'www.school.test',
      ca: fixture.ca.certificatePem,
    });
    socket.once('secureConnect', () => {
      const raw = socket.getPeerCertificate().raw;
      socket.destroy();
      resolve(
        `-----BEGIN CERTIFICATE-----\n${raw.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`,
      );
    });
    socket.once('error', reject);
  });
  const out = await fixture.opensslVerify(pem, { host: 'www.school.test' });
  assert.match(out, /: OK$/m);
});

test('inspection: a client without SNI gets a leaf for the CONNECT host', async () => {
  const seen = nextSeen();
  const { altName, body } = await new Promise<{ altName: string; body: string }>(
    (resolve, reject) => {
      // Connecting to an IP literal without `servername`, Node sends no SNI.
      const socket = tlsConnect({
        host: '127.0.0.1',
        port,
        ca: fixture.ca.certificatePem,
        checkServerIdentity: () => undefined,
      });
      let body = '';
      socket.once('secureConnect', () => {
        assert.equal(socket.authorized, true, String(socket.authorizationError));
        const altName = socket.getPeerCertificate().subjectaltname ?? '';
        socket.write(
          'GET /plain HTTP/1.1\r\nHost: fallback.school.test\r\nConnection: close\r\n\r\n',
        );
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => {
          body += chunk;
        });
        socket.once('end', () => resolve({ altName, body }));
      });
      socket.once('error', reject);
    },
  );
  assert.equal(altName, 'DNS:fallback.school.test');
  assert.match(body, /inspected fallback\.school\.test\/plain/);
  assert.equal((await seen).sni, null);
});

test('inspection: a client offering only h2 is refused, not served unreadable h2', async () => {
  const error = await new Promise<Error | null>((resolve) => {
    const socket = tlsConnect({
      host: '127.0.0.1',
      port,
      servername: 'h2only.school.test',
      ca: fixture.ca.certificatePem,
      ALPNProtocols: ['h2'],
    });
    socket.once('secureConnect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', resolve);
  });
  assert.ok(error !== null, 'the handshake must fail');
  assert.match(String((error as NodeJS.ErrnoException).code), /ALERT|APPLICATION_PROTOCOL/);
});
