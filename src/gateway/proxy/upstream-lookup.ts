import { lookup as dnsLookup, type LookupAddress, type LookupOneOptions } from 'node:dns';
import { isIPv6, type LookupFunction } from 'node:net';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A DNS lookup for upstream connections that answers configured host names from a fixed
 * table first (`gateway.upstream.hosts`) and asks the system resolver for the rest.
 */
export function createUpstreamLookup(hosts: Readonly<Record<string, string>>): LookupFunction {
  const table = new Map(
    Object.entries(hosts).map(([name, address]) => [name.toLowerCase(), address]),
  );
  const lookup = (
    hostname: string,
    options: LookupOneOptions & { all?: boolean },
    callback: LookupCallback,
  ): void => {
    const fixed = table.get(hostname.toLowerCase());
    if (fixed === undefined) {
      dnsLookup(hostname, options, callback as never);
      return;
    }
    const family = isIPv6(fixed) ? 6 : 4;
    if (options.all) callback(null, [{ address: fixed, family }]);
    else callback(null, fixed, family);
  };
  return lookup as LookupFunction;
}
