import type { CellTarget } from './cell-target.js';
import type { CellDescription } from './describe-cell.js';

/**
 * The line above the grid: the pointed-at or focused cell's rule and where it comes from,
 * or how to use the grid. Screen readers get the same from each cell's name and
 * description, so this line is not a live region.
 */
export function CellInfo({
  target,
  description,
  canChange,
}: {
  readonly target: CellTarget | null;
  readonly description: CellDescription | undefined;
  readonly canChange: boolean;
}) {
  if (target === null || description === undefined) {
    return (
      <p className="policy-info policy-info--hint">
        Point at a cell, or move to it with the arrow keys, to see its rule and where it comes from.
        {canChange
          ? ' Select a cell (or press Enter) to change it; mandatory ones are locked.'
          : ''}
      </p>
    );
  }
  return (
    <p className="policy-info">
      <strong>
        {target.category.label} for {target.group.label}:
      </strong>{' '}
      <span className="policy-info__rule">{target.rule.rule}</span>.{' '}
      <span className="policy-info__source">{description.detail}</span>
    </p>
  );
}
