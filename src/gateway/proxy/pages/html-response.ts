import type { PageResponse } from './page-response.js';

/** How a page may be used, which decides its Content-Security-Policy. */
export interface HtmlResponseOptions {
  /**
   * Where the page's one form may post: an absolute origin (`https://gw.school.test:3128`)
   * or `'self'`. Absent means the page has no form, so none may post.
   */
  readonly formAction?: string;
  /**
   * False for pages with an action a click could be tricked into (the warn page's
   * "Continue"): they refuse to be framed. Block pages may show inside a blocked frame.
   */
  readonly frameable: boolean;
  /** `cache-control`; pages about one request use `no-store`. */
  readonly cacheControl: string;
}

/**
 * Wraps a rendered page in its status and headers. The policy allows inline styles and
 * nothing else (no scripts, images, fonts or fetches), so the page renders while every
 * other site is blocked and an escaping slip still could not run script.
 *
 * ### Examples
 * ```ts
 * htmlResponse(403, html, { frameable: true, cacheControl: 'no-store' }).headers['cache-control']; // 'no-store'
 * ```
 */
export function htmlResponse(
  status: number,
  body: string,
  options: HtmlResponseOptions,
): PageResponse {
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    `form-action ${options.formAction ?? "'none'"}`,
    ...(options.frameable ? [] : ["frame-ancestors 'none'"]),
  ].join('; ');
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': options.cacheControl,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(options.frameable ? {} : { 'x-frame-options': 'DENY' }),
    },
    body,
  };
}
