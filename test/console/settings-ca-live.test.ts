/**
 * A school CA renewed in the console reaches the running gateway without a restart: IT
 * renews it with a reason, and the leaf certificate the proxy presents for a host it has not
 * seen before (a real CONNECT, then a TLS handshake as a browser makes it) is signed by the
 * new CA, while the gateway's own /ca.pem serves the new certificate too.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect as connectTls } from 'node:tls';
import type { RunningGateway } from '../../src/gateway/proxy/start-gateway.js';
import { signInAs } from './console-fixture.js';
import { type LiveConsole, startLiveConsole } from './live-console.js';

let live: LiveConsole;
let gateway: RunningGateway;
let base: string;

before(async () => {
  live = await startLiveConsole({
    prefix: 'sg-settings-ca-',
    yaml: `school: { name: Widford Lodge }
dataDir: ./data
lists: {}
policy:
  defaultGroup: pupils
  groups:
    - { id: pupils, label: Pupils }
`,
    staff: [{ username: 'it', displayName: 'IT', role: 'it_admin' }],
  });
  ({ gateway, base } = live);
});

after(async () => {
  await live?.close();
});

/** The leaf the proxy presents for `host`: CONNECT through it, then a TLS handshake with SNI. */
function leafFor(host: string): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp(gateway.address.port, '127.0.0.1');
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer for ${host}`)));
    socket.once('error', reject);
    socket.once('connect', () =>
      socket.write(`CONNECT ${host}:443 HTTP/1.1\r\nHost: ${host}:443\r\n\r\n`),
    );
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (!head.startsWith('HTTP/1.1 200')) {
        reject(new Error(`CONNECT ${host}: ${head.split('\r\n')[0]}`));
        socket.destroy();
        return;
      }
      const tls = connectTls({ socket, servername: host, rejectUnauthorized: false });
      tls.once('error', reject);
      tls.once('secureConnect', () => {
        const leaf = new X509Certificate(tls.getPeerCertificate().raw);
        tls.destroy();
        resolve(leaf);
      });
    };
    socket.on('data', onData);
  });
}

/** Whether `leaf` was issued and signed by `ca`. */
function issuedBy(leaf: X509Certificate, ca: X509Certificate): boolean {
  return leaf.checkIssued(ca) && leaf.verify(ca.publicKey);
}

describe('renewing the school CA in the console', () => {
  it('makes the running gateway sign new hosts with the new CA, without a restart', async () => {
    const caFile = join(gateway.dataDir, 'ca', 'ca-cert.pem');
    const oldCa = new X509Certificate(readFileSync(caFile));
    const before = await leafFor('before.school.test');
    assert.equal(issuedBy(before, oldCa), true, 'the first leaf comes from the CA made at start');

    const it_ = await signInAs(base, 'it');
    const renewed = await it_.send('POST', '/api/settings/ca/renew', {
      reason: 'Yearly renewal test',
    });
    assert.equal(renewed.status, 200);
    const { certificate } = (await renewed.json()) as {
      certificate: { fingerprintSha256: string };
    };
    const newCa = new X509Certificate(readFileSync(caFile));
    assert.equal(newCa.fingerprint256, certificate.fingerprintSha256);
    assert.notEqual(newCa.fingerprint256, oldCa.fingerprint256);

    // The gateway polls the CA files every 2 s; a host never seen before gets a fresh leaf.
    const deadline = Date.now() + 15_000;
    let leaf = await leafFor('after-0.school.test');
    for (let n = 1; !issuedBy(leaf, newCa) && Date.now() < deadline; n++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      leaf = await leafFor(`after-${n}.school.test`);
    }
    assert.equal(issuedBy(leaf, newCa), true, 'a new host is signed by the new CA');
    assert.equal(issuedBy(leaf, oldCa), false);
    // A host seen before the renewal is signed afresh too: the leaf cache was emptied.
    assert.equal(issuedBy(await leafFor('before.school.test'), newCa), true);

    const served = await fetch(`http://127.0.0.1:${gateway.address.port}/ca.pem`);
    assert.equal(served.status, 200);
    assert.equal(new X509Certificate(await served.text()).fingerprint256, newCa.fingerprint256);
    assert.equal(
      new X509Certificate(gateway.caCertificatePem ?? '').fingerprint256,
      newCa.fingerprint256,
    );
  });
});
