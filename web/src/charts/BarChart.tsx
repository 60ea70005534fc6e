/**
 * Horizontal bars, one per row, each labelled with its name above and its value beside it (the
 * value is text, never only a length or a colour). A withheld value draws no bar and says why.
 * Drawn at the container's width (text stays 13 px on phones). Scales from d3-scale; Preact
 * renders the SVG.
 */
import { scaleLinear } from 'd3-scale';
import { useId } from 'preact/hooks';
import { PatternDefs, patternFill, type PatternName } from './patterns';
import { fitLabel, useWidth } from './useWidth';

export interface Bar {
  key: string;
  label: string;
  /** null: withheld or not available (no bar; `valueText` gives the reason). */
  value: number | null;
  valueText: string;
  pattern?: PatternName;
}

const ROW = 42;
const LABEL_GAP = 17;
const BAR_HEIGHT = 16;
const TOP = 2;

export function BarChart(props: { bars: Bar[]; max: number; label: string; testId?: string }) {
  const scope = `bars${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [ref, measured] = useWidth<HTMLDivElement>(420);
  const width = Math.min(640, measured);
  // Room for the longest value text beside the longest bar.
  const valueSpace = Math.min(width / 2, 16 + 7 * Math.max(4, ...props.bars.map((b) => b.valueText.length)));
  const height = TOP + props.bars.length * ROW;
  const x = scaleLinear().domain([0, props.max]).range([0, width - valueSpace]).clamp(true);
  return (
    <div ref={ref} class="chart-box">
      <svg
        class="chart-svg"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-label={props.label}
        focusable="false"
        data-testid={props.testId}
      >
        <PatternDefs scope={scope} />
        {props.bars.map((bar, index) => {
          const y = TOP + index * ROW;
          const length = bar.value === null ? 0 : Math.max(1, x(bar.value));
          const pattern = bar.pattern ?? 'solid';
          return (
            <g key={bar.key} class="chart-row" data-key={bar.key}>
              <text class="chart-label" x="0" y={y + 12}>
                {fitLabel(bar.label, width)}
              </text>
              {bar.value === null ? null : (
                <rect
                  class={`chart-bar chart-bar-${pattern}`}
                  x="0"
                  y={y + LABEL_GAP}
                  width={length}
                  height={BAR_HEIGHT}
                  fill={patternFill(scope, pattern) || undefined}
                />
              )}
              <text
                class={bar.value === null ? 'chart-value chart-value-withheld' : 'chart-value'}
                x={length + 6}
                y={y + LABEL_GAP + BAR_HEIGHT - 3}
              >
                {bar.valueText}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
