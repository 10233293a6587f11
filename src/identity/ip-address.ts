/**
 * A client address as bytes: 4 for IPv4, 16 for IPv6. IPv4-mapped IPv6 (`::ffff:a.b.c.d`, as
 * a dual-stack socket reports an IPv4 client) is always converted to IPv4 by `parse`, so one
 * machine has one address whichever socket it arrived on.
 */
export interface IpAddress {
  readonly kind: 'IpAddress';
  readonly family: 4 | 6;
  readonly bytes: Uint8Array;
}

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
/** Longer than any address text (45 chars) plus a generous zone id; cheap guard for garbage. */
const MAX_TEXT = 128;

/**
 * Parses an IPv4 address in strict dotted-decimal form. Leading zeros are refused: `010.0.0.1`
 * means 8.0.0.1 to some tools and 10.0.0.1 to others, and a device map must not guess.
 */
function parseIpv4(text: string): Uint8Array | null {
  const m = DOTTED.exec(text);
  if (m === null) return null;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = m[i + 1]!;
    if (part.length > 1 && part[0] === '0') return null;
    const n = Number(part);
    if (n > 255) return null;
    bytes[i] = n;
  }
  return bytes;
}

/** Parses IPv6 text (RFC 4291 section 2.2, with `::` and an optional dotted IPv4 tail). */
function parseIpv6(text: string): Uint8Array | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] === '' ? [] : halves[0]!.split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1]!.split(':') : [];
  const groups: number[] = [];
  const all = [...head, ...tail];
  for (let i = 0; i < all.length; i++) {
    const part = all[i]!;
    // A dotted IPv4 tail is allowed only as the very last part (`::ffff:1.2.3.4`, never `1.2.3.4::`).
    const last = i === all.length - 1 && (halves.length === 1 || tail.length > 0);
    if (last && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === null) return null;
      groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    } else if (HEX_GROUP.test(part)) {
      groups.push(Number.parseInt(part, 16));
    } else {
      return null;
    }
  }
  const headGroups = halves.length === 2 ? groups.length - countGroups(tail) : groups.length;
  const missing = 8 - groups.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const bytes = new Uint8Array(16);
  let at = 0;
  for (let i = 0; i < groups.length; i++) {
    if (i === headGroups) at += missing;
    bytes[at * 2] = groups[i]! >> 8;
    bytes[at * 2 + 1] = groups[i]! & 0xff;
    at++;
  }
  return bytes;
}

/** How many 16-bit groups a list of parts fills (a dotted IPv4 tail fills two). */
function countGroups(parts: readonly string[]): number {
  const last = parts[parts.length - 1];
  return parts.length + (last?.includes('.') ? 1 : 0);
}

/** True for `::ffff:0:0/96`, the IPv4-mapped block. */
function isMapped(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/**
 * Parses an address as a socket or a config file gives it. A zone id (`fe80::1%eth0`) is
 * dropped: the school's network is one site, and the same link-local address on two
 * interfaces of the gateway is not a case worth a second key. Returns null for anything
 * else, never throws.
 */
function parse(text: string): IpAddress | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) return null;
  const v4 = parseIpv4(text);
  if (v4 !== null) return Object.freeze({ kind: 'IpAddress', family: 4, bytes: v4 });
  if (!text.includes(':')) return null;
  const zone = text.indexOf('%');
  const v6 = parseIpv6(zone === -1 ? text : text.slice(0, zone));
  if (v6 === null) return null;
  if (isMapped(v6)) return Object.freeze({ kind: 'IpAddress', family: 4, bytes: v6.slice(12) });
  return Object.freeze({ kind: 'IpAddress', family: 6, bytes: v6 });
}

/**
 * Formats an address canonically: dotted decimal, or RFC 5952 IPv6 (lower case, no leading
 * zeros, the longest run of two or more zero groups as `::`, the first such run on a tie).
 */
function format(address: IpAddress): string {
  const b = address.bytes;
  if (address.family === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i]! << 8) | b[i + 1]!);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLength).join(':');
  return `${left}::${right}`;
}

/**
 * The canonical text of a client address, the key portal sessions are stored under: so
 * `::ffff:192.0.2.10`, `::FFFF:c000:020a` and `192.0.2.10` are one device. Null when the
 * text is not an address.
 */
function normalise(text: string): string | null {
  const parsed = parse(text);
  return parsed === null ? null : format(parsed);
}

/**
 * Parsing and formatting of client addresses (IPv4 and IPv6).
 *
 * ### Examples
 * ```ts
 * IpAddress.normalise('::ffff:192.0.2.10');   // '192.0.2.10'
 * IpAddress.normalise('2001:DB8:0:0:0:0:0:1'); // '2001:db8::1'
 * IpAddress.parse('192.0.2.300');             // null
 * ```
 */
export const IpAddress = Object.freeze({ parse, format, normalise, isMapped });
