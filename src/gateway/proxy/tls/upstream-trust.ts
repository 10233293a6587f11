import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { splitPemCertificates } from './split-pem-certificates.js';
import { TlsError } from './tls-error.js';

/** Debian's and Ubuntu's bundle, where the school's IT adds its own roots. */
const DEFAULT_SYSTEM_CA_FILE = '/etc/ssl/certs/ca-certificates.crt';

/** The roots the proxy verifies origin servers against, built once at start. */
export interface UpstreamTrust {
  /** PEM roots for `https.request({ ca })`; passing `ca` replaces Node's own list. */
  readonly ca: readonly string[];
  /**
   * The same roots parsed once into a context. Prefer `https.request({ secureContext })`:
   * with `ca` alone, Node parses every root again for each new connection.
   */
  readonly secureContext: SecureContext;
  /** How many roots came from each source (after removing duplicates), for the start log. */
  readonly counts: { readonly bundled: number; readonly system: number; readonly extra: number };
}

/**
 * Builds the upstream trust store: Node's bundled Mozilla roots, the system bundle when it
 * exists (roots a school's IT installed on the machine), and each configured extra CA file
 * (an internal web server's CA, say). A missing or unreadable extra file, one with no PEM
 * certificate, or one with a damaged certificate is an error naming the file: a typo must
 * not silently leave a site unreachable.
 *
 * ### Examples
 * ```ts
 * const trust = await createUpstreamTrust({ extraCaFiles: config.tls.extraCaFiles });
 * https.request(url, { secureContext: trust.secureContext, servername: host });
 * ```
 */
export async function createUpstreamTrust(options: {
  /** PEM files of additional roots; each must hold at least one certificate. */
  readonly extraCaFiles: readonly string[];
  /** The system bundle; default Debian's path; null to leave it out. Absent file: skipped. */
  readonly systemCaFile?: string | null;
}): Promise<UpstreamTrust> {
  const seen = new Set<string>();
  const ca: string[] = [];
  const add = (pem: string): boolean => {
    const key = pem.replace(/\s+/g, '');
    if (seen.has(key)) return false;
    seen.add(key);
    ca.push(pem);
    return true;
  };
  let bundled = 0;
  for (const pem of rootCertificates) if (add(pem)) bundled++;
  let system = 0;
  const systemFile =
    options.systemCaFile === undefined ? DEFAULT_SYSTEM_CA_FILE : options.systemCaFile;
  if (systemFile !== null && existsSync(systemFile)) {
    for (const pem of splitPemCertificates(await readFile(systemFile, 'utf8'))) {
      if (add(pem)) system++;
    }
  }
  let extra = 0;
  for (const file of options.extraCaFiles) {
    for (const pem of await readExtraCaFile(file)) if (add(pem)) extra++;
  }
  return {
    ca,
    secureContext: createSecureContext({ ca }),
    counts: { bundled, system, extra },
  };
}

async function readExtraCaFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : `cannot read it (${code ?? 'error'})`;
    throw TlsError.create('SG_ERR_TRUST_FILE', file, why);
  }
  const blocks = splitPemCertificates(text);
  if (blocks.length === 0) {
    throw TlsError.create('SG_ERR_TRUST_FILE', file, 'no PEM certificate in it');
  }
  for (let i = 0; i < blocks.length; i++) {
    try {
      new X509Certificate(blocks[i]!);
    } catch {
      throw TlsError.create('SG_ERR_TRUST_FILE', file, `certificate ${i + 1} is damaged`);
    }
  }
  return blocks;
}
