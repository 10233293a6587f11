import type { IndexSource } from '../../../src/engine/index/category-index.js';
import type { IndexBuildList } from '../../../src/engine/index/index-build-input.js';
import type { ListEntry } from '../../../src/engine/lists/list-entry.js';

/** A source record for tests; the counts are not checked by the index. */
export function source(name: string): IndexSource {
  return { name, sha256: 'a'.repeat(64), entries: 0, rejected: 0 };
}

/** Parses the tests' shorthand: `1.2.3.4` / `::1` are IPs, `host/path` URLs, else domains. */
export function entry(text: string): ListEntry {
  const slash = text.indexOf('/');
  if (slash > 0) return { kind: 'url', host: text.slice(0, slash), path: text.slice(slash) };
  if (text.includes(':') || /^[0-9.]+$/.test(text)) return { kind: 'ip', host: text };
  return { kind: 'domain', host: text };
}

/** One list in `category` from `sourceName` holding the shorthand entries. */
export function list(
  category: string,
  sourceName: string,
  entries: readonly string[],
): IndexBuildList {
  return { category, source: source(sourceName), entries: entries.map(entry) };
}
