import { CidrRange } from './cidr-range.js';
import { IpAddress } from './ip-address.js';

/**
 * One line of the static device map, as written in the `identity.addressMap` config. At least
 * one of `group` and `user` is required: `user` names the person a fixed device belongs to
 * (a staff laptop on a reserved address); `group` is the policy group for a device or a
 * whole range (guest Wi-Fi -> `default`), and the fallback when `user` is not found.
 */
export interface AddressMapEntry {
  readonly match: string;
  readonly group?: string;
  readonly user?: string;
  readonly label?: string;
}

/** A matched entry with its parsed range and its position in the config. */
export interface AddressMapMatch {
  readonly kind: 'AddressMapMatch';
  readonly entry: AddressMapEntry;
  readonly range: CidrRange;
  /** Index of the entry in the config list, for messages and logs. */
  readonly index: number;
}

/** Looks up which configured device or range a client address belongs to. */
export interface AddressMap {
  /** The most specific entry containing the address, or undefined. Never throws. */
  lookup(address: string | IpAddress): AddressMapMatch | undefined;
  readonly size: number;
}

/** Thrown by `createAddressMap` for a bad entry; the message names the entry and its index. */
export class AddressMapError extends Error {
  readonly code = 'SG_ERR_ADDRESS_MAP_INVALID';
  readonly index: number;
  constructor(index: number, match: unknown, message: string) {
    super(`identity.addressMap[${index}] (match: ${JSON.stringify(match)}): ${message}`);
    this.name = 'AddressMapError';
    this.index = index;
  }
}

/**
 * Checks one entry and parses its range; returns a message instead of throwing so the config
 * schema can report every bad entry at once. NOTE: keep in sync with identity-config.ts.
 */
export function checkAddressMapEntry(entry: AddressMapEntry): CidrRange | string {
  if (entry.group === undefined && entry.user === undefined) {
    return 'give a group, a user, or both';
  }
  const range = CidrRange.parse(entry.match);
  return range.kind === 'CidrError' ? range.message : range;
}

/**
 * Builds the device map. The most specific prefix wins (a /32 for the head's laptop inside a
 * /16 for the staff VLAN), whatever the order in the config; two entries for the same range are
 * an error because which one applies would otherwise be an accident of order.
 *
 * Lookup is a linear scan over entries sorted longest prefix first: a school has a handful of
 * ranges and a few dozen fixed devices, and a scan of ~1,000 entries of byte compares stays in
 * the low microseconds. Past that, a binary trie would be the next step.
 *
 * ### Examples
 * ```ts
 * const map = createAddressMap([
 *   { match: '10.20.0.0/16', group: 'default', label: 'Guest Wi-Fi' },
 *   { match: '10.20.0.5', user: 'head', label: "Head's laptop" },
 * ]);
 * map.lookup('10.20.0.5')?.entry.user; // 'head'
 * map.lookup('::ffff:10.20.9.9')?.entry.label; // 'Guest Wi-Fi'
 * ```
 */
export function createAddressMap(entries: readonly AddressMapEntry[]): AddressMap {
  const matches: AddressMapMatch[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const checked = checkAddressMapEntry(entry);
    if (typeof checked === 'string') throw new AddressMapError(index, entry.match, checked);
    const earlier = seen.get(checked.text);
    if (earlier !== undefined) {
      throw new AddressMapError(
        index,
        entry.match,
        `the same range as entry ${earlier} (${checked.text}); merge them`,
      );
    }
    seen.set(checked.text, index);
    matches.push(Object.freeze({ kind: 'AddressMapMatch', entry, range: checked, index }));
  });
  // Longest prefix first, so the first hit is the most specific; ties keep config order.
  matches.sort((a, b) => b.range.prefixLength - a.range.prefixLength || a.index - b.index);
  const sorted = Object.freeze(matches);

  return Object.freeze({
    size: sorted.length,
    lookup(address: string | IpAddress): AddressMapMatch | undefined {
      const parsed = typeof address === 'string' ? IpAddress.parse(address) : address;
      if (parsed === null) return undefined;
      for (let i = 0; i < sorted.length; i++) {
        const m = sorted[i]!;
        if (CidrRange.contains(m.range, parsed)) return m;
      }
      return undefined;
    },
  });
}
