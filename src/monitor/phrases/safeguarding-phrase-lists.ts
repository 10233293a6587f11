import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  parseE2guardianPhrases,
  type RejectedLine,
} from '../../engine/phrases/parse-e2guardian-phrases.js';
import type { PhraseRule } from '../../engine/phrases/phrase-types.js';

/** One subject the safeguarding lists cover, and the Schoolgate category its rules score in. */
export interface SafeguardingTopic {
  readonly kind: 'SafeguardingTopic';
  /** Stable id, also the list file stem: `lists/<file>.<lang>.txt`. */
  readonly id: string;
  readonly label: string;
  /** A category id from `CATEGORY_BY_ID`; every file of the topic declares it. */
  readonly category: string;
  readonly file: string;
}

/** A language the lists are shipped in: ISO 639-1 code and English name. */
export interface SafeguardingLanguage {
  readonly code: string;
  readonly name: string;
}

const topic = (id: string, label: string, category: string): SafeguardingTopic =>
  Object.freeze({ kind: 'SafeguardingTopic', id, label, category, file: id });

/**
 * The topics of Schoolgate's own safeguarding phrase lists (issue 5), each scoring in one
 * category so the monitor can grade alerts per category. Weapons have their own topic and
 * category, apart from violence, because buying or making a weapon is a different concern
 * from threats or disclosures of violence.
 */
export const SAFEGUARDING_TOPICS: readonly SafeguardingTopic[] = Object.freeze([
  topic('self-harm', 'Suicide and self-harm', 'self-harm'),
  topic('eating-disorders', 'Eating disorders', 'eating-disorders'),
  topic('extremism', 'Extremism and radicalisation (PREVENT)', 'extremism'),
  topic('sexual-content', 'Sexual content', 'pornography'),
  topic('grooming', 'Grooming indicators', 'grooming'),
  topic('bullying', 'Bullying and abusive language', 'bullying'),
  topic('violence', 'Violence, threats and disclosures of abuse', 'violence'),
  topic('weapons', 'Weapons and explosives', 'weapons'),
  topic('drugs', 'Drugs', 'drugs'),
]);

/** The languages every topic is shipped in; English first, the others as UK pupils type them. */
export const SAFEGUARDING_LANGUAGES: readonly SafeguardingLanguage[] = Object.freeze(
  [
    { code: 'en', name: 'English' },
    { code: 'pl', name: 'Polish' },
    { code: 'ur', name: 'Urdu' },
    { code: 'pa', name: 'Punjabi' },
    { code: 'bn', name: 'Bengali' },
    { code: 'ro', name: 'Romanian' },
    { code: 'ar', name: 'Arabic' },
  ].map((language) => Object.freeze(language)),
);

/** Which lists to load. */
export interface LoadSafeguardingOptions {
  /** Language codes to load (default: all of `SAFEGUARDING_LANGUAGES`); unknown codes throw. */
  readonly languages?: readonly string[];
}

/** The rules of the loaded lists, the lines they refused, and how many files were read. */
export interface SafeguardingPhraseRules {
  readonly rules: PhraseRule[];
  readonly rejected: RejectedLine[];
  readonly files: number;
}

// NOTE: the lists ship beside this module; a build that moves it must copy `lists/` too.
const LISTS_DIR = new URL('./lists/', import.meta.url);

/**
 * Reads Schoolgate's safeguarding phrase lists from `lists/` beside this module, one file
 * per topic and language, as weighted rules with `source` `safeguarding/<topic>.<lang>`.
 * Each rule scores in its topic's category whatever the file header says, so a typo in a
 * header cannot send rules to another category (the tests check the headers agree).
 * Synchronous: it runs once, at start-up. A missing file throws (a broken install);
 * malformed lines come back in `rejected`, as the parser reports them.
 *
 * ### Examples
 * ```ts
 * const { rules, rejected } = loadSafeguardingPhraseRules({ languages: ['en', 'pl'] });
 * const matcher = compilePhrases(rules);
 * matcher.scan('how to kill myself').scores['self-harm']; // >= 200
 * ```
 */
export function loadSafeguardingPhraseRules(
  options: LoadSafeguardingOptions = {},
): SafeguardingPhraseRules {
  const languages = options.languages ?? SAFEGUARDING_LANGUAGES.map((l) => l.code);
  const shipped = new Set(SAFEGUARDING_LANGUAGES.map((l) => l.code));
  for (const code of languages) {
    if (!shipped.has(code)) {
      throw new RangeError(
        `no safeguarding phrase lists in language '${code}' (shipped: ${[...shipped].join(', ')})`,
      );
    }
  }
  const rules: PhraseRule[] = [];
  const rejected: RejectedLine[] = [];
  let files = 0;
  for (const code of new Set(languages)) {
    for (const { file, category } of SAFEGUARDING_TOPICS) {
      const name = `${file}.${code}`;
      const path = fileURLToPath(new URL(`${name}.txt`, LISTS_DIR));
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(path);
      } catch (error) {
        throw new Error(`safeguarding phrase list ${name} cannot be read`, { cause: error });
      }
      const parsed = parseE2guardianPhrases(bytes, {
        source: `safeguarding/${name}`,
        kind: 'weighted',
        category,
      });
      rules.push(...parsed.rules);
      rejected.push(...parsed.rejected);
      files++;
    }
  }
  return { rules, rejected, files };
}
