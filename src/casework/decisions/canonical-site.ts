import { parseList } from '../../engine/lists/parse-list.js';

/** A site as the engine will match it, or what is wrong with the text. */
export type CanonicalSite =
  | { readonly ok: true; readonly site: string; readonly kind: 'domain' | 'url' | 'ip' }
  | { readonly ok: false; readonly problem: string };

/**
 * Turns what someone typed for an exception or an exemption (`Games.Example`,
 * `https://school.test/blog/`, `*.bücher.example`) into the canonical form the engine
 * matches (`games.example`, `school.test/blog`, `xn--bcher-kva.example`), by the same list
 * parser the engine compiles exceptions with, so a site accepted here always compiles.
 * `hostOnly` refuses a path (inspection exemptions are decided on the host alone).
 *
 * ### Examples
 * ```ts
 * canonicalSite('https://School.test/Blog/');        // { ok: true, site: 'school.test/Blog', kind: 'url' }
 * canonicalSite('school.test/blog', { hostOnly: true }); // { ok: false, problem: 'a host only, without a path' }
 * ```
 */
export function canonicalSite(text: string, options: { hostOnly?: boolean } = {}): CanonicalSite {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, problem: 'enter a domain or host/path' };
  if (/[\s#]/.test(trimmed)) return { ok: false, problem: 'one site, without spaces or #' };
  const parsed = parseList(trimmed, { source: 'console', format: 'urls' });
  const entry = parsed.entries[0];
  if (entry === undefined) {
    return { ok: false, problem: parsed.rejected[0]?.problem ?? 'not a domain or host/path' };
  }
  if (entry.kind === 'url') {
    if (options.hostOnly === true) return { ok: false, problem: 'a host only, without a path' };
    return { ok: true, site: `${entry.host}${entry.path}`, kind: 'url' };
  }
  return { ok: true, site: entry.host, kind: entry.kind };
}
