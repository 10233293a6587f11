import { formatCount } from '../format/format-count.js';

/** One headline number: its name, the count, and a line saying what it counts. */
export interface ReportTotal {
  readonly label: string;
  readonly value: number;
  readonly note: string;
}

/** A report's headline numbers as cards (a description list: name, then number). */
export function ReportTotals({ totals }: { readonly totals: readonly ReportTotal[] }) {
  return (
    <dl className="stat-cards report-totals">
      {totals.map((total) => (
        <div key={total.label} className="stat-card">
          <dt className="stat-card__label">{total.label}</dt>
          <dd className="stat-card__value">{formatCount(total.value)}</dd>
          <dd className="stat-card__note">{total.note}</dd>
        </div>
      ))}
    </dl>
  );
}
