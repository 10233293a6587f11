import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type RequestOptions, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type ConnectionOptions, rootCertificates } from 'node:tls';
import { promisify } from 'node:util';
import { describeTlsError } from '../../../../src/gateway/proxy/tls/describe-tls-error.js';
import { loadOrCreateSchoolCa } from '../../../../src/gateway/proxy/tls/school-ca.js';
import { TlsError } from '../../../../src/gateway/proxy/tls/tls-error.js';
import {
  createUpstreamTrust,
  type UpstreamTrust,
} from '../../../../src/gateway/proxy/tls/upstream-trust.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'sg-upstream-'));
const SYSTEM_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Origins on 127.0.0.1 standing in for the internet, each with one kind of certificate. */
const origins: { port: number; close(): void }[] = [];
let good: number;
let selfSigned: number;
let expired: number;
let expiredCaFile: string;

before(async () => {
  // A test CA and a leaf for origin.school.test signed by it, made by openssl.
  const p = (name: string) => join(dir, name);
  await run('openssl', [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Test Origin CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
  ]);
  await run('openssl', [
    'req',
    ...EC,
    '-keyout',
    p('leaf.key'),
    '-out',
    p('leaf.csr'),
    '-subj',
    '/CN=origin.school.test',
  ]);
  writeFileSync(
    p('leaf.ext'),
    'subjectAltName=DNS:origin.school.test\nextendedKeyUsage=serverAuth\n',
  );
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    p('leaf.csr'),
    '-CA',
    p('ca.pem'),
    '-CAkey',
    p('ca.key'),
    '-set_serial',
    '7',
    '-days',
    '2',
    '-extfile',
    p('leaf.ext'),
    '-out',
    p('leaf.pem'),
  ]);
  good = await startOrigin(readFileSync(p('leaf.key')), readFileSync(p('leaf.pem')));
  await run('openssl', [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    p('self.key'),
    '-out',
    p('self.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=origin.school.test',
    '-addext',
    'subjectAltName=DNS:origin.school.test',
  ]);
  selfSigned = await startOrigin(readFileSync(p('self.key')), readFileSync(p('self.pem')));
  // An expired leaf: a CA whose clock said two months ago issues a 30-day leaf.
  const past = new Date(Date.now() - 60 * 24 * 60 * 60 * 1000);
  const oldCa = await loadOrCreateSchoolCa({
    dir: p('old-ca'),
    schoolName: 'Old',
    now: () => past,
  });
  const leaf = await oldCa.issueLeaf('origin.school.test');
  expiredCaFile = join(p('old-ca'), 'ca-cert.pem');
  expired = await startOrigin(
    Buffer.from(leaf.privateKey.export({ type: 'pkcs8', format: 'pem' })),
    Buffer.from(leaf.certificatePem),
  );
});

after(() => {
  for (const origin of origins) origin.close();
  rmSync(dir, { recursive: true, force: true });
});

async function startOrigin(key: Buffer, cert: Buffer): Promise<number> {
  const server = createHttpsServer({ key, cert }, (_req, res) => res.end('origin says hi'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origins.push({ port, close: () => server.close() });
  return port;
}

type Outcome = { status: number; body: string } | { code: string; error: Error };

/** One GET to an origin, as the proxy will make it. */
function fetchFrom(
  port: number,
  trust: { ca?: readonly string[]; secureContext?: UpstreamTrust['secureContext'] },
  servername = 'origin.school.test',
): Promise<Outcome> {
  // @types/node leaves `secureContext` out of https' options, but https passes every option
  // on to tls.connect, which honours it (the cases below would fail otherwise).
  const options: RequestOptions & ConnectionOptions = {
    host: '127.0.0.1',
    port,
    path: '/',
    servername,
    headers: { host: servername },
    agent: false,
    ca: trust.ca as string[] | undefined,
    secureContext: trust.secureContext,
  };
  return new Promise((resolve) => {
    const req = request(options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ code: String(error.code), error }));
    req.end();
  });
}

test('createUpstreamTrust: bundled roots, system bundle and extra files', async () => {
  const trust = await createUpstreamTrust({ extraCaFiles: [join(dir, 'ca.pem')] });
  assert.equal(trust.counts.bundled, rootCertificates.length);
  assert.equal(trust.counts.extra, 1);
  if (existsSync(SYSTEM_BUNDLE)) {
    // Debian's bundle is Mozilla's list too: most of it is already bundled with Node.
    const inFile =
      readFileSync(SYSTEM_BUNDLE, 'utf8').split('-----BEGIN CERTIFICATE-----').length - 1;
    assert.ok(trust.counts.system <= inFile);
  } else {
    assert.equal(trust.counts.system, 0);
  }
  assert.equal(trust.ca.length, trust.counts.bundled + trust.counts.system + trust.counts.extra);
  const without = await createUpstreamTrust({ extraCaFiles: [], systemCaFile: null });
  assert.equal(without.counts.system, 0);
  assert.equal(without.ca.length, rootCertificates.length);
});

test('createUpstreamTrust: an origin signed by a private CA needs that CA', async (t) => {
  const without = await createUpstreamTrust({ extraCaFiles: [] });
  const withCa = await createUpstreamTrust({ extraCaFiles: [join(dir, 'ca.pem')] });
  const cases = [
    {
      name: 'ca_array_without_extra',
      trust: { ca: without.ca },
      want: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    },
    {
      name: 'context_without_extra',
      trust: { secureContext: without.secureContext },
      want: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    },
    { name: 'ca_array_with_extra', trust: { ca: withCa.ca }, want: 200 },
    { name: 'context_with_extra', trust: { secureContext: withCa.secureContext }, want: 200 },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const outcome = await fetchFrom(good, c.trust);
      if (typeof c.want === 'number') {
        assert.deepEqual(outcome, { status: 200, body: 'origin says hi' });
      } else {
        assert.equal('code' in outcome ? outcome.code : outcome.status, c.want);
      }
    });
  }
});

test('describeTlsError: real upstream failures in plain words', async (t) => {
  const trust = await createUpstreamTrust({ extraCaFiles: [join(dir, 'ca.pem'), expiredCaFile] });
  const bare = await createUpstreamTrust({ extraCaFiles: [] });
  const cases = [
    {
      name: 'unknown_issuer',
      port: () => good,
      trust: bare,
      host: 'origin.school.test',
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      want: /authority this network does not know/,
    },
    {
      name: 'self_signed',
      port: () => selfSigned,
      trust,
      host: 'origin.school.test',
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      want: /signed its own/,
    },
    {
      name: 'wrong_host',
      port: () => good,
      trust,
      host: 'other.school.test',
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      want: /different website name/,
    },
    {
      name: 'expired',
      port: () => expired,
      trust,
      host: 'origin.school.test',
      code: 'CERT_HAS_EXPIRED',
      want: /has expired/,
    },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const outcome = await fetchFrom(c.port(), { secureContext: c.trust.secureContext }, c.host);
      assert.ok('code' in outcome, 'the request must fail');
      assert.equal(outcome.code, c.code);
      assert.match(describeTlsError(outcome.error), c.want);
    });
  }
});

test('describeTlsError: other inputs', async (t) => {
  const cases = [
    { name: 'not_yet_valid', input: { code: 'CERT_NOT_YET_VALID' }, want: /not valid yet/ },
    {
      name: 'chain_root_untrusted',
      input: { code: 'SELF_SIGNED_CERT_IN_CHAIN' },
      want: /does not trust/,
    },
    { name: 'unknown_code', input: { code: 'SOMETHING_NEW' }, want: /could not be checked/ },
    { name: 'prototype_key', input: { code: 'toString' }, want: /could not be checked/ },
    { name: 'no_code', input: new Error('x'), want: /could not be checked/ },
    { name: 'not_an_object', input: 'CERT_HAS_EXPIRED', want: /could not be checked/ },
    { name: 'null', input: null, want: /could not be checked/ },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.match(describeTlsError(c.input), c.want));
  }
});

test('createUpstreamTrust: a bad extra CA file is an error naming it', async (t) => {
  writeFileSync(join(dir, 'notes.txt'), 'our CA is on the wiki\n');
  const certText = readFileSync(join(dir, 'ca.pem'), 'utf8');
  writeFileSync(
    join(dir, 'damaged.pem'),
    certText.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA'),
  );
  const cases = [
    { name: 'missing', file: join(dir, 'nope.pem'), want: /nope\.pem.*file not found/ },
    { name: 'not_pem', file: join(dir, 'notes.txt'), want: /notes\.txt.*no PEM certificate/ },
    {
      name: 'damaged',
      file: join(dir, 'damaged.pem'),
      want: /damaged\.pem.*certificate 1 is damaged/,
    },
    { name: 'a_folder', file: dir, want: /cannot read it \(EISDIR\)/ },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      await assert.rejects(createUpstreamTrust({ extraCaFiles: [c.file] }), (error: unknown) => {
        assert.ok(TlsError.is(error, 'SG_ERR_TRUST_FILE'));
        assert.match((error as Error).message, c.want);
        return true;
      });
    });
  }
});
