import { useState } from 'react';
import type { ListCategory } from '../api/lists-api.js';
import { formatCount } from '../format/format-count.js';
import { LockIcon } from '../policy/lock-icon.js';
import {
  CATALOGUE_ORDER,
  type CategorySort,
  type CategorySortKey,
  nextSort,
  sortCategories,
} from './sort-categories.js';
import { SortHeader } from './sort-header.js';
import { SourceLine } from './source-line.js';
import { TimeAgo } from './time-ago.js';

/**
 * Every category with its entries in the compiled index, its sources and when they last
 * changed. Categories with no entries stay in the table, marked, so a gap is seen. Sorted by
 * the catalogue (illegal-content lists first) until a column header is chosen.
 */
export function CategoriesTable({
  categories,
  now,
}: {
  readonly categories: readonly ListCategory[];
  readonly now: number;
}) {
  const [sort, setSort] = useState<CategorySort>(CATALOGUE_ORDER);
  const rows = sortCategories(categories, sort);
  const empty = categories.filter((c) => c.entries === 0).length;
  const onSort = (column: Exclude<CategorySortKey, 'catalogue'>) =>
    setSort((current) => nextSort(current, column));
  return (
    <div className="table-wrap">
      <table className="table lists-table">
        <caption className="table__caption">
          Categories <span className="table__count">{categories.length}</span>
          {empty > 0 && (
            <span className="lists-caption-note">
              {empty} with no entries: nothing puts a site in them.
            </span>
          )}
          {sort.key !== 'catalogue' && (
            <button
              type="button"
              className="link-button lists-caption-reset"
              onClick={() => setSort(CATALOGUE_ORDER)}
            >
              Back to the catalogue order
            </button>
          )}
        </caption>
        <thead>
          <tr>
            <SortHeader column="label" sort={sort} onSort={onSort}>
              Category
            </SortHeader>
            <SortHeader column="entries" sort={sort} onSort={onSort} className="num">
              Entries
            </SortHeader>
            <th scope="col">Sources</th>
            <SortHeader column="updated" sort={sort} onSort={onSort}>
              Last updated
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((category) => (
            <tr key={category.id} className={category.entries === 0 ? 'lists-row--gap' : undefined}>
              <th scope="row" title={category.description || undefined}>
                <span className="lists-category">{category.label}</span>
                <span className="lists-category__id">
                  <code>{category.id}</code>
                  {category.origin === 'config' && ' · the school’s own'}
                  {category.origin === 'index' && ' · not in the configuration'}
                </span>
                {category.mandatory && (
                  <span className="lists-mandatory">
                    <LockIcon /> mandatory: blocked for everyone
                  </span>
                )}
              </th>
              <td className="num">
                {category.entries === 0 ? (
                  <span className="lists-gap">0</span>
                ) : (
                  formatCount(category.entries)
                )}
              </td>
              <td>
                {category.sources.length === 0 ? (
                  <span className="lists-muted">No list feeds this category.</span>
                ) : (
                  <ul className="lists-sources">
                    {category.sources.map((source) => (
                      <SourceLine key={source.name} source={source} />
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <TimeAgo ms={category.updatedMs} now={now} never="—" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
