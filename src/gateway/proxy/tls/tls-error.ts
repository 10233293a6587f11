/**
 * The TLS and certificate error codes. Stable: a code is never renamed or reused; retired
 * codes stay listed. Messages name files and host names but never include key material.
 */
export const TLS_ERROR_CODES = {
  SG_ERR_CA_KEY_PERMISSIONS:
    'school CA key %s is readable by group or others (mode %s); run `chmod 600` on it',
  SG_ERR_CA_INCOMPLETE:
    '%s exists but %s does not; restore the missing file, or move both aside to create a new CA',
  SG_ERR_CA_UNREADABLE: 'school CA file %s cannot be used: %s',
  SG_ERR_CA_MISMATCH: 'school CA certificate %s does not belong to the key in %s',
  SG_ERR_CA_NOT_CA: 'certificate %s is not a CA certificate (basicConstraints CA:true missing)',
  SG_ERR_CA_EXPIRED:
    'school CA certificate %s expired on %s; move ca-cert.pem and ca-key.pem aside to create a new CA (every device must then install it)',
  SG_ERR_LEAF_HOSTNAME: 'cannot issue a certificate for %s: not a host name or IP address',
  SG_ERR_TRUST_FILE: 'extra CA file %s cannot be used: %s',
} as const;

export type TlsErrorCode = keyof typeof TLS_ERROR_CODES;

/**
 * An error from loading the school CA, issuing a leaf certificate or building the upstream
 * trust store: something the operator must fix, with a message that says what.
 *
 * ### Examples
 * ```ts
 * throw TlsError.create('SG_ERR_TRUST_FILE', path, 'no PEM certificate in it');
 * if (TlsError.is(err, 'SG_ERR_CA_KEY_PERMISSIONS')) process.exitCode = 78;
 * ```
 */
export class TlsError extends Error {
  readonly code: TlsErrorCode;

  private constructor(code: TlsErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TlsError';
    this.code = code;
  }

  /** Builds the error for `code`, filling each `%s` of its message with the next argument. */
  static create(code: TlsErrorCode, ...args: unknown[]): TlsError {
    let next = 0;
    const message = TLS_ERROR_CODES[code].replace(/%s/g, () => String(args[next++]));
    return new TlsError(code, message);
  }

  /** True when `error` is a TlsError, with the given code if one is named. */
  static is(error: unknown, code?: TlsErrorCode): error is TlsError {
    return error instanceof TlsError && (code === undefined || error.code === code);
  }
}
