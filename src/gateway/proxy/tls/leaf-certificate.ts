import type { KeyObject } from 'node:crypto';

/**
 * A server certificate for one host, signed by the school CA, as `SchoolCa.issueLeaf`
 * returns it. `privateKey` is a `KeyObject` rather than PEM text so that logging or
 * serialising the object never prints key material (`util.inspect` shows only its type).
 */
export interface LeafCertificate {
  readonly kind: 'LeafCertificate';
  /** The name certified: lower-case DNS name, or an IP literal (IPv6 without brackets). */
  readonly hostname: string;
  readonly certificatePem: string;
  readonly privateKey: KeyObject;
  /** Hex, 16 random bytes. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  /** min(issue time + 30 days, CA notAfter): caches must reissue before this. */
  readonly notAfter: Date;
}
