import { IpAddress } from './ip-address.js';

/**
 * A block of addresses, `10.20.0.0/16` or `2001:db8::/32`; a bare address is a block of one
 * (`/32` or `/128`). IPv4-mapped IPv6 blocks of `/96` or longer are stored as the IPv4 block
 * they are, because client addresses are normalised the same way.
 */
export interface CidrRange {
  readonly kind: 'CidrRange';
  readonly family: 4 | 6;
  /** The network address; bits past `prefixLength` are zero. */
  readonly bytes: Uint8Array;
  readonly prefixLength: number;
  /** Canonical text, e.g. `10.20.0.0/16`, `2001:db8::/32`, `192.0.2.10/32`. */
  readonly text: string;
}

/** Why a range could not be read, in words for the person editing the config. */
export interface CidrError {
  readonly kind: 'CidrError';
  readonly message: string;
}

const PREFIX = /^(0|[1-9]\d{0,2})$/;

/**
 * Parses `address[/prefix]`. Host bits set past the prefix (`10.20.1.0/16`) are an error
 * rather than silently masked: a typo in a device map would otherwise widen or move a range
 * without anyone noticing. Never throws.
 */
function parse(text: string): CidrRange | CidrError {
  if (typeof text !== 'string') return error('expected text like 10.20.0.0/16');
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const addressText = slash === -1 ? trimmed : trimmed.slice(0, slash);
  if (addressText.includes('%')) return error(`'${text}' has a zone id; remove the %...`);
  const address = IpAddress.parse(addressText);
  if (address === null) {
    return error(`'${addressText}' is not an IPv4 or IPv6 address (e.g. 10.20.0.0 or 2001:db8::)`);
  }
  const mapped = address.family === 4 && addressText.includes(':');
  const familyMax = mapped ? 128 : address.family === 4 ? 32 : 128;
  let prefix = familyMax;
  if (slash !== -1) {
    const prefixText = trimmed.slice(slash + 1);
    if (!PREFIX.test(prefixText) || Number(prefixText) > familyMax) {
      return error(`'/${prefixText}' is not a prefix length from 0 to ${familyMax}`);
    }
    prefix = Number(prefixText);
  }
  if (mapped) {
    // Parsing already turned the address into IPv4; only a /96 or longer stays inside the
    // mapped block, so anything shorter is a range this map cannot express honestly.
    if (prefix < 96) {
      return error(`'${text}' reaches outside ::ffff:0:0/96; write the IPv4 or IPv6 range itself`);
    }
    prefix -= 96;
  }
  const { bytes } = address;
  for (let bit = prefix; bit < bytes.length * 8; bit++) {
    if ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1) {
      const network = IpAddress.format({ ...address, bytes: masked(bytes, prefix) });
      return error(`'${text}' has host bits set; did you mean ${network}/${prefix}?`);
    }
  }
  return Object.freeze({
    kind: 'CidrRange',
    family: address.family,
    bytes,
    prefixLength: prefix,
    text: `${IpAddress.format(address)}/${prefix}`,
  });
}

function masked(bytes: Uint8Array, prefix: number): Uint8Array {
  const out = bytes.slice();
  for (let bit = prefix; bit < out.length * 8; bit++) out[bit >> 3]! &= ~(1 << (7 - (bit & 7)));
  return out;
}

function error(message: string): CidrError {
  return Object.freeze({ kind: 'CidrError', message });
}

/** True when `address` lies in `range`; families must agree (mapped IPv4 is already IPv4). */
function contains(range: CidrRange, address: IpAddress): boolean {
  if (range.family !== address.family) return false;
  const a = address.bytes;
  const r = range.bytes;
  const whole = range.prefixLength >> 3;
  for (let i = 0; i < whole; i++) if (a[i] !== r[i]) return false;
  const rest = range.prefixLength & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (a[whole]! & mask) === r[whole];
}

/**
 * Parsing and matching of CIDR blocks for the static device map.
 *
 * ### Examples
 * ```ts
 * const range = CidrRange.parse('10.20.0.0/16');
 * if (range.kind === 'CidrRange') CidrRange.contains(range, IpAddress.parse('10.20.3.4')!); // true
 * CidrRange.parse('10.20.1.0/16'); // { kind: 'CidrError', message: "... did you mean 10.20.0.0/16?" }
 * ```
 */
export const CidrRange = Object.freeze({ parse, contains });
