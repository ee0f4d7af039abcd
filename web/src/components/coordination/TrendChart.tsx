import { useId } from 'react';
import { tickStep } from './StepChart.js';

export interface TrendSeries {
  key: string;
  label: string;
  /** One value per column, in seconds; null where the step was not reached. */
  values: ReadonlyArray<number | null>;
}

const WIDTH = 760;
const LEFT = 70;
const TOP = 16;
const PLOT = 220;
const BOTTOM = 40;
// Each series has its own marker shape and dash, so no colour is needed to tell them apart.
const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'cross', 'bar'] as const;
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];
const COLOURS = ['#004494', '#7a3b00', '#1b5e20', '#4b2c82', '#8b0000', '#404b5a'];

function marker(shape: (typeof SHAPES)[number], x: number, y: number): string {
  switch (shape) {
    case 'circle':
      return `M${x - 4} ${y} a4 4 0 1 0 8 0 a4 4 0 1 0 -8 0`;
    case 'square':
      return `M${x - 4} ${y - 4} h8 v8 h-8 z`;
    case 'triangle':
      return `M${x} ${y - 5} l5 9 h-10 z`;
    case 'diamond':
      return `M${x} ${y - 5} l5 5 l-5 5 l-5 -5 z`;
    case 'cross':
      return `M${x - 4} ${y - 4} l8 8 M${x + 4} ${y - 4} l-8 8`;
    case 'bar':
      return `M${x - 5} ${y - 2} h10 v4 h-10 z`;
  }
}

/**
 * How long each step took, incident after incident (oldest on the left): a line per step with its own marker and
 * dash. The table beside it holds the same figures.
 */
export function TrendChart({
  columns,
  series,
  title,
  minutesLabel,
}: {
  /** One per incident, oldest first: a unique key and the label under its column. */
  columns: ReadonlyArray<{ key: string; label: string }>;
  series: readonly TrendSeries[];
  title: string;
  minutesLabel: (minutes: number) => string;
}) {
  const id = useId();
  const maxMinutes = Math.max(1, ...series.flatMap((s) => s.values.map((v) => (v ?? 0) / 60)));
  const step = tickStep(maxMinutes);
  const span = Math.ceil(maxMinutes / step) * step;
  const x = (i: number) => LEFT + ((WIDTH - LEFT - 20) * (i + 0.5)) / Math.max(1, columns.length);
  const y = (seconds: number) => TOP + PLOT - (PLOT * seconds) / 60 / span;
  const legendTop = TOP + PLOT + BOTTOM;
  const height = legendTop + Math.ceil(series.length / 3) * 20 + 8;
  return (
    <figure className="step-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        data-testid="trend-chart"
      >
        <title id={`${id}-title`}>{title}</title>
        {Array.from({ length: span / step + 1 }, (_, i) => i * step).map((m) => (
          <g key={m}>
            <line x1={LEFT} x2={WIDTH - 20} y1={y(m * 60)} y2={y(m * 60)} className="step-chart__grid" />
            <text x={LEFT - 6} y={y(m * 60) + 4} textAnchor="end" className="step-chart__tick">
              {minutesLabel(m)}
            </text>
          </g>
        ))}
        {columns.map((c, i) => (
          <text key={c.key} x={x(i)} y={TOP + PLOT + 16} textAnchor="middle" className="step-chart__tick">
            {c.label}
          </text>
        ))}
        {series.map((s, k) => {
          const points = s.values.flatMap((v, i) =>
            v === null ? [] : [[x(i), y(v), columns[i]?.key ?? ''] as const],
          );
          const colour = COLOURS[k % COLOURS.length];
          const shape = SHAPES[k % SHAPES.length]!;
          return (
            <g key={s.key} stroke={colour} fill={colour}>
              {points.length > 1 ? (
                <polyline
                  points={points.map(([px, py]) => `${px},${py}`).join(' ')}
                  className="trend-chart__line"
                  strokeDasharray={DASHES[k % DASHES.length]}
                />
              ) : null}
              {points.map(([px, py, column]) => (
                <path key={column} d={marker(shape, px, py)} strokeWidth={1.5} />
              ))}
            </g>
          );
        })}
        {series.map((s, k) => (
          <g
            key={s.key}
            transform={`translate(${LEFT + (k % 3) * 230}, ${legendTop + Math.floor(k / 3) * 20})`}
            stroke={COLOURS[k % COLOURS.length]}
            fill={COLOURS[k % COLOURS.length]}
            className="step-chart__legend"
          >
            <path d={marker(SHAPES[k % SHAPES.length]!, 6, 0)} strokeWidth={1.5} />
            <text x={16} y={4} stroke="none">
              {s.label}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
