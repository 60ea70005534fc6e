/**
 * Lines over periods on a 0–100 scale (percentages, converted IKM). Each series has its own dash
 * pattern and marker shape (shown in the legend), so it is told apart without colour.
 * A missing (withheld) point breaks the line. Scales from d3-scale, paths from d3-shape.
 */
import { scaleLinear, scalePoint } from 'd3-scale';
import { useWidth } from './useWidth';
import { line, symbol, symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, type SymbolType } from 'd3-shape';

export interface Series {
  key: string;
  label: string;
  /** One value per x label (null: withheld or not available). */
  values: Array<number | null>;
}

const MARKERS: SymbolType[] = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond];
const HEIGHT = 240;
const MARGIN = { top: 14, right: 16, bottom: 30, left: 34 };

export function markerPath(index: number, size = 48): string {
  return symbol(MARKERS[index % MARKERS.length]!, size)() ?? '';
}

export function LineChart(props: { xLabels: string[]; series: Series[]; label: string; max?: number; testId?: string }) {
  const max = props.max ?? 100;
  const [ref, measured] = useWidth<HTMLDivElement>(480);
  const WIDTH = Math.min(640, measured);
  const x = scalePoint<number>()
    .domain(props.xLabels.map((_, i) => i))
    .range([MARGIN.left + 12, WIDTH - MARGIN.right - 12])
    .padding(props.xLabels.length === 1 ? 0.5 : 0);
  const y = scaleLinear().domain([0, max]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<number | null>()
    .defined((v) => v !== null)
    .x((_, i) => x(i) ?? 0)
    .y((v) => y(v ?? 0));
  return (
    <div ref={ref} class="chart-box">
    <svg
      class="chart-svg"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={props.label}
      focusable="false"
      data-testid={props.testId}
    >
      {y.ticks(5).map((tick) => (
        <g key={tick} class="chart-grid">
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
          <text class="chart-tick" x={MARGIN.left - 6} y={y(tick) + 4} text-anchor="end">
            {tick}
          </text>
        </g>
      ))}
      {props.xLabels.map((label, i) => (
        <text key={i} class="chart-tick" x={x(i)} y={HEIGHT - 10} text-anchor="middle">
          {label}
        </text>
      ))}
      {props.series.map((s, index) => (
        <g key={s.key} class={`chart-series chart-series-${index % MARKERS.length}`} data-key={s.key}>
          <path class="chart-line" d={path(s.values) ?? ''} />
          {s.values.map((v, i) =>
            v === null ? null : <path key={i} class="chart-marker" d={markerPath(index)} transform={`translate(${x(i)},${y(v)})`} />,
          )}
        </g>
      ))}
    </svg>
    </div>
  );
}

/** The legend's marker of series `index` (decorative). */
export function SeriesSwatch(props: { index: number }) {
  return (
    <svg class="chart-swatch" viewBox="-14 -8 28 16" width="28" height="16" aria-hidden="true" focusable="false">
      <g class={`chart-series chart-series-${props.index % MARKERS.length}`}>
        <line class="chart-line" x1="-13" x2="13" y1="0" y2="0" />
        <path class="chart-marker" d={markerPath(props.index, 40)} />
      </g>
    </svg>
  );
}
