import type { AlertLevel } from '../api/types.js';

/** A risk level's short word (badges, tiles) and its meaning (from the monitor). */
export interface LevelLabel {
  readonly word: string;
  readonly meaning: string;
}

/**
 * The five alert levels, most urgent last. The colour for each is in styles.css
 * (`--level-N-*`); every badge shows the number and word too, never colour alone.
 * NOTE: `meaning` keeps in sync with RISK_MEANINGS in src/monitor/risk-level.ts (alerts
 * carry it as `levelMeaning`; the dashboard's level tiles need it without an alert).
 */
export const LEVELS: Readonly<Record<AlertLevel, LevelLabel>> = Object.freeze({
  1: { word: 'Low', meaning: 'Low-level misuse' },
  2: { word: 'Moderate', meaning: 'A worrying pattern or inappropriate content' },
  3: { word: 'Concern', meaning: 'A concern to look at today' },
  4: { word: 'Serious', meaning: "Serious concern about a child's safety" },
  5: { word: 'Critical', meaning: 'Possible immediate risk to life, or illegal content' },
});

/** The levels in order, for tiles and the minimum-level filter. */
export const LEVEL_ORDER: readonly AlertLevel[] = [1, 2, 3, 4, 5];
