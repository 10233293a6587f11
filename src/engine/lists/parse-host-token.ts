import { canonicaliseHost } from '../url/canonicalise-host.js';
import { plainHostEnd } from '../url/plain-host-end.js';
import { domainShapeProblem } from './domain-shape-problem.js';
import type { LineSink } from './line-sink.js';

const JUNK = /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/;
const SPACE = /\s/;
const CIDR = /^[0-9a-fA-F.:[\]]+\/\d{1,3}$/;

/**
 * Turns one host as written in a list into a `domain` or `ip` entry on `sink`, or rejects it
 * with a plain-words reason. A leading `*.` or `.` is dropped: a domain entry already covers
 * its subdomains. Plain lower-case hosts (the vast majority of lines) skip the canonicaliser;
 * everything else goes through `canonicaliseHost`, so lists and requests agree on IDN, case,
 * trailing dots and IPv4 notations.
 *
 * ### Examples
 * ```ts
 * parseHostToken('*.Blocked.Example.', sink); // sink.entry({ kind: 'domain', host: 'blocked.example' })
 * parseHostToken('0xC000020A', sink);         // sink.entry({ kind: 'ip', host: '192.0.2.10' })
 * ```
 */
export function parseHostToken(token: string, sink: LineSink): void {
  let text = token;
  if (text.startsWith('*.')) text = text.slice(2);
  else if (text.charCodeAt(0) === 46 && text.charCodeAt(1) !== 46) text = text.slice(1);
  if (plainHostEnd(text, 0) === text.length) {
    const problem = domainShapeProblem(text);
    if (problem === null) sink.entry({ kind: 'domain', host: text });
    else sink.reject(problem);
    return;
  }
  const problem = earlyProblem(text);
  if (problem !== null) {
    sink.reject(problem);
    return;
  }
  const host = canonicaliseHost(text);
  if (host === null) {
    sink.reject(
      text.includes('..')
        ? 'empty label (two dots in a row, or a leading dot)'
        : 'not a valid host name or IP address',
    );
    return;
  }
  if (host.hostKind !== 'domain') {
    sink.entry({ kind: 'ip', host: host.host });
    return;
  }
  const shape = domainShapeProblem(host.host);
  if (shape === null) sink.entry({ kind: 'domain', host: host.host });
  else sink.reject(shape);
}

function earlyProblem(text: string): string | null {
  if (text.length === 0) return 'empty host';
  if (JUNK.test(text)) return 'contains control characters or undecodable bytes';
  if (SPACE.test(text)) return 'spaces inside a host';
  if (CIDR.test(text)) return 'address ranges (CIDR) are not supported';
  if (text.includes('/')) return 'a path is not allowed here (use a urls list)';
  if (text.includes('*')) return 'wildcards inside a host are not supported';
  if (text.includes('@')) return 'user names are not allowed in a host';
  return null;
}
