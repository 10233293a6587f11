import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { inspect, promisify } from 'node:util';
import { x509 } from '../../../../src/gateway/proxy/tls/peculiar-x509.js';
import { loadOrCreateSchoolCa } from '../../../../src/gateway/proxy/tls/school-ca.js';
import { TlsError } from '../../../../src/gateway/proxy/tls/tls-error.js';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'sg-school-ca-'));
after(() => rmSync(root, { recursive: true, force: true }));

const NOW = new Date('2026-03-02T09:00:00Z');
const HOUR = 60 * 60 * 1000;
let dirs = 0;

function freshDir(): string {
  return join(root, `ca-${++dirs}`, 'nested');
}

test('loadOrCreateSchoolCa: first start creates a P-256 CA with the promised fields and modes', async () => {
  const dir = freshDir();
  const ca = await loadOrCreateSchoolCa({ dir, schoolName: 'Widford Lodge', now: () => NOW });
  assert.equal(ca.created, true);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(statSync(join(dir, 'ca-key.pem')).mode & 0o777, 0o600);
  assert.equal(statSync(join(dir, 'ca-cert.pem')).mode & 0o777, 0o644);
  assert.match(readFileSync(join(dir, 'ca-key.pem'), 'utf8'), /^-----BEGIN PRIVATE KEY-----\n/);

  const cert = new x509.X509Certificate(readFileSync(join(dir, 'ca-cert.pem'), 'utf8'));
  assert.equal(cert.subject, 'CN=Widford Lodge Schoolgate CA, O=Widford Lodge');
  assert.equal(cert.issuer, cert.subject);
  assert.equal(await cert.isSelfSigned(), true);
  assert.equal(cert.notBefore.getTime(), NOW.getTime() - HOUR);
  assert.equal(cert.notAfter.toISOString(), '2036-03-02T09:00:00.000Z');
  assert.equal(ca.notAfter.getTime(), cert.notAfter.getTime());
  const algorithm = cert.publicKey.algorithm as { name: string; namedCurve: string };
  assert.deepEqual([algorithm.name, algorithm.namedCurve], ['ECDSA', 'P-256']);
  const basic = cert.getExtension(x509.BasicConstraintsExtension)!;
  assert.equal(basic.ca, true);
  assert.equal(basic.critical, true);
  const usage = cert.getExtension(x509.KeyUsagesExtension)!;
  assert.equal(usage.usages, x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
  assert.equal(usage.critical, true);
  assert.equal(Buffer.from(cert.serialNumber, 'hex').length, 16);

  // The download forms agree with what openssl reads from the stored file.
  const { stdout: der } = await run(
    'openssl',
    ['x509', '-in', join(dir, 'ca-cert.pem'), '-outform', 'DER'],
    { encoding: 'buffer' },
  );
  assert.deepEqual(Buffer.from(ca.certificateDer), der);
  const { stdout: fp } = await run('openssl', [
    'x509',
    '-in',
    join(dir, 'ca-cert.pem'),
    '-noout',
    '-fingerprint',
    '-sha256',
  ]);
  assert.equal(ca.fingerprintSha256, fp.trim().split('=')[1]);
  assert.equal(ca.certificatePem, readFileSync(join(dir, 'ca-cert.pem'), 'utf8'));
});

test('loadOrCreateSchoolCa: later starts load the same CA', async () => {
  const dir = freshDir();
  const first = await loadOrCreateSchoolCa({ dir, schoolName: 'Widford Lodge', now: () => NOW });
  const later = new Date(NOW.getTime() + 400 * 24 * HOUR);
  const second = await loadOrCreateSchoolCa({ dir, schoolName: 'Renamed', now: () => later });
  assert.equal(second.created, false);
  assert.equal(second.fingerprintSha256, first.fingerprintSha256);
  const leaf = await second.issueLeaf('school.test');
  await assertOpensslVerifies(dir, leaf.certificatePem, 'school.test', later);
});

test('loadOrCreateSchoolCa: a name with commas and quotes stays one attribute', async () => {
  const dir = freshDir();
  const schoolName = `St Mary's, Widford = "Lodge" + Annexe`;
  const ca = await loadOrCreateSchoolCa({ dir, schoolName, now: () => NOW });
  const cert = new x509.X509Certificate(ca.certificatePem);
  assert.deepEqual(cert.subjectName.getField('O'), [schoolName]);
  assert.deepEqual(cert.subjectName.getField('CN'), [`${schoolName} Schoolgate CA`]);
});

test('loadOrCreateSchoolCa: refuses what it must not use', async (t) => {
  const cases = [
    {
      name: 'key_group_readable',
      spoil: (dir: string) => chmodSync(join(dir, 'ca-key.pem'), 0o640),
      want: 'SG_ERR_CA_KEY_PERMISSIONS',
    },
    {
      name: 'key_world_readable',
      spoil: (dir: string) => chmodSync(join(dir, 'ca-key.pem'), 0o604),
      want: 'SG_ERR_CA_KEY_PERMISSIONS',
    },
    {
      name: 'certificate_missing',
      spoil: (dir: string) => unlinkSync(join(dir, 'ca-cert.pem')),
      want: 'SG_ERR_CA_INCOMPLETE',
    },
    {
      name: 'key_missing',
      spoil: (dir: string) => unlinkSync(join(dir, 'ca-key.pem')),
      want: 'SG_ERR_CA_INCOMPLETE',
    },
    {
      name: 'key_from_another_ca',
      spoil: async (dir: string) => {
        const other = freshDir();
        await loadOrCreateSchoolCa({ dir: other, schoolName: 'Other', now: () => NOW });
        writeFileSync(join(dir, 'ca-key.pem'), readFileSync(join(other, 'ca-key.pem')));
      },
      want: 'SG_ERR_CA_MISMATCH',
    },
    {
      name: 'key_not_pem',
      spoil: (dir: string) => writeFileSync(join(dir, 'ca-key.pem'), 'SECRET-MATERIAL-42\n'),
      want: 'SG_ERR_CA_UNREADABLE',
    },
    {
      name: 'certificate_not_pem',
      spoil: (dir: string) => writeFileSync(join(dir, 'ca-cert.pem'), 'hello\n'),
      want: 'SG_ERR_CA_UNREADABLE',
    },
    {
      name: 'certificate_not_a_ca',
      spoil: async (dir: string) => {
        await run('openssl', [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          join(dir, 'ca-key.pem'),
          '-out',
          join(dir, 'ca-cert.pem'),
          '-subj',
          '/CN=leaf.school.test',
          '-addext',
          'basicConstraints=critical,CA:FALSE',
        ]);
        chmodSync(join(dir, 'ca-key.pem'), 0o600);
      },
      want: 'SG_ERR_CA_NOT_CA',
    },
    {
      name: 'certificate_expired',
      spoil: () => {},
      now: new Date(NOW.getTime() + 11 * 366 * 24 * HOUR),
      want: 'SG_ERR_CA_EXPIRED',
    },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const dir = freshDir();
      await loadOrCreateSchoolCa({ dir, schoolName: 'Widford Lodge', now: () => NOW });
      const keyText = readFileSync(join(dir, 'ca-key.pem'), 'utf8');
      await c.spoil(dir);
      const keyFile = join(dir, 'ca-key.pem');
      const spoiledKey = existsSync(keyFile) ? readFileSync(keyFile, 'utf8') : '';
      const when = c.now ?? NOW;
      await assert.rejects(
        loadOrCreateSchoolCa({ dir, schoolName: 'Widford Lodge', now: () => when }),
        (error: unknown) => {
          assert.ok(TlsError.is(error, c.want as never), String(error));
          const text = `${(error as Error).message}\n${(error as Error).stack}`;
          assertNoKeyMaterial(text, keyText);
          assertNoKeyMaterial(text, spoiledKey);
          return true;
        },
      );
    });
  }
});

test('loadOrCreateSchoolCa: loads an RSA CA brought from the school PKI', async () => {
  const dir = join(root, 'rsa-ca');
  await run('mkdir', ['-p', dir]);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    join(dir, 'ca-key.pem'),
    '-out',
    join(dir, 'ca-cert.pem'),
    '-days',
    '30',
    '-subj',
    '/CN=Trust Root CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  chmodSync(join(dir, 'ca-key.pem'), 0o600);
  const now = new Date();
  const ca = await loadOrCreateSchoolCa({ dir, schoolName: 'x', now: () => now });
  const leaf = await ca.issueLeaf('www.school.test');
  await assertOpensslVerifies(dir, leaf.certificatePem, 'www.school.test', now);
});

test('SchoolCa: nothing it exposes carries the private key', async () => {
  const dir = freshDir();
  const ca = await loadOrCreateSchoolCa({ dir, schoolName: 'Widford Lodge', now: () => NOW });
  const leaf = await ca.issueLeaf('blocked.example');
  const keyText = readFileSync(join(dir, 'ca-key.pem'), 'utf8');
  for (const shown of [
    inspect(ca, { depth: 10, showHidden: true }),
    JSON.stringify(ca),
    inspect(leaf, { depth: 10 }),
    JSON.stringify(leaf),
  ]) {
    assert.doesNotMatch(shown, /PRIVATE KEY/);
    assertNoKeyMaterial(shown, keyText);
  }
});

/** Fails when any base64 line of `pem` appears in `text`. */
function assertNoKeyMaterial(text: string, pem: string): void {
  for (const line of pem.split('\n')) {
    if (line.length < 16 || line.startsWith('-----')) continue;
    assert.ok(!text.includes(line), 'key material leaked into a message');
  }
}

/** `openssl verify` as a server certificate for `host`, at the given time. */
async function assertOpensslVerifies(
  dir: string,
  leafPem: string,
  host: string,
  at: Date,
): Promise<void> {
  const leafFile = join(dir, `leaf-${host}.pem`);
  writeFileSync(leafFile, leafPem);
  const { stdout } = await run('openssl', [
    'verify',
    '-CAfile',
    join(dir, 'ca-cert.pem'),
    '-purpose',
    'sslserver',
    '-verify_hostname',
    host,
    '-attime',
    String(Math.floor(at.getTime() / 1000)),
    leafFile,
  ]);
  assert.match(stdout, /: OK$/m);
}
