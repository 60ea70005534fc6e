/**
 * /portal/bkpsdm/laporan (?tahun=&periode=&unit=): every report the server offers
 * (`GET /api/reports/{name}.csv|.xlsx`, server/http/report_downloads.py; the names are
 * server/services/reports/tables.py REPORTS) with year, period and unit filters. The buttons are
 * plain links with the query string (open in a new tab, save as… work); a click fetches the file
 * instead so the page can say that it is being made, then hands it to the browser. The list comes
 * from the server (`reportDefinitions`); a report this catalogue does not name yet shows the
 * server's (Indonesian) title.
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { EmptyState, PageHeading } from '../../components';
import { goToLogin, useStaffQuery } from '../api';
import { periodLabel, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { QueryView } from '../ui/states';
import { HrOnly } from './HrOnly';
import { useHrMessages, type HrMessageKey } from './hrMessages';
import { HrReportScopesDocument, type HrReportScopesQuery } from './HrReportScopes.generated';
import { defaultYear, sortedUnits } from './scopes';

/** Reports this catalogue has a title and a description for (in both languages). */
const NAMED = new Set(['completion', 'predicate-distribution']);
type Extension = 'csv' | 'xlsx';
type Year = HrReportScopesQuery['appraisalYears'][number];
type Definition = HrReportScopesQuery['reportDefinitions'][number];

export function reportUrl(name: string, extension: Extension, year: number, period: number | null, unitCode: string | null): string {
  const query = new URLSearchParams({ year: String(year) });
  if (period !== null) query.set('periodNumber', String(period));
  if (unitCode) query.set('unitCode', unitCode);
  return `/api/reports/${name}.${extension}?${query.toString()}`;
}

function fileName(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}

export function ReportsPage() {
  const { t } = useHrMessages();
  return (
    <HrOnly title={t('rep.title')}>
      <ReportsPageContent />
    </HrOnly>
  );
}

function ReportsPageContent() {
  const { t } = useHrMessages();
  const query = useStaffQuery(HrReportScopesDocument, {});
  const { query: params } = useLocation();
  return (
    <>
      <PageHeading>{t('rep.title')}</PageHeading>
      <p class="lead">{t('rep.lead')}</p>
      <QueryView query={query}>
        {(data) => {
          if (data.appraisalYears.length === 0) {
            return (
              <EmptyState>
                <p>{t('hr.noYears')}</p>
              </EmptyState>
            );
          }
          const year = data.appraisalYears.find((y) => String(y.year) === params['tahun']) ?? defaultYear(data.appraisalYears);
          const period = year.periods.find((p) => String(p.number) === params['periode'])?.number ?? null;
          const units = sortedUnits(data.units);
          const unit = units.find((u) => u.code === params['unit']) ?? null;
          return (
            <>
              <Filters years={data.appraisalYears} year={year} period={period} units={units} unitCode={unit?.code ?? null} />
              <ReportList reports={data.reportDefinitions} year={year} period={period} unitCode={unit?.code ?? null} unitName={unit?.name ?? null} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function Filters(props: { years: readonly Year[]; year: Year; period: number | null; units: HrReportScopesQuery['units']; unitCode: string | null }) {
  const { t } = useHrMessages();
  const s = useStaffMessages();
  const { route } = useLocation();
  const [yearValue, setYearValue] = useState(String(props.year.year));
  const shownYear = props.years.find((y) => String(y.year) === yearValue) ?? props.year;
  return (
    <form
      class="scope-picker"
      method="get"
      action={portalPaths.reports()}
      aria-label={t('rep.filters')}
      data-testid="report-filters"
      key={`${props.year.year}:${props.period}:${props.unitCode}`}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const period = String(form.get('periode') ?? '');
        route(portalPaths.reports(Number(form.get('tahun')), period ? Number(period) : undefined, String(form.get('unit') ?? '') || undefined));
      }}
    >
      <label for="report-year">{t('hr.year')}</label>
      <select id="report-year" name="tahun" onChange={(e) => setYearValue(e.currentTarget.value)}>
        {props.years.map((y) => (
          <option key={y.id} value={String(y.year)} selected={y.year === props.year.year}>
            {y.year}
          </option>
        ))}
      </select>
      <label for="report-period">{t('rep.period')}</label>
      <select id="report-period" name="periode">
        <option value="" selected={props.period === null}>{t('rep.allPeriods')}</option>
        {shownYear.periods.map((p) => (
          <option key={p.id} value={String(p.number)} selected={p.number === props.period}>
            {periodLabel(s.t, shownYear.cadence, p.number)}
          </option>
        ))}
      </select>
      <label for="report-unit">{t('hr.unit')}</label>
      <select id="report-unit" name="unit">
        <option value="" selected={props.unitCode === null}>{t('rep.allUnits')}</option>
        {props.units.map((u) => (
          <option key={u.id} value={u.code} selected={u.code === props.unitCode}>
            {u.name}
          </option>
        ))}
      </select>
      <button type="submit" class="button button-secondary button-small" data-testid="report-apply">
        {t('rep.apply')}
      </button>
    </form>
  );
}

function ReportList(props: { reports: readonly Definition[]; year: Year; period: number | null; unitCode: string | null; unitName: string | null }) {
  const { t } = useHrMessages();
  const s = useStaffMessages();
  const scope = t('rep.scope', {
    year: String(props.year.year),
    period: props.period === null ? t('rep.allPeriods') : periodLabel(s.t, props.year.cadence, props.period),
    unit: props.unitName ?? t('rep.allUnits'),
  });
  return (
    <ul class="card-grid plain-list" data-testid="reports">
      {props.reports.map(({ name, title }) => {
        const named = NAMED.has(name);
        return (
          <li key={name} class="card" data-testid="report" data-report={name}>
            <h2 lang={named ? undefined : 'id'}>{named ? t(`rep.${name}` as HrMessageKey) : title}</h2>
            {named ? <p>{t(`rep.${name}Desc` as HrMessageKey)}</p> : null}
            <p class="hint">{scope}</p>
            <div class="button-row">
              {(['csv', 'xlsx'] as const).map((ext) => (
                <DownloadLink key={ext} title={named ? t(`rep.${name}` as HrMessageKey) : title} extension={ext} href={reportUrl(name, ext, props.year.year, props.period, props.unitCode)} fallback={`${name}-${props.year.year}.${ext}`} />
              ))}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function DownloadLink(props: { title: string; extension: Extension; href: string; fallback: string }) {
  const { t } = useHrMessages();
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; file: string } | { kind: 'failed'; status: string }>({ kind: 'idle' });
  const report = props.title;
  const label = t(props.extension === 'csv' ? 'rep.csv' : 'rep.xlsx');
  const download = async () => {
    setState({ kind: 'busy' });
    try {
      const response = await fetch(props.href, { credentials: 'same-origin' });
      if (response.status === 401) {
        goToLogin();
        return;
      }
      if (!response.ok) {
        setState({ kind: 'failed', status: String(response.status) });
        return;
      }
      const file = fileName(response, props.fallback);
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = file;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ kind: 'done', file });
    } catch {
      setState({ kind: 'failed', status: 'network' });
    }
  };
  return (
    <span class="download">
      <a
        class="button button-secondary button-small"
        href={props.href}
        download
        data-testid={`download-${props.extension}`}
        aria-label={t(props.extension === 'csv' ? 'rep.csvName' : 'rep.xlsxName', { report })}
        aria-disabled={state.kind === 'busy' ? 'true' : undefined}
        onClick={(event) => {
          event.preventDefault();
          if (state.kind !== 'busy') void download();
        }}
      >
        {label}
      </a>
      <span role="status" aria-live="polite" data-testid="download-state" data-state={state.kind}>
        {state.kind === 'busy' ? (
          <>
            <progress aria-label={t('rep.busy', { file: label })} /> {t('rep.busy', { file: props.extension.toUpperCase() })}
          </>
        ) : state.kind === 'done' ? (
          t('rep.done', { file: state.file })
        ) : state.kind === 'failed' ? (
          t('rep.failed', { status: state.status })
        ) : null}
      </span>
    </span>
  );
}
