import type { IndexMatch } from '../index/category-index.js';

/**
 * Joins two index matches for one request (the URL itself and the address it wraps or
 * embeds), keeping the first's entries first and each category once. Either may be null.
 */
export function mergeMatches(
  first: IndexMatch | null,
  second: IndexMatch | null,
): IndexMatch | null {
  if (second === null) return first;
  if (first === null) return second;
  const categories = [...first.categories];
  for (const category of second.categories)
    if (!categories.includes(category)) categories.push(category);
  return { categories, entries: [...first.entries, ...second.entries] };
}
