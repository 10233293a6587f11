import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { type LoadedConfig, resolveConfigPath } from '../config/load-config.js';
import { CATEGORY_BY_ID } from '../engine/categories/category-catalogue.js';
import { compilePhrases } from '../engine/phrases/compile-phrases.js';
import { parseE2guardianPhrases } from '../engine/phrases/parse-e2guardian-phrases.js';
import type { PhraseMatcher } from '../engine/phrases/phrase-matcher.js';
import type { PhraseRule } from '../engine/phrases/phrase-types.js';

/**
 * Reads the config's phrase lists (e2guardian syntax, any of its encodings, with
 * `.Include<>` resolved beside each file) and compiles them into one matcher. Rejected lines
 * are logged with file and line; a list that cannot be read is logged and skipped.
 * `builtIn` rules (Schoolgate's own safeguarding lists, when the monitor is on) are compiled
 * in with them, so page text is scored against both. Returns null when there are no rules.
 */
export async function loadPhraseLists(
  loaded: LoadedConfig,
  log: (message: string) => void,
  builtIn: readonly PhraseRule[] = [],
): Promise<PhraseMatcher | null> {
  const sources = loaded.config.phrases.sources;
  if (sources.length === 0 && builtIn.length === 0) return null;
  const rules: PhraseRule[] = [...builtIn];
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
  return compilePhrases(toKnownCategories(rules, loaded, log));
}

/**
 * Phrase lists name their own categories (e2guardian's `#listcategory: "Pornography"`);
 * a rule only acts when its category is one the policy knows. Names that differ only in
 * case and spacing are mapped (`Pornography` -> `pornography`); the rest are reported once,
 * because their phrases could never block or alert.
 */
function toKnownCategories(
  rules: readonly PhraseRule[],
  loaded: LoadedConfig,
  log: (message: string) => void,
): PhraseRule[] {
  const known = new Set([...CATEGORY_BY_ID.keys(), ...loaded.config.categories.map((c) => c.id)]);
  const unknown = new Map<string, number>();
  const mapped = rules.map((rule) => {
    if (known.has(rule.category)) return rule;
    const normalised = rule.category
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-');
    if (known.has(normalised)) return { ...rule, category: normalised };
    unknown.set(rule.category, (unknown.get(rule.category) ?? 0) + 1);
    return rule;
  });
  for (const [category, count] of unknown) {
    log(
      `phrase lists: ${count} rule(s) in category '${category}', which is not a Schoolgate category: they can never block or alert; set \`category:\` on the source`,
    );
  }
  return mapped;
}
