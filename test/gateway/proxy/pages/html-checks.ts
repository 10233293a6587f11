/**
 * A small structural check of the pages' HTML for tests (no validator package is
 * installed): doctype and language, balanced and properly nested tags, one `<main>` and one
 * `<h1>` inside it, no skipped heading levels, unique ids, in-page links that resolve, and
 * nothing that runs or fetches (scripts, event handlers, external assets). Returns the
 * problems found; an empty list means the page passed.
 */
const VOID = new Set(['meta', 'input', 'br', 'hr', 'img', 'link']);

export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  if (!html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')) problems.push('doctype/lang');
  if (/<script|<link|<img|<iframe|<object|<embed|\ssrc=/i.test(html)) {
    problems.push('script or external asset');
  }
  if (/\son[a-z]+\s*=/i.test(html)) problems.push('event handler attribute');
  if (/javascript:|@import|url\(/i.test(html)) problems.push('script URL or CSS fetch');
  if ((html.match(/<main>/g) ?? []).length !== 1) problems.push('not exactly one <main>');
  if ((html.match(/<h1>/g) ?? []).length !== 1) problems.push('not exactly one <h1>');
  const mainStart = html.indexOf('<main>');
  const h1 = html.indexOf('<h1>');
  if (h1 < mainStart || h1 > html.indexOf('</main>')) problems.push('<h1> outside <main>');

  // Tags, with raw-text elements' contents skipped.
  const text = html.replace(/<(style|title)>[\s\S]*?<\/\1>/g, '<$1></$1>');
  const stack: string[] = [];
  let level = 0;
  for (const m of text.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s[^>]*)?)>/g)) {
    const [, close, rawName = '', attrs = ''] = m;
    const name = rawName.toLowerCase();
    if (/=[^"]/.test(attrs.replace(/"[^"]*"/g, '""')))
      problems.push(`unquoted attribute in <${name}>`);
    if (VOID.has(name)) continue;
    if (close === '/') {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
      continue;
    }
    stack.push(name);
    const heading = /^h([1-6])$/.exec(name);
    if (heading) {
      const next = Number(heading[1]);
      if (next > level + 1) problems.push(`heading jumps from h${level} to h${next}`);
      level = next;
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  if (/<[a-zA-Z][^>]*</.test(text)) problems.push('"<" inside a tag');

  const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
  const seen = new Set<string | undefined>();
  for (const id of ids) {
    if (seen.has(id)) problems.push(`duplicate id ${id}`);
    seen.add(id);
  }
  for (const m of html.matchAll(/href="#([^"]*)"/g)) {
    if (!seen.has(m[1])) problems.push(`link to missing #${m[1]}`);
  }
  return problems;
}

/** The text of the page between `<main>` and `</main>`, tags removed, entities decoded. */
export function mainText(html: string): string {
  const main = html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
  return main
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
