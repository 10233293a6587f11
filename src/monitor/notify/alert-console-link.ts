/**
 * The console's page for an alert (`<consoleUrl>/alerts/<id>`), or null when no console URL
 * is configured or it is not an http(s) URL, so a mistyped or hostile setting never becomes
 * a `javascript:` link in an e-mail or a webhook.
 *
 * ### Examples
 * ```ts
 * alertConsoleLink('https://filter.school.test/', 'a1'); // 'https://filter.school.test/alerts/a1'
 * alertConsoleLink('javascript:alert(1)', 'a1'); // null
 * ```
 */
export function alertConsoleLink(consoleUrl: string | null, alertId: string): string | null {
  if (consoleUrl === null) return null;
  let base: URL;
  try {
    base = new URL(consoleUrl);
  } catch {
    return null;
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return null;
  return `${base.href.replace(/\/+$/, '')}/alerts/${encodeURIComponent(alertId)}`;
}
