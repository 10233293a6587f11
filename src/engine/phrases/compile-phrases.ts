import { EngineError } from '../engine-error.js';
import { buildAutomaton } from './aho-corasick.js';
import type { CompiledPhrases } from './compiled-phrases.js';
import { foldPhrase } from './fold-phrase.js';
import type { PhraseMatcher, PhraseScanOptions, PhraseStream } from './phrase-matcher.js';
import type { PhraseRule, PhraseScan } from './phrase-types.js';
import { ScanSession } from './scan-session.js';

/**
 * Compiles phrase rules into one Aho-Corasick automaton over their folded phrases, so a
 * text is scanned once whatever the number of rules. Scoring follows the contract in
 * `phrase-types.ts`: a rule counts once per text however often its phrases occur (unlike
 * e2guardian, which adds the weight per occurrence: a long harmless page that repeats one
 * word must not outscore a short page with several distinct signals); a combination fires
 * when all its phrases occur anywhere; `banned` and `exception` rules set their flags.
 * Rules whose phrases fold to nothing are kept aside in `skipped`; a structurally broken
 * rule (unknown kind, no phrases, non-finite weight) makes the whole list unusable and
 * throws `SG_ERR_PHRASE_LIST`.
 *
 * ### Examples
 * ```ts
 * const m = compilePhrases([
 *   { kind: 'weighted', phrases: ['free prize'], weight: 40, category: 'spam', source: 'demo', line: 1 },
 * ]);
 * m.scan('Claim your FREE  pr1ze!').scores; // { spam: 40 }
 * ```
 */
export function compilePhrases(rules: readonly PhraseRule[]): PhraseMatcher {
  const compiled = compile(rules);
  const shared = new ScanSession(compiled.tables);
  return Object.freeze({
    kind: 'PhraseMatcher',
    skipped: compiled.skipped,
    phraseCount: compiled.tables.phraseLength.length,
    stateCount: compiled.tables.automaton.stateCount,
    scan(text: string, options?: PhraseScanOptions): PhraseScan {
      shared.reset(options?.html === true, options?.maxBytes ?? Number.POSITIVE_INFINITY);
      shared.push(text);
      return shared.end();
    },
    stream(options?: PhraseScanOptions): PhraseStream {
      const session = new ScanSession(compiled.tables);
      session.reset(options?.html === true, options?.maxBytes ?? DEFAULT_STREAM_WINDOW);
      return session;
    },
  });
}

/** Default scan window for streams: enough for the text of nearly every page. */
const DEFAULT_STREAM_WINDOW = 2 * 1024 * 1024;

const KINDS: ReadonlySet<string> = new Set(['weighted', 'banned', 'exception']);

function compile(rules: readonly PhraseRule[]): {
  tables: CompiledPhrases;
  skipped: readonly PhraseRule[];
} {
  const phraseIds = new Map<string, number>();
  const patterns: string[] = [];
  const usable: PhraseRule[] = [];
  const skipped: PhraseRule[] = [];
  const rulePhrases: number[][] = [];
  for (const rule of rules) {
    check(rule);
    const ids: number[] = [];
    let empty = false;
    for (const phrase of rule.phrases) {
      const folded = foldPhrase(phrase);
      empty = folded.length === 0;
      if (empty) break;
      let id = phraseIds.get(folded);
      if (id === undefined) {
        id = patterns.length;
        phraseIds.set(folded, id);
        patterns.push(folded);
      }
      if (!ids.includes(id)) ids.push(id);
    }
    if (empty) {
      skipped.push(rule);
      continue;
    }
    usable.push(rule);
    rulePhrases.push(ids);
  }

  const phraseLength = new Int32Array(patterns.length);
  for (let p = 0; p < patterns.length; p++) phraseLength[p] = patterns[p]!.length;
  const ruleNeed = new Int32Array(usable.length);
  const rulePhraseStart = new Int32Array(usable.length + 1);
  const phraseRuleStart = new Int32Array(patterns.length + 1);
  for (let r = 0; r < usable.length; r++) {
    const ids = rulePhrases[r]!;
    ruleNeed[r] = ids.length;
    rulePhraseStart[r + 1] = rulePhraseStart[r]! + ids.length;
    for (const id of ids) phraseRuleStart[id + 1]!++;
  }
  for (let p = 0; p < patterns.length; p++) phraseRuleStart[p + 1]! += phraseRuleStart[p]!;
  const rulePhraseIds = new Int32Array(rulePhraseStart[usable.length]!);
  const phraseRuleIds = new Int32Array(rulePhraseIds.length);
  const fill = phraseRuleStart.slice(0, patterns.length);
  for (let r = 0; r < usable.length; r++) {
    const ids = rulePhrases[r]!;
    for (let k = 0; k < ids.length; k++) {
      rulePhraseIds[rulePhraseStart[r]! + k] = ids[k]!;
      phraseRuleIds[fill[ids[k]!]!++] = r;
    }
  }

  const tables: CompiledPhrases = Object.freeze({
    kind: 'CompiledPhrases',
    automaton: buildAutomaton(patterns),
    rules: Object.freeze(usable),
    phraseLength,
    phraseRuleStart,
    phraseRuleIds,
    ruleNeed,
    rulePhraseStart,
    rulePhraseIds,
  });
  return { tables, skipped: Object.freeze(skipped) };
}

function check(rule: PhraseRule): void {
  const where = `${rule.source}`;
  if (!KINDS.has(rule.kind)) {
    throw EngineError.create('SG_ERR_PHRASE_LIST', where, `line ${rule.line}: unknown kind`);
  }
  if (!Array.isArray(rule.phrases) || rule.phrases.length === 0) {
    throw EngineError.create('SG_ERR_PHRASE_LIST', where, `line ${rule.line}: no phrases`);
  }
  if (!Number.isFinite(rule.weight) || typeof rule.category !== 'string') {
    throw EngineError.create(
      'SG_ERR_PHRASE_LIST',
      where,
      `line ${rule.line}: weight or category invalid`,
    );
  }
}
