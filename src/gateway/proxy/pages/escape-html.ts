/**
 * Characters the HTML parser treats as errors in text ("control-character-in-input-stream"),
 * replaced so every page stays valid HTML5 whatever a URL or user name holds. Tab, LF and
 * CR are allowed and kept.
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
 * Makes any string safe to place in HTML text or in a double- or single-quoted attribute
 * value: the five significant characters become entities and control characters become
 * U+FFFD. Every value a page shows goes through this, however trusted its source.
 *
 * ### Examples
 * ```ts
 * escapeHtml('<script>alert("x")</script>'); // '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
 * ```
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c).replace(CONTROL_CHARACTERS, '\uFFFD');
}
