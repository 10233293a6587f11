/**
 * What `parseClientHello` makes of the first bytes of a CONNECT tunnel. Never thrown, always
 * returned, so the proxy can switch on `kind`:
 *
 * - `tls`: a complete, well-formed TLS ClientHello. `sni` is the `host_name` of the
 *   server_name extension, lower-cased ASCII (not yet canonicalised), or null when the
 *   client sent none; `alpn` lists the offered protocols in the client's order (empty when
 *   absent); `ech` is true when an encrypted_client_hello extension is present, in which
 *   case `sni` is only the outer (public) name and the real one is hidden.
 * - `incomplete`: the bytes so far are a valid prefix of a ClientHello; read until the
 *   buffer holds at least `need` bytes (a total, not a delta) and parse again.
 * - `not-tls`: anything else (plain HTTP, SSLv2-style hellos, damaged lengths, a hello
 *   longer than `MAX_CLIENT_HELLO_BYTES`). `reason` is a short English phrase for the log.
 */
export type ClientHelloResult =
  | {
      readonly kind: 'tls';
      readonly sni: string | null;
      readonly alpn: readonly string[];
      readonly ech: boolean;
    }
  | { readonly kind: 'incomplete'; readonly need: number }
  | { readonly kind: 'not-tls'; readonly reason: string };

/**
 * The most bytes a caller should accumulate before giving up: one full TLS record (16 KiB of
 * payload plus its 5-byte header). Real hellos, post-quantum key shares included, are under
 * 2 KiB; a hello that needs more than this is refused rather than buffered without end.
 */
export const MAX_CLIENT_HELLO_BYTES = 16384 + 5;
