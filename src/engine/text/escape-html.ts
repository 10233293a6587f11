/**
 * Characters the HTML parser treats as errors in text, replaced so a message stays valid
 * whatever a URL, username or search term holds. Tab, LF and CR are kept.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

const ENTITIES: Readonly<Record<string, string>> = Object.freeze({
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
});

/**
 * Makes any string safe in HTML text or a quoted attribute value: block pages, alert
 * e-mails and reports all show URLs, usernames and search terms typed by pupils, which are
 * hostile input. It lives in the engine because every layer that renders HTML may import
 * the engine (the gateway and the monitor may not import each other).
 *
 * ### Examples
 * ```ts
 * escapeHtml('<script>alert("x")</script>'); // '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
 * ```
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c).replace(CONTROL_CHARACTERS, '\uFFFD');
}
