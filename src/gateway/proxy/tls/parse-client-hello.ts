import { type ClientHelloResult, MAX_CLIENT_HELLO_BYTES } from './client-hello-result.js';

// Wire constants from RFC 8446 (TLS 1.3) and RFC 5246 (TLS 1.2); the ClientHello layout is
// the same in both, which is what lets one parser serve every version a client may offer.
const CONTENT_TYPE_HANDSHAKE = 0x16;
const HANDSHAKE_CLIENT_HELLO = 0x01;
const RECORD_HEADER = 5;
const MAX_RECORD_PAYLOAD = 16384;
const EXT_SERVER_NAME = 0x0000;
const EXT_ALPN = 0x0010;
const EXT_ECH = 0xfe0d;
const NAME_TYPE_HOST_NAME = 0;

/**
 * Decides whether the first bytes of a CONNECT tunnel are a TLS ClientHello and, if so,
 * extracts the SNI host name and the ALPN list, so the proxy can decide the real destination
 * before it terminates or tunnels the connection. Pure, never throws, and never reads past
 * `bytes`: damaged lengths give `not-tls`, a valid prefix gives `incomplete`.
 *
 * The caller accumulates the tunnel's bytes and calls again while the result is
 * `incomplete` (at most `MAX_CLIENT_HELLO_BYTES`). A hello split over several TLS records is
 * reassembled. Old SSLv2-format hellos, which carry no SNI, are `not-tls`.
 *
 * ### Examples
 * ```ts
 * const r = parseClientHello(buffered);
 * if (r.kind === 'incomplete') return readMore(r.need);
 * if (r.kind === 'not-tls') return refuse(r.reason);
 * decideHost(r.sni ?? connectHost);
 * ```
 */
export function parseClientHello(bytes: Uint8Array): ClientHelloResult {
  const n = bytes.length;
  if (n === 0) return { kind: 'incomplete', need: RECORD_HEADER };
  const headerProblem = checkRecordHeader(bytes, 0);
  if (headerProblem !== null) return headerProblem;
  const firstLength = (bytes[3]! << 8) | bytes[4]!;
  const firstEnd = RECORD_HEADER + firstLength;
  if (firstEnd > n) return { kind: 'incomplete', need: firstEnd };
  // Fast path: the whole handshake message sits in the first record (every browser today).
  if (firstLength >= 4) {
    const messageEnd = RECORD_HEADER + 4 + readUint24(bytes, RECORD_HEADER + 1);
    if (bytes[RECORD_HEADER] !== HANDSHAKE_CLIENT_HELLO) return notTls('not a ClientHello');
    // A record may not carry the end of the hello and the start of something else.
    if (messageEnd < firstEnd) return notTls('malformed ClientHello length');
    if (messageEnd === firstEnd) return parseHelloBody(bytes, RECORD_HEADER + 4, messageEnd);
  }
  return parseFragmented(bytes);
}

/** Checks the (possibly partial) record header at `at`; null when it is a fine prefix. */
function checkRecordHeader(bytes: Uint8Array, at: number): ClientHelloResult | null {
  const n = bytes.length;
  const type = bytes[at]!;
  if (type !== CONTENT_TYPE_HANDSHAKE) {
    if (at > 0) return notTls('non-handshake record inside the ClientHello');
    return notTls(describeFirstByte(bytes));
  }
  if (at + 1 < n && bytes[at + 1] !== 0x03) return notTls('unknown TLS record version');
  if (at + 2 < n && bytes[at + 2]! > 0x04) return notTls('unknown TLS record version');
  if (at + RECORD_HEADER > MAX_CLIENT_HELLO_BYTES) return notTls('ClientHello too long');
  if (at + RECORD_HEADER > n) return { kind: 'incomplete', need: at + RECORD_HEADER };
  const length = (bytes[at + 3]! << 8) | bytes[at + 4]!;
  if (length === 0 || length > MAX_RECORD_PAYLOAD) return notTls('bad TLS record length');
  if (at + RECORD_HEADER + length > MAX_CLIENT_HELLO_BYTES) return notTls('ClientHello too long');
  return null;
}

/** A few words on what the bytes look like instead, for the log line. */
function describeFirstByte(bytes: Uint8Array): string {
  const first = bytes[0]!;
  // SSLv2 record: 2-byte length with the top bit set, then message type 1 (CLIENT-HELLO).
  if ((first & 0x80) !== 0 && bytes.length >= 3 && bytes[2] === 0x01) {
    return 'SSLv2-style ClientHello (no SNI; refused)';
  }
  if (first >= 0x41 && first <= 0x5a) return 'plain text (looks like an HTTP request)';
  return 'not a TLS handshake record';
}

/** Slow path: concatenates the payloads of consecutive handshake records, then parses. */
function parseFragmented(bytes: Uint8Array): ClientHelloResult {
  const n = bytes.length;
  const message = new Uint8Array(MAX_CLIENT_HELLO_BYTES);
  let length = 0;
  let at = 0;
  for (;;) {
    if (at === n) {
      if (at + RECORD_HEADER > MAX_CLIENT_HELLO_BYTES) return notTls('ClientHello too long');
      return { kind: 'incomplete', need: at + RECORD_HEADER };
    }
    const problem = checkRecordHeader(bytes, at);
    if (problem !== null) return problem;
    const payload = (bytes[at + 3]! << 8) | bytes[at + 4]!;
    const end = at + RECORD_HEADER + payload;
    if (end > n) return { kind: 'incomplete', need: end };
    message.set(bytes.subarray(at + RECORD_HEADER, end), length);
    length += payload;
    at = end;
    if (length < 4) continue;
    if (message[0] !== HANDSHAKE_CLIENT_HELLO) return notTls('not a ClientHello');
    const messageEnd = 4 + readUint24(message, 1);
    if (messageEnd > MAX_CLIENT_HELLO_BYTES - RECORD_HEADER) return notTls('ClientHello too long');
    // A record may not carry the end of the hello and the start of something else.
    if (messageEnd < length) return notTls('malformed ClientHello length');
    if (messageEnd === length) return parseHelloBody(message, 4, messageEnd);
  }
}

/** Parses the ClientHello body in `b[start, end)`; every length is checked against `end`. */
function parseHelloBody(b: Uint8Array, start: number, end: number): ClientHelloResult {
  let p = start;
  // legacy_version (2) + random (32)
  if (p + 34 > end || b[p] !== 0x03) return notTls('malformed ClientHello version');
  p += 34;
  if (p + 1 > end) return notTls('malformed ClientHello session id');
  const sessionIdLength = b[p]!;
  if (sessionIdLength > 32 || p + 1 + sessionIdLength > end) {
    return notTls('malformed ClientHello session id');
  }
  p += 1 + sessionIdLength;
  if (p + 2 > end) return notTls('malformed ClientHello cipher suites');
  const suitesLength = readUint16(b, p);
  if (suitesLength < 2 || (suitesLength & 1) !== 0 || p + 2 + suitesLength > end) {
    return notTls('malformed ClientHello cipher suites');
  }
  p += 2 + suitesLength;
  if (p + 1 > end) return notTls('malformed ClientHello compression methods');
  const compressionLength = b[p]!;
  if (compressionLength < 1 || p + 1 + compressionLength > end) {
    return notTls('malformed ClientHello compression methods');
  }
  p += 1 + compressionLength;
  // TLS 1.0-era hellos may stop here: no extensions at all.
  if (p === end) return { kind: 'tls', sni: null, alpn: [], ech: false };
  if (p + 2 > end || p + 2 + readUint16(b, p) !== end) return notTls('malformed extensions');
  p += 2;
  let sni: string | null = null;
  let alpn: string[] | null = null;
  let ech = false;
  while (p < end) {
    if (p + 4 > end) return notTls('malformed extensions');
    const type = readUint16(b, p);
    const length = readUint16(b, p + 2);
    const dataEnd = p + 4 + length;
    if (dataEnd > end) return notTls('malformed extensions');
    if (type === EXT_SERVER_NAME) {
      // A second server_name would let the proxy and the origin read different names.
      if (sni !== null) return notTls('duplicate server_name extension');
      const name = readServerName(b, p + 4, dataEnd);
      if (name === null) return notTls('malformed server_name extension');
      sni = name;
    } else if (type === EXT_ALPN) {
      if (alpn !== null) return notTls('duplicate ALPN extension');
      alpn = readAlpn(b, p + 4, dataEnd);
      if (alpn === null) return notTls('malformed ALPN extension');
    } else if (type === EXT_ECH) {
      ech = true;
    }
    p = dataEnd;
  }
  return { kind: 'tls', sni, alpn: alpn ?? [], ech };
}

/**
 * The host_name of a server_name extension body in `b[start, end)`, lower-cased; null when
 * malformed. Only LDH characters, `_` and `.` are accepted: anything else in an SNI is an
 * evasion attempt or garbage, and failing closed is safer than guessing.
 */
function readServerName(b: Uint8Array, start: number, end: number): string | null {
  if (start + 2 > end || start + 2 + readUint16(b, start) !== end) return null;
  let p = start + 2;
  let host: string | null = null;
  while (p < end) {
    if (p + 3 > end) return null;
    const nameType = b[p]!;
    const length = readUint16(b, p + 1);
    const nameEnd = p + 3 + length;
    if (nameEnd > end) return null;
    if (nameType === NAME_TYPE_HOST_NAME) {
      if (host !== null || length === 0 || length > 255) return null;
      let text = '';
      for (let i = p + 3; i < nameEnd; i++) {
        let c = b[i]!;
        const ok =
          (c >= 0x30 && c <= 0x39) ||
          (c >= 0x41 && c <= 0x5a) ||
          (c >= 0x61 && c <= 0x7a) ||
          c === 0x2d ||
          c === 0x2e ||
          c === 0x5f;
        if (!ok) return null;
        if (c >= 0x41 && c <= 0x5a) c += 0x20;
        text += String.fromCharCode(c);
      }
      host = text;
    }
    p = nameEnd;
  }
  return host;
}

/** The protocol names of an ALPN extension body in `b[start, end)`; null when malformed. */
function readAlpn(b: Uint8Array, start: number, end: number): string[] | null {
  if (start + 2 > end || start + 2 + readUint16(b, start) !== end || end - start < 3) return null;
  const names: string[] = [];
  let p = start + 2;
  while (p < end) {
    const length = b[p]!;
    if (length === 0 || p + 1 + length > end) return null;
    let text = '';
    for (let i = p + 1; i <= p + length; i++) text += String.fromCharCode(b[i]!);
    names.push(text);
    p += 1 + length;
  }
  return names;
}

function readUint16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

function readUint24(b: Uint8Array, at: number): number {
  return (b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!;
}

function notTls(reason: string): ClientHelloResult {
  return { kind: 'not-tls', reason };
}
