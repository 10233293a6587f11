/** The most bytes a name may take: the zip headers hold its length in 16 bits. */
const MAX_NAME_BYTES = 0xffff;

/**
 * Characters no entry name may hold: control characters (including NUL, which C unzippers
 * read as the end of the name), the backslash (Windows tools treat it as a folder separator,
 * so `a\..\..\x` would escape) and the colon (`C:x` is a drive on Windows).
 */
const FORBIDDEN = /[\u0000-\u001f\u007f\\:]/;
/** Half of a UTF-16 pair on its own: it has no UTF-8 form (with `u`, a proper pair is one code point). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Checks that `name` is safe as a zip entry name and returns it: a relative path of
 * `/`-separated segments, none empty, `.` or `..`, with no control characters, backslash or
 * colon, at most 65,535 UTF-8 bytes. Unzipping such a name can only create files inside the
 * folder the person unzips into ("zip slip" is not possible). Throws a `TypeError` naming the
 * problem otherwise.
 *
 * ### Examples
 * ```ts
 * checkZipEntryName('events.csv'); // 'events.csv'
 * checkZipEntryName('holds/h-1.json'); // 'holds/h-1.json'
 * checkZipEntryName('../etc/passwd'); // throws TypeError
 * ```
 */
export function checkZipEntryName(name: string): string {
  const problem = nameProblem(name);
  if (problem !== undefined) {
    throw new TypeError(`zip entry name ${JSON.stringify(name)} is not allowed: ${problem}`);
  }
  return name;
}

function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (LONE_SURROGATE.test(name)) return 'it has a broken character';
  if (FORBIDDEN.test(name)) return 'it has a control character, backslash or colon';
  if (name.startsWith('/')) return 'it is an absolute path';
  for (const segment of name.split('/')) {
    if (segment === '') return 'it has an empty path segment';
    if (segment === '.' || segment === '..') return `it has a '${segment}' path segment`;
  }
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return 'it is too long';
  return undefined;
}
