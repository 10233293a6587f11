import { webcrypto } from 'node:crypto';
import { x509 } from './peculiar-x509.js';
import { randomSerialNumber } from './random-serial-number.js';

/** ECDSA P-256 with SHA-256: every browser and OS trust store accepts it, and it is small. */
const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** X.520 upper bound for commonName and organizationName. */
const NAME_MAX = 64;
const CA_SUFFIX = ' Schoolgate CA';

/**
 * Creates a new school CA: an ECDSA P-256 key pair and a self-signed certificate with
 * subject `CN=<school> Schoolgate CA, O=<school>`, basicConstraints CA:true (critical, no
 * path length: the CA signs leaves directly), keyUsage keyCertSign + cRLSign (critical),
 * a subject key identifier, and validity from one hour before `now` (client clocks drift)
 * to ten years after. The private key is extractable so the caller can store it once.
 *
 * ### Examples
 * ```ts
 * const { certificate, keys } = await createCaCertificate({ schoolName: 'Widford Lodge', now });
 * ```
 */
export async function createCaCertificate(options: {
  /** The school's name as it should appear in the certificate (trimmed, cut to fit). */
  readonly schoolName: string;
  readonly now: Date;
}): Promise<{ certificate: x509.X509Certificate; keys: webcrypto.CryptoKeyPair }> {
  const school = options.schoolName.trim() || 'School';
  const keys = (await webcrypto.subtle.generateKey(EC_P256, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const notBefore = new Date(options.now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(options.now.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);
  // The JSON name form with explicit UTF8String values: the library's string forms parse
  // `,`, `=` and `"` in a school name (`St Mary's, "Lodge"` would lose all but `Lodge`).
  const name = [
    { CN: [{ utf8String: `${school.slice(0, NAME_MAX - CA_SUFFIX.length).trim()}${CA_SUFFIX}` }] },
    { O: [{ utf8String: school.slice(0, NAME_MAX) }] },
  ] as unknown as x509.JsonName;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerialNumber(),
      name,
      notBefore,
      notAfter,
      keys,
      signingAlgorithm: SIGN_SHA256,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
      ],
    },
    webcrypto,
  );
  return { certificate, keys };
}
