/**
 * The lookup key for a sign-in name: NFC, then lower case. Directory names (Active Directory
 * sAMAccountName, Google usernames) are case-insensitive, and pupils type `JSmith` and
 * `jsmith` interchangeably, so `JSmith` and `jsmith` are one user; the users file refuses two
 * entries with the same key.
 *
 * ### Examples
 * ```ts
 * userKey('JSmith'); // 'jsmith'
 * userKey('Zoe\u0301'); // 'zoé' (one code point)
 * ```
 */
export function userKey(username: string): string {
  return username.normalize('NFC').toLowerCase();
}
