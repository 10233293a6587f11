import type { Automaton } from './aho-corasick.js';
import type { PhraseRule } from './phrase-types.js';

/**
 * The flat tables a scan needs, built once by `compilePhrases`. Phrase ids are the
 * automaton's pattern ids; `rules` holds only usable rules, and a rule's index there is
 * its id. Phrase `p` belongs to rules `phraseRuleIds[phraseRuleStart[p] ..
 * phraseRuleStart[p + 1]]`; rule `r` fires once `ruleNeed[r]` distinct phrases were seen.
 */
export interface CompiledPhrases {
  readonly kind: 'CompiledPhrases';
  readonly automaton: Automaton;
  readonly rules: readonly PhraseRule[];
  readonly phraseLength: Int32Array;
  readonly phraseRuleStart: Int32Array;
  readonly phraseRuleIds: Int32Array;
  readonly ruleNeed: Int32Array;
  /** Rule `r`'s phrase ids are `rulePhraseIds[rulePhraseStart[r] .. rulePhraseStart[r+1]]`. */
  readonly rulePhraseStart: Int32Array;
  readonly rulePhraseIds: Int32Array;
}
