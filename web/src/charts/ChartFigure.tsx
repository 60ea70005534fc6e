/**
 * The frame of every chart: a <figure> whose caption names the chart and says what it shows, the
 * SVG (role="img", named by the caption), an optional legend, the full data table (in a
 * disclosure, so the page stays short) and the CSV the figures come from.
 */
import type { ComponentChildren } from 'preact';
import { ScrollTable } from '../components';
import { useChartMessages } from './messages';

export interface ChartFrameProps {
  /** Unique on the page: ids of the caption and table derive from it. */
  id: string;
  title: string;
  /** One or two sentences: what the chart shows and its main finding. */
  summary: string;
  chart: ComponentChildren;
  legend?: ComponentChildren;
  table: ComponentChildren;
  csvHref?: string;
  testId?: string;
}

export function ChartFigure(props: ChartFrameProps) {
  const { t } = useChartMessages();
  return (
    <figure class="chart-figure" aria-labelledby={`${props.id}-caption`} data-testid={props.testId}>
      <figcaption id={`${props.id}-caption`}>
        <span class="chart-title">{props.title}</span>
        <span class="chart-summary">{props.summary}</span>
      </figcaption>
      <div class="chart-canvas">{props.chart}</div>
      {props.legend}
      <details class="chart-data">
        <summary>{t('showTable')}</summary>
        {props.table}
      </details>
      {props.csvHref ? (
        <p class="chart-csv">
          <a href={props.csvHref} download>
            {t('csv')}
          </a>
        </p>
      ) : null}
    </figure>
  );
}

export interface TableColumn {
  label: string;
  numeric?: boolean;
}

export interface TableRow {
  key: string;
  /** The first cell is the row header. */
  cells: ComponentChildren[];
}

/** A plain data table with a caption and row headers, scrolling inside itself on narrow screens. */
export function DataTable(props: { id: string; caption: string; columns: TableColumn[]; rows: TableRow[]; testId?: string }) {
  const captionId = `${props.id}-table-caption`;
  return (
    <ScrollTable captionId={captionId} caption={props.caption} testId={props.testId}>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c.label} scope="col" class={c.numeric ? 'num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, index) =>
              index === 0 ? (
                <th key={index} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={index} class={props.columns[index]?.numeric ? 'num' : undefined}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** A legend: swatch (decorative) and words. */
export function ChartLegend(props: { items: Array<{ key: string; swatch: ComponentChildren; label: string }> }) {
  const { t } = useChartMessages();
  return (
    <div class="chart-legend">
      <span class="chart-legend-title">{t('legend')}:</span>
      <ul>
        {props.items.map((item) => (
          <li key={item.key}>
            {item.swatch} {item.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
