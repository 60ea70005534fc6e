/**
 * /portal/unit/kelengkapan (?unit=&tahun=&periode=): SKP and realisasi completion per sub-unit of
 * the unit I manage, for a whole year or one period (the server's completion report: the same
 * figures BKPSDM downloads), as bar charts with their full data table, and who is behind.
 */
import { useLocation } from 'preact-iso';
import { BarChart, type Bar } from '../../charts/BarChart';
import { ChartFigure, DataTable } from '../../charts/ChartFigure';
import { EmptyState, PageHeading } from '../../components';
import { useStaffQuery } from '../api';
import { periodLabel, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { QueryView } from '../ui/states';
import { useUnitMessages } from './messages';
import { pickYear, UnitNav, unitQuery, UnitScope, type AppraisalYear, type UnitChoice } from './scope';
import { UnitCompletionDocument, type UnitCompletionQuery } from './UnitCompletion.generated';
import { UnitPeopleDocument } from './UnitPeople.generated';
import './unit.css';

type Row = UnitCompletionQuery['completionReport'][number];
const BEHIND_SHOWN = 10;

export function UnitCompletionPage() {
  const { t } = useUnitMessages();
  return (
    <>
      <PageHeading>{t('comp.title')}</PageHeading>
      <UnitNav current="completion" />
      <UnitScope action={portalPaths.unitCompletion()}>{(unit) => <Completion unit={unit} />}</UnitScope>
    </>
  );
}

function Completion(props: { unit: UnitChoice }) {
  const { t } = useUnitMessages();
  const s = useStaffMessages();
  const { query: params, route } = useLocation();
  const year = pickYear(props.unit.years, params['tahun']);
  if (year === null) {
    return (
      <EmptyState testId="unit-no-years">
        <p>{t('unit.noYears')}</p>
      </EmptyState>
    );
  }
  const period = year.periods.find((p) => String(p.number) === params['periode']) ?? null;
  const scopeLabel = period === null ? t('comp.wholeYear', { year: String(year.year) }) : `${periodLabel(s.t, year.cadence, period.number)} ${year.year}`;
  const options = props.unit.years.flatMap((y) => [
    { value: `${y.year}:`, label: t('comp.wholeYear', { year: String(y.year) }) },
    ...y.periods.map((p) => ({ value: `${y.year}:${p.number}`, label: `${periodLabel(s.t, y.cadence, p.number)} ${y.year}` })),
  ]);
  const current = `${year.year}:${period?.number ?? ''}`;
  return (
    <>
      <p class="lead">{t('comp.lead', { unit: props.unit.name })}</p>
      <form
        class="scope-picker"
        method="get"
        action={portalPaths.unitCompletion()}
        onSubmit={(event) => {
          event.preventDefault();
          const [y, p] = String(new FormData(event.currentTarget).get('scope') ?? '').split(':');
          route(`${portalPaths.unitCompletion()}${unitQuery(params, { tahun: y ?? null, periode: p ?? null })}`);
        }}
      >
        <label for="completion-scope">{t('comp.scope')}</label>
        <select id="completion-scope" name="scope" key={current} data-testid="completion-scope">
          {options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === current}>
              {o.label}
            </option>
          ))}
        </select>
        <button type="submit" class="button button-secondary button-small">
          {t('unit.show')}
        </button>
      </form>
      <Figures unit={props.unit} year={year} periodNumber={period?.number ?? null} scopeLabel={scopeLabel} />
      <Behind unit={props.unit} year={year} />
    </>
  );
}

function Figures(props: { unit: UnitChoice; year: AppraisalYear; periodNumber: number | null; scopeLabel: string }) {
  const { t, locale } = useUnitMessages();
  const query = useStaffQuery(UnitCompletionDocument, { year: props.year.year, periodNumber: props.periodNumber, unitCode: props.unit.code });
  const pct = (value: number | null | undefined) =>
    value === null || value === undefined ? t('comp.notDue') : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value) + ' %';
  const bars = (rows: Row[], pick: (r: Row) => number | null): Bar[] =>
    rows.map((r) => ({ key: r.unitCode, label: r.unitName, value: pick(r), valueText: pct(pick(r)) }));
  const lowest = (rows: Row[], pick: (r: Row) => number | null): Row | null =>
    rows.filter((r) => pick(r) !== null).sort((a, b) => (pick(a) ?? 0) - (pick(b) ?? 0))[0] ?? null;
  return (
    <QueryView query={query}>
      {(data) => {
        const rows = data.completionReport.filter((r) => r.employees > 0);
        if (rows.length === 0) {
          return (
            <EmptyState testId="completion-empty">
              <p>{t('comp.empty')}</p>
            </EmptyState>
          );
        }
        const onTime = (r: Row) => r.realizationsOnTimePct ?? null;
        const skp = (r: Row) => r.skpSetPct ?? null;
        const lowOnTime = lowest(rows, onTime);
        const lowSkp = lowest(rows, skp);
        const table = (id: string, testId?: string) => (
          <DataTable
            id={id}
            caption={t('comp.caption', { scope: props.scopeLabel })}
            testId={testId}
            columns={[
              { label: t('comp.col.unit') },
              { label: t('comp.col.employees'), numeric: true },
              { label: t('comp.col.skp'), numeric: true },
              { label: t('comp.col.onTime'), numeric: true },
              { label: t('comp.col.evaluations'), numeric: true },
            ]}
            rows={rows.map((r) => ({
              key: r.unitCode,
              cells: [
                r.unitName,
                r.employees,
                `${pct(r.skpSetPct)} (${t('comp.ofTotal', { part: r.skpSet, whole: r.employees })})`,
                `${pct(r.realizationsOnTimePct)} (${t('comp.ofTotal', { part: r.realizationsOnTime, whole: r.realizationsDue })})`,
                `${pct(r.evaluationsDonePct)} (${t('comp.ofTotal', { part: r.evaluationsDone, whole: r.evaluationsDue })})`,
              ],
            }))}
          />
        );
        return (
          <div data-testid="completion" data-units={rows.length}>
            <ChartFigure
              id="completion-on-time"
              testId="completion-chart"
              title={t('comp.chartTitle', { scope: props.scopeLabel })}
              summary={lowOnTime ? t('comp.chartSummary', { unit: lowOnTime.unitName, value: pct(onTime(lowOnTime)) }) : t('comp.chartSummaryNone')}
              chart={<BarChart bars={bars(rows, onTime)} max={100} label={t('comp.chartTitle', { scope: props.scopeLabel })} testId="completion-bars" />}
              table={table('completion', 'completion-table')}
            />
            <ChartFigure
              id="completion-skp"
              title={t('comp.skpTitle', { scope: props.scopeLabel })}
              summary={lowSkp ? t('comp.skpSummary', { unit: lowSkp.unitName, value: pct(skp(lowSkp)) }) : ''}
              chart={<BarChart bars={bars(rows, skp)} max={100} label={t('comp.skpTitle', { scope: props.scopeLabel })} />}
              table={table('completion-skp-data')}
            />
          </div>
        );
      }}
    </QueryView>
  );
}

function Behind(props: { unit: UnitChoice; year: AppraisalYear }) {
  const { t } = useUnitMessages();
  const s = useStaffMessages();
  const { query: params } = useLocation();
  const query = useStaffQuery(UnitPeopleDocument, { year: props.year.year, unitCode: props.unit.code });
  return (
    <section class="section" aria-labelledby="completion-behind">
      <h2 id="completion-behind">{t('comp.behind')}</h2>
      <p class="hint">{t('comp.behindLead')}</p>
      <QueryView query={query}>
        {({ unitPeople: data }) => {
          const behind = data.people.filter((p) => p.behind).sort((a, b) => a.unitName.localeCompare(b.unitName, 'id') || a.employee.name.localeCompare(b.employee.name, 'id'));
          if (behind.length === 0) {
            return (
              <EmptyState testId="completion-behind-none">
                <p>{t('comp.behindNone')}</p>
              </EmptyState>
            );
          }
          const due = data.duePeriodNumber === null ? '' : `${periodLabel(s.t, props.year.cadence, data.duePeriodNumber)} ${props.year.year}`;
          return (
            <>
              <ul class="plain-list" data-testid="completion-behind-list" data-count={behind.length}>
                {behind.slice(0, BEHIND_SHOWN).map((p) => (
                  <li key={p.employee.id}>
                    <strong>{p.employee.name}</strong> ({p.unitName}):{' '}
                    {p.behindReasons.map((r) => t(`people.reason.${r}`, { period: due, done: p.dueConfirmed, total: p.indicators })).join('; ')}
                  </li>
                ))}
              </ul>
              <p>
                <a href={`${portalPaths.unitPeople()}${unitQuery(params, { tahun: props.year.year, tertinggal: 1 })}`} data-testid="completion-behind-all">
                  {t('comp.behindMore', { count: behind.length })}
                </a>
              </p>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
