import type { RiskLevel } from '../risk-level.js';

/**
 * How serious each category of concern is, as the level of an alert about a request the
 * policy let through with `alert` (or page text that reached it). A blocked attempt is one
 * level lower (the child was protected; the attempt still says something), except illegal
 * content, which is always 5. Categories not listed raise alerts only through an `alert`
 * rule (level 2) or repeated attempts (level 1).
 */
export const CONCERN_LEVELS: ReadonlyMap<string, RiskLevel> = new Map<string, RiskLevel>([
  ['iwf-child-abuse', 5],
  ['ctiru-terrorism', 5],
  ['self-harm', 4],
  ['extremism', 4],
  ['grooming', 4],
  ['eating-disorders', 3],
  ['pornography', 3],
  ['weapons', 3],
  ['hate-speech', 3],
  ['violence', 3],
  ['drugs', 2],
  ['bullying', 2],
  ['discrimination', 2],
]);

/** Illegal-content categories: any request, allowed or not, is level 5. */
export const ILLEGAL_CATEGORIES: ReadonlySet<string> = new Set([
  'iwf-child-abuse',
  'ctiru-terrorism',
]);

/**
 * The level a safeguarding phrase score earns, on the lists' scale
 * (`src/monitor/phrases/README.md`): `alertScore` (60 by default) is the least worth an
 * alert, 100 a strong indicator, 150 a serious concern, 200 a possible risk to life.
 * Returns null below `alertScore`.
 *
 * ### Examples
 * ```ts
 * levelForScore(130, 60); // 3
 * levelForScore(40, 60); // null
 * ```
 */
export function levelForScore(score: number, alertScore: number): RiskLevel | null {
  if (score < alertScore) return null;
  if (score >= 200) return 5;
  if (score >= 150) return 4;
  if (score >= 100) return 3;
  return 2;
}
