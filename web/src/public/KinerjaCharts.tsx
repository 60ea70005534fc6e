/** The charts of /kinerja (IKM per unit, predicate distribution, SKP coverage), each with its table and CSV. */
import { BarChart, type Bar } from '../charts/BarChart';
import { ChartFigure, ChartLegend, DataTable } from '../charts/ChartFigure';
import { PatternSwatch, type PatternName } from '../charts/patterns';
import { BandLabel, FigureValue, useFigureText } from '../figures';
import { localeOf, useI18n } from '../i18n';
import { distributionShares, formatPct, isBand, type Band, type Thresholds } from '../lib/figures';
import { csvHref, type Release } from '../lib/kinerjaData';
import { filterRows } from '../lib/unitTable';
import type { UnitStatisticsRow, ValueStatus } from './types';
import { useKinerjaMessages, type KinerjaMessageKey } from './kinerjaMessages';

export const BAND_PATTERNS: Record<Band, PatternName> = { A: 'solid', B: 'diagonal', C: 'dots', D: 'cross' };
const CATEGORY_PATTERNS: PatternName[] = ['solid', 'diagonal', 'dots', 'cross', 'horizontal'];

/** Rows with a value first (largest first), withheld ones after them by name. */
function byValue<T>(rows: T[], value: (row: T) => number | null, name: (row: T) => string, locale: string): T[] {
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === null && vb === null ? name(a).localeCompare(name(b), locale) : va === null ? 1 : -1;
    return vb - va;
  });
}

export function KinerjaCharts(props: { release: Release; units: UnitStatisticsRow[]; thresholds: Thresholds }) {
  const { t } = useKinerjaMessages();
  const main = filterRows(props.units, 'MAIN');
  return (
    <section aria-labelledby="charts-heading" class="section" data-testid="kinerja-charts">
      <h2 id="charts-heading">{t('chartsHeading')}</h2>
      <div class="charts-grid">
        <IkmChart release={props.release} units={main} thresholds={props.thresholds} />
        <div>
          <DistributionChart release={props.release} thresholds={props.thresholds} />
          <CoverageChart release={props.release} units={main} thresholds={props.thresholds} />
        </div>
      </div>
    </section>
  );
}

function IkmChart(props: { release: Release; units: UnitStatisticsRow[]; thresholds: Thresholds }) {
  const { t, lang } = useKinerjaMessages();
  const { te } = useI18n();
  const text = useFigureText();
  const th = props.thresholds;
  const n = props.release.number;
  const rows = byValue(props.units, (u) => u.survey.ikmConverted, (u) => u.name, localeOf(lang));
  const published = rows.filter((u) => u.survey.ikmConverted !== null);
  const valueText = (u: UnitStatisticsRow): string => {
    const value = text(u.survey.ikmConverted, u.survey.status, 'ikm', 'share', th);
    return u.survey.ikmConverted !== null && isBand(u.survey.band) ? t('ikmValue', { value, band: u.survey.band }) : value;
  };
  const bars: Bar[] = published.map((u) => ({
    key: u.code ?? u.name,
    label: u.name,
    value: u.survey.ikmConverted,
    valueText: valueText(u),
    pattern: isBand(u.survey.band) ? BAND_PATTERNS[u.survey.band] : 'solid',
  }));
  const first = published[0];
  const last = published[published.length - 1];
  const summary =
    first && last
      ? t('ikmSummary', { number: String(n), shown: published.length, top: `${first.name} (${valueText(first)})`, bottom: `${last.name} (${valueText(last)})` })
      : t('ikmSummaryNone', { number: String(n) });
  return (
    <ChartFigure
      id="chart-ikm"
      testId="chart-ikm"
      title={t('ikmTitle')}
      summary={summary}
      chart={
        <>
          <BarChart bars={bars} max={100} label={`${t('ikmTitle')}. ${summary}`} />
          <WithheldNote count={rows.length - published.length} />
        </>
      }
      legend={
        <ChartLegend
          items={(['A', 'B', 'C', 'D'] as const).map((band) => ({
            key: band,
            swatch: <PatternSwatch scope={`ikm-${band}`} pattern={BAND_PATTERNS[band]} />,
            label: te('band', band),
          }))}
        />
      }
      table={
        <DataTable
          id="chart-ikm"
          caption={t('ikmTableCaption', { number: String(n) })}
          columns={[{ label: t('colUnit') }, { label: t('colIkm'), numeric: true }, { label: t('colBand') }, { label: t('colResponses'), numeric: true }]}
          rows={rows.map((u) => ({
            key: u.code ?? u.name,
            cells: [
              u.name,
              <FigureValue value={u.survey.ikmConverted} status={u.survey.status} format="ikm" kind="share" thresholds={th} />,
              u.survey.ikmConverted !== null ? <BandLabel band={u.survey.band} long /> : '',
              u.survey.responses,
            ],
          }))}
        />
      }
      csvHref={csvHref(n)}
    />
  );
}

function DistributionChart(props: { release: Release; thresholds: Thresholds }) {
  const { t } = useKinerjaMessages();
  const n = props.release.number;
  return (
    <DistributionFigure
      id="chart-distribution"
      title={t('distTitle')}
      intro={t('distIntro', { number: String(n) })}
      number={n}
      distribution={props.release.city.distribution}
      thresholds={props.thresholds}
    />
  );
}

/** The predicate distribution (of the city or one unit): bars with counts and shares, its table and CSV. */
export function DistributionFigure(props: {
  id: string;
  title: string;
  /** What is counted (the finding follows it). */
  intro: string;
  number: number;
  distribution: ReadonlyArray<{ category: string; count: number | null; status: ValueStatus | null }>;
  thresholds: Thresholds;
}) {
  const { t, locale } = useKinerjaMessages();
  const text = useFigureText();
  const th = props.thresholds;
  const n = props.number;
  const shares = distributionShares(props.distribution);
  const label = (category: string): string => t(`category.${category}` as KinerjaMessageKey);
  const valueText = (s: (typeof shares)[number]): string =>
    s.figure.value !== null && s.pct !== null
      ? t('distValue', { count: s.figure.value, pct: formatPct(s.pct, locale) })
      : text(s.figure.value, s.figure.status, 'count', 'share', th);
  const max = Math.max(1, ...shares.map((s) => s.figure.value ?? 0));
  const withheld = shares.some((s) => s.figure.value === null);
  const top = withheld ? null : [...shares].sort((a, b) => (b.figure.value ?? 0) - (a.figure.value ?? 0))[0];
  const finding = withheld
    ? t('distSummaryWithheld')
    : top && (top.figure.value ?? 0) > 0
      ? t('distSummary', { top: `${label(top.category)}, ${valueText(top)}` })
      : t('distSummaryEmpty');
  const summary = `${props.intro} ${finding}`;
  return (
    <ChartFigure
      id={props.id}
      testId={props.id}
      title={props.title}
      summary={summary}
      chart={
        <BarChart
          max={max}
          label={`${props.title}. ${summary}`}
          bars={shares.map((s, i) => ({
            key: s.category,
            label: label(s.category),
            value: s.figure.value,
            valueText: valueText(s),
            pattern: CATEGORY_PATTERNS[i] ?? 'solid',
          }))}
        />
      }
      table={
        <DataTable
          id={props.id}
          caption={t('distTableCaption', { number: String(n) })}
          columns={[{ label: t('colCategory') }, { label: t('colCount'), numeric: true }, { label: t('colShare'), numeric: true }]}
          rows={shares.map((s) => ({
            key: s.category,
            cells: [
              label(s.category),
              <FigureValue value={s.figure.value} status={s.figure.status} format="count" kind="share" thresholds={th} />,
              s.pct === null ? '' : formatPct(s.pct, locale),
            ],
          }))}
        />
      }
      csvHref={csvHref(n, 'distribution')}
    />
  );
}

function CoverageChart(props: { release: Release; units: UnitStatisticsRow[]; thresholds: Thresholds }) {
  const { t, locale } = useKinerjaMessages();
  const text = useFigureText();
  const th = props.thresholds;
  const n = props.release.number;
  const rows = byValue(props.units, (u) => u.skpCoveragePct, (u) => u.name, locale);
  const values = rows.map((u) => u.skpCoveragePct).filter((v): v is number => v !== null);
  const mean = values.length > 0 ? formatPct(values.reduce((a, b) => a + b, 0) / values.length, locale) : '—';
  const summary = t('coverageSummary', { number: String(n), mean });
  const shown = rows.filter((u) => u.skpCoveragePct !== null);
  return (
    <ChartFigure
      id="chart-coverage"
      testId="chart-coverage"
      title={t('coverageTitle')}
      summary={summary}
      chart={
        <>
        <BarChart
          max={100}
          label={`${t('coverageTitle')}. ${summary}`}
          bars={shown.map((u) => ({
            key: u.code ?? u.name,
            label: u.name,
            value: u.skpCoveragePct,
            valueText: text(u.skpCoveragePct, u.skpCoveragePctStatus, 'pct', 'share', th),
            pattern: 'diagonal',
          }))}
        />
        <WithheldNote count={rows.length - shown.length} />
        </>
      }
      table={
        <DataTable
          id="chart-coverage"
          caption={t('coverageTableCaption', { number: String(n) })}
          columns={[{ label: t('colUnit') }, { label: t('colSkp'), numeric: true }, { label: t('colOnTime'), numeric: true }]}
          rows={rows.map((u) => ({
            key: u.code ?? u.name,
            cells: [
              u.name,
              <FigureValue value={u.skpCoveragePct} status={u.skpCoveragePctStatus} format="pct" kind="share" thresholds={th} />,
              <FigureValue value={u.realizationOnTimePct} status={u.realizationOnTimePctStatus} format="pct" kind="share" thresholds={th} />,
            ],
          }))}
        />
      }
      csvHref={csvHref(n)}
    />
  );
}

/** Units left out of a chart because their value is not published (the table lists them). */
function WithheldNote(props: { count: number }) {
  const { t } = useKinerjaMessages();
  if (props.count === 0) return null;
  return <p class="chart-note">{t('withheldNote', { count: props.count })}</p>;
}
