import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CA_CERT_FILE } from '../../gateway/proxy/tls/school-ca.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The school CA's public facts, as the Settings page shows them. */
export interface SchoolCaSummary {
  readonly subject: string;
  /** SHA-256 of the DER, upper-case hex pairs joined by `:` (as the gateway's /ca page shows it). */
  readonly fingerprintSha256: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** Whole days until `notAfter`, rounded down; negative once expired. */
  readonly daysLeft: number;
  readonly pem: string;
}

/**
 * Reads the school CA's certificate from `dir` (the gateway's `<dataDir>/ca`), or null when
 * there is none yet (inspection off, or the gateway has not started). Only the public
 * certificate is read: the console never opens the private key.
 *
 * ### Examples
 * ```ts
 * const ca = await readSchoolCa(join(dataDir, 'ca'), Date.now());
 * if (ca !== null) console.log(ca.fingerprintSha256, ca.daysLeft);
 * ```
 */
export async function readSchoolCa(dir: string, nowMs: number): Promise<SchoolCaSummary | null> {
  let pem: string;
  try {
    pem = await readFile(join(dir, CA_CERT_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return summariseCertificate(pem, nowMs);
}

/** The facts of one PEM certificate (the first in the text). */
function summariseCertificate(pem: string, nowMs: number): SchoolCaSummary {
  const certificate = new X509Certificate(pem);
  const notAfterMs = Date.parse(certificate.validTo);
  return {
    subject: certificate.subject.split('\n').join(', '),
    fingerprintSha256: certificate.fingerprint256,
    serialNumber: certificate.serialNumber,
    notBefore: new Date(Date.parse(certificate.validFrom)).toISOString(),
    notAfter: new Date(notAfterMs).toISOString(),
    daysLeft: Math.floor((notAfterMs - nowMs) / DAY_MS),
    pem: certificate.toString(),
  };
}
