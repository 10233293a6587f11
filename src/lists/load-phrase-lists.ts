import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { type LoadedConfig, resolveConfigPath } from '../config/load-config.js';
import { compilePhrases } from '../engine/phrases/compile-phrases.js';
import { parseE2guardianPhrases } from '../engine/phrases/parse-e2guardian-phrases.js';
import type { PhraseMatcher } from '../engine/phrases/phrase-matcher.js';
import type { PhraseRule } from '../engine/phrases/phrase-types.js';

/**
 * Reads the config's phrase lists (e2guardian syntax, any of its encodings, with
 * `.Include<>` resolved beside each file) and compiles them into one matcher. Rejected lines
 * are logged with file and line; a list that cannot be read is logged and skipped. Returns
 * null when the config names no phrase lists.
 */
export async function loadPhraseLists(
  loaded: LoadedConfig,
  log: (message: string) => void,
): Promise<PhraseMatcher | null> {
  const sources = loaded.config.phrases.sources;
  if (sources.length === 0) return null;
  const rules: PhraseRule[] = [];
  for (const source of sources) {
    const path = resolveConfigPath(loaded, source.path);
    if (!existsSync(path)) {
      log(`phrase list ${source.name}: file not found: ${path}`);
      continue;
    }
    const parsed = parseE2guardianPhrases(readFileSync(path), {
      source: source.name,
      kind: source.kind,
      category: source.category,
      readInclude: (include) => {
        const target = isAbsolute(include) ? include : resolve(dirname(path), include);
        return existsSync(target) ? readFileSync(target) : null;
      },
    });
    for (const line of parsed.rejected.slice(0, 5)) {
      log(`phrase list ${line.source}:${line.line}: ${line.problem}`);
    }
    if (parsed.rejected.length > 5)
      log(`phrase list ${source.name}: ${parsed.rejected.length} lines rejected in all`);
    rules.push(...parsed.rules);
  }
  return compilePhrases(rules);
}
