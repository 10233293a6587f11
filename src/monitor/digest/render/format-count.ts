/**
 * A count with thousands separators (`12,345`), the same whatever the runtime's locale, so
 * rendered reports (and the PDF's bytes) do not depend on the ICU build.
 *
 * ### Examples
 * ```ts
 * formatCount(1234567); // '1,234,567'
 * ```
 */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
