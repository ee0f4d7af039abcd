import { useId } from 'react';

/** One step on the chart: how long it took, its target (exercises), and how long it took in earlier runs. */
export interface ChartRow {
  key: string;
  label: string;
  seconds: number | null;
  targetSeconds?: number | null | undefined;
  earlier?: readonly number[] | undefined;
}

const WIDTH = 760;
const LABEL = 230;
const ROW = 30;
const TOP = 28;
const RIGHT = 70;

/** A tick step in minutes that gives about six ticks over `maxMinutes`. */
export function tickStep(maxMinutes: number): number {
  for (const step of [1, 2, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440])
    if (maxMinutes / step <= 6) return step;
  return 2880;
}

/**
 * Time from the first report to each step, as horizontal bars in plain SVG: a bar per step, a target marker (a
 * line with a diamond) where the scenario set one, hollow circles for earlier runs. Shapes carry the meaning, not
 * colour; the table beside the chart says the same in words.
 */
export function StepChart({
  rows,
  title,
  minutesLabel,
  targetLabel,
  earlierLabel,
}: {
  rows: readonly ChartRow[];
  title: string;
  minutesLabel: (minutes: number) => string;
  targetLabel: string;
  earlierLabel: string;
}) {
  const id = useId();
  const all = rows.flatMap((r) => [r.seconds ?? 0, r.targetSeconds ?? 0, ...(r.earlier ?? [])]);
  const maxMinutes = Math.max(1, ...all.map((s) => s / 60));
  const step = tickStep(maxMinutes);
  const span = Math.ceil(maxMinutes / step) * step;
  const x = (seconds: number) => LABEL + ((WIDTH - LABEL - RIGHT) * seconds) / 60 / span;
  const height = TOP + rows.length * ROW + 10;
  const ticks = Array.from({ length: span / step + 1 }, (_, i) => i * step);
  const hasTargets = rows.some((r) => r.targetSeconds != null);
  const hasEarlier = rows.some((r) => (r.earlier ?? []).length > 0);
  return (
    <figure className="step-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height + (hasTargets || hasEarlier ? 24 : 0)}`}
        role="img"
        aria-labelledby={`${id}-title`}
        data-testid="step-chart"
      >
        <title id={`${id}-title`}>{title}</title>
        {ticks.map((m) => (
          <g key={m}>
            <line x1={x(m * 60)} x2={x(m * 60)} y1={TOP - 6} y2={height - 10} className="step-chart__grid" />
            <text x={x(m * 60)} y={TOP - 10} textAnchor="middle" className="step-chart__tick">
              {minutesLabel(m)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = TOP + i * ROW;
          return (
            <g key={r.key} data-testid="step-chart-row">
              <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" className="step-chart__label">
                {r.label}
              </text>
              {r.seconds !== null ? (
                <>
                  <rect
                    x={LABEL}
                    y={y + 7}
                    width={Math.max(2, x(r.seconds) - LABEL)}
                    height={ROW - 14}
                    className="step-chart__bar"
                  />
                  <text x={x(r.seconds) + 4} y={y + ROW / 2 + 4} className="step-chart__value">
                    {minutesLabel(Math.round(r.seconds / 60))}
                  </text>
                </>
              ) : null}
              {r.targetSeconds != null ? (
                <g className="step-chart__target">
                  <line x1={x(r.targetSeconds)} x2={x(r.targetSeconds)} y1={y + 2} y2={y + ROW - 2} />
                  <path d={diamond(x(r.targetSeconds), y + 4)} />
                </g>
              ) : null}
              {[...new Set(r.earlier ?? [])].map((s) => (
                <circle key={s} cx={x(s)} cy={y + ROW / 2} r={4} className="step-chart__earlier" />
              ))}
            </g>
          );
        })}
        {hasTargets || hasEarlier ? (
          <g transform={`translate(${LABEL}, ${height + 8})`} className="step-chart__legend">
            {hasTargets ? (
              <g className="step-chart__target">
                <path d={diamond(6, 0)} />
                <text x={16} y={8}>
                  {targetLabel}
                </text>
              </g>
            ) : null}
            {hasEarlier ? (
              <g transform={`translate(${hasTargets ? 200 : 0}, 0)`}>
                <circle cx={6} cy={6} r={4} className="step-chart__earlier" />
                <text x={16} y={10}>
                  {earlierLabel}
                </text>
              </g>
            ) : null}
          </g>
        ) : null}
      </svg>
    </figure>
  );
}

function diamond(cx: number, top: number): string {
  return `M${cx} ${top} l5 5 l-5 5 l-5 -5 z`;
}
