import type { LineSink } from './line-sink.js';
import { parseHostToken } from './parse-host-token.js';
import { parseHostsLine } from './parse-hosts-line.js';

const COSMETIC = /#[@?$%]?#|#@\$#|#@%#/;
const HOSTS_STYLE = /^\S+\s+\S/;
/** Options that do not narrow a whole-domain block, so the rule can become a domain entry. */
const HARMLESS_OPTIONS = new Set(['important', 'all', 'document', 'doc', 'popup']);

/**
 * Parses one trimmed line of an Adblock/AdGuard list, keeping what a DNS-level filter can
 * honour exactly: `||domain^` (optionally with options that do not narrow it, such as
 * `$important`), plain host lines and hosts-style lines. `!` lines and `[Adblock ...]`
 * headers are comments. Rules with a path, regexes, element hiding, `@@` exceptions,
 * narrowing options and AdGuard `$dnsrewrite` rewrites are rejected with the reason: turning
 * them into whole-domain blocks would block far more than the rule's author meant.
 *
 * ### Examples
 * ```ts
 * parseAdblockLine('||blocked.example^$important', sink); // domain entry
 * parseAdblockLine('||blocked.example/ads^', sink);       // rejected: path
 * parseAdblockLine('! Title: list', sink);                // skipped
 * ```
 */
export function parseAdblockLine(line: string, sink: LineSink): void {
  const first = line.charCodeAt(0);
  if (first === 33 /* ! */ || (first === 91 /* [ */ && line.endsWith(']'))) {
    sink.skip();
    return;
  }
  if (COSMETIC.test(line)) {
    sink.reject('element-hiding (cosmetic) rules are not supported');
    return;
  }
  if (first === 35 /* # */) {
    sink.skip();
    return;
  }
  if (line.startsWith('@@')) {
    sink.reject('exception rules (@@) are not supported; put the host on an allow list instead');
    return;
  }
  if (first === 47 /* / */) {
    sink.reject('regular-expression rules are not supported');
    return;
  }
  const dollar = line.indexOf('$');
  const body = dollar < 0 ? line : line.slice(0, dollar);
  const options = dollar < 0 ? [] : line.slice(dollar + 1).split(',');
  if (options.some((o) => o.startsWith('dnsrewrite'))) {
    sink.reject(
      'AdGuard $dnsrewrite rules are not supported (safe search is configured separately)',
    );
    return;
  }
  const narrowing = options.find((o) => !HARMLESS_OPTIONS.has(o.trim().toLowerCase()));
  if (narrowing !== undefined) {
    sink.reject(
      `adblock option $${narrowing.slice(0, 40)} narrows the rule; only whole-domain rules are supported`,
    );
    return;
  }
  if (body.startsWith('||')) {
    parseAnchoredDomain(body.slice(2), sink);
    return;
  }
  if (first === 124 /* | */) {
    sink.reject('address-anchored (|...) adblock rules are not supported');
    return;
  }
  if (HOSTS_STYLE.test(body)) {
    parseHostsLine(body, sink);
    return;
  }
  if (/[/^|]/.test(body)) {
    sink.reject('adblock rule with a path or pattern is not supported');
    return;
  }
  parseHostToken(body, sink);
}

function parseAnchoredDomain(rest: string, sink: LineSink): void {
  let end = rest.length;
  if (rest.endsWith('^|')) end -= 2;
  else if (rest.endsWith('^')) end -= 1;
  const host = rest.slice(0, end);
  if (host.includes('/')) {
    sink.reject('adblock rule with a path is not supported');
    return;
  }
  if (/[\^|*]/.test(host)) {
    sink.reject('adblock wildcard or separator inside a domain rule is not supported');
    return;
  }
  parseHostToken(host, sink);
}
