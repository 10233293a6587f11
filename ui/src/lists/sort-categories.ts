import type { ListCategory } from '../api/lists-api.js';

/** The orders the categories table offers; `catalogue` is the server's (illegal lists first). */
export type CategorySortKey = 'catalogue' | 'label' | 'entries' | 'updated';

export interface CategorySort {
  readonly key: CategorySortKey;
  readonly descending: boolean;
}

/** The table's first order: the catalogue's, as reports list categories. */
export const CATALOGUE_ORDER: CategorySort = Object.freeze({ key: 'catalogue', descending: false });

const updated = (c: ListCategory) => c.updatedMs ?? Number.NEGATIVE_INFINITY;

/** Each column's order, ascending. */
const COMPARE: Readonly<
  Record<Exclude<CategorySortKey, 'catalogue'>, (a: ListCategory, b: ListCategory) => number>
> = {
  label: (a, b) => a.label.localeCompare(b.label, 'en-GB', { sensitivity: 'base' }),
  entries: (a, b) => a.entries - b.entries,
  updated: (a, b) => updated(a) - updated(b),
};

/**
 * The categories in the chosen order; ties (and `catalogue`) keep the server's order, so the
 * table never shuffles rows that compare equal. Categories never updated sort as oldest.
 *
 * ### Examples
 * ```ts
 * sortCategories(categories, { key: 'entries', descending: true })[0]; // the largest list
 * ```
 */
export function sortCategories(
  categories: readonly ListCategory[],
  sort: CategorySort,
): ListCategory[] {
  const rows = categories.map((category, position) => ({ category, position }));
  if (sort.key === 'catalogue') return rows.map((r) => r.category);
  const sign = sort.descending ? -1 : 1;
  const compare = COMPARE[sort.key];
  return rows
    .sort((a, b) => sign * compare(a.category, b.category) || a.position - b.position)
    .map((r) => r.category);
}

/**
 * The sort after a click on a column's header: the same column flips direction; a new one
 * starts the way people look at it first (names A to Z, biggest lists and newest first).
 */
export function nextSort(
  current: CategorySort,
  key: Exclude<CategorySortKey, 'catalogue'>,
): CategorySort {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key !== 'label' };
}
