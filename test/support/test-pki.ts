/** Certificates for local test origins, made with openssl: a test CA and a leaf for some names. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestPki {
  readonly caFile: string;
  readonly key: string;
  readonly cert: string;
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });

/** A CA named `name` in `dir`, and a leaf signed by it for `hosts` (DNS names). */
export function createTestPki(dir: string, name: string, hosts: readonly string[]): TestPki {
  const file = (suffix: string) => join(dir, `${name}-${suffix}`);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca-key.pem'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    `/CN=${name} test CA`,
  ]);
  openssl([
    'req',
    ...ec,
    '-keyout',
    file('key.pem'),
    '-out',
    file('req.pem'),
    '-subj',
    `/CN=${hosts[0]}`,
  ]);
  writeFileSync(file('ext.cnf'), `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}\n`);
  openssl([
    'x509',
    '-req',
    '-in',
    file('req.pem'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca-key.pem'),
    '-CAcreateserial',
    '-out',
    file('cert.pem'),
    '-days',
    '2',
    '-extfile',
    file('ext.cnf'),
  ]);
  return {
    caFile: file('ca.pem'),
    key: readFileSync(file('key.pem'), 'utf8'),
    cert: readFileSync(file('cert.pem'), 'utf8'),
  };
}
