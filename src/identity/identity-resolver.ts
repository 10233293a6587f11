import type { AddressMap } from './address-map.js';
import type { Identity } from './identity.js';
import { IpAddress } from './ip-address.js';
import type { UserLookup } from './local-user.js';
import type { PortalSessions } from './portal-sessions.js';
import type { ProxyAuthenticator } from './proxy-auth.js';
import { userKey } from './user-key.js';

/** Settings for `createIdentityResolver`. */
export interface IdentityResolverConfig {
  /** Checks `Proxy-Authorization`. Required. */
  readonly authenticator: Pick<ProxyAuthenticator, 'authenticate'>;
  /** Portal sign-ins; absent when the portal is disabled. */
  readonly portal?: Pick<PortalSessions, 'lookup'>;
  /** Static device map; absent or empty when none is configured. */
  readonly addressMap?: Pick<AddressMap, 'lookup'>;
  /** Finds the person named by an address-map entry's `user`. Absent: such entries act as devices. */
  readonly users?: UserLookup;
  /** What happens to a request nothing identifies: a 407 challenge, or a fixed group. */
  readonly unidentified: 'deny' | { readonly group: string };
}

/** Decides who a request is. */
export interface IdentityResolver {
  resolve(request: IdentityRequest): Promise<Identity>;
}

/** What the resolver needs from a request: the socket's address and the credentials header. */
export interface IdentityRequest {
  /** The socket's remote address (`::ffff:` forms are fine). */
  readonly clientAddress: string;
  /** The `Proxy-Authorization` header value, if any. */
  readonly proxyAuthorization: string | undefined;
}

/**
 * Creates the resolver the gateways call for every request. Methods are tried strongest
 * first: valid proxy credentials, then a portal session for the client address, then the
 * static device map, then the `unidentified` policy. Credentials that are present but wrong
 * (or garbage) give `denied` with a challenge and never fall through to a weaker method:
 * otherwise a pupil could send a bad header on a staff laptop's address and be treated as
 * the laptop's owner, and a typo would silently file a person's traffic under a device.
 *
 * An address-map entry with a `user` gives that person when `users` finds them enabled;
 * otherwise it gives a device in the entry's `group`, or, with no group, counts as no match.
 *
 * ### Examples
 * ```ts
 * const resolver = createIdentityResolver({
 *   authenticator, portal, addressMap, users, unidentified: { group: 'default' },
 * });
 * await resolver.resolve({ clientAddress: '10.20.0.7', proxyAuthorization: undefined });
 * // { kind: 'device', label: 'Guest Wi-Fi', groups: ['default'], via: 'address-map' }
 * ```
 */
export function createIdentityResolver(config: IdentityResolverConfig): IdentityResolver {
  const { authenticator, portal, addressMap, users } = config;
  const fallback: Identity =
    config.unidentified === 'deny'
      ? Object.freeze({ kind: 'denied', challenge: true, reason: 'unidentified' })
      : Object.freeze({ kind: 'anonymous', groups: Object.freeze([config.unidentified.group]) });

  async function fromAddressMap(address: IpAddress): Promise<Identity | null> {
    const match = addressMap?.lookup(address);
    if (match === undefined) return null;
    const { entry } = match;
    if (entry.user !== undefined && users !== undefined) {
      const user = await users.get(userKey(entry.user));
      if (user !== undefined && !user.disabled) {
        return Object.freeze({
          kind: 'person',
          username: user.username,
          displayName: user.displayName,
          groups: Object.freeze([...user.groups]),
          via: 'address-map',
        });
      }
    }
    if (entry.group === undefined) return null;
    return Object.freeze({
      kind: 'device',
      label: entry.label ?? match.range.text,
      groups: Object.freeze([entry.group]),
      via: 'address-map',
    });
  }

  return Object.freeze({
    async resolve({ clientAddress, proxyAuthorization }: IdentityRequest): Promise<Identity> {
      const auth = await authenticator.authenticate(proxyAuthorization);
      if (auth.kind === 'user') {
        return Object.freeze({ kind: 'person', ...auth.user, via: 'proxy-auth' });
      }
      if (auth.kind === 'invalid') {
        return Object.freeze({
          kind: 'denied',
          challenge: true,
          reason: 'invalid-credentials',
          authReason: auth.reason,
        });
      }
      const address = IpAddress.parse(clientAddress);
      if (address !== null) {
        const session = portal?.lookup(IpAddress.format(address));
        if (session !== undefined) {
          return Object.freeze({ kind: 'person', ...session.user, via: 'portal' });
        }
        const mapped = await fromAddressMap(address);
        if (mapped !== null) return mapped;
      }
      return fallback;
    },
  });
}
