import { CATEGORY_BY_ID } from '../../../engine/categories/category-catalogue.js';

/**
 * A category's plain name for a page (`Games`), from the catalogue; a local category the
 * catalogue does not know is shown by its id. The result is plain text, not yet escaped.
 *
 * ### Examples
 * ```ts
 * categoryLabel('games'); // 'Games'
 * categoryLabel('local-thing'); // 'local-thing'
 * ```
 */
export function categoryLabel(id: string): string {
  return CATEGORY_BY_ID.get(id)?.label ?? id;
}
