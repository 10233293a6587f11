import { detectListFormat } from './detect-list-format.js';
import type { LineSink } from './line-sink.js';
import type { ListEntry, ListFormat, RejectedLine } from './list-entry.js';
import type { ListInclude } from './list-include.js';
import { parseAdblockLine } from './parse-adblock-line.js';
import { parseDomainLine } from './parse-domain-line.js';
import { parseE2guardianLine } from './parse-e2guardian-line.js';
import { parseHostsLine } from './parse-hosts-line.js';
import type { ParseListResult } from './parse-list-result.js';
import { parseUrlLine } from './parse-url-line.js';

const MAX_REJECTED_TEXT = 200;

type ResolvedFormat = Exclude<ListFormat, 'auto'>;

/** One line parser per format. NOTE: keep in sync with the formats table in README.md. */
const LINE_PARSERS: Readonly<Record<ResolvedFormat, (line: string, sink: LineSink) => void>> = {
  domains: parseDomainLine,
  hosts: parseHostsLine,
  adblock: parseAdblockLine,
  urls: parseUrlLine,
  'e2guardian-sites': (line, sink) => parseE2guardianLine(line, 'sites', sink),
  'e2guardian-urls': (line, sink) => parseE2guardianLine(line, 'urls', sink),
};

/** Collects one parse: dedupes entries, numbers rejected lines, counts skips. */
class Collector implements LineSink {
  readonly entries: ListEntry[] = [];
  readonly rejected: RejectedLine[] = [];
  readonly includes: ListInclude[] = [];
  skipped = 0;
  line = 0;
  text = '';
  readonly #seen = new Set<string>();
  readonly #source: string;

  constructor(source: string) {
    this.#source = source;
  }

  entry(entry: ListEntry): void {
    const key = entry.kind === 'url' ? entry.host + entry.path : entry.host;
    if (this.#seen.has(key)) {
      this.skipped++;
      return;
    }
    this.#seen.add(key);
    this.entries.push(entry);
  }

  reject(problem: string): void {
    const text =
      this.text.length > MAX_REJECTED_TEXT ? this.text.slice(0, MAX_REJECTED_TEXT) : this.text;
    this.rejected.push({ source: this.#source, line: this.line, text, problem });
  }

  skip(): void {
    this.skipped++;
  }

  include(path: string): void {
    this.includes.push({ source: this.#source, line: this.line, path });
  }
}

/**
 * Parses the text of one category list into canonical entries. Every line is stripped of
 * CR, BOM and surrounding whitespace; blanks, comments and exact duplicates (after
 * canonicalisation) are counted in `skipped`; unusable lines are returned in `rejected` with
 * their 1-based line number and a plain-words problem. Never throws. Hosts go through the
 * same canonicaliser as requests, so IDN, case, trailing dots and IPv4 notations agree.
 * Plain lower-case host lines take a fast path (no `URL` object per line).
 *
 * ### Examples
 * ```ts
 * const list = parseList('blocked.example\n# note\nBLOCKED.example.\n', {
 *   source: 'ut1/gambling/domains',
 *   format: 'domains',
 * });
 * // list.entries: [{ kind: 'domain', host: 'blocked.example' }], list.skipped: 2
 * ```
 */
export function parseList(
  text: string,
  options: { readonly source: string; readonly format: ListFormat },
): ParseListResult {
  const format = options.format === 'auto' ? detectListFormat(text) : options.format;
  const parseLine = LINE_PARSERS[format];
  const sink = new Collector(options.source);
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNumber = 0;
  while (pos < n) {
    const nl = text.indexOf('\n', pos);
    let end = nl < 0 ? n : nl;
    lineNumber++;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    let line = text.slice(pos, end);
    pos = nl < 0 ? n : nl + 1;
    if (
      line.length > 0 &&
      (needsTrim(line.charCodeAt(0)) || needsTrim(line.charCodeAt(line.length - 1)))
    ) {
      line = line.trim();
    }
    sink.line = lineNumber;
    sink.text = line;
    if (line.length === 0) {
      sink.skipped++;
      continue;
    }
    try {
      parseLine(line, sink);
    } catch {
      // A parser bug must cost one line, not the whole list.
      sink.reject('internal error while parsing this line');
    }
  }
  return {
    source: options.source,
    format,
    entries: sink.entries,
    rejected: sink.rejected,
    skipped: sink.skipped,
    includes: sink.includes,
  };
}

function needsTrim(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}
