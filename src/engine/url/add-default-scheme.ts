const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const PORT_AFTER_COLON = /^\d*(?:[/?#]|$)/;

/**
 * Decides which scheme an input means and returns the string to hand to the WHATWG parser:
 * unchanged when it names http or https, `http://` + input when it names none, and null when
 * it names another scheme (`ftp:`, `javascript:`, `mailto:` ...).
 *
 * The rule, because `blocked.example:8080/path` looks like a URL with scheme
 * `blocked.example` to WHATWG: text before the first `:` is a scheme only when it is
 * `http`/`https` (any case), or when it is followed by `//`, or when it has no dot and is
 * not followed by a port (digits up to `/`, `?`, `#` or the end). Everything else,
 * including `//host/path`, `[v6]:port` and `www.school.test`, gets `http:`/`http://`.
 * The input must already be trimmed and stripped of tabs and newlines.
 *
 * ### Examples
 * ```ts
 * addDefaultScheme('blocked.example/path');  // 'http://blocked.example/path'
 * addDefaultScheme('localhost:3128');        // 'http://localhost:3128'
 * addDefaultScheme('HTTPS://school.test');   // 'HTTPS://school.test'
 * addDefaultScheme('javascript:alert(1)');   // null
 * ```
 */
export function addDefaultScheme(input: string): string | null {
  if (input.startsWith('//')) return `http:${input}`;
  const match = SCHEME.exec(input);
  if (match === null) return `http://${input}`;
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return input;
  const rest = input.slice(match[0].length);
  if (rest.startsWith('//')) return null;
  if (scheme.includes('.') || PORT_AFTER_COLON.test(rest)) return `http://${input}`;
  return null;
}
