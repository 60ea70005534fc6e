/**
 * Fills that differ by pattern as well as by colour (WCAG 1.4.1: never colour alone). Each chart
 * renders the <defs> it uses under ids scoped to the chart, so several charts share a page.
 */
export const PATTERNS = ['solid', 'diagonal', 'dots', 'cross', 'horizontal'] as const;
export type PatternName = (typeof PATTERNS)[number];

export function patternId(scope: string, name: PatternName): string {
  return `${scope}-${name}`;
}

export function patternFill(scope: string, name: PatternName): string {
  return name === 'solid' ? '' : `url(#${patternId(scope, name)})`;
}

/** The pattern definitions; colours come from CSS classes (`chart-pattern-<name>`). */
export function PatternDefs(props: { scope: string }) {
  const id = (name: PatternName) => patternId(props.scope, name);
  return (
    <defs>
      <pattern id={id('diagonal')} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <rect class="chart-pattern-bg chart-pattern-diagonal" width="6" height="6" />
        <line class="chart-pattern-ink" x1="0" y1="0" x2="0" y2="6" />
      </pattern>
      <pattern id={id('dots')} patternUnits="userSpaceOnUse" width="6" height="6">
        <rect class="chart-pattern-bg chart-pattern-dots" width="6" height="6" />
        <circle class="chart-pattern-dot" cx="3" cy="3" r="1.4" />
      </pattern>
      <pattern id={id('cross')} patternUnits="userSpaceOnUse" width="7" height="7">
        <rect class="chart-pattern-bg chart-pattern-cross" width="7" height="7" />
        <path class="chart-pattern-ink" d="M0 0L7 7M7 0L0 7" />
      </pattern>
      <pattern id={id('horizontal')} patternUnits="userSpaceOnUse" width="6" height="5">
        <rect class="chart-pattern-bg chart-pattern-horizontal" width="6" height="5" />
        <line class="chart-pattern-ink" x1="0" y1="2.5" x2="6" y2="2.5" />
      </pattern>
    </defs>
  );
}

/** A small swatch of a pattern for a legend (decorative: the legend's text says it all). */
export function PatternSwatch(props: { scope: string; pattern: PatternName }) {
  return (
    <svg class="chart-swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <PatternDefs scope={`${props.scope}-sw`} />
      <rect
        class={`chart-bar chart-bar-${props.pattern}`}
        x="0.5"
        y="0.5"
        width="15"
        height="15"
        fill={patternFill(`${props.scope}-sw`, props.pattern) || undefined}
      />
    </svg>
  );
}
