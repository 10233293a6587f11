/**
 * One formatter for every page: built once because `Intl.DateTimeFormat` construction is
 * far slower than formatting, and a block page must be cheap to serve.
 */
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  dateStyle: 'full',
  timeStyle: 'long',
});

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  dateStyle: 'long',
});

/**
 * A moment in words as people in a UK school read it, with GMT or BST stated so a
 * screenshot of a block page is unambiguous. `dateOnly` drops the time of day.
 *
 * ### Examples
 * ```ts
 * formatLondonTime(new Date('2025-06-03T13:05:09Z')); // 'Tuesday, 3 June 2025 at 14:05:09 BST'
 * formatLondonTime(new Date('2025-12-01T09:00:00Z'), true); // '1 December 2025'
 * ```
 */
export function formatLondonTime(at: Date, dateOnly = false): string {
  if (Number.isNaN(at.getTime())) return 'unknown time';
  return (dateOnly ? LONDON_DATE : LONDON).format(at);
}
