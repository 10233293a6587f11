import type { LineSink } from './line-sink.js';
import { parseDomainLine } from './parse-domain-line.js';
import { parseUrlLine } from './parse-url-line.js';

const INCLUDE = /^\.Include<([^>]*)>/;

/**
 * Parses one trimmed line of an e2guardian site or URL list: `#` comments (including the
 * `#listcategory:` and `#time:` directives, which policy configures separately),
 * `.Include<path>` lines (reported to the sink for the loader to resolve), and the blanket
 * lines `**`, `**s`, `*ip`, `*ips` (rejected as unsupported: policy has an allow-list-only
 * mode instead). Everything else is a host (sites) or `host/path` (urls).
 *
 * ### Examples
 * ```ts
 * parseE2guardianLine('.Include</etc/e2guardian/lists/blacklists/ads/domains>', 'sites', sink); // include
 * parseE2guardianLine('**', 'sites', sink);                                                     // rejected
 * ```
 */
export function parseE2guardianLine(line: string, kind: 'sites' | 'urls', sink: LineSink): void {
  if (line.charCodeAt(0) === 46 /* . */ && line.startsWith('.Include')) {
    const include = INCLUDE.exec(line);
    if (include === null || include[1]!.trim() === '') sink.reject('malformed .Include line');
    else sink.include(include[1]!.trim());
    return;
  }
  if (line.charCodeAt(0) === 42 /* * */ && /^\*(?:\*s?|ips?)(?:\s|#|$)/.test(line)) {
    sink.reject(
      'e2guardian blanket-block lines (**, *ip) are not supported; use the policy allow-list-only mode',
    );
    return;
  }
  if (kind === 'sites') parseDomainLine(line, sink);
  else parseUrlLine(line, sink);
}
