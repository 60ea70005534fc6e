/**
 * /portal/bkpsdm/karier (?tahun=&unit=&cari=&pegawai=): BKPSDM's career read-outs of one appraisal
 * year — recognition recommendations (Sangat Baik), talent pool candidates (Sangat Baik two years
 * running), filtered by perangkat daerah; and per employee the promotion eligibility and the
 * angka kredit of a functional position (from the annual evaluation and a coefficient).
 * Every rule is the server's (follow_up.py); the screen only asks and shows. Each list can be
 * downloaded as CSV, made in the browser from the rows shown (headers in Indonesian, the
 * official language of the files BKPSDM passes on).
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { DataTable } from '../../charts/ChartFigure';
import { csvFileName, saveCsv, toCsv } from '../../lib/csv';
import { EmptyState, PageHeading } from '../../components';
import type { FunctionalLevel, Predicate } from '../../graphql/internal/types';
import { useStaffQuery } from '../api';
import { useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { DistributionScopesDocument } from '../team/DistributionScopes.generated';
import { QueryView } from '../ui/states';
import { AngkaKreditDocument } from './AngkaKredit.generated';
import { CareerListsDocument, type CareerListsQuery } from './CareerLists.generated';
import { CareerPeopleDocument } from './CareerPeople.generated';
import { CareerPersonDocument } from './CareerPerson.generated';
import { CareerPlanEvaluationsDocument } from './CareerPlanEvaluations.generated';
import { useBkpsdmMessages } from './messages';
import './bkpsdm.css';
import { LabelWithHelp } from '../ui/help';

type Units = CareerListsQuery['units'];
/** Annual coefficients by functional level (PermenPANRB 1/2023): a starting value, editable. */
const COEFFICIENT: Record<FunctionalLevel, string> = {
  PEMULA: '3.75',
  TERAMPIL: '5',
  MAHIR: '12.5',
  PENYELIA: '25',
  AHLI_PERTAMA: '12.5',
  AHLI_MUDA: '25',
  AHLI_MADYA: '37.5',
  AHLI_UTAMA: '50',
};

function pageUrl(values: { tahun?: string; unit?: string; cari?: string; pegawai?: string }): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${portalPaths.careers()}?${text}` : portalPaths.careers();
}

/** The top-level unit (child of the root, i.e. the perangkat daerah) of every unit. */
function topUnits(units: Units): { tops: Units; topOf: Map<string, string> } {
  const byId = new Map(units.map((u) => [u.id, u]));
  const roots = units.filter((u) => !u.parent || !byId.has(u.parent.id));
  const rootIds = new Set(roots.map((u) => u.id));
  const tops = units.filter((u) => u.parent && rootIds.has(u.parent.id));
  const topOf = new Map<string, string>();
  for (const u of units) {
    let at: (typeof units)[number] | undefined = u;
    while (at && at.parent && !rootIds.has(at.parent.id)) at = byId.get(at.parent.id);
    if (at && !rootIds.has(at.id)) topOf.set(u.id, at.id);
  }
  return { tops: [...tops].sort((a, b) => a.name.localeCompare(b.name, 'id')), topOf };
}

export function CareersPage() {
  const { t } = useBkpsdmMessages();
  const query = useStaffQuery(DistributionScopesDocument, {});
  const { query: params } = useLocation();
  return (
    <>
      <PageHeading>{t('car.title')}</PageHeading>
      <p class="lead">{t('car.lead')}</p>
      <QueryView query={query}>
        {(data) => {
          const years = data.appraisalYears;
          const year = years.find((y) => String(y.year) === params['tahun']) ?? years.find((y) => y.status === 'DITUTUP') ?? years[0];
          if (!year) {
            return (
              <EmptyState>
                <p>{t('car.recognitionNone')}</p>
              </EmptyState>
            );
          }
          return <Lists years={years.map((y) => y.year)} year={year.year} yearId={year.id} params={params} />;
        }}
      </QueryView>
    </>
  );
}

function Lists(props: { years: number[]; year: number; yearId: string; params: Record<string, string | undefined> }) {
  const { t } = useBkpsdmMessages();
  const s = useStaffMessages();
  const { route } = useLocation();
  const query = useStaffQuery(CareerListsDocument, { year: props.year, yearId: props.yearId });
  return (
    <QueryView query={query}>
      {(data) => {
        const { tops, topOf } = topUnits(data.units);
        const unitId = tops.some((u) => u.id === props.params['unit']) ? props.params['unit']! : '';
        const inUnit = (u: { id: string } | null | undefined) => !unitId || (u ? topOf.get(u.id) === unitId || u.id === unitId : false);
        const recognition = data.recognitionRecommendations.filter((r) => inUnit(r.unit));
        const talent = data.talentPoolCandidates.filter((r) => inUnit(r.unit));
        const unitName = tops.find((u) => u.id === unitId)?.name ?? '';
        return (
          <>
            <form
              class="scope-picker"
              method="get"
              action={portalPaths.careers()}
              onSubmit={(event) => {
                event.preventDefault();
                const form = new FormData(event.currentTarget);
                route(pageUrl({ tahun: String(form.get('tahun') ?? ''), unit: String(form.get('unit') ?? '') }));
              }}
            >
              <label for="career-year">{t('car.year')}</label>
              <select id="career-year" name="tahun" key={props.year}>
                {props.years.map((y) => (
                  <option key={y} value={y} selected={y === props.year}>
                    {y}
                  </option>
                ))}
              </select>
              <label for="career-unit">{t('car.unit')}</label>
              <select id="career-unit" name="unit" key={unitId}>
                <option value="">{t('car.allUnits')}</option>
                {tops.map((u) => (
                  <option key={u.id} value={u.id} selected={u.id === unitId}>
                    {u.name}
                  </option>
                ))}
              </select>
              <button type="submit" class="button button-secondary button-small" data-testid="career-show">
                {t('car.show')}
              </button>
            </form>
            <section class="section" aria-labelledby="career-talent" data-testid="career-talent" data-count={talent.length}>
              <h2 id="career-talent">{t('car.talent')}</h2>
              {talent.length === 0 ? (
                <EmptyState>
                  <p>{t('car.talentNone')}</p>
                </EmptyState>
              ) : (
                <>
                  <div class="toolbar">
                    <p>{t('car.count', { count: talent.length })}</p>
                    <CsvButton
                      list={t('car.talent')}
                      testId="career-talent-csv"
                      file={() => csvFileName('talent-pool', props.year, unitName)}
                      header={['car.col.year', 'car.col.employee', 'car.col.position', 'car.col.unit']}
                      rows={() => talent.map((r) => [props.year, r.employee?.name ?? '', r.employee?.position?.name ?? '', r.unit?.name ?? ''])}
                    />
                  </div>
                  <DataTable
                    id="career-talent"
                    caption={t('car.talentCaption', { year: String(props.year), previous: String(props.year - 1) })}
                    testId="career-talent-table"
                    columns={[{ label: t('car.col.employee') }, { label: t('car.col.position') }, { label: t('car.col.unit') }]}
                    rows={talent.map((r) => ({
                      key: r.evaluationIds.join(':'),
                      cells: [r.employee?.name ?? '—', r.employee?.position?.name ?? '—', r.unit?.name ?? '—'],
                    }))}
                  />
                </>
              )}
            </section>
            <PersonSection year={props.year} unitId={unitId} params={props.params} />
            <section class="section" aria-labelledby="career-recognition" data-testid="career-recognition" data-count={recognition.length}>
              <h2 id="career-recognition">{t('car.recognition')}</h2>
              {recognition.length === 0 ? (
                <EmptyState>
                  <p>{t('car.recognitionNone')}</p>
                </EmptyState>
              ) : (
                <>
                  <div class="toolbar">
                    <p>{t('car.count', { count: recognition.length })}</p>
                    <CsvButton
                      list={t('car.recognition')}
                      testId="career-recognition-csv"
                      file={() => csvFileName('rekomendasi-penghargaan', props.year, unitName)}
                      header={['car.col.year', 'car.col.employee', 'car.col.position', 'car.col.unit', 'car.col.predicate']}
                      rows={() =>
                        recognition.map((r) => [props.year, r.employee?.name ?? '', r.employee?.position?.name ?? '', r.unit?.name ?? '', PREDICATE_ID[`predicate.${r.predicate}`]])
                      }
                    />
                  </div>
                  <DataTable
                    id="career-recognition"
                    caption={t('car.recognitionCaption', { year: String(props.year) })}
                    testId="career-recognition-table"
                    columns={[{ label: t('car.col.employee') }, { label: t('car.col.position') }, { label: t('car.col.unit') }, { label: t('car.col.predicate') }]}
                    rows={recognition.map((r) => ({
                      key: r.evaluationId,
                      cells: [r.employee?.name ?? '—', r.employee?.position?.name ?? '—', r.unit?.name ?? '—', s.t(`predicate.${r.predicate}`)],
                    }))}
                  />
                </>
              )}
            </section>
          </>
        );
      }}
    </QueryView>
  );
}

type BkpsdmKey = keyof (typeof useBkpsdmMessages.catalogues)['id'];
const HEADER_ID = useBkpsdmMessages.catalogues.id;
const PREDICATE_ID = useStaffMessages.catalogues.id;

/** "Unduh CSV" of one list: its rows as shown, a header row in Indonesian. */
function CsvButton(props: { list: string; testId: string; header: BkpsdmKey[]; rows: () => Array<Array<string | number>>; file: () => string }) {
  const { t } = useBkpsdmMessages();
  return (
    <button
      type="button"
      class="button button-secondary button-small"
      data-testid={props.testId}
      // The accessible name starts with the visible text (WCAG 2.5.3) and names the list.
      aria-label={t('car.csvName', { list: props.list })}
      onClick={() => saveCsv(props.file(), toCsv(props.header.map((key) => HEADER_ID[key]), props.rows()))}
    >
      {t('car.csv')}
    </button>
  );
}

function PersonSection(props: { year: number; unitId: string; params: Record<string, string | undefined> }) {
  const { t } = useBkpsdmMessages();
  const { route } = useLocation();
  const search = (props.params['cari'] ?? '').slice(0, 100);
  const base = { tahun: String(props.year), unit: props.unitId };
  return (
    <section class="section" aria-labelledby="career-person" data-testid="career-person">
      <h2 id="career-person">{t('car.person')}</h2>
      <form
        class="scope-picker"
        role="search"
        aria-label={t('car.search')}
        method="get"
        action={portalPaths.careers()}
        key={search}
        onSubmit={(event) => {
          event.preventDefault();
          route(pageUrl({ ...base, cari: String(new FormData(event.currentTarget).get('cari') ?? '').trim() }));
        }}
      >
        <label for="career-search">{t('car.search')}</label>
        <input id="career-search" name="cari" type="search" maxLength={100} defaultValue={search} aria-describedby="career-search-hint" />
        <button type="submit" class="button button-secondary button-small" data-testid="career-search">
          {t('car.searchButton')}
        </button>
      </form>
      <p id="career-search-hint" class="hint">
        {t('car.searchHint')}
      </p>
      {search ? <People search={search} unitId={props.unitId} hrefOf={(id) => pageUrl({ ...base, cari: search, pegawai: id })} /> : null}
      {props.params['pegawai'] ? <Person key={`${props.params['pegawai']}:${props.year}`} employeeId={props.params['pegawai']} year={props.year} /> : null}
    </section>
  );
}

function People(props: { search: string; unitId: string; hrefOf: (id: string) => string }) {
  const { t } = useBkpsdmMessages();
  const query = useStaffQuery(CareerPeopleDocument, { search: props.search, unitId: props.unitId || null });
  return (
    <QueryView query={query}>
      {({ employees }) =>
        employees.nodes.length === 0 ? (
          <EmptyState>
            <p>{t('car.peopleNone')}</p>
          </EmptyState>
        ) : (
          <>
            <h3>{t('car.people')}</h3>
            {employees.totalCount > employees.nodes.length ? <p class="hint">{t('car.peopleMore', { total: employees.totalCount })}</p> : null}
            <ul class="plain-list" data-testid="career-people">
              {employees.nodes.map((e) => (
                <li key={e.id}>
                  <a href={props.hrefOf(e.id)} aria-label={t('car.choose', { name: e.name })} data-testid="career-person-link" data-employee={e.id}>
                    {e.name}
                  </a>{' '}
                  <span class="hint">
                    {e.position?.name ?? ''} · {e.unit?.name ?? ''}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )
      }
    </QueryView>
  );
}

function Person(props: { employeeId: string; year: number }) {
  const { t } = useBkpsdmMessages();
  const s = useStaffMessages();
  const query = useStaffQuery(CareerPersonDocument, { employeeId: props.employeeId, year: props.year });
  const label = (p: Predicate | null | undefined) => (p ? s.t(`predicate.${p}`) : t('car.noPredicate'));
  return (
    <QueryView query={query}>
      {(data) => {
        const p = data.promotionEligibility;
        return (
          <div class="card" data-testid="career-result" data-eligible={String(p.eligible)}>
            <h3>
              {data.employee?.name ?? '—'}
              <span class="cell-kind">
                {data.employee?.position?.name ?? ''} · {data.employee?.unit?.name ?? ''}
              </span>
            </h3>
            <h4>{t('car.promotion', { year: String(p.year) })}</h4>
            <p>
              <strong>{p.eligible ? `✓ ${t('car.eligible')}` : `✗ ${t('car.notEligible')}`}</strong>
            </p>
            {p.talentPriority ? <p>★ {t('car.talentPriority')}</p> : null}
            <dl class="facts">
              <div class="row">
                <dt>{t('car.current', { year: String(p.year) })}</dt>
                <dd>{label(p.currentPredicate)}</dd>
              </div>
              <div class="row">
                <dt>{t('car.previous', { year: String(p.year - 1) })}</dt>
                <dd>{label(p.previousPredicate)}</dd>
              </div>
            </dl>
            <h4>{t('car.angka')}</h4>
            {data.employee?.position?.kind !== 'FUNGSIONAL' ? (
              <p>{t('car.angkaNotJf')}</p>
            ) : data.plan ? (
              <Angka planId={data.plan.id} level={data.employee.position.functionalLevel ?? null} />
            ) : (
              <p>{t('car.angkaNoPlan')}</p>
            )}
          </div>
        );
      }}
    </QueryView>
  );
}

function Angka(props: { planId: string; level: FunctionalLevel | null }) {
  const { t } = useBkpsdmMessages();
  const query = useStaffQuery(CareerPlanEvaluationsDocument, { planId: props.planId });
  const [coefficient, setCoefficient] = useState(props.level ? COEFFICIENT[props.level] : '');
  const [asked, setAsked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <QueryView query={query}>
      {(data) => {
        const annual = data.evaluationsOfPlan.find((e) => e.kind === 'TAHUNAN' && e.predicate);
        if (!annual) return <p>{t('car.angkaNoAnnual')}</p>;
        return (
          <>
            <form
              class="form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                const value = coefficient.trim().replace(',', '.');
                if (!/^\d{1,4}(\.\d{1,4})?$/.test(value) || Number(value) <= 0) {
                  setError(t('car.coefficientBad'));
                  document.getElementById('career-coefficient')?.focus();
                  return;
                }
                setError(null);
                setAsked(value);
              }}
            >
              <div class={error ? 'field field-invalid' : 'field'}>
                <LabelWithHelp for="career-coefficient" topic={t('car.coefficient')} help={t('car.help.coefficient')}>
                  {t('car.coefficient')}
                </LabelWithHelp>
                <p id="career-coefficient-hint" class="hint">
                  {t('car.coefficientHint')}
                </p>
                {error ? (
                  <p id="career-coefficient-error" class="field-error" data-testid="error-coefficient">
                    {error}
                  </p>
                ) : null}
                <input
                  id="career-coefficient"
                  inputMode="decimal"
                  value={coefficient}
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={error ? 'career-coefficient-hint career-coefficient-error' : 'career-coefficient-hint'}
                  onInput={(event) => setCoefficient(event.currentTarget.value)}
                />
              </div>
              <div class="form-actions">
                <button type="submit" class="button button-primary" data-testid="career-compute">
                  {t('car.compute')}
                </button>
              </div>
            </form>
            {asked ? <AngkaResult key={asked} evaluationId={annual.id} coefficient={asked} /> : null}
          </>
        );
      }}
    </QueryView>
  );
}

function AngkaResult(props: { evaluationId: string; coefficient: string }) {
  const { t, locale } = useBkpsdmMessages();
  const s = useStaffMessages();
  const query = useStaffQuery(AngkaKreditDocument, { evaluationId: props.evaluationId, annualCoefficient: props.coefficient });
  const number = (x: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(Number(x));
  return (
    <div role="status" aria-live="polite">
      <QueryView query={query}>
        {({ angkaKredit: a }) => (
          <p class="notice notice-info" data-testid="career-angka" data-value={a.value}>
            {t('car.angkaResult', {
              value: number(a.value),
              percent: a.percent,
              coefficient: number(a.annualCoefficient),
              months: a.months,
              predicate: s.t(`predicate.${a.predicate}`),
            })}
          </p>
        )}
      </QueryView>
    </div>
  );
}
