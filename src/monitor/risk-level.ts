/**
 * How urgent an alert is, 1 to 5, each with a written meaning the DSL sees beside it. The
 * numbers are stored: never renumber; the wording may improve.
 *
 * | level | meaning | delivery |
 * | --- | --- | --- |
 * | 5 | possible immediate risk to life, or illegal content | at once, by e-mail and webhook, quiet hours ignored |
 * | 4 | serious concern about a child's safety | at once, by e-mail and webhook, quiet hours ignored |
 * | 3 | concern to look at today | the console queue and the daily digest |
 * | 2 | worrying pattern or inappropriate content | the daily digest |
 * | 1 | low-level misuse | the weekly digest |
 */
export type RiskLevel = 1 | 2 | 3 | 4 | 5;

export const RISK_LEVELS: readonly RiskLevel[] = [1, 2, 3, 4, 5];

/** The written meaning of each level, for alerts, e-mails and digests. */
export const RISK_MEANINGS: Readonly<Record<RiskLevel, string>> = Object.freeze({
  5: 'Possible immediate risk to life, or illegal content',
  4: "Serious concern about a child's safety",
  3: 'A concern to look at today',
  2: 'A worrying pattern or inappropriate content',
  1: 'Low-level misuse',
});

/** Levels that are sent at once and never held back by quiet hours. */
export function isUrgent(level: RiskLevel): boolean {
  return level >= 4;
}

/**
 * `level` moved by `steps` (negative to lower it), kept within 1..5: repeated attempts raise
 * a level, an expected-activity notice lowers one by one, never below 1.
 *
 * ### Examples
 * ```ts
 * shiftRiskLevel(3, 1); // 4
 * shiftRiskLevel(1, -1); // 1
 * ```
 */
export function shiftRiskLevel(level: RiskLevel, steps: number): RiskLevel {
  return Math.max(1, Math.min(5, level + Math.trunc(steps))) as RiskLevel;
}

/** True for a value that is a risk level (input from config files and the API). */
export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}
