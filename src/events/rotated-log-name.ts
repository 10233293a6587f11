import { extname } from 'node:path';

/** A rotated access-log file: the UTC day its events belong to and its number within the day. */
export interface RotatedLog {
  readonly name: string;
  /** `YYYY-MM-DD`. */
  readonly day: string;
  /** 1 for the first file rotated that day, then 2, 3, ... */
  readonly sequence: number;
}

/**
 * Names for the files an access log rotates to: `access.ndjson` becomes
 * `access-2026-11-24-1.ndjson`, then `-2`, ... The name sorts by day then number when
 * parsed, and `parse` recognises only this log's own files (another log's `access-w2-...`
 * files in the same folder are left alone).
 *
 * ### Examples
 * ```ts
 * const names = rotatedLogName('access.ndjson');
 * names.format('2026-11-24', 3); // 'access-2026-11-24-3.ndjson'
 * names.parse('access-2026-11-24-3.ndjson'); // { name, day: '2026-11-24', sequence: 3 }
 * names.parse('other.txt'); // null
 * ```
 */
export function rotatedLogName(fileName: string): {
  format(day: string, sequence: number): string;
  parse(name: string): RotatedLog | null;
  /** Oldest first: by day, then by sequence. */
  compare(a: RotatedLog, b: RotatedLog): number;
} {
  const ext = extname(fileName);
  const base = fileName.slice(0, fileName.length - ext.length);
  const pattern = new RegExp(
    `^${escapeRegExp(base)}-(\\d{4}-\\d{2}-\\d{2})-([1-9]\\d{0,8})${escapeRegExp(ext)}$`,
  );
  return {
    format: (day, sequence) => `${base}-${day}-${sequence}${ext}`,
    parse(name) {
      const match = pattern.exec(name);
      return match === null ? null : { name, day: match[1]!, sequence: Number(match[2]) };
    },
    compare: (a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.sequence - b.sequence),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
