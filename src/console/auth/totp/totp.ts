import { createHmac, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from './base32.js';

// NOTE: this file exports the four TOTP functions together rather than one per file: they
// share the step arithmetic and defaults, and must not drift apart (a code made with one
// period and checked with another never matches).

/** Bytes of a new secret: 160 bits, the HMAC-SHA1 block RFC 4226 section 4 recommends. */
const SECRET_BYTES = 20;

/** Code length and time step; the defaults every authenticator app uses. */
export interface TotpOptions {
  /** Digits in a code, 6 to 8 (RFC 4226 section 5.3); default 6. */
  readonly digits?: number;
  /** Seconds per time step (RFC 6238 `X`); default 30. */
  readonly periodSeconds?: number;
}

/** How a code is checked: the `TotpOptions` plus drift and replay rules. */
export interface VerifyTotpOptions extends TotpOptions {
  /** Steps either side of the current one to accept, for clock drift; default 1, at most 10. */
  readonly window?: number;
  /** The step of the last code this account used; it and any earlier step are refused. */
  readonly lastUsedStep?: number | undefined;
}

/** A verification's answer; `step` is what to store as the account's `lastUsedStep`. */
export type TotpVerdict = { readonly ok: true; readonly step: number } | { readonly ok: false };

/**
 * Creates a new TOTP secret from 20 random bytes, base32-encoded for the setup screen and
 * the `otpauth://` URI. The random source is passed in so the console uses
 * `crypto.randomBytes` and tests use a fixed one.
 *
 * ### Examples
 * ```ts
 * const secret = createTotpSecret(randomBytes); // 32 characters, e.g. 'JBSWY3DPEHPK3PXP...'
 * ```
 */
export function createTotpSecret(random: (n: number) => Uint8Array): string {
  const bytes = random(SECRET_BYTES);
  if (!(bytes instanceof Uint8Array) || bytes.length !== SECRET_BYTES) {
    throw new RangeError(`totp: the random source must return ${SECRET_BYTES} bytes`);
  }
  return base32Encode(bytes);
}

/**
 * Computes the RFC 6238 code (HMAC-SHA1, dynamic truncation, zero-padded) for the time step
 * containing `timeMs`. Throws a `RangeError` for a secret that is not base32, a time before
 * 1970 or options out of range: those are programming errors, not user input.
 *
 * ### Examples
 * ```ts
 * totpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000, { digits: 8 }); // '94287082'
 * ```
 */
export function totpCode(secretBase32: string, timeMs: number, options: TotpOptions = {}): string {
  const { digits, period } = checkOptions(options);
  const step = stepAt(timeMs, period);
  if (step < 0) throw new RangeError('totp: the time is before 1970');
  return hotp(base32Decode(secretBase32), step, digits);
}

/**
 * Checks a code someone typed against the current step and `window` steps either side,
 * comparing in constant time and looking at every step of the window (no early exit).
 * Refuses a code whose step is at or before `lastUsedStep`, so a code seen over someone's
 * shoulder cannot be used again. Input that is not exactly `digits` ASCII digits is refused
 * without throwing; a bad secret or options throw as in `totpCode`.
 *
 * ### Examples
 * ```ts
 * const v = verifyTotp(secret, '287082', Date.now(), { lastUsedStep: row.totp_last_step });
 * if (v.ok) saveLastStep(v.step);
 * ```
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  timeMs: number,
  options: VerifyTotpOptions = {},
): TotpVerdict {
  const { digits, period } = checkOptions(options);
  const window = options.window ?? 1;
  if (!Number.isInteger(window) || window < 0 || window > 10) {
    throw new RangeError(`totp: window must be an integer from 0 to 10, not ${window}`);
  }
  const key = base32Decode(secretBase32);
  if (typeof code !== 'string' || code.length !== digits || !/^[0-9]+$/.test(code)) {
    return { ok: false };
  }
  const typed = Buffer.from(code, 'ascii');
  const current = stepAt(timeMs, period);
  const floor = options.lastUsedStep ?? -1;
  let matched = -1;
  for (let step = current - window; step <= current + window; step++) {
    if (step < 0) continue;
    const same = timingSafeEqual(typed, Buffer.from(hotp(key, step, digits), 'ascii'));
    // Of two steps with the same code (one chance in a million), the later one wins.
    if (same && step > floor) matched = step;
  }
  return matched >= 0 ? { ok: true, step: matched } : { ok: false };
}

/** What an authenticator app needs to know about an account. */
export interface TotpUriParts {
  /** The base32 secret from `createTotpSecret`; re-encoded canonically in the URI. */
  readonly secret: string;
  /** The console username, shown under the issuer in the app. */
  readonly account: string;
  /** `Schoolgate <school name>`, so staff of two schools can tell the entries apart. */
  readonly issuer: string;
}

/**
 * Builds the `otpauth://totp/Issuer:account?secret=...&issuer=...` key URI that authenticator
 * apps read from a QR code (the Google Authenticator key URI format). Issuer and account are
 * percent-encoded (spaces as `%20`, never `+`); neither may contain `:`, which separates them
 * in the label.
 *
 * ### Examples
 * ```ts
 * totpUri({ secret, account: 'a.patel', issuer: 'Schoolgate Widford Lodge' });
 * // 'otpauth://totp/Schoolgate%20Widford%20Lodge:a.patel?secret=...&issuer=Schoolgate%20Widford%20Lodge&algorithm=SHA1&digits=6&period=30'
 * ```
 */
export function totpUri(parts: TotpUriParts): string {
  for (const [name, value] of [
    ['issuer', parts.issuer],
    ['account', parts.account],
  ] as const) {
    if (value.trim() === '') throw new RangeError(`totp: the ${name} is empty`);
    if (value.includes(':')) throw new RangeError(`totp: the ${name} must not contain ':'`);
  }
  const secret = base32Encode(base32Decode(parts.secret));
  const issuer = percentEncode(parts.issuer.trim());
  const account = percentEncode(parts.account.trim());
  return (
    `otpauth://totp/${issuer}:${account}?secret=${secret}&issuer=${issuer}` +
    '&algorithm=SHA1&digits=6&period=30'
  );
}

/** RFC 4226 HOTP: HMAC-SHA1 of the 8-byte big-endian counter, dynamic truncation. */
function hotp(key: Uint8Array, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  // Steps pass 2^32 in the year 6053 at 30 s; split so the high word is right anyway.
  message.writeUInt32BE(Math.floor(counter / 0x1_0000_0000), 0);
  message.writeUInt32BE(counter >>> 0, 4);
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fff_ffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

function stepAt(timeMs: number, period: number): number {
  if (!Number.isFinite(timeMs)) throw new RangeError(`totp: the time ${timeMs} is not finite`);
  return Math.floor(timeMs / (period * 1000));
}

function checkOptions(options: TotpOptions): { digits: number; period: number } {
  const digits = options.digits ?? 6;
  const period = options.periodSeconds ?? 30;
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) {
    throw new RangeError(`totp: digits must be 6, 7 or 8, not ${digits}`);
  }
  if (!Number.isInteger(period) || period < 1 || period > 300) {
    throw new RangeError(`totp: periodSeconds must be an integer from 1 to 300, not ${period}`);
  }
  return { digits, period };
}

/** encodeURIComponent plus the sub-delimiters it leaves alone, for a strict URI. */
function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
