const PEM_CERTIFICATE =
  /-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n\t ]+?-----END CERTIFICATE-----/g;

/**
 * The `CERTIFICATE` blocks of a PEM bundle, each as its own PEM string ending in a newline,
 * in file order. Text between blocks (comments, `Subject:` lines that bundles carry) is
 * ignored; other block types (keys, `TRUSTED CERTIFICATE`) are not returned. Pure.
 *
 * ### Examples
 * ```ts
 * splitPemCertificates(readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8')).length;
 * ```
 */
export function splitPemCertificates(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(PEM_CERTIFICATE)) {
    found.push(`${match[0].replace(/\r/g, '')}\n`);
  }
  return found;
}
