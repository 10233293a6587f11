import { type LinkPayload, signLink, verifyLink } from './pages/signed-link.js';

/** The cookie that carries a warning's "continue" on the site's own origin. */
export const OVERRIDE_COOKIE = 'schoolgate_continue';

/**
 * A `Set-Cookie` value granting `user` an override for `host` until `until`: signed, so any
 * gateway worker can check it without shared state, and HttpOnly so page scripts cannot
 * copy it. The gateway strips it before forwarding, so the site never sees it.
 */
export function overrideCookie(
  user: string,
  host: string,
  until: number,
  now: number,
  secret: string,
): string {
  const payload: LinkPayload = {
    kind: 'continue',
    url: `https://${host}/`,
    user,
    reason: 'override',
    category: null,
  };
  const token = signLink(payload, secret, until);
  const maxAge = Math.max(0, Math.floor((until - now) / 1000));
  return `${OVERRIDE_COOKIE}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax`;
}

/** True when the request's cookies hold a valid override for this person and host. */
export function hasOverrideCookie(
  cookieHeader: string | undefined,
  user: string,
  host: string,
  now: number,
  secret: string,
): boolean {
  const token = readCookie(cookieHeader, OVERRIDE_COOKIE);
  if (token === null) return false;
  const verified = verifyLink(token, secret, now);
  if (
    verified.status !== 'ok' ||
    verified.payload.kind !== 'continue' ||
    verified.payload.user !== user
  )
    return false;
  try {
    return new URL(verified.payload.url).hostname === host;
  } catch {
    return false;
  }
}

/** The Cookie header without the override cookie (undefined when nothing is left). */
export function withoutOverrideCookie(cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined || !cookieHeader.includes(OVERRIDE_COOKIE)) return cookieHeader;
  const kept = cookieHeader
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !part.startsWith(`${OVERRIDE_COOKIE}=`));
  return kept.length === 0 ? undefined : kept.join('; ');
}

function readCookie(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith(`${name}=`)) return trimmed.slice(name.length + 1);
  }
  return null;
}
