/**
 * Returns the IPv4 address embedded in a canonical IPv6 host, for the forms a client can use
 * to reach an IPv4 site through an IPv6 literal: IPv4-mapped (`::ffff:a.b.c.d`),
 * IPv4-compatible (`::a.b.c.d`, deprecated) and the NAT64 well-known prefix
 * (`64:ff9b::a.b.c.d`, RFC 6052). Returns null for other hosts, including `::` and `::1`.
 * `canonicaliseUrl` already maps the first form to IPv4; the others stay IPv6 hosts and
 * policy uses this to flag them.
 *
 * ### Examples
 * ```ts
 * embeddedIpv4('::c000:20a');          // '192.0.2.10'
 * embeddedIpv4('[64:ff9b::c000:20a]'); // '192.0.2.10'
 * embeddedIpv4('2001:db8::1');         // null
 * ```
 */
export function embeddedIpv4(host: string): string | null {
  const text = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const groups = parseIpv6Groups(text);
  if (groups === null) return null;
  const g = groups;
  const middleZero = g[2] === 0 && g[3] === 0 && g[4] === 0;
  const mapped = g[0] === 0 && g[1] === 0 && middleZero && g[5] === 0xffff;
  const compatible =
    g[0] === 0 && g[1] === 0 && middleZero && g[5] === 0 && (g[6] !== 0 || g[7]! > 1);
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && middleZero && g[5] === 0;
  if (!mapped && !compatible && !nat64) return null;
  return `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
}

const GROUP = /^[0-9a-fA-F]{1,4}$/;
const TRAILING_IPV4 = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Expands an IPv6 text form (with `::` and an optional dotted tail) into 8 numbers. */
function parseIpv6Groups(address: string): number[] | null {
  let text = address;
  const tail = TRAILING_IPV4.exec(text);
  if (tail !== null) {
    const bytes = tail.slice(2, 6).map(Number);
    if (bytes.some((b) => b > 255)) return null;
    text = `${tail[1]}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] === '' ? [] : halves[0]!.split(':');
  const rest = halves.length === 2 && halves[1] !== '' ? halves[1]!.split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [
    ...head,
    ...(halves.length === 2 ? new Array<string>(missing).fill('0') : []),
    ...rest,
  ];
  const groups: number[] = [];
  for (const part of all) {
    if (!GROUP.test(part)) return null;
    groups.push(Number.parseInt(part, 16));
  }
  return groups;
}
