import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a signed link vouches for: the person, the URL and why it was stopped, and what the
 * link may be used for (`unblock`: a "Request unblock" link to the console; `continue`:
 * the warn page's "Continue" token). A token for one kind is refused for the other.
 */
export interface LinkPayload {
  readonly kind: 'unblock' | 'continue';
  readonly url: string;
  /** The username, or `''` when the person was not signed in. */
  readonly user: string;
  /** The decision's reason code (`category`, `phrase`, ...). */
  readonly reason: string;
  /** The category that decided, or `null`. */
  readonly category: string | null;
}

/** The outcome of checking a token: never thrown, always returned. */
export type LinkVerification =
  | { readonly status: 'ok'; readonly payload: LinkPayload; readonly expiresAt: number }
  | { readonly status: 'expired'; readonly payload: LinkPayload; readonly expiresAt: number }
  | { readonly status: 'bad-signature' }
  | { readonly status: 'malformed' };

/*
 * Token layout: base64url(JSON body) "." base64url(HMAC-SHA256(secret, "sg1." + body part)).
 * The body is { v: 1, k, u, n, r, c, e } (kind, url, user, reason, category, expiry ms).
 * The MAC covers the encoded text, so nothing is parsed before it is authenticated; the
 * "sg1." prefix ties a MAC to this format version so a future one cannot be confused with it.
 */
const FORMAT = 'sg1.';
const VERSION = 1;
const MAC_CHARS = 43; // 32 bytes in unpadded base64url
const MIN_SECRET_BYTES = 32;
/** Longer tokens are refused before any work: a URL is capped well below this upstream. */
const MAX_TOKEN_CHARS = 16_384;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

type Secret = string | Uint8Array;

function mac(secret: Secret, body: string): string {
  return createHmac('sha256', secret).update(FORMAT).update(body).digest('base64url');
}

function checkSecret(secret: Secret): void {
  const bytes = typeof secret === 'string' ? Buffer.byteLength(secret) : secret.byteLength;
  if (bytes < MIN_SECRET_BYTES) {
    throw new RangeError(`signed-link secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
}

/**
 * Signs a link payload so the console or the gateway can later trust it without storing
 * anything: the token carries the payload and its expiry, authenticated with HMAC-SHA256.
 * It is not encrypted (the person it is about can read it). `expiresAt` is a `Date` or
 * epoch milliseconds. Throws `RangeError` for a secret shorter than 32 bytes.
 *
 * ### Examples
 * ```ts
 * const token = signLink({ kind: 'unblock', url: 'https://games.example/', user: 'amy',
 *   reason: 'category', category: 'games' }, secret, now + 7 * 24 * 3600_000);
 * const link = `https://console.school.test/unblock?t=${token}`;
 * ```
 */
export function signLink(payload: LinkPayload, secret: Secret, expiresAt: Date | number): string {
  checkSecret(secret);
  const e = typeof expiresAt === 'number' ? expiresAt : expiresAt.getTime();
  if (!Number.isSafeInteger(e)) throw new RangeError('signed-link expiry must be a whole ms time');
  const json = JSON.stringify({
    v: VERSION,
    k: payload.kind,
    u: payload.url,
    n: payload.user,
    r: payload.reason,
    c: payload.category,
    e,
  });
  const body = Buffer.from(json, 'utf8').toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/**
 * Checks a token from a link or form: `ok` with its payload while `now` is before the
 * expiry, `expired` (with the payload, for a helpful message) from the expiry on,
 * `bad-signature` when it was not signed with `secret` or was changed, `malformed` when it
 * is not a token at all. Never throws for any token; compares MACs in constant time.
 *
 * ### Examples
 * ```ts
 * const v = verifyLink(token, secret, Date.now());
 * if (v.status === 'ok' && v.payload.kind === 'continue') grantOverride(v.payload);
 * ```
 */
export function verifyLink(token: unknown, secret: Secret, now: Date | number): LinkVerification {
  checkSecret(secret);
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS) return { status: 'malformed' };
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return { status: 'malformed' };
  const body = token.slice(0, dot);
  const given = token.slice(dot + 1);
  if (!BASE64URL.test(body) || given.length !== MAC_CHARS || !BASE64URL.test(given)) {
    return { status: 'malformed' };
  }
  // Compared as encoded text, not decoded bytes: base64url's last character has spare bits,
  // and decoding would accept four spellings of one MAC.
  if (!timingSafeEqual(Buffer.from(given, 'ascii'), Buffer.from(mac(secret, body), 'ascii'))) {
    return { status: 'bad-signature' };
  }
  const payload = parseBody(body);
  if (payload === null) return { status: 'malformed' };
  const at = typeof now === 'number' ? now : now.getTime();
  return at < payload.expiresAt
    ? { status: 'ok', payload: payload.payload, expiresAt: payload.expiresAt }
    : { status: 'expired', payload: payload.payload, expiresAt: payload.expiresAt };
}

/** Reads an authenticated body; `null` if its shape is wrong (another version, say). */
function parseBody(body: string): { payload: LinkPayload; expiresAt: number } | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { v, k, u, n, r, c, e } = value as Record<string, unknown>;
  if (v !== VERSION || (k !== 'unblock' && k !== 'continue')) return null;
  if (typeof u !== 'string' || typeof n !== 'string' || typeof r !== 'string') return null;
  if ((c !== null && typeof c !== 'string') || typeof e !== 'number') return null;
  if (!Number.isSafeInteger(e)) return null;
  return { payload: { kind: k, url: u, user: n, reason: r, category: c }, expiresAt: e };
}
