import { canonicaliseHost } from '../url/canonicalise-host.js';
import type { LineSink } from './line-sink.js';
import { parseHostToken } from './parse-host-token.js';
import { stripHashComment } from './strip-hash-comment.js';

const WHITESPACE = /\s+/;

/** Names hosts files map to themselves; they are housekeeping, not blocking entries. */
const SELF_ENTRIES = new Set([
  'localhost',
  'localhost.localdomain',
  'local',
  'broadcasthost',
  'ip6-localhost',
  'ip6-loopback',
  'ip6-localnet',
  'ip6-mcastprefix',
  'ip6-allnodes',
  'ip6-allrouters',
  'ip6-allhosts',
  '0.0.0.0',
]);

/**
 * Parses one trimmed line of a hosts file: `0.0.0.0 host [host2 ...]` (any address; the
 * address itself is ignored, the names are what a blocklist means), `#` comments, also at the
 * end of a line. Self-entries such as `127.0.0.1 localhost` are skipped. A line holding only
 * a host name is accepted as that domain, as some published hosts files mix the two.
 *
 * ### Examples
 * ```ts
 * parseHostsLine('0.0.0.0 blocked.example www.blocked.example # ads', sink); // two domain entries
 * parseHostsLine('127.0.0.1 localhost', sink);                               // skipped
 * ```
 */
export function parseHostsLine(line: string, sink: LineSink): void {
  const text = stripHashComment(line);
  if (text.length === 0) {
    sink.skip();
    return;
  }
  const tokens = text.split(WHITESPACE);
  const first = tokens[0]!;
  const address = canonicaliseHost(first);
  if (address === null || address.hostKind === 'domain') {
    if (tokens.length === 1) parseHostToken(first, sink);
    else sink.reject('hosts line must start with an IP address');
    return;
  }
  if (tokens.length === 1) {
    sink.reject('hosts line has an address but no host name');
    return;
  }
  for (let i = 1; i < tokens.length; i++) {
    const name = tokens[i]!;
    if (SELF_ENTRIES.has(name.toLowerCase())) sink.skip();
    else parseHostToken(name, sink);
  }
}
