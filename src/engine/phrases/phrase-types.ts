/**
 * Types shared by the phrase scanner's parts. Semantics follow e2guardian: a text's score
 * in a category is the sum of the weights of the distinct phrases (and phrase combinations)
 * found in it; negative weights are benign context; a `banned` phrase blocks outright; an
 * `exception` phrase clears the text.
 */
export type PhraseKind = 'weighted' | 'banned' | 'exception';

/** One rule: a single phrase, or a combination whose every phrase must occur. */
export interface PhraseRule {
  readonly kind: PhraseKind;
  /** One phrase, or several for a combination (`<a>,<b><10>`). As written, before folding. */
  readonly phrases: readonly string[];
  /** Weight for `weighted` rules (may be negative); 0 for `banned` and `exception`. */
  readonly weight: number;
  readonly category: string;
  /** Where the rule came from, for reasons: `e2guardian/weighted/pornography` line 12. */
  readonly source: string;
  readonly line: number;
}

/** One rule that fired while scanning. */
export interface PhraseHit {
  readonly rule: PhraseRule;
  /** A short stretch of the normalised text around the first match (the alert snippet). */
  readonly snippet: string;
}

/** The outcome of scanning one text or stream. */
export interface PhraseScan {
  /** Category -> summed weight of the weighted rules that fired. */
  readonly scores: Readonly<Record<string, number>>;
  /** Every rule that fired, weighted, banned and exception alike. */
  readonly hits: readonly PhraseHit[];
  /** True when any `banned` rule fired. */
  readonly banned: boolean;
  /** True when any `exception` rule fired. */
  readonly exception: boolean;
}
