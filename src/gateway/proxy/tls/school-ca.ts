import { createHash, createPrivateKey, createPublicKey, KeyObject, webcrypto } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createCaCertificate } from './create-ca-certificate.js';
import { issueLeafCertificate, type LeafIssuer } from './issue-leaf-certificate.js';
import type { LeafCertificate } from './leaf-certificate.js';
import { x509 } from './peculiar-x509.js';
import { TlsError } from './tls-error.js';

/** The school CA's files in its folder (`<dataDir>/ca`): the certificate, and the key (mode 0600). */
export const CA_CERT_FILE = 'ca-cert.pem';
export const CA_KEY_FILE = 'ca-key.pem';

/**
 * The school's own certificate authority, as the gateway uses it: the public certificate to
 * offer for download, and leaf issuance. The private key stays inside (a non-extractable
 * WebCrypto key); nothing here exposes it.
 */
export interface SchoolCa {
  readonly certificatePem: string;
  /** DER bytes, for the `.crt`/`.cer` download that Windows, iOS and Android prefer. */
  readonly certificateDer: Uint8Array;
  /** SHA-256 of the DER, upper-case hex pairs joined by `:`, for the install page. */
  readonly fingerprintSha256: string;
  readonly notAfter: Date;
  /** True when this start created the CA (every device must install the new certificate). */
  readonly created: boolean;
  /** Issues a 30-day leaf for a DNS name or IP literal; see `issueLeafCertificate`. */
  issueLeaf(hostname: string): Promise<LeafCertificate>;
}

/**
 * Loads the school CA from `dir`, or creates it there on first start: `ca-cert.pem` (0644)
 * and `ca-key.pem` (PKCS#8 PEM, 0600) in a 0700 folder. Refuses, with a `TlsError` that says
 * what to do, a key readable by group or others, only one of the two files, a certificate
 * that is not a CA, does not match the key, or has expired.
 *
 * Leaves all certify one ECDSA P-256 key made in memory at each start and never written:
 * every per-host key would sit in the same process as the CA key that can mint any of them,
 * so separate keys would isolate nothing, while costing a key generation per new host.
 *
 * ### Examples
 * ```ts
 * const ca = await loadOrCreateSchoolCa({ dir: 'data/ca', schoolName: 'Widford Lodge',
 *   now: () => new Date() });
 * const leaf = await ca.issueLeaf('www.school.test');
 * ```
 */
export async function loadOrCreateSchoolCa(options: {
  /** The folder for the two files; created (0700) with its parents when missing. */
  readonly dir: string;
  /** Used only when creating: the certificate's subject names the school. */
  readonly schoolName: string;
  /** The clock, for validity periods and the expiry check. */
  readonly now: () => Date;
}): Promise<SchoolCa> {
  const certPath = join(options.dir, CA_CERT_FILE);
  const keyPath = join(options.dir, CA_KEY_FILE);
  const [certExists, keyExists] = await Promise.all([exists(certPath), exists(keyPath)]);
  if (certExists !== keyExists) {
    const [present, missing] = certExists ? [certPath, keyPath] : [keyPath, certPath];
    throw TlsError.create('SG_ERR_CA_INCOMPLETE', present, missing);
  }
  const created = !certExists;
  const loaded = created
    ? await createAndStore(options.dir, certPath, keyPath, options.schoolName, options.now())
    : await loadStored(certPath, keyPath);
  const { certificate } = loaded;
  if (certificate.notAfter.getTime() <= options.now().getTime()) {
    throw TlsError.create('SG_ERR_CA_EXPIRED', certPath, certificate.notAfter.toISOString());
  }
  const issuer = await leafIssuer(certificate, loaded.signingKey, loaded.signingAlgorithm);
  const der = new Uint8Array(certificate.rawData);
  return {
    certificatePem: certificate.toString('pem'),
    certificateDer: der,
    fingerprintSha256: colonHex(createHash('sha256').update(der).digest()),
    notAfter: certificate.notAfter,
    created,
    issueLeaf: (hostname) => issueLeafCertificate(issuer, hostname, options.now()),
  };
}

interface LoadedCa {
  readonly certificate: x509.X509Certificate;
  readonly signingKey: webcrypto.CryptoKey;
  readonly signingAlgorithm: webcrypto.Algorithm | webcrypto.EcdsaParams;
}

async function createAndStore(
  dir: string,
  certPath: string,
  keyPath: string,
  schoolName: string,
  now: Date,
): Promise<LoadedCa> {
  const { certificate, keys } = await createCaCertificate({ schoolName, now });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  // Key first: a crash between the two renames leaves a key without a certificate, which
  // the next start refuses (SG_ERR_CA_INCOMPLETE) instead of silently replacing a CA that
  // devices may already trust.
  await writeAtomically(keyPath, x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), 0o600);
  await writeAtomically(certPath, certificate.toString('pem'), 0o644);
  pkcs8.fill(0);
  return {
    certificate,
    signingKey: await importSigningKey(KeyObject.from(keys.privateKey)),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as webcrypto.EcdsaParams,
  };
}

async function loadStored(certPath: string, keyPath: string): Promise<LoadedCa> {
  const keyMode = (await stat(keyPath)).mode & 0o777;
  if ((keyMode & 0o077) !== 0) {
    throw TlsError.create(
      'SG_ERR_CA_KEY_PERMISSIONS',
      keyPath,
      keyMode.toString(8).padStart(4, '0'),
    );
  }
  let certificate: x509.X509Certificate;
  try {
    certificate = new x509.X509Certificate(await readFile(certPath, 'utf8'));
  } catch {
    throw TlsError.create('SG_ERR_CA_UNREADABLE', certPath, 'not a PEM certificate');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(await readFile(keyPath));
  } catch {
    // The parser's own message is not passed on: it could quote part of the file.
    throw TlsError.create('SG_ERR_CA_UNREADABLE', keyPath, 'not a PEM private key');
  }
  const basic = certificate.getExtension(x509.BasicConstraintsExtension);
  if (basic === null || !basic.ca) throw TlsError.create('SG_ERR_CA_NOT_CA', certPath);
  const fromKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  if (!fromKey.equals(Buffer.from(certificate.publicKey.rawData))) {
    throw TlsError.create('SG_ERR_CA_MISMATCH', certPath, keyPath);
  }
  return {
    certificate,
    signingKey: await importSigningKey(privateKey),
    signingAlgorithm: signingAlgorithmFor(privateKey, keyPath),
  };
}

/**
 * Makes a non-extractable WebCrypto signing key from a Node key: ECDSA P-256/P-384 (what
 * Schoolgate creates) or RSA (a CA an IT team brings from its own PKI).
 */
async function importSigningKey(key: KeyObject): Promise<webcrypto.CryptoKey> {
  const der = key.export({ type: 'pkcs8', format: 'der' });
  try {
    return await webcrypto.subtle.importKey('pkcs8', der, importAlgorithm(key), false, ['sign']);
  } finally {
    der.fill(0);
  }
}

function importAlgorithm(
  key: KeyObject,
): webcrypto.EcKeyImportParams | webcrypto.RsaHashedImportParams {
  if (key.asymmetricKeyType === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return { name: 'ECDSA', namedCurve: curve === 'secp384r1' ? 'P-384' : 'P-256' };
}

function signingAlgorithmFor(
  key: KeyObject,
  keyPath: string,
): webcrypto.Algorithm | webcrypto.EcdsaParams {
  if (key.asymmetricKeyType === 'rsa') return { name: 'RSASSA-PKCS1-v1_5' };
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType === 'ec' && (curve === 'prime256v1' || curve === 'secp384r1')) {
    return {
      name: 'ECDSA',
      hash: curve === 'secp384r1' ? 'SHA-384' : 'SHA-256',
    } as webcrypto.EcdsaParams;
  }
  throw TlsError.create('SG_ERR_CA_UNREADABLE', keyPath, 'key type must be EC P-256/P-384 or RSA');
}

/** The leaf key pair for this process, and the CA's key id for authorityKeyIdentifier. */
async function leafIssuer(
  caCertificate: x509.X509Certificate,
  caSigningKey: webcrypto.CryptoKey,
  caSigningAlgorithm: webcrypto.Algorithm | webcrypto.EcdsaParams,
): Promise<LeafIssuer> {
  const leafKeys = (await webcrypto.subtle.generateKey(
    { name: 'ECDSA', namedCurve: 'P-256' },
    true,
    ['sign', 'verify'],
  )) as webcrypto.CryptoKeyPair;
  // Prefer the CA's own subjectKeyIdentifier: a CA from another tool may compute it in a
  // way other than the SHA-1 of the key that we would derive.
  const ski = caCertificate.getExtension(x509.SubjectKeyIdentifierExtension);
  const caKeyId =
    ski?.keyId ??
    (await x509.SubjectKeyIdentifierExtension.create(caCertificate.publicKey, false, webcrypto))
      .keyId;
  return {
    caCertificate,
    caSigningKey,
    caSigningAlgorithm,
    caKeyId,
    leafPublicKey: leafKeys.publicKey,
    leafPrivateKey: KeyObject.from(leafKeys.privateKey),
  };
}

/** Writes `text` to a temporary file with `mode`, then renames it over `path`. */
async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'wx', mode);
  try {
    // The umask may have narrowed `mode` further at creation; set exactly what we promise.
    await handle.chmod(mode);
    await handle.writeFile(text);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => {});
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function colonHex(bytes: Uint8Array): string {
  const pairs: string[] = [];
  for (let i = 0; i < bytes.length; i++) {
    pairs.push(bytes[i]!.toString(16).padStart(2, '0').toUpperCase());
  }
  return pairs.join(':');
}
