/**
 * /portal/bkpsdm/kalibrasi (?tahun=&periode=&tampil=&unit=): BKPSDM's calibration dashboard.
 * Every unit (with its sub-units) against the pattern its organisation predicate allows, the
 * Pejabat Penilai who rate far above or below their unit (and their gap to the self-assessments),
 * and one unit's calibration: chart and table of its predicates, open, justify and finalise.
 * The verdicts, violations and rules are the server's; this screen only shows them.
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { BarChart } from '../../charts/BarChart';
import { ChartFigure, DataTable } from '../../charts/ChartFigure';
import { EmptyState, PageHeading } from '../../components';
import type { Predicate } from '../../graphql/internal/types';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { formatDateTime, formatDay, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { useTeamMessages } from '../team/messages';
import { DistributionScopesDocument } from '../team/DistributionScopes.generated';
import { pickScope, scopeOptions, scopeQuery, type ScopeYear } from '../team/scope';
import { Form, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { CalibrationOverviewDocument, type CalibrationOverviewQuery } from './CalibrationOverview.generated';
import { CalibrationUnitDocument, type CalibrationUnitQuery } from './CalibrationUnit.generated';
import { FinaliseCalibrationDocument } from './FinaliseCalibration.generated';
import { OpenCalibrationDocument } from './OpenCalibration.generated';
import { useBkpsdmMessages } from './messages';
import './bkpsdm.css';

type Row = CalibrationOverviewQuery['calibrationOverview'][number];
type Filter = 'outside' | 'checked' | 'all';
const FILTERS: readonly Filter[] = ['outside', 'checked', 'all'];
const PREDICATES: readonly Predicate[] = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'];
/** Bars differ by fill pattern as well as colour. */
const PATTERN_OF: Record<Predicate, 'solid' | 'diagonal' | 'dots' | 'cross' | 'horizontal'> = {
  SANGAT_BAIK: 'solid',
  BAIK: 'diagonal',
  BUTUH_PERBAIKAN: 'dots',
  KURANG: 'cross',
  SANGAT_KURANG: 'horizontal',
};
/** A rater whose mean score differs this much from the unit's is flagged (half a predicate step). */
const DEVIATION_LIMIT = 0.5;
const MIN_JUSTIFICATION = 20;
const MAX_JUSTIFICATION = 4000;

function listUrl(scope: string, filter: Filter, unit?: string): string {
  const query = new URLSearchParams(scopeQuery(scope));
  if (filter !== 'outside') query.set('tampil', filter);
  if (unit) query.set('unit', unit);
  return `${portalPaths.calibration()}?${query.toString()}`;
}

export function CalibrationPage() {
  const { t } = useBkpsdmMessages();
  const s = useStaffMessages();
  const team = useTeamMessages();
  const query = useStaffQuery(DistributionScopesDocument, {});
  const { query: params } = useLocation();
  return (
    <>
      <PageHeading>{t('cal.title')}</PageHeading>
      <p class="lead">{t('cal.lead')}</p>
      <QueryView query={query}>
        {(data) => {
          const picked = pickScope(data.appraisalYears, params);
          if (picked === null) {
            return (
              <EmptyState>
                <p>{team.t('dist.noYears')}</p>
              </EmptyState>
            );
          }
          const filter = (FILTERS as readonly string[]).includes(params['tampil'] ?? '') ? (params['tampil'] as Filter) : 'outside';
          const scope = { periodId: picked.period?.id ?? null, yearId: picked.period ? null : picked.year.id };
          return (
            <>
              <ScopeForm years={data.appraisalYears} current={picked.value} filter={filter} st={s.t} />
              {params['unit'] ? (
                <UnitCalibration key={`${params['unit']}:${picked.value}`} unitId={params['unit']} scope={scope} backHref={listUrl(picked.value, filter)} />
              ) : (
                <Overview scope={scope} scopeValue={picked.value} filter={filter} />
              )}
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function ScopeForm(props: { years: readonly ScopeYear[]; current: string; filter: Filter; st: ReturnType<typeof useStaffMessages>['t'] }) {
  const { t } = useBkpsdmMessages();
  const team = useTeamMessages();
  const { route } = useLocation();
  return (
    <form
      class="scope-picker"
      method="get"
      action={portalPaths.calibration()}
      data-testid="calibration-scope"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        route(listUrl(String(form.get('scope') ?? ''), (String(form.get('tampil') ?? 'outside') as Filter) || 'outside'));
      }}
    >
      <label for="calibration-scope">{team.t('dist.scope')}</label>
      <select id="calibration-scope" name="scope" key={props.current}>
        {scopeOptions(props.years, props.st).map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.current}>
            {o.label}
          </option>
        ))}
      </select>
      <label for="calibration-filter">{t('cal.filter')}</label>
      <select id="calibration-filter" name="tampil" key={props.filter}>
        {FILTERS.map((f) => (
          <option key={f} value={f} selected={f === props.filter}>
            {t(`cal.filter.${f}`)}
          </option>
        ))}
      </select>
      <button type="submit" class="button button-secondary button-small" data-testid="calibration-show">
        {t('cal.show')}
      </button>
    </form>
  );
}

function countOf(row: { histogram: ReadonlyArray<{ predicate: Predicate; count: number }> }, p: Predicate): number {
  return row.histogram.find((h) => h.predicate === p)?.count ?? 0;
}

function Overview(props: { scope: { periodId: string | null; yearId: string | null }; scopeValue: string; filter: Filter }) {
  const { t } = useBkpsdmMessages();
  const team = useTeamMessages();
  const s = useStaffMessages();
  const query = useStaffQuery(CalibrationOverviewDocument, props.scope);
  return (
    <QueryView query={query}>
      {(data) => {
        const rated = data.calibrationOverview.filter((r) => r.total > 0 && r.unit !== null);
        if (rated.length === 0) {
          return (
            <EmptyState testId="calibration-empty">
              <p>{t('cal.empty')}</p>
            </EmptyState>
          );
        }
        const outside = rated.filter((r) => r.withinPattern === false);
        const checked = rated.filter((r) => r.withinPattern !== null);
        const shown = props.filter === 'outside' ? outside : props.filter === 'checked' ? checked : rated;
        return (
          <>
            <p data-testid="calibration-summary" data-outside={outside.length}>
              {t('cal.summary', {
                outside: outside.length,
                within: checked.length - outside.length,
                unchecked: rated.length - checked.length,
                final: rated.filter((r) => r.finalised).length,
              })}
            </p>
            <section class="section" aria-labelledby="calibration-units">
              <h2 id="calibration-units">{t('cal.units')}</h2>
              {shown.length === 0 ? (
                <EmptyState>
                  <p>{t('cal.emptyUnits')}</p>
                </EmptyState>
              ) : (
                <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="calibration-units-caption">
                  <table class="data-table calibration-table" data-testid="calibration-units">
                    <caption id="calibration-units-caption">
                      {t('cal.unitsCaption')}
                      <span class="cell-kind">{t('cal.abbrLegend')}</span>
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('cal.col.unit')}</th>
                        {PREDICATES.map((p) => (
                          <th key={p} scope="col" class="num">
                            <abbr title={s.t(`predicate.${p}`)}>{t(`cal.abbr.${p}`)}</abbr>
                          </th>
                        ))}
                        <th scope="col" class="num">
                          {t('cal.col.total')}
                        </th>
                        <th scope="col">{t('cal.col.pattern')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((r) => (
                        <tr key={r.unit!.id} data-testid="calibration-unit" data-unit={r.unit!.id} data-within={String(r.withinPattern)} data-final={String(r.finalised)}>
                          <th scope="row">
                            <a href={listUrl(props.scopeValue, props.filter, r.unit!.id)} data-testid="calibration-open-unit">
                              {r.unit!.name}
                            </a>
                            <span class="cell-kind">
                              {t('cal.col.org')}: {r.orgPredicate ? team.t(`orgPredicate.${r.orgPredicate.predicate}`) : t('cal.none')}
                            </span>
                          </th>
                          {PREDICATES.map((p) => (
                            <td key={p} class="num">
                              {countOf(r, p)}
                            </td>
                          ))}
                          <td class="num">{r.total}</td>
                          <td class="calibration-pattern">
                            {r.withinPattern === null ? (
                              team.t('dist.unchecked')
                            ) : r.withinPattern ? (
                              <>✓ {team.t('dist.within')}</>
                            ) : (
                              <>
                                <strong>✗ {team.t('dist.outside')}</strong>
                                <span class="cell-kind" lang="id">
                                  {r.violations.join('; ')}
                                </span>
                              </>
                            )}
                            <span class="cell-kind">{r.finalised ? t('cal.final') : t('cal.notFinal')}</span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <Raters rows={rated} />
          </>
        );
      }}
    </QueryView>
  );
}

function signed(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2, signDisplay: 'exceptZero' }).format(value);
}

/** The assessors far above or below their unit: the leniency chart (bar length = size of the difference, fill = direction) and its table. */
function Raters(props: { rows: Row[] }) {
  const { t, locale } = useBkpsdmMessages();
  const flagged = props.rows
    .flatMap((r) => r.raters.map((rater) => ({ unit: r.unit!, rater })))
    .filter(({ rater }) => Math.abs(rater.deviation) >= DEVIATION_LIMIT)
    .sort((a, b) => Math.abs(b.rater.deviation) - Math.abs(a.rater.deviation));
  const limit = new Intl.NumberFormat(locale, { minimumFractionDigits: 1 }).format(DEVIATION_LIMIT);
  const direction = (d: number) => (d > 0 ? t('cal.lenient') : t('cal.strict'));
  const gap = (g: number | null | undefined) =>
    g === null || g === undefined ? t('cal.selfNone') : `${signed(g, locale)} (${g < 0 ? t('cal.selfLower') : g > 0 ? t('cal.selfHigher') : t('cal.selfEven')})`;
  const name = (x: (typeof flagged)[number]) => `${x.rater.assessor?.name ?? '—'} · ${x.unit.name}`;
  return (
    <section class="section" aria-labelledby="calibration-raters" data-testid="calibration-raters" data-count={flagged.length}>
      <h2 id="calibration-raters">{t('cal.raters')}</h2>
      <p class="hint">{t('cal.ratersLead', { limit })}</p>
      {flagged.length === 0 ? (
        <EmptyState>
          <p>{t('cal.ratersNone', { limit })}</p>
        </EmptyState>
      ) : (
        <ChartFigure
          id="calibration-leniency"
          title={t('cal.ratersCaption')}
          summary={`${name(flagged[0]!)}: ${signed(flagged[0]!.rater.deviation, locale)} (${direction(flagged[0]!.rater.deviation)}).`}
          chart={
            <BarChart
              label={t('cal.ratersCaption')}
              max={4}
              bars={flagged.slice(0, 15).map((x) => ({
                key: `${x.unit.id}:${x.rater.assessor?.id ?? ''}`,
                label: name(x),
                value: Math.abs(x.rater.deviation),
                valueText: `${signed(x.rater.deviation, locale)} ${direction(x.rater.deviation)}`,
                pattern: x.rater.deviation > 0 ? 'solid' : 'diagonal',
              }))}
            />
          }
          table={
            <DataTable
              id="calibration-leniency"
              caption={t('cal.ratersCaption')}
              testId="calibration-raters-table"
              columns={[
                { label: t('cal.col.assessor') },
                { label: t('cal.col.unit') },
                { label: t('cal.col.rated'), numeric: true },
                { label: t('cal.col.mean'), numeric: true },
                { label: t('cal.col.unitMean'), numeric: true },
                { label: t('cal.col.deviation') },
                { label: t('cal.col.selfGap') },
              ]}
              rows={flagged.map((x) => ({
                key: `${x.unit.id}:${x.rater.assessor?.id ?? ''}`,
                cells: [
                  x.rater.assessor?.name ?? '—',
                  x.unit.name,
                  x.rater.rated,
                  new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(x.rater.meanScore),
                  new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(x.rater.unitMean),
                  `${signed(x.rater.deviation, locale)} (${direction(x.rater.deviation)})`,
                  gap(x.rater.meanSelfGap),
                ],
              }))}
            />
          }
        />
      )}
    </section>
  );
}

function UnitCalibration(props: { unitId: string; scope: { periodId: string | null; yearId: string | null }; backHref: string }) {
  const { t } = useBkpsdmMessages();
  const query = useStaffQuery(CalibrationUnitDocument, { unitId: props.unitId, ...props.scope });
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <p>
        <a href={props.backHref} data-testid="calibration-back">
          {t('cal.back')}
        </a>
      </p>
      <div role="status" aria-live="polite" data-testid="calibration-notice">
        {notice ? <p class="notice notice-info">{notice}</p> : null}
      </div>
      <QueryView query={query}>
        {({ unitDistribution: d }) => (
          <UnitDetail
            d={d}
            unitId={props.unitId}
            scope={props.scope}
            onDone={(message) => {
              setNotice(message);
              query.reload();
            }}
          />
        )}
      </QueryView>
    </>
  );
}

type Distribution = CalibrationUnitQuery['unitDistribution'];

function UnitDetail(props: { d: Distribution; unitId: string; scope: { periodId: string | null; yearId: string | null }; onDone: (message: string) => void }) {
  const { t, locale } = useBkpsdmMessages();
  const team = useTeamMessages();
  const s = useStaffMessages();
  const { d } = props;
  const unitName = d.unit?.name ?? '';
  const verdict = d.withinPattern === null ? 'unchecked' : d.withinPattern ? 'within' : 'outside';
  const share = (n: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(d.total ? n / d.total : 0);
  const counts = PREDICATES.map((p) => ({ predicate: p, count: countOf(d, p) }));
  const top = [...counts].sort((a, b) => b.count - a.count)[0]!;
  return (
    <section class="section" aria-labelledby="calibration-unit-title" data-testid="calibration-detail" data-within={verdict} data-final={String(d.finalised)}>
      <h2 id="calibration-unit-title">{t('cal.unitTitle', { unit: unitName })}</h2>
      <dl class="facts">
        <div class="row">
          <dt>{team.t('dist.orgPredicate')}</dt>
          <dd>
            {d.orgPredicate ? (
              <>
                {team.t(`orgPredicate.${d.orgPredicate.predicate}`)}
                <span class="cell-kind" lang="id">
                  {team.t('dist.orgBasis', { basis: d.orgPredicate.basis })}
                </span>
              </>
            ) : (
              team.t('dist.orgPredicateNone')
            )}
          </dd>
        </div>
        <div class="row">
          <dt>{team.t('dist.total')}</dt>
          <dd>{d.total}</dd>
        </div>
      </dl>
      {d.total === 0 ? (
        <EmptyState>
          <p>{t('cal.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <p class={verdict === 'outside' ? 'notice notice-warning' : 'notice notice-info'} data-testid="calibration-verdict">
            <strong>
              {verdict === 'outside' ? '✗ ' : verdict === 'within' ? '✓ ' : ''}
              {team.t(`dist.${verdict}`)}
            </strong>
          </p>
          {d.violations.length > 0 ? (
            <>
              <h3>{team.t('dist.violations')}</h3>
              <ul lang="id" data-testid="calibration-violations">
                {d.violations.map((v) => (
                  <li key={v}>{v}</li>
                ))}
              </ul>
            </>
          ) : null}
          <ChartFigure
            id="calibration-unit-chart"
            testId="calibration-chart"
            title={t('cal.chartTitle', { unit: unitName })}
            summary={t('cal.chartSummary', { total: d.total, top: s.t(`predicate.${top.predicate}`), share: share(top.count), verdict: team.t(`dist.${verdict}`) })}
            chart={
              <BarChart
                label={t('cal.chartTitle', { unit: unitName })}
                max={Math.max(1, ...counts.map((c) => c.count))}
                bars={counts.map((c) => ({
                  key: c.predicate,
                  label: s.t(`predicate.${c.predicate}`),
                  value: c.count,
                  valueText: t('cal.count', { count: c.count, share: share(c.count) }),
                  pattern: PATTERN_OF[c.predicate],
                }))}
              />
            }
            table={
              <DataTable
                id="calibration-unit-chart"
                caption={team.t('dist.caption')}
                columns={[{ label: team.t('dist.col.predicate') }, { label: team.t('dist.col.count'), numeric: true }, { label: team.t('dist.col.share'), numeric: true }]}
                rows={counts.map((c) => ({ key: c.predicate, cells: [s.t(`predicate.${c.predicate}`), c.count, share(c.count)] }))}
              />
            }
          />
          <details class="section">
            <summary>{t('cal.entries', { count: d.entries.length })}</summary>
            <DataTable
              id="calibration-entries"
              caption={t('cal.entries', { count: d.entries.length })}
              columns={[{ label: t('cal.col.employee') }, { label: t('cal.col.position') }, { label: t('cal.col.predicate') }]}
              rows={d.entries.map((e) => ({
                key: e.evaluationId,
                cells: [e.employee?.name ?? '—', e.employee?.position?.name ?? '—', s.t(`predicate.${e.predicate}`)],
              }))}
            />
          </details>
        </>
      )}
      <p class="hint">{team.t('dist.policy', { date: formatDay(d.policyEffectiveFrom, s.locale) })}</p>
      {d.decision ? (
        <section class="section card" aria-labelledby="calibration-decision" data-testid="calibration-decision">
          <h3 id="calibration-decision">{t('cal.decision')}</h3>
          <p>
            {t('cal.decidedAt', { when: formatDateTime(d.decision.decidedAt, locale) })} — {d.decision.withinPattern ? t('cal.decisionWithin') : t('cal.decisionOutside')}
          </p>
          <p lang="id" data-testid="calibration-justification">
            {d.decision.justification ?? t('cal.noJustification')}
          </p>
        </section>
      ) : d.total > 0 ? (
        <Actions d={d} unitId={props.unitId} scope={props.scope} onDone={props.onDone} />
      ) : null}
    </section>
  );
}

function Actions(props: { d: Distribution; unitId: string; scope: { periodId: string | null; yearId: string | null }; onDone: (message: string) => void }) {
  const { t, locale } = useBkpsdmMessages();
  const { d } = props;
  const unitName = d.unit?.name ?? '';
  const [busy, setBusy] = useState(false);
  const [openErrors, setOpenErrors] = useState<FieldError[]>([]);
  const outside = d.withinPattern === false;
  const form = useForm({
    id: `calibration-finalise-${props.unitId}`,
    initial: { justification: '' },
    validate: (v) => {
      const text = v.justification.trim();
      if (text.length > MAX_JUSTIFICATION) return [{ field: 'justification', message: t('cal.justificationLong', { max: MAX_JUSTIFICATION }), code: 'INVALID_INPUT', local: true }];
      if (outside && text.length < MIN_JUSTIFICATION)
        return [{ field: 'justification', message: t('cal.justificationShort', { min: MIN_JUSTIFICATION, count: text.length }), code: 'INVALID_INPUT', local: true }];
      return [];
    },
  });
  const input = { unitId: props.unitId, scope: props.scope, includeSubunits: true };
  return (
    <>
      <section class="section" aria-labelledby="calibration-open-title">
        <p id="calibration-open-title" class="hint" data-testid="calibration-opened" data-opened={String(d.openedAt !== null && d.openedAt !== undefined)}>
          {d.openedAt ? t('cal.openedAt', { when: formatDateTime(d.openedAt, locale) }) : t('cal.notOpened')}
        </p>
        {openErrors.length > 0 ? (
          <div class="notice notice-error" role="alert">
            {openErrors.map((e, i) => (
              <p key={i} lang="id">
                {e.message}
              </p>
            ))}
          </div>
        ) : null}
        {d.openedAt ? null : (
          <button
            type="button"
            class="button button-secondary"
            disabled={busy}
            data-testid="calibration-open"
            onClick={async () => {
              setBusy(true);
              const outcome = await runMutation(OpenCalibrationDocument, { input }, (x) => x.openCalibration);
              setBusy(false);
              if (outcome.ok) {
                setOpenErrors([]);
                props.onDone(t('cal.opened', { unit: unitName }));
              } else setOpenErrors(outcome.errors);
            }}
          >
            {t('cal.openButton')}
          </button>
        )}
      </section>
      <section class="section card" aria-labelledby="calibration-finalise-title" data-testid="calibration-finalise">
        <h3 id="calibration-finalise-title">{t('cal.finaliseTitle')}</h3>
        {d.orgPredicate === null || d.orgPredicate === undefined ? (
          <p class="notice notice-warning">{t('cal.noOrg')}</p>
        ) : (
          <Form
            form={form}
            labelledBy="calibration-finalise-title"
            onSubmit={(v) =>
              runMutation(FinaliseCalibrationDocument, { input: { ...input, justification: v.justification.trim() || null } }, (x) => x.finaliseCalibration)
            }
            onSuccess={() => props.onDone(t('cal.finalised', { unit: unitName }))}
          >
            <TextField help={t('cal.help.justification')}
              form={form}
              name="justification"
              label={t('cal.justification')}
              hint={outside ? t('cal.finaliseOutside', { min: MIN_JUSTIFICATION }) : t('cal.finaliseWithin')}
              multiline
              rows={4}
              required={outside}
            />
            <SubmitButton form={form}>{t('cal.finaliseButton')}</SubmitButton>
          </Form>
        )}
      </section>
    </>
  );
}
