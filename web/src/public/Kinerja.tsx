/** /kinerja — the latest public release: city summary, a sortable table of units, downloads. */
import { useMemo, useState } from 'preact/hooks';
import { LoadError, Loading, PageHeading, ScrollTable } from '../components';
import { BandLabel, FigureValue, WithheldLegend } from '../figures';
import type { ReleaseInfo, UnitKind, UnitStatisticsRow } from './types';
import { localeOf, useI18n, type MessageKey } from '../i18n';
import { formatDate, type Thresholds } from '../lib/figures';
import { csvHref, loadOverview, thresholdsOf, unitHref, type Overview, type Release } from '../lib/kinerjaData';
import { filterRows, kindsPresent, nextSort, sortRows, type KindFilter, type SortKey, type SortState } from '../lib/unitTable';
import { useAsync } from '../lib/useAsync';
import { FIGURE_COLUMNS, FigureCells } from './FigureTable';
import { KinerjaCharts } from './KinerjaCharts';

// Kept for the page's lifetime so that coming back from a unit page restores the view.
let lastView: { filter: KindFilter; sort: SortState } = { filter: 'MAIN', sort: { key: 'name', direction: 'ascending' } };

export function KinerjaPage() {
  const { t } = useI18n();
  const overview = useAsync(loadOverview);
  return (
    <>
      <PageHeading>{t('kinerja.title')}</PageHeading>
      <p class="lead">{t('kinerja.intro')}</p>
      {overview.status === 'loading' ? <Loading /> : null}
      {overview.status === 'error' ? <LoadError onRetry={overview.reload} /> : null}
      {overview.status === 'success' ? <OverviewBody data={overview.data} /> : null}
    </>
  );
}

function OverviewBody(props: { data: Overview }) {
  const { t } = useI18n();
  const { release, units } = props.data;
  if (release === null) {
    return (
      <p class="notice notice-info" data-testid="no-release">
        {t('kinerja.noRelease')}
      </p>
    );
  }
  const thresholds = thresholdsOf(release);
  return (
    <>
      <ReleaseFacts release={release} />
      <CitySummary release={release} thresholds={thresholds} />
      <KinerjaCharts release={release} units={units} thresholds={thresholds} />
      <UnitsTable release={release} units={units} thresholds={thresholds} />
      <Downloads release={release} />
    </>
  );
}

export function ReleaseFacts(props: { release: ReleaseInfo & { methodologyVersion: string } }) {
  const { t, lang } = useI18n();
  const locale = localeOf(lang);
  const r = props.release;
  return (
    <>
      {r.provisional && (
        <p class="notice notice-warning" data-testid="release-provisional">
          <strong>{t('kinerja.provisionalTitle')}</strong> {t('kinerja.provisionalText')}
        </p>
      )}
      <dl class="release-facts" data-testid="release-facts">
        <div>
          <dt>{t('kinerja.releaseLabel')}</dt>
          <dd data-testid="release-number">{t('kinerja.releaseNumber', { number: String(r.number) })}</dd>
        </div>
        <div>
          <dt>{t('kinerja.periodLabel')}</dt>
          <dd>
            {t('kinerja.periodValue', {
              period: r.periodCode,
              start: formatDate(r.periodStart, locale),
              end: formatDate(r.periodEnd, locale),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('kinerja.publishedLabel')}</dt>
          <dd>
            <time dateTime={r.publishedAt}>{formatDate(r.publishedAt, locale)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('kinerja.methodologyLabel')}</dt>
          <dd>
            <a href="/kinerja/metodologi">
              {t('kinerja.methodologyLink', { version: r.methodologyVersion })}
            </a>
          </dd>
        </div>
      </dl>
    </>
  );
}

function CitySummary(props: { release: Release; thresholds: Thresholds }) {
  const { t } = useI18n();
  const city = props.release.city;
  const th = props.thresholds;
  return (
    <section aria-labelledby="city-heading" class="section" data-testid="city-summary">
      <h2 id="city-heading">
        {t('kinerja.cityHeading')}: {city.name}
      </h2>
      <dl class="stats">
        <div class="stat" data-testid="city-headcount">
          <dt>{t('kinerja.headcount')}</dt>
          <dd>
            <FigureValue value={city.headcount} status={city.headcountStatus} format="count" kind="headcount" thresholds={th} long />
          </dd>
        </div>
        <div class="stat" data-testid="city-skp">
          <dt>{t('kinerja.skpCoverage')}</dt>
          <dd>
            <FigureValue value={city.skpCoveragePct} status={city.skpCoveragePctStatus} format="pct" kind="share" thresholds={th} long />
          </dd>
        </div>
        <div class="stat" data-testid="city-on-time">
          <dt>{t('kinerja.onTime')}</dt>
          <dd>
            <FigureValue
              value={city.realizationOnTimePct}
              status={city.realizationOnTimePctStatus}
              format="pct"
              kind="share"
              thresholds={th}
              long
            />
          </dd>
        </div>
        <div class="stat" data-testid="city-ikm">
          <dt>{t('kinerja.ikm')}</dt>
          <dd>
            <IkmFigure survey={city.survey} thresholds={th} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** The converted IKM with its band and label, the response count and the sample check. */
export function IkmFigure(props: {
  survey: {
    ikmConverted: number | null;
    band: string | null;
    status: UnitStatisticsRow['survey']['status'];
    responses: number;
    requiredSample?: number | null;
    sampleSufficient?: boolean | null;
  };
  thresholds: Thresholds;
}) {
  const { t, te } = useI18n();
  const s = props.survey;
  return (
    <>
      <FigureValue value={s.ikmConverted} status={s.status} format="ikm" kind="share" thresholds={props.thresholds} long />
      {s.ikmConverted !== null && s.band ? (
        <>
          {' '}
          <span class={`figure-note band band-${s.band}`}>{t('kinerja.ikmBand', { band: te('band', s.band) })}</span>
        </>
      ) : null}
      <span class="figure-sub">
        {t('kinerja.responses', { count: s.responses })}
        {s.requiredSample !== null && s.requiredSample !== undefined && s.sampleSufficient !== null && s.sampleSufficient !== undefined
          ? ` · ${t(s.sampleSufficient ? 'kinerja.sampleOk' : 'kinerja.sampleShort', { required: s.requiredSample })}`
          : null}
      </span>
    </>
  );
}

const COLUMNS: Array<{ key: SortKey; label: MessageKey; numeric: boolean }> = [
  { key: 'name', label: 'kinerja.col.unit', numeric: false },
  ...FIGURE_COLUMNS.map((column) => ({ ...column, numeric: true })),
];

function UnitsTable(props: { release: Release; units: UnitStatisticsRow[]; thresholds: Thresholds }) {
  const { t, te, lang } = useI18n();
  const [filter, setFilterState] = useState<KindFilter>(lastView.filter);
  const [sort, setSortState] = useState<SortState>(lastView.sort);
  const setFilter = (next: KindFilter): void => {
    lastView = { ...lastView, filter: next };
    setFilterState(next);
  };
  const setSort = (next: SortState): void => {
    lastView = { ...lastView, sort: next };
    setSortState(next);
  };
  // The city's own root unit (INSTANSI) duplicates the city summary; it stays under "all".
  const kinds = useMemo(() => kindsPresent(props.units), [props.units]);
  const rows = useMemo(
    () => sortRows(filterRows(props.units, filter), sort, localeOf(lang)),
    [props.units, filter, sort, lang],
  );
  const th = props.thresholds;
  const sortedColumn = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0]!;

  return (
    <section aria-labelledby="units-heading" class="section">
      <h2 id="units-heading">{t('kinerja.unitsHeading')}</h2>
      <div class="field">
        <label for="kind-filter">{t('kinerja.filterLabel')}</label>
        <select
          id="kind-filter"
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value as KindFilter)}
        >
          <option value="MAIN">{t('kinerja.filterMain')}</option>
          <option value="ALL">{t('kinerja.filterAll')}</option>
          {kinds.map((kind: UnitKind) => (
            <option key={kind} value={kind}>
              {te('unitKind', kind)}
            </option>
          ))}
        </select>
      </div>
      <p class="filter-status" role="status" data-testid="units-status">
        {t('kinerja.rowsShown', { shown: rows.length, total: props.units.length })}{' '}
        {t('kinerja.sortedBy', {
          column: t(sortedColumn.label),
          direction: t(sort.direction === 'ascending' ? 'kinerja.ascending' : 'kinerja.descending'),
        })}
      </p>
      <p class="hint">{t('kinerja.sortHint')}</p>
      <ScrollTable
        captionId="units-caption"
        testId="units-table"
        caption={t('kinerja.tableCaption', { number: String(props.release.number), period: props.release.periodCode })}
      >
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = sort.key === column.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  class={column.numeric ? 'num' : undefined}
                  aria-sort={active ? sort.direction : undefined}
                >
                  <button
                    type="button"
                    class="sort-button"
                    data-sort-key={column.key}
                    onClick={() => setSort(nextSort(sort, column.key))}
                  >
                    {t(column.label)}
                    <span class="sort-icon" aria-hidden="true">
                      {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code ?? row.name} data-testid="unit-row" data-unit-code={row.code ?? ''}>
              <th scope="row">
                {row.code ? <a href={unitHref(row.code)}>{row.name}</a> : row.name}
                {row.kind ? <span class="unit-kind cell-kind">{te('unitKind', row.kind)}</span> : null}
              </th>
              <FigureCells row={row} thresholds={th} />
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p class="hint">{t('kinerja.bandLegend')}</p>
      <WithheldLegend thresholds={th} />
    </section>
  );
}

function Downloads(props: { release: Release }) {
  const { t } = useI18n();
  const n = props.release.number;
  return (
    <section aria-labelledby="downloads-heading" class="section">
      <h2 id="downloads-heading">{t('kinerja.downloadHeading')}</h2>
      <ul class="downloads">
        <li>
          <a href={csvHref(n)} download data-testid="units-csv">
            {t('kinerja.downloadCsv', { number: String(n) })}
          </a>{' '}
          · <a href={csvHref(n, 'units', 'json')}>{t('kinerja.downloadJson')}</a>
        </li>
        <li>
          <a href={`/public/data/${n}/datapackage.json`}>{t('kinerja.downloadPackage')}</a>
        </li>
        <li>
          {t('kinerja.licence')}{' '}
          <a href={props.release.licenceUrl} rel="license">
            {props.release.licence}
          </a>
        </li>
      </ul>
    </section>
  );
}
