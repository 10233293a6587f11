import type { Dashboard } from '../api/types.js';
import { formatCount } from '../format/format-count.js';

const WIDTH = 560;
const HEIGHT = 200;
const AXIS = 28;
const TOP = 18;
const GAP = 14;

const dayLabel = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
});
const dayName = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});

/**
 * Blocked attempts per day as an SVG bar chart. The SVG is one image with a spoken summary
 * (`role="img"`, `aria-label`); the same numbers are in a visually hidden table for anyone
 * who wants to step through them. Days are the server's YYYY-MM-DD (school's timezone),
 * read as calendar dates, never shifted by the viewer's zone.
 */
export function BlockedChart({ days }: { readonly days: Dashboard['blockedByDay'] }) {
  const max = Math.max(1, ...days.map((d) => d.count));
  const slot = (WIDTH - GAP) / Math.max(1, days.length);
  const barWidth = slot - GAP;
  const plotHeight = HEIGHT - AXIS - TOP;
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const summary = `Blocked attempts over the last ${days.length} days, ${formatCount(total)} in all: ${days
    .map((d) => `${label(dayName, d.day)}: ${formatCount(d.count)}`)
    .join('; ')}.`;

  return (
    <figure className="chart">
      <svg
        className="chart__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={summary}
        preserveAspectRatio="xMidYMid meet"
      >
        <line className="chart__axis" x1={0} x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} />
        {days.map((d, i) => {
          const height = Math.round((d.count / max) * plotHeight);
          const x = GAP + i * slot;
          const y = HEIGHT - AXIS - height;
          return (
            <g key={d.day}>
              <rect
                className="chart__bar"
                x={x}
                y={y}
                width={barWidth}
                height={Math.max(height, 1)}
                rx={3}
              />
              <text className="chart__value" x={x + barWidth / 2} y={y - 5} textAnchor="middle">
                {formatCount(d.count)}
              </text>
              <text
                className="chart__label"
                x={x + barWidth / 2}
                y={HEIGHT - 9}
                textAnchor="middle"
              >
                {label(dayLabel, d.day)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>Blocked attempts per day, last {days.length} days</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Blocked attempts</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{label(dayName, d.day)}</th>
              <td>{formatCount(d.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function label(format: Intl.DateTimeFormat, day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? day : format.format(ms);
}
