import type { CanonicalUrl } from './canonical-url.js';

const TRANSLATE_SUFFIX = '.translate.goog';
const ARCHIVE_PREFIX = /^\/web\/[0-9]{1,14}[a-z_]{0,4}\/(?:(https?):\/+)?(.+)$/;
const CACHE_QUERY = /(?:^|&)q=cache:([^&]+)/;

/**
 * The address a web proxy or cache wrapper is showing, so the engine can decide it too: a
 * blocked site must not become reachable by putting a well-known wrapper in front of it.
 * Covers Google Translate's proxy (`bad-example.translate.goog`: dots in the origin host
 * became hyphens, hyphens doubled), Google's cache (`q=cache:host/path`) and the Wayback
 * Machine (`/web/<timestamp>/<url>`). Returns null for any other URL; allocates nothing then.
 *
 * ### Examples
 * ```ts
 * unwrapProxiedUrl(canonical('https://bad-example.translate.goog/x?_x_tr_sl=auto')); // 'https://bad.example/x'
 * unwrapProxiedUrl(canonical('https://web.archive.org/web/2024/http://bad.example/')); // 'http://bad.example/'
 * ```
 */
export function unwrapProxiedUrl(url: CanonicalUrl): string | null {
  const { host } = url;
  if (host.endsWith(TRANSLATE_SUFFIX) && host.length > TRANSLATE_SUFFIX.length) {
    const label = host.slice(0, -TRANSLATE_SUFFIX.length);
    if (label.includes('.')) return null;
    return `https://${decodeTranslateLabel(label)}${url.path}`;
  }
  if (host === 'web.archive.org') {
    const match = ARCHIVE_PREFIX.exec(url.path);
    if (match === null) return null;
    return `${match[1] ?? 'http'}://${match[2]}`;
  }
  if (host === 'webcache.googleusercontent.com') {
    const match = CACHE_QUERY.exec(url.query);
    if (match === null) return null;
    let target: string;
    try {
      target = decodeURIComponent(match[1]!.replace(/\+/g, ' '));
    } catch {
      return null;
    }
    return /^https?:\/\//i.test(target) ? target : `http://${target}`;
  }
  return null;
}

/** `bad-example` -> `bad.example`; `my--site-example` -> `my-site.example`. */
function decodeTranslateLabel(label: string): string {
  let out = '';
  for (let i = 0; i < label.length; i++) {
    const ch = label[i];
    if (ch !== '-') out += ch;
    else if (label[i + 1] === '-') {
      out += '-';
      i++;
    } else out += '.';
  }
  return out;
}
