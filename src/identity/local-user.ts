/**
 * A person who can sign in to the gateway, as the users file (and later the store) holds
 * them. `passwordHash` is an argon2id PHC string; it never leaves the identity module: every
 * function that hands a user to a caller hands a `PublicUser` instead.
 */
export interface LocalUser {
  /** Sign-in name, NFC-normalised; looked up case-insensitively. */
  readonly username: string;
  readonly displayName: string;
  /** Policy group ids; the first group the policy lists wins. Empty means the default group. */
  readonly groups: readonly string[];
  readonly passwordHash: string;
  /** A disabled user cannot sign in; their records stay. */
  readonly disabled: boolean;
}

/** The part of a user that may travel with a request, into events, pages and logs. */
export interface PublicUser {
  readonly username: string;
  readonly displayName: string;
  readonly groups: readonly string[];
}

/**
 * Where the authenticator finds users: the loaded users file today, the store later. A
 * `Map` keyed by `userKey(username)` satisfies it. The lookup may be async.
 */
export interface UserLookup {
  get(key: string): LocalUser | undefined | Promise<LocalUser | undefined>;
}
