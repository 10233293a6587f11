import type { Dashboard } from '../api/types.js';
import { LevelBadge } from '../components/level-badge.js';
import { formatCount } from '../format/format-count.js';
import { LEVEL_ORDER, LEVELS } from '../labels/levels.js';

/** Today's alerts by level: five tiles, most urgent first, each with its number and words. */
export function LevelTiles({ alertsToday }: { readonly alertsToday: Dashboard['alertsToday'] }) {
  const countOf = new Map(alertsToday.map((row) => [row.level, row.count]));
  return (
    <ul className="level-tiles">
      {[...LEVEL_ORDER].reverse().map((level) => {
        const count = countOf.get(level) ?? 0;
        return (
          <li
            key={level}
            className={`level-tile level-tile--${level}${count > 0 ? ' level-tile--some' : ''}`}
          >
            <LevelBadge level={level} />
            <span className="level-tile__count">
              {formatCount(count)}
              <span className="visually-hidden"> {count === 1 ? 'alert' : 'alerts'}</span>
            </span>
            <span className="level-tile__meaning">{LEVELS[level].meaning}</span>
          </li>
        );
      })}
    </ul>
  );
}
