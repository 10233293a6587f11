import { formatCount } from '../format/format-count.js';

/** One column of a time series: its slot (`label` under it, `name` spoken) and its count. */
export interface ColumnDatum {
  readonly key: string;
  /** Short, under the column: `09:00`, `Tue 24 Nov`. */
  readonly label: string;
  readonly value: number;
  /** A part of `value` drawn darker at the foot of the column (blocked of all requests). */
  readonly part?: number;
}

const WIDTH = 1000;
const HEIGHT = 200;
const AXIS = 26;
const TOP = 16;
const GAP_SHARE = 0.25;
/** At most this many labels under the columns; the others are left out of the picture only. */
const MAX_LABELS = 12;

/**
 * A time series (per hour or per day) as SVG columns, oldest first. As `BarChart`, one image
 * with a spoken summary plus a visually hidden table of every slot. With `partHeader`, each
 * column shows a part of its count darker (blocked attempts among requests), in the table
 * as a second column and in a small legend. Says `empty` when every count is zero.
 */
export function ColumnChart({
  title,
  keyHeader,
  valueHeader,
  partHeader,
  rows,
  empty,
}: {
  readonly title: string;
  readonly keyHeader: string;
  readonly valueHeader: string;
  /** What `part` counts, when the columns have parts. */
  readonly partHeader?: string;
  readonly rows: readonly ColumnDatum[];
  readonly empty: string;
}) {
  if (rows.every((r) => r.value === 0)) return <p className="panel__empty">{empty}</p>;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const slot = WIDTH / Math.max(1, rows.length);
  const barWidth = Math.max(2, slot * (1 - GAP_SHARE));
  const plotHeight = HEIGHT - AXIS - TOP;
  const labelEvery = Math.ceil(rows.length / MAX_LABELS);
  const showValues = rows.length <= MAX_LABELS;
  const total = rows.reduce((sum, r) => sum + r.value, 0);
  const nonZero = rows.filter((r) => r.value > 0);
  const partTotal = rows.reduce((sum, r) => sum + (r.part ?? 0), 0);
  const summary = `${title}, ${formatCount(total)} ${valueHeader.toLowerCase()} in all${
    partHeader === undefined ? '' : `, ${formatCount(partTotal)} ${partHeader.toLowerCase()}`
  }. ${nonZero.length === rows.length ? '' : `${rows.length - nonZero.length} of ${rows.length} ${keyHeader.toLowerCase()}s had none. `}${nonZero
    .map((r) => `${r.label}: ${formatCount(r.value)}`)
    .join('; ')}.`;
  const height = (value: number) => Math.round((value / max) * plotHeight);

  return (
    <figure className="report-chart">
      {partHeader !== undefined && (
        <figcaption className="report-chart__legend" aria-hidden="true">
          <span className="report-chart__key report-chart__key--value" /> {valueHeader}
          <span className="report-chart__key report-chart__key--part" /> {partHeader}
        </figcaption>
      )}
      <svg
        className="report-chart__svg report-chart__svg--columns"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={summary}
        preserveAspectRatio="xMidYMid meet"
      >
        <line
          className="report-chart__axis"
          x1={0}
          x2={WIDTH}
          y1={HEIGHT - AXIS}
          y2={HEIGHT - AXIS}
        />
        {rows.map((r, i) => {
          const x = i * slot + (slot - barWidth) / 2;
          const h = height(r.value);
          const partH = r.part === undefined ? 0 : height(r.part);
          const base = HEIGHT - AXIS;
          return (
            <g key={r.key}>
              <rect
                className="report-chart__bar"
                x={x}
                y={base - h}
                width={barWidth}
                height={r.value > 0 ? Math.max(h, 1) : 0}
              />
              {partH > 0 && (
                <rect
                  className="report-chart__part"
                  x={x}
                  y={base - partH}
                  width={barWidth}
                  height={partH}
                />
              )}
              {showValues && r.value > 0 && (
                <text
                  className="report-chart__value"
                  x={x + barWidth / 2}
                  y={base - h - 4}
                  textAnchor="middle"
                >
                  {formatCount(r.value)}
                </text>
              )}
              {i % labelEvery === 0 && (
                <text
                  className="report-chart__label"
                  x={x + barWidth / 2}
                  y={HEIGHT - 8}
                  textAnchor="middle"
                >
                  {r.label}
                </text>
              )}
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
            {partHeader !== undefined && <th scope="col">{partHeader}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{formatCount(r.value)}</td>
              {partHeader !== undefined && <td>{formatCount(r.part ?? 0)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
