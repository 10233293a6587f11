/**
 * Reads a stored list of group ids (`directory_people.groups` and `.classes`, and
 * `console_users.classes` hold JSON arrays of strings); anything else reads as no groups,
 * so one damaged row cannot stop a page from loading.
 *
 * ### Examples
 * ```ts
 * parseGroupList('["year7","7a"]'); // ['year7', '7a']
 * ```
 */
export function parseGroupList(json: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
