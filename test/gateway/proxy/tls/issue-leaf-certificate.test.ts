import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { x509 } from '../../../../src/gateway/proxy/tls/peculiar-x509.js';
import { TlsError } from '../../../../src/gateway/proxy/tls/tls-error.js';
import { type CaFixture, createCaFixture } from './ca-fixture.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
let clock = new Date('2026-03-02T09:00:00Z');
let fixture: CaFixture;

before(async () => {
  fixture = await createCaFixture(() => clock);
});
after(() => fixture.remove());

test('issueLeaf: the leaf carries what browsers and OpenSSL require', async (t) => {
  const cases = [
    {
      name: 'dns_name',
      input: 'www.school.test',
      want: { san: 'DNS:www.school.test', host: 'www.school.test' },
    },
    {
      name: 'upper_case_trailing_dot',
      input: 'Blocked.Example.',
      want: { san: 'DNS:blocked.example', host: 'blocked.example' },
    },
    { name: 'ipv4_literal', input: '192.0.2.10', want: { san: 'IP:192.0.2.10', ip: '192.0.2.10' } },
    {
      name: 'ipv6_literal_bracketed',
      input: '[2001:db8::1]',
      want: { san: 'IP:2001:db8::1', ip: '2001:db8::1' },
    },
    {
      name: 'underscore_label',
      input: 'my_host.school.test',
      want: { san: 'DNS:my_host.school.test', host: 'my_host.school.test' },
    },
  ];
  const caCert = new x509.X509Certificate(fixture.ca.certificatePem);
  const caKeyId = caCert.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId;
  for (const c of cases) {
    await t.test(c.name, async () => {
      const leaf = await fixture.ca.issueLeaf(c.input);
      const cert = new x509.X509Certificate(leaf.certificatePem);
      const san = cert.getExtension(x509.SubjectAlternativeNameExtension)!;
      const names = san.names.items.map((n) => `${n.type === 'dns' ? 'DNS' : 'IP'}:${n.value}`);
      assert.deepEqual(names, [c.want.san]);
      assert.equal(cert.notBefore.getTime(), clock.getTime() - HOUR);
      assert.equal(cert.notAfter.getTime(), clock.getTime() + 30 * DAY);
      assert.equal(leaf.notAfter.getTime(), cert.notAfter.getTime());
      const serial = Buffer.from(cert.serialNumber, 'hex');
      assert.equal(serial.length, 16);
      assert.equal(serial[0]! & 0x80, 0, 'serial must be positive');
      assert.equal(leaf.serialNumber, cert.serialNumber);
      const eku = cert.getExtension(x509.ExtendedKeyUsageExtension)!;
      assert.deepEqual([...eku.usages], [x509.ExtendedKeyUsage.serverAuth]);
      assert.equal(cert.getExtension(x509.BasicConstraintsExtension)!.ca, false);
      assert.equal(cert.getExtension(x509.AuthorityKeyIdentifierExtension)!.keyId, caKeyId);
      const algorithm = cert.publicKey.algorithm as { name: string; namedCurve: string };
      assert.deepEqual([algorithm.name, algorithm.namedCurve], ['ECDSA', 'P-256']);
      const out = await fixture.opensslVerify(leaf.certificatePem, {
        host: c.want.host,
        ip: c.want.ip,
        at: clock,
      });
      assert.match(out, /: OK$/m);
    });
  }
});

test('issueLeaf: serials differ and leaves share the process leaf key', async () => {
  const a = await fixture.ca.issueLeaf('a.school.test');
  const b = await fixture.ca.issueLeaf('a.school.test');
  assert.notEqual(a.serialNumber, b.serialNumber);
  assert.equal(
    a.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    b.privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
});

test('issueLeaf: never outlives the CA', async () => {
  const saved = clock;
  clock = new Date(fixture.ca.notAfter.getTime() - 5 * DAY);
  try {
    const leaf = await fixture.ca.issueLeaf('late.school.test');
    assert.equal(leaf.notAfter.getTime(), fixture.ca.notAfter.getTime());
    const cert = new x509.X509Certificate(leaf.certificatePem);
    assert.equal(cert.notAfter.getTime(), fixture.ca.notAfter.getTime());
  } finally {
    clock = saved;
  }
});

test('issueLeaf: an expired leaf fails openssl verify (the checks are real)', async () => {
  const leaf = await fixture.ca.issueLeaf('old.school.test');
  await assert.rejects(
    fixture.opensslVerify(leaf.certificatePem, { at: new Date(clock.getTime() + 31 * DAY) }),
    /certificate has expired/,
  );
  await assert.rejects(
    fixture.opensslVerify(leaf.certificatePem, { host: 'other.school.test', at: clock }),
    /hostname mismatch/,
  );
});

test('issueLeaf: refuses names no client could ask for', async (t) => {
  const cases = [
    '',
    '*.school.test',
    'bad host.test',
    'a..b',
    '-lead.test',
    `${'a'.repeat(64)}.test`,
    'x\u0000y',
  ];
  for (const input of cases) {
    await t.test(JSON.stringify(input), async () => {
      await assert.rejects(fixture.ca.issueLeaf(input), (e: unknown) =>
        TlsError.is(e, 'SG_ERR_LEAF_HOSTNAME'),
      );
    });
  }
});

test('issueLeaf: issuance time', async (t) => {
  for (let i = 0; i < 20; i++) await fixture.ca.issueLeaf(`warm${i}.school.test`);
  const runs = 200;
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fixture.ca.issueLeaf(`h${i}.school.test`);
  const perLeaf = (performance.now() - start) / runs;
  t.diagnostic(`leaf issuance: ${perLeaf.toFixed(2)} ms per leaf (${runs} sequential)`);
  assert.ok(perLeaf < 50, `issuance took ${perLeaf} ms`);
});
