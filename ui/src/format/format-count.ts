const numbers = new Intl.NumberFormat('en-GB');

/** A count with thousands separators ('12,345'), as every table and card shows them. */
export function formatCount(value: number): string {
  return numbers.format(value);
}
