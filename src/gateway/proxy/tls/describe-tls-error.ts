/**
 * Plain words for the common certificate failures, keyed by the code Node or OpenSSL puts
 * on the error. NOTE: the error page shows these to pupils; keep them short and calm.
 */
const PHRASES: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: "The website's security certificate has expired.",
  CERT_NOT_YET_VALID: "The website's security certificate is not valid yet.",
  ERR_TLS_CERT_ALTNAME_INVALID:
    "The website's security certificate is for a different website name.",
  HOSTNAME_MISMATCH: "The website's security certificate is for a different website name.",
  DEPTH_ZERO_SELF_SIGNED_CERT:
    'The website signed its own security certificate, so nobody vouches for it.',
  SELF_SIGNED_CERT_IN_CHAIN:
    "The website's security certificate comes from an authority this network does not trust.",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    "The website's security certificate comes from an authority this network does not know.",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    "The website's security certificate comes from an authority this network does not know.",
  UNABLE_TO_GET_ISSUER_CERT:
    "The website's security certificate comes from an authority this network does not know.",
  CERT_UNTRUSTED: "The website's security certificate is not trusted for this use.",
  CERT_REVOKED: "The website's security certificate has been withdrawn by its issuer.",
  CERT_SIGNATURE_FAILURE: "The website's security certificate has a broken signature.",
  CERT_REJECTED: "The website's security certificate was rejected.",
  INVALID_PURPOSE: "The website's security certificate is not meant for websites.",
  ERR_SSL_WRONG_VERSION_NUMBER: 'The website did not answer with a secure connection.',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'The website only offers an old, unsafe kind of secure connection.',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'The website refused to set up a secure connection.',
};

const FALLBACK = "The website's security certificate could not be checked.";

/**
 * One plain-English sentence saying why a secure connection to a website failed, for the
 * gateway's error page: expired, not yet valid, for another name, self-signed, from an
 * unknown authority, and a few more. Unknown codes get a general sentence, never the raw
 * OpenSSL text.
 *
 * ### Examples
 * ```ts
 * req.on('error', (error) => res.end(errorPage(describeTlsError(error))));
 * describeTlsError({ code: 'CERT_HAS_EXPIRED' }); // "The website's security certificate has expired."
 * ```
 */
export function describeTlsError(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? (error as { code: unknown }).code
      : undefined;
  if (typeof code === 'string' && Object.hasOwn(PHRASES, code)) return PHRASES[code]!;
  return FALLBACK;
}
