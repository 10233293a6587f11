import { formatCount } from '../format/format-count.js';

/** One bar: what (`label`, shown and spoken) and how many. */
export interface BarDatum {
  readonly key: string;
  readonly label: string;
  readonly value: number;
}

const WIDTH = 520;
const ROW = 26;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 64;
const LABEL_CHARS = 28;

/**
 * A ranked list as horizontal SVG bars, longest first as given. The SVG is one image with
 * a spoken summary (`role="img"`, `aria-label`); the same numbers are in a visually hidden
 * table with a caption, for stepping through. Long labels are shortened in the picture
 * only (with the whole label as a tooltip); the table has them whole. With no rows, or only
 * zeros, it says `empty` instead of drawing nothing.
 */
export function BarChart({
  title,
  keyHeader,
  valueHeader,
  rows,
  empty,
}: {
  /** The chart's name: the table's caption and the start of the spoken summary. */
  readonly title: string;
  readonly keyHeader: string;
  /** What the numbers count ("Blocked attempts"). */
  readonly valueHeader: string;
  readonly rows: readonly BarDatum[];
  readonly empty: string;
}) {
  if (rows.every((r) => r.value === 0)) return <p className="panel__empty">{empty}</p>;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * ROW + 4;
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const summary = `${title}: ${rows.map((r) => `${r.label}, ${formatCount(r.value)}`).join('; ')}.`;
  return (
    <figure className="report-chart">
      <svg
        className="report-chart__svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={summary}
        preserveAspectRatio="xMinYMin meet"
      >
        {rows.map((r, i) => {
          const y = i * ROW + 2;
          const width = Math.max(r.value > 0 ? 2 : 0, Math.round((r.value / max) * plot));
          return (
            <g key={r.key}>
              <text className="report-chart__label" x={LABEL_WIDTH - 8} y={y + 16} textAnchor="end">
                {r.label.length > LABEL_CHARS ? `${r.label.slice(0, LABEL_CHARS - 1)}…` : r.label}
                <title>{r.label}</title>
              </text>
              <rect
                className="report-chart__bar"
                x={LABEL_WIDTH}
                y={y + 3}
                width={width}
                height={ROW - 8}
                rx={3}
              />
              <text className="report-chart__value" x={LABEL_WIDTH + width + 6} y={y + 16}>
                {formatCount(r.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeader}</th>
            <th scope="col">{valueHeader}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{formatCount(r.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
