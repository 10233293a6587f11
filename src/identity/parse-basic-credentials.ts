/**
 * Why a `Proxy-Authorization` header was refused. Stable wire names (they reach the access
 * log); add new ones, never rename.
 * - `too-long`: the header is longer than any real credentials.
 * - `unsupported-scheme`: not `Basic` (e.g. `Negotiate`, `Bearer`).
 * - `malformed`: `Basic` without a valid base64 token.
 * - `not-utf8`: the decoded bytes are not UTF-8 (we ask for `charset="UTF-8"`).
 * - `missing-colon`: no `:` between user-id and password.
 * - `empty-username`, `empty-password`.
 * - `control-character`: a control character in the user-id or password (RFC 7617 forbids
 *   them in the user-id; in a password they only show up in attacks).
 * - `bad-credentials`: unknown user or wrong password (deliberately one reason, so logs and
 *   pages never tell which).
 * - `disabled`: the right password for a disabled account.
 */
export type AuthFailureReason =
  | 'too-long'
  | 'unsupported-scheme'
  | 'malformed'
  | 'not-utf8'
  | 'missing-colon'
  | 'empty-username'
  | 'empty-password'
  | 'control-character'
  | 'bad-credentials'
  | 'disabled';

/** What a `Proxy-Authorization` header says, before any password is checked. */
export type BasicCredentials =
  | { readonly kind: 'credentials'; readonly username: string; readonly password: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly reason: AuthFailureReason };

/**
 * Longest header accepted, in characters. Real Basic credentials are well under 1 KiB; the
 * limit stops a client from making us base64-decode and hash megabytes per request.
 */
export const MAX_AUTHORIZATION_LENGTH = 4096;
const MAX_USERNAME = 256;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// C0 controls, DEL and C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses a `Proxy-Authorization` header value as RFC 7617 Basic credentials. The scheme is
 * matched case-insensitively; the user-id and password are UTF-8, normalised to NFC so the
 * same name typed on a Mac and on Windows is one name. Garbage gives `invalid` with a reason;
 * this function never throws.
 *
 * ### Examples
 * ```ts
 * parseBasicCredentials('Basic amRvZTpzM2NyZXQ='); // { kind: 'credentials', username: 'jdoe', password: 's3cret' }
 * parseBasicCredentials(undefined);                // { kind: 'missing' }
 * parseBasicCredentials('Bearer abc');             // { kind: 'invalid', reason: 'unsupported-scheme' }
 * ```
 */
export function parseBasicCredentials(header: string | undefined): BasicCredentials {
  if (typeof header !== 'string') return MISSING;
  if (header.length > MAX_AUTHORIZATION_LENGTH) return invalid('too-long');
  const value = header.trim();
  if (value === '') return MISSING;
  const space = value.search(/[ \t]/);
  const scheme = space === -1 ? value : value.slice(0, space);
  if (scheme.toLowerCase() !== 'basic') return invalid('unsupported-scheme');
  if (space === -1) return invalid('malformed');
  const token = value.slice(space + 1).trim();
  if (!BASE64.test(token) || token.length % 4 === 1) return invalid('malformed');
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(token, 'base64'));
  } catch {
    return invalid('not-utf8');
  }
  const colon = decoded.indexOf(':');
  if (colon === -1) return invalid('missing-colon');
  const username = decoded.slice(0, colon).normalize('NFC');
  const password = decoded.slice(colon + 1).normalize('NFC');
  if (username === '') return invalid('empty-username');
  if (username.length > MAX_USERNAME) return invalid('too-long');
  if (password === '') return invalid('empty-password');
  if (CONTROL.test(username) || CONTROL.test(password)) return invalid('control-character');
  return { kind: 'credentials', username, password };
}

const MISSING: BasicCredentials = Object.freeze({ kind: 'missing' });

function invalid(reason: AuthFailureReason): BasicCredentials {
  return Object.freeze({ kind: 'invalid', reason });
}
