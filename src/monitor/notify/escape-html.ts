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
 * Makes any string safe in HTML text or a quoted attribute value. Every value an alert
 * e-mail shows goes through this: search terms and URLs are typed by pupils, so they are
 * hostile input. (The gateway's pages have their own copy: the monitor may not import the
 * gateway.)
 *
 * ### Examples
 * ```ts
 * escapeHtml('<script>alert("x")</script>'); // '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
 * ```
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c).replace(CONTROL_CHARACTERS, '\uFFFD');
}
