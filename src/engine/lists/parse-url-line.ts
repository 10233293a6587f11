import { canonicaliseUrl } from '../url/canonicalise-url.js';
import { domainShapeProblem } from './domain-shape-problem.js';
import type { LineSink } from './line-sink.js';
import { parseHostToken } from './parse-host-token.js';
import { stripHashComment } from './strip-hash-comment.js';

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//;
const JUNK = /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/;

/**
 * Parses one trimmed line of a URL list (UT1 `urls`, e2guardian url lists): `host/path`,
 * usually without a scheme (`http://`/`https://` is accepted; other schemes are rejected).
 * The result is a `url` entry with the canonical host and path, so it matches requests
 * whatever notation they use. A trailing `/` is dropped (`/a/` and `/a` both mean "`/a` and
 * below"); a line with no path, or only `/`, becomes a `domain` entry. Lines with a query
 * are rejected: dropping the query would block the whole path.
 *
 * ### Examples
 * ```ts
 * parseUrlLine('Blocked.example/Games/', sink); // { kind: 'url', host: 'blocked.example', path: '/Games' }
 * parseUrlLine('blocked.example', sink);        // { kind: 'domain', host: 'blocked.example' }
 * ```
 */
export function parseUrlLine(line: string, sink: LineSink): void {
  const text = stripHashComment(line);
  if (text.length === 0) {
    sink.skip();
    return;
  }
  if (JUNK.test(text)) {
    sink.reject('contains control characters or undecodable bytes');
    return;
  }
  if (/\s/.test(text)) {
    sink.reject('spaces inside a URL');
    return;
  }
  let rest = text;
  const scheme = SCHEME.exec(text);
  if (scheme !== null) {
    const name = scheme[1]!.toLowerCase();
    if (name !== 'http' && name !== 'https') {
      sink.reject('only http and https URLs can be listed');
      return;
    }
    rest = text.slice(scheme[0].length);
    if (rest.length === 0) {
      sink.reject('a scheme with no host');
      return;
    }
  }
  const slash = rest.search(/[/?]/);
  if (slash < 0 || (slash === rest.length - 1 && rest.endsWith('/'))) {
    parseHostToken(slash < 0 ? rest : rest.slice(0, slash), sink);
    return;
  }
  if (rest.includes('?')) {
    sink.reject(
      'URL entries with a query string are not supported (they would block the whole path)',
    );
    return;
  }
  const url = canonicaliseUrl(`http://${rest}`);
  if (url.kind === 'UnparseableUrl') {
    sink.reject(`not a valid URL (${url.problem})`);
    return;
  }
  if (url.hostKind === 'domain') {
    const problem = domainShapeProblem(url.host);
    if (problem !== null) {
      sink.reject(problem);
      return;
    }
  }
  const path = url.path.length > 1 && url.path.endsWith('/') ? url.path.slice(0, -1) : url.path;
  if (path === '/') {
    sink.entry(
      url.hostKind === 'domain'
        ? { kind: 'domain', host: url.host }
        : { kind: 'ip', host: url.host },
    );
    return;
  }
  sink.entry({ kind: 'url', host: url.host, path });
}
