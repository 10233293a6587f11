/**
 * A school CA made in a temporary folder for one test file, and a helper that runs
 * `openssl verify` on a leaf as a TLS server certificate.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  loadOrCreateSchoolCa,
  type SchoolCa,
} from '../../../../src/gateway/proxy/tls/school-ca.js';

const run = promisify(execFile);

export interface CaFixture {
  readonly dir: string;
  readonly ca: SchoolCa;
  readonly caFile: string;
  /** Resolves with openssl's output; rejects when verification fails. */
  opensslVerify(
    leafPem: string,
    options: { host?: string; ip?: string; at?: Date },
  ): Promise<string>;
  remove(): void;
}

export async function createCaFixture(now: () => Date = () => new Date()): Promise<CaFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-tls-'));
  const ca = await loadOrCreateSchoolCa({ dir: join(dir, 'ca'), schoolName: 'Widford Lodge', now });
  const caFile = join(dir, 'ca', 'ca-cert.pem');
  let leaves = 0;
  return {
    dir,
    ca,
    caFile,
    async opensslVerify(leafPem, options) {
      const leafFile = join(dir, `leaf-${++leaves}.pem`);
      writeFileSync(leafFile, leafPem);
      const args = ['verify', '-CAfile', caFile, '-purpose', 'sslserver'];
      if (options.host !== undefined) args.push('-verify_hostname', options.host);
      if (options.ip !== undefined) args.push('-verify_ip', options.ip);
      if (options.at !== undefined)
        args.push('-attime', String(Math.floor(options.at.getTime() / 1000)));
      const { stdout } = await run('openssl', [...args, leafFile]);
      return stdout;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
