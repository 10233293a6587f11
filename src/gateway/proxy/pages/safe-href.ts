import { escapeHtml } from '../../../engine/text/escape-html.js';

/**
 * A link target safe to put in an `href`, already escaped, or `null` when it is not one:
 * only `http:` and `https:` URLs and same-origin paths (`/x`, not `//host`) pass, so a
 * configured or forged `javascript:` or `data:` link can never reach a page.
 *
 * ### Examples
 * ```ts
 * safeHref('https://console.school.test/unblock?t=a&b'); // 'https://console.school.test/unblock?t=a&amp;b'
 * safeHref('javascript:alert(1)'); // null
 * ```
 */
export function safeHref(url: string): string | null {
  if (url.length === 0 || /[\u0000-\u0020\u007F]/.test(url)) return null;
  if (url.startsWith('/')) {
    if (url.startsWith('//') || url.startsWith('/\\')) return null;
    return escapeHtml(url);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return escapeHtml(url);
}
