const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` as midnight UTC of that date, or a `RangeError` when it is not a real date. */
export function parseDate(date: string): number {
  const match = DATE.exec(date);
  const [year, month, day] = match === null ? [0, 0, 0] : match.slice(1).map(Number);
  const ms = Date.UTC(year!, month! - 1, day!);
  if (match === null || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`'${date}' is not a date YYYY-MM-DD`);
  }
  return ms;
}
