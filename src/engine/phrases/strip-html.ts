import { HtmlStripper } from './html-stripper.js';

/**
 * Returns the visible text of an HTML document or fragment: tags become spaces (inline
 * formatting tags vanish), comments, scripts and styles are dropped, entities decoded.
 * For chunked input use `HtmlStripper`, which this wraps.
 *
 * ### Examples
 * ```ts
 * stripHtml('<p>Tom &amp; Jerry</p><!-- note --><script>x()</script>'); // ' Tom & Jerry  '
 * ```
 */
export function stripHtml(html: string): string {
  const stripper = new HtmlStripper();
  return stripper.push(html) + stripper.end();
}
