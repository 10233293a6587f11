import { queryParamStart } from './query-param-start.js';

/**
 * Sets parameter `name` to `value` in a raw query string (no leading `?`): every occurrence
 * of the key (compared percent-decoded, as servers do) gets the value, in place; when there is
 * none, `name=value` is appended. All other parameters keep their bytes and order. Returns
 * null when the query already says exactly that, which makes a rewrite idempotent.
 *
 * Every occurrence, not just the first: engines disagree on which duplicate wins, so
 * `safe=active&safe=off` must not survive in either reading.
 *
 * ### Examples
 * ```ts
 * setQueryParam('q=cats&safe=off&hl=en', 'safe', 'active'); // 'q=cats&safe=active&hl=en'
 * setQueryParam('q=cats', 'safe', 'active'); // 'q=cats&safe=active'
 * setQueryParam('q=cats&safe=active', 'safe', 'active'); // null
 * ```
 */
export function setQueryParam(query: string, name: string, value: string): string | null {
  let start = queryParamStart(query, name, 0);
  if (start < 0) return query === '' ? `${name}=${value}` : `${query}&${name}=${value}`;

  let out = '';
  let copied = 0; // query[0, copied) is already in `out`
  let changed = false;
  while (start >= 0) {
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    // The key runs back from `start` to the previous `&` (or the beginning).
    const keyStart = query.lastIndexOf('&', start - 1) + 1;
    const current = query.slice(keyStart, end);
    const wanted = `${name}=${value}`;
    if (current !== wanted) {
      out += query.slice(copied, keyStart) + wanted;
      copied = end;
      changed = true;
    }
    if (end >= query.length) break;
    start = queryParamStart(query, name, end + 1);
  }
  if (!changed) return null;
  return out + query.slice(copied);
}
