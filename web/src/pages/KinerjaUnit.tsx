/** /kinerja/unit/:code — one unit: figures, services with per-unsur scores, follow-ups, time series. */
import { Link, LoadError, Loading, PageHeading } from '../components';
import { BandLabel, FigureValue, WithheldLegend } from '../figures';
import type { FollowUpAction, KinerjaUnitQuery, ServiceStatistics, UnitSeriesPoint } from '../graphql/types';
import { localeOf, useI18n } from '../i18n';
import { formatDate, formatNumber, type Thresholds } from '../lib/figures';
import { loadUnit, thresholdsOf } from '../lib/kinerjaData';
import type { RouteParams } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { IkmFigure, ReleaseFacts } from './Kinerja';

type LatestRelease = NonNullable<KinerjaUnitQuery['latestRelease']>;
type Unit = NonNullable<LatestRelease['unit']>;

export function KinerjaUnitPage(props: { params: RouteParams }) {
  const { t } = useI18n();
  const code = props.params.code ?? '';
  const data = useAsync((signal) => loadUnit(code, signal));
  const release = data.status === 'success' ? data.data.latestRelease : null;
  const unit = release?.unit ?? null;
  return (
    <>
      <p class="back-link">
        <Link href="/kinerja">{t('unit.back')}</Link>
      </p>
      <PageHeading>{unit ? unit.name : t('unit.titleLoading', { code })}</PageHeading>
      {data.status === 'loading' ? <Loading /> : null}
      {data.status === 'error' ? <LoadError onRetry={data.reload} /> : null}
      {data.status === 'success' && release === null ? <p class="notice notice-info">{t('kinerja.noRelease')}</p> : null}
      {data.status === 'success' && release !== null && unit === null ? (
        <p class="notice notice-error" data-testid="unit-not-found">
          {t('unit.notFound', { code })}
        </p>
      ) : null}
      {release !== null && unit !== null && data.status === 'success' ? (
        <UnitBody release={release} unit={unit} series={data.data.unitTimeSeries} />
      ) : null}
    </>
  );
}

function UnitBody(props: { release: LatestRelease; unit: Unit; series: UnitSeriesPoint[] }) {
  const { t, te } = useI18n();
  const { release, unit } = props;
  const th = thresholdsOf(release);
  const services = release.services.edges.map((e) => e.node);
  return (
    <>
      <ReleaseFacts release={release} />
      <section aria-labelledby="figures-heading" class="section" data-testid="unit-figures">
        <h2 id="figures-heading">
          {t('unit.figuresHeading', { number: String(release.number), period: release.periodCode })}
        </h2>
        <dl class="facts">
          <div class="row">
            <dt>{t('unit.code')}</dt>
            <dd>{unit.code}</dd>
          </div>
          {unit.kind ? (
            <div class="row">
              <dt>{t('unit.kind')}</dt>
              <dd>{te('unitKind', unit.kind)}</dd>
            </div>
          ) : null}
          <div class="row">
            <dt>{t('kinerja.headcount')}</dt>
            <dd data-testid="unit-headcount">
              <FigureValue value={unit.headcount} status={unit.headcountStatus} format="count" kind="headcount" thresholds={th} long />
            </dd>
          </div>
          <div class="row">
            <dt>{t('unit.directHeadcount')}</dt>
            <dd>
              <FigureValue
                value={unit.directHeadcount}
                status={unit.directHeadcountStatus}
                format="count"
                kind="headcount"
                thresholds={th}
                long
              />
            </dd>
          </div>
          <div class="row">
            <dt>{t('kinerja.skpCoverage')}</dt>
            <dd>
              <FigureValue value={unit.skpCoveragePct} status={unit.skpCoveragePctStatus} format="pct" kind="share" thresholds={th} long />
            </dd>
          </div>
          <div class="row">
            <dt>{t('kinerja.onTime')}</dt>
            <dd>
              <FigureValue
                value={unit.realizationOnTimePct}
                status={unit.realizationOnTimePctStatus}
                format="pct"
                kind="share"
                thresholds={th}
                long
              />
            </dd>
          </div>
          <div class="row">
            <dt>{t('unit.evaluationCompletion')}</dt>
            <dd>
              <FigureValue
                value={unit.evaluationCompletionPct}
                status={unit.evaluationCompletionPctStatus}
                format="pct"
                kind="share"
                thresholds={th}
                long
              />
            </dd>
          </div>
          <div class="row">
            <dt>{t('kinerja.ikm')}</dt>
            <dd>
              <IkmFigure survey={unit.survey} thresholds={th} />
            </dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="services-heading" class="section" data-testid="unit-services">
        <h2 id="services-heading">{t('unit.servicesHeading')}</h2>
        {services.length === 0 ? <p>{t('unit.servicesNone')}</p> : null}
        {services.map((service) => (
          <ServiceBlock key={service.code} service={service} thresholds={th} />
        ))}
      </section>
      <FollowUps items={unit.followUps} />
      <TimeSeries series={props.series} thresholds={th} />
      <WithheldLegend thresholds={th} />
    </>
  );
}

function ServiceBlock(props: { service: ServiceStatistics; thresholds: Thresholds }) {
  const { t, te, lang } = useI18n();
  const { service, thresholds } = props;
  const s = service.survey;
  const captionId = `unsur-${service.code}`;
  return (
    <div class="service" data-testid="service" data-service-code={service.code}>
      <h3>{service.name}</h3>
      <dl class="facts">
        <div class="row">
          <dt>{t('kinerja.ikm')}</dt>
          <dd>
            <IkmFigure survey={s} thresholds={thresholds} />
          </dd>
        </div>
        {s.servicePopulation !== null ? (
          <div class="row">
            <dt>{t('unit.servicePopulation')}</dt>
            <dd>{formatNumber(s.servicePopulation, localeOf(lang))}</dd>
          </div>
        ) : null}
      </dl>
      <div class="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table class="data-table" data-testid="unsur-table">
          <caption id={captionId}>{t('unit.unsurCaption', { service: service.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('unit.col.unsur')}</th>
              <th scope="col" class="num">
                {t('unit.col.nrr')}
              </th>
              <th scope="col" class="num">
                {t('unit.col.answers')}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.unsur.map((u) => (
              <tr key={u.unsur}>
                <th scope="row">
                  <span class="unsur-code">{u.unsur}</span> {te('unsur', u.unsur)}
                </th>
                <td class="num">
                  <FigureValue value={u.nrr} status={u.nrrStatus} format="score" kind="share" thresholds={thresholds} />
                </td>
                <td class="num">{formatNumber(u.answers, localeOf(lang))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function FollowUps(props: { items: FollowUpAction[] }) {
  const { t, te, lang } = useI18n();
  const locale = localeOf(lang);
  return (
    <section aria-labelledby="followups-heading" class="section" data-testid="unit-follow-ups">
      <h2 id="followups-heading">{t('unit.followUpsHeading')}</h2>
      {props.items.length === 0 ? (
        <p>{t('unit.followUpsNone')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="followups-caption" tabIndex={0}>
          <table class="data-table">
            <caption id="followups-caption">{t('unit.followUpsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('unit.col.action')}</th>
                <th scope="col">{t('unit.col.unsur')}</th>
                <th scope="col">{t('unit.col.year')}</th>
                <th scope="col">{t('unit.col.target')}</th>
                <th scope="col">{t('unit.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((item, index) => (
                <tr key={index}>
                  <td>{item.action}</td>
                  <td>{item.unsur ? `${item.unsur} ${te('unsur', item.unsur)}` : t('unit.noUnsur')}</td>
                  <td>{item.year}</td>
                  <td>{item.targetDate ? formatDate(item.targetDate, locale) : t('unit.noTarget')}</td>
                  <td>{item.done ? t('unit.done') : t('unit.notDone')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TimeSeries(props: { series: UnitSeriesPoint[]; thresholds: Thresholds }) {
  const { t } = useI18n();
  const th = props.thresholds;
  return (
    <section aria-labelledby="series-heading" class="section" data-testid="unit-series">
      <h2 id="series-heading">{t('unit.seriesHeading')}</h2>
      {props.series.length === 0 ? <p>{t('unit.seriesNone')}</p> : null}
      {props.series.length > 0 ? (
        <>
          <IkmChart series={props.series} />
          <div class="table-scroll" role="region" aria-labelledby="series-caption" tabIndex={0}>
            <table class="data-table" data-testid="series-table">
              <caption id="series-caption">{t('unit.seriesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('unit.col.release')}</th>
                  <th scope="col" class="num">
                    {t('kinerja.col.headcount')}
                  </th>
                  <th scope="col" class="num">
                    {t('kinerja.col.skp')}
                  </th>
                  <th scope="col" class="num">
                    {t('kinerja.col.onTime')}
                  </th>
                  <th scope="col" class="num">
                    {t('kinerja.col.ikm')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.series.map((p) => (
                  <tr key={p.releaseNumber}>
                    <th scope="row">
                      #{p.releaseNumber} <span class="unit-kind cell-kind">{p.periodCode}</span>
                    </th>
                    <td class="num">
                      <FigureValue value={p.headcount} status={p.headcountStatus} format="count" kind="headcount" thresholds={th} />
                    </td>
                    <td class="num">
                      <FigureValue value={p.skpCoveragePct} status={p.skpCoveragePctStatus} format="pct" kind="share" thresholds={th} />
                    </td>
                    <td class="num">
                      <FigureValue
                        value={p.realizationOnTimePct}
                        status={p.realizationOnTimePctStatus}
                        format="pct"
                        kind="share"
                        thresholds={th}
                      />
                    </td>
                    <td class="num">
                      <FigureValue value={p.survey.ikmConverted} status={p.survey.status} format="ikm" kind="share" thresholds={th} />
                      {p.survey.ikmConverted !== null ? (
                        <>
                          {' '}
                          <BandLabel band={p.survey.band} />
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

/** A tiny bar chart of the converted IKM (25–100); the table above it holds every figure. */
function IkmChart(props: { series: UnitSeriesPoint[] }) {
  const { t, lang } = useI18n();
  const points = props.series;
  if (!points.some((p) => p.survey.ikmConverted !== null)) return null;
  const barWidth = 36;
  const gap = 16;
  const height = 120;
  const top = 18;
  const bottom = 20;
  const width = points.length * (barWidth + gap) + gap;
  const plot = height - top - bottom;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-labelledby="ikm-chart-title"
        focusable="false"
      >
        <title id="ikm-chart-title">{`${t('unit.chartTitle')}. ${t('unit.chartSummary')}`}</title>
        <line class="chart-axis" x1="0" x2={width} y1={height - bottom} y2={height - bottom} />
        {points.map((p, i) => {
          const x = gap + i * (barWidth + gap);
          const value = p.survey.ikmConverted;
          const h = value === null ? 0 : Math.max(1, (value / 100) * plot);
          return (
            <g key={p.releaseNumber}>
              {value !== null ? <rect class="chart-bar" x={x} y={height - bottom - h} width={barWidth} height={h} /> : null}
              <text class="chart-value" x={x + barWidth / 2} y={height - bottom - h - 4} text-anchor="middle">
                {value === null ? '—' : formatNumber(value, localeOf(lang), 1)}
              </text>
              <text class="chart-label" x={x + barWidth / 2} y={height - 5} text-anchor="middle">
                #{p.releaseNumber}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{t('unit.chartTitle')}</figcaption>
    </figure>
  );
}
