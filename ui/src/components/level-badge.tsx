import type { AlertLevel } from '../api/types.js';
import { LEVELS } from '../labels/levels.js';

/**
 * An alert level as a badge: its colour, number and word ("4 Serious"), read as "Level 4,
 * Serious". The meaning is in the tooltip; the colour never carries the level alone.
 */
export function LevelBadge({
  level,
  meaning,
}: {
  readonly level: AlertLevel;
  /** The alert's `levelMeaning`; defaults to the UI's copy of the meanings. */
  readonly meaning?: string;
}) {
  const label = LEVELS[level];
  return (
    <span className={`level level--${level}`} title={meaning ?? label.meaning}>
      <span className="visually-hidden">Level </span>
      <span className="level__number">{level}</span>
      <span className="visually-hidden">, </span>
      <span className="level__word">{label.word}</span>
    </span>
  );
}
