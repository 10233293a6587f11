/**
 * JSON text with object keys sorted (by UTF-16 code unit, as `Array.prototype.sort` does) at
 * every depth and no whitespace, so the same details always store, and hash, as the same
 * text whatever order the caller built the object in. Arrays keep their order.
 *
 * Expects a JSON value (the audit schema has already checked that: finite numbers, plain
 * objects, no `undefined`).
 *
 * ### Examples
 * ```ts
 * canonicalJson({ b: 1, a: [2, { d: null, c: 'x' }] }); // '{"a":[2,{"c":"x","d":null}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  // No prototype, so a `__proto__` key is kept as data instead of setting the prototype.
  const sorted: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value).sort()) {
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  }
  return sorted;
}
