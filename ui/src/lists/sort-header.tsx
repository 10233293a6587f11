import type { ReactNode } from 'react';
import type { CategorySort, CategorySortKey } from './sort-categories.js';

/**
 * A column header that sorts the table: a button inside the `th` (so it is in the tab order
 * and says what it does), with `aria-sort` on the header of the column the rows are sorted by.
 */
export function SortHeader({
  column,
  sort,
  onSort,
  className,
  children,
}: {
  readonly column: Exclude<CategorySortKey, 'catalogue'>;
  readonly sort: CategorySort;
  readonly onSort: (column: Exclude<CategorySortKey, 'catalogue'>) => void;
  readonly className?: string;
  readonly children: ReactNode;
}) {
  const active = sort.key === column;
  const direction = sort.descending ? 'descending' : 'ascending';
  return (
    <th scope="col" className={className} aria-sort={active ? direction : undefined}>
      <button type="button" className="lists-sort" onClick={() => onSort(column)}>
        {children}
        <span className="lists-sort__arrow" aria-hidden="true">
          {active ? (sort.descending ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}
