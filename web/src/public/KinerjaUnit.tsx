/** /kinerja/unit/:code — one unit: figures, services with per-unsur scores, follow-ups, time series. */
import { LoadError, Loading, PageHeading, ScrollTable } from '../components';
import { BandLabel, FigureValue, WithheldLegend } from '../figures';
import type { FollowUpAction, KinerjaUnitQuery, ServiceStatistics, UnitSeriesPoint } from './types';
import { localeOf, useI18n } from '../i18n';
import { formatDate, formatNumber, type Thresholds } from '../lib/figures';
import { loadUnit, thresholdsOf } from '../lib/kinerjaData';
import { useAsync } from '../lib/useAsync';
import { IkmFigure, ReleaseFacts } from './Kinerja';
import { FigureCells, FigureHeaders } from './FigureTable';
import { DistributionFigure } from './KinerjaCharts';
import { useKinerjaMessages, type KinerjaMessageKey } from './kinerjaMessages';
import { ChartLegend } from '../charts/ChartFigure';
import { LineChart, SeriesSwatch, type Series } from '../charts/LineChart';

type LatestRelease = NonNullable<KinerjaUnitQuery['latestRelease']>;
type Unit = NonNullable<LatestRelease['unit']>;

export function KinerjaUnitPage(props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const code = props.params.code ?? '';
  const data = useAsync((signal) => loadUnit(code, signal));
  const release = data.status === 'success' ? data.data.latestRelease : null;
  const unit = release?.unit ?? null;
  return (
    <>
      <p class="back-link">
        <a href="/kinerja">{t('unit.back')}</a>
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
        <UnitBody release={release} unit={unit} series={data.data.unitTimeSeries} surveys={data.data.surveyServices} />
      ) : null}
    </>
  );
}

type SurveyLink = KinerjaUnitQuery['surveyServices'][number];

function UnitBody(props: { release: LatestRelease; unit: Unit; series: UnitSeriesPoint[]; surveys: SurveyLink[] }) {
  const { t, te } = useI18n();
  const m = useKinerjaMessages();
  const { release, unit } = props;
  const th = thresholdsOf(release);
  const services = release.services.edges.map((e) => e.node);
  const surveyOf = new Map(props.surveys.map((s) => [s.code, s.surveyPath]));
  const published = new Set(services.map((s) => s.code));
  const surveyOnly = props.surveys.filter((s) => !published.has(s.code));
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
            <dt>{m.t('orgPerformance')}</dt>
            <dd data-testid="unit-org-performance">
              {unit.orgPerformanceLevel !== null ? (
                m.t(`org.${unit.orgPerformanceLevel}` as KinerjaMessageKey)
              ) : (
                <FigureValue value={null} status={unit.orgPerformanceStatus} format="count" kind="share" thresholds={th} long />
              )}
            </dd>
          </div>
          <div class="row">
            <dt>{t('kinerja.ikm')}</dt>
            <dd data-testid="unit-ikm">
              <IkmFigure survey={unit.survey} thresholds={th} />
            </dd>
          </div>
        </dl>
      </section>
      <DistributionFigure
        id="unit-distribution"
        title={m.t('unitDistTitle')}
        intro={m.t('unitDistSummary', { number: String(release.number) })}
        number={release.number}
        distribution={unit.distribution}
        thresholds={th}
      />
      <Objections unit={unit} thresholds={th} />
      <section aria-labelledby="services-heading" class="section" data-testid="unit-services">
        <h2 id="services-heading">{t('unit.servicesHeading')}</h2>
        {services.length === 0 ? <p>{t('unit.servicesNone')}</p> : null}
        {services.map((service) => (
          <ServiceBlock key={service.code} service={service} thresholds={th} surveyPath={surveyOf.get(service.code) ?? null} />
        ))}
        {surveyOnly.length > 0 ? (
          <>
            <h3>{m.t('surveyOnlyHeading')}</h3>
            <p>{m.t('surveyOnlyIntro')}</p>
            <ul class="survey-links">
              {surveyOnly.map((s) => (
                <li key={s.code}>
                  {s.name} — <RateLink path={s.surveyPath} service={s.name} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <FollowUps items={unit.followUps} />
      <TimeSeries series={props.series} thresholds={th} />
      <WithheldLegend thresholds={th} />
    </>
  );
}

/** "Nilai layanan ini": the way from a service's figures to its survey. */
function RateLink(props: { path: string; service: string }) {
  const m = useKinerjaMessages();
  return (
    <a href={props.path} class="rate-link" data-testid="rate-service" aria-label={m.t('rateServiceNamed', { service: props.service })}>
      {m.t('rateService')}
    </a>
  );
}

function Objections(props: { unit: Unit; thresholds: Thresholds }) {
  const m = useKinerjaMessages();
  const u = props.unit;
  const rows: Array<[KinerjaMessageKey, number | null, Unit['objectionsFiledStatus'], string]> = [
    ['objectionsFiled', u.objectionsFiled, u.objectionsFiledStatus, 'filed'],
    ['objectionsUpheld', u.objectionsUpheld, u.objectionsUpheldStatus, 'upheld'],
    ['objectionsRejected', u.objectionsRejected, u.objectionsRejectedStatus, 'rejected'],
    ['objectionsPending', u.objectionsPending, u.objectionsPendingStatus, 'pending'],
  ];
  return (
    <section aria-labelledby="objections-heading" class="section" data-testid="unit-objections">
      <h2 id="objections-heading">{m.t('objectionsHeading')}</h2>
      <p>{m.t('objectionsIntro')}</p>
      <dl class="facts">
        {rows.map(([label, value, status, key]) => (
          <div class="row" key={key} data-testid={`objections-${key}`}>
            <dt>{m.t(label)}</dt>
            <dd>
              <FigureValue value={value} status={status} format="count" kind="headcount" thresholds={props.thresholds} long />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function ServiceBlock(props: { service: ServiceStatistics; thresholds: Thresholds; surveyPath: string | null }) {
  const { t, te, lang } = useI18n();
  const { service, thresholds } = props;
  const s = service.survey;
  const captionId = `unsur-${service.code}`;
  return (
    <div class="service" data-testid="service" data-service-code={service.code}>
      <h3>{service.name}</h3>
      {props.surveyPath ? (
        <p>
          <RateLink path={props.surveyPath} service={service.name} />
        </p>
      ) : null}
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
      <ScrollTable captionId={captionId} testId="unsur-table" caption={t('unit.unsurCaption', { service: service.name })}>
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
      </ScrollTable>
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
        <ScrollTable captionId="followups-caption" caption={t('unit.followUpsCaption')}>
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
        </ScrollTable>
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
          <SeriesChart series={props.series} />
          <ScrollTable captionId="series-caption" testId="series-table" caption={t('unit.seriesCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('unit.col.release')}</th>
                <FigureHeaders />
              </tr>
            </thead>
            <tbody>
              {props.series.map((p) => (
                <tr key={p.releaseNumber}>
                  <th scope="row">
                    #{p.releaseNumber} <span class="unit-kind cell-kind">{p.periodCode}</span>
                  </th>
                  <FigureCells row={p} thresholds={th} />
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      ) : null}
    </section>
  );
}

/** The unit across releases: IKM, SKP coverage and on-time realisations on one 0–100 scale. */
function SeriesChart(props: { series: UnitSeriesPoint[] }) {
  const m = useKinerjaMessages();
  const points = props.series;
  const series: Series[] = [
    { key: 'ikm', label: m.t('seriesIkm'), values: points.map((p) => p.survey.ikmConverted) },
    { key: 'skp', label: m.t('seriesSkp'), values: points.map((p) => p.skpCoveragePct) },
    { key: 'onTime', label: m.t('seriesOnTime'), values: points.map((p) => p.realizationOnTimePct) },
  ];
  const title = m.t('seriesChartTitle');
  const summary = m.t('seriesChartSummary');
  return (
    <figure class="chart-figure" aria-labelledby="series-chart-caption" data-testid="series-chart">
      <figcaption id="series-chart-caption">
        <span class="chart-title">{title}</span>
        <span class="chart-summary">{summary}</span>
      </figcaption>
      <LineChart xLabels={points.map((p) => `#${p.releaseNumber} ${p.periodCode}`)} series={series} label={`${title}. ${summary}`} />
      <ChartLegend items={series.map((s, i) => ({ key: s.key, swatch: <SeriesSwatch index={i} />, label: s.label }))} />
    </figure>
  );
}
