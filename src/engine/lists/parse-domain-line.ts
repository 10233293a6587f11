import { plainHostEnd } from '../url/plain-host-end.js';
import { domainShapeProblem } from './domain-shape-problem.js';
import type { LineSink } from './line-sink.js';
import { parseHostToken } from './parse-host-token.js';
import { stripHashComment } from './strip-hash-comment.js';

const URL_OF_BARE_HOST = /^https?:\/\/([^/?#]+)\/?$/i;

/**
 * Parses one trimmed line of a domain list (UT1 `domains`, Block List Project `*-nl.txt`,
 * e2guardian site lists): one host or IP per line, `#` comments. `http://host/` is accepted
 * as the bare host it names; anything with a path belongs in a urls list and is rejected.
 *
 * ### Examples
 * ```ts
 * parseDomainLine('blocked.example', sink);   // domain entry
 * parseDomainLine('192.0.2.10', sink);        // ip entry
 * parseDomainLine('# comment', sink);         // skipped
 * ```
 */
export function parseDomainLine(line: string, sink: LineSink): void {
  // Fast path for the usual plain lower-case host: no comment, no canonicaliser.
  if (plainHostEnd(line, 0) === line.length) {
    const problem = domainShapeProblem(line);
    if (problem === null) sink.entry({ kind: 'domain', host: line });
    else sink.reject(problem);
    return;
  }
  const text = stripHashComment(line);
  if (text.length === 0) {
    sink.skip();
    return;
  }
  const url = URL_OF_BARE_HOST.exec(text);
  parseHostToken(url === null ? text : url[1]!, sink);
}
