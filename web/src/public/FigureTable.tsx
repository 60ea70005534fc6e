/**
 * The figure columns the performance pages' tables share (the city overview's units table and the
 * unit page's releases table): headcount, SKP coverage, on-time realisations and IKM with its band,
 * with their withheld cells and number formats. The table shell is ScrollTable (components.tsx).
 */
import { BandLabel, FigureValue } from '../figures';
import { useI18n, type MessageKey } from '../i18n';
import type { Thresholds } from '../lib/figures';
import type { SortKey } from '../lib/unitTable';
import type { ValueStatus } from './types';

/** The figure columns, in table order (keys are the units table's sort keys). */
export const FIGURE_COLUMNS: ReadonlyArray<{ key: Exclude<SortKey, 'name'>; label: MessageKey }> = [
  { key: 'headcount', label: 'kinerja.col.headcount' },
  { key: 'skp', label: 'kinerja.col.skp' },
  { key: 'onTime', label: 'kinerja.col.onTime' },
  { key: 'ikm', label: 'kinerja.col.ikm' },
];

/** What a row needs for its figure cells: a unit's row of a release, or one release of a unit. */
export interface FigureRow {
  headcount: number | null;
  headcountStatus: ValueStatus | null;
  skpCoveragePct: number | null;
  skpCoveragePctStatus: ValueStatus | null;
  realizationOnTimePct: number | null;
  realizationOnTimePctStatus: ValueStatus | null;
  survey: { ikmConverted: number | null; status: ValueStatus | null; band: string | null };
}

/** The header cells of the figure columns (plain, not sortable). */
export function FigureHeaders() {
  const { t } = useI18n();
  return (
    <>
      {FIGURE_COLUMNS.map((column) => (
        <th key={column.key} scope="col" class="num">
          {t(column.label)}
        </th>
      ))}
    </>
  );
}

/** The four figure cells of one row, in FIGURE_COLUMNS order; withheld values show why. */
export function FigureCells(props: { row: FigureRow; thresholds: Thresholds }) {
  const { row, thresholds: th } = props;
  return (
    <>
      <td class="num">
        <FigureValue value={row.headcount} status={row.headcountStatus} format="count" kind="headcount" thresholds={th} />
      </td>
      <td class="num">
        <FigureValue value={row.skpCoveragePct} status={row.skpCoveragePctStatus} format="pct" kind="share" thresholds={th} />
      </td>
      <td class="num">
        <FigureValue value={row.realizationOnTimePct} status={row.realizationOnTimePctStatus} format="pct" kind="share" thresholds={th} />
      </td>
      <td class="num">
        <FigureValue value={row.survey.ikmConverted} status={row.survey.status} format="ikm" kind="share" thresholds={th} />
        {row.survey.ikmConverted !== null ? (
          <>
            {' '}
            <BandLabel band={row.survey.band} />
          </>
        ) : null}
      </td>
    </>
  );
}
