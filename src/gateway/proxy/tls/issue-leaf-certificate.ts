import { type KeyObject, webcrypto } from 'node:crypto';
import type { LeafCertificate } from './leaf-certificate.js';
import { normaliseLeafName } from './normalise-leaf-name.js';
import { x509 } from './peculiar-x509.js';
import { randomSerialNumber } from './random-serial-number.js';
import { TlsError } from './tls-error.js';

const HOUR_MS = 60 * 60 * 1000;
const LEAF_LIFETIME_MS = 30 * 24 * HOUR_MS;

/** What signs leaves: the CA's certificate and key, and the key pair every leaf certifies. */
export interface LeafIssuer {
  readonly caCertificate: x509.X509Certificate;
  readonly caSigningKey: webcrypto.CryptoKey;
  /** The WebCrypto signature algorithm matching `caSigningKey`. */
  readonly caSigningAlgorithm: webcrypto.Algorithm | webcrypto.EcdsaParams;
  /** Hex key id of the CA (its subjectKeyIdentifier), for each leaf's authorityKeyIdentifier. */
  readonly caKeyId: string;
  readonly leafPublicKey: webcrypto.CryptoKey;
  readonly leafPrivateKey: KeyObject;
}

/**
 * Issues a server certificate for `hostname` (a DNS name, or an IPv4/IPv6 literal, which
 * gets an IP subjectAltName) signed by the CA in `issuer`: random 16-byte serial, valid from
 * one hour before `now` to min(now + 30 days, CA notAfter), extendedKeyUsage serverAuth,
 * keyUsage digitalSignature, CA:false, authorityKeyIdentifier. Short-lived on purpose: a
 * leaf that leaks is useless within a month, and browsers cap leaf lifetimes anyway.
 * Throws `SG_ERR_LEAF_HOSTNAME` for a name no client could have asked for.
 *
 * ### Examples
 * ```ts
 * const leaf = await issueLeafCertificate(issuer, 'www.school.test', new Date());
 * tls.createSecureContext({ cert: leaf.certificatePem, key: leaf.privateKey.export(...) });
 * ```
 */
export async function issueLeafCertificate(
  issuer: LeafIssuer,
  hostname: string,
  now: Date,
): Promise<LeafCertificate> {
  const name = normaliseLeafName(hostname);
  if (name === null) throw TlsError.create('SG_ERR_LEAF_HOSTNAME', JSON.stringify(hostname));
  const notBefore = new Date(now.getTime() - HOUR_MS);
  const caNotAfter = issuer.caCertificate.notAfter.getTime();
  const notAfter = new Date(Math.min(now.getTime() + LEAF_LIFETIME_MS, caNotAfter));
  const serialNumber = randomSerialNumber();
  // commonName is capped at 64 characters; modern clients read only the SAN anyway.
  const subject = name.value.length <= 64 ? [{ CN: [name.value] }] : [{ O: ['Schoolgate'] }];
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber,
      subject,
      issuer: issuer.caCertificate.subjectName,
      notBefore,
      notAfter,
      publicKey: issuer.leafPublicKey,
      signingKey: issuer.caSigningKey,
      signingAlgorithm: issuer.caSigningAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
        new x509.SubjectAlternativeNameExtension([{ type: name.type, value: name.value }], false),
        new x509.AuthorityKeyIdentifierExtension(issuer.caKeyId, false),
      ],
    },
    webcrypto,
  );
  return {
    kind: 'LeafCertificate',
    hostname: name.value,
    certificatePem: certificate.toString('pem'),
    privateKey: issuer.leafPrivateKey,
    serialNumber,
    notBefore,
    notAfter,
  };
}
