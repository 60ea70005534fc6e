/**
 * /portal/unit/pegawai (?unit=&tahun=&sub=&tertinggal=1&urut=&arah=): the people of the unit I
 * manage and its sub-units — position, Pejabat Penilai, SKP status of the year, realisasi of the
 * running period, and who is behind. Links only to the SKP, which the server lets a unit
 * manager read (plan access `is_unit_manager`); no ratings, feedback or personal record here.
 */
import { useLocation } from 'preact-iso';
import { EmptyState, PageHeading } from '../../components';
import { useStaffQuery } from '../api';
import { periodLabel, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { QueryView } from '../ui/states';
import { useUnitMessages } from './messages';
import { pickYear, UnitNav, unitQuery, UnitScope, type AppraisalYear, type UnitChoice } from './scope';
import { UnitPeopleDocument, type UnitPeopleQuery } from './UnitPeople.generated';
import './unit.css';

type Person = UnitPeopleQuery['unitPeople']['people'][number];
type SortKey = 'name' | 'unit' | 'skp' | 'progress' | 'state';
const SORT_KEYS: readonly SortKey[] = ['name', 'unit', 'skp', 'progress', 'state'];
const PLAN_ORDER = ['DRAFT', 'DITOLAK', 'DIAJUKAN', 'REVISI_DRAFT', 'REVISI_DIAJUKAN', 'DITETAPKAN'];

export function UnitPeoplePage() {
  const { t } = useUnitMessages();
  return (
    <>
      <PageHeading>{t('people.title')}</PageHeading>
      <UnitNav current="people" />
      <UnitScope action={portalPaths.unitPeople()}>{(unit) => <People unit={unit} />}</UnitScope>
    </>
  );
}

function People(props: { unit: UnitChoice }) {
  const { t } = useUnitMessages();
  const { query: params } = useLocation();
  const year = pickYear(props.unit.years, params['tahun']);
  if (year === null) {
    return (
      <EmptyState testId="unit-no-years">
        <p>{t('unit.noYears')}</p>
      </EmptyState>
    );
  }
  return (
    <>
      <p class="lead">{t('people.lead', { unit: props.unit.name, year: String(year.year) })}</p>
      <p class="hint">{t('people.privacy')}</p>
      <PeopleOfYear unit={props.unit} year={year} />
    </>
  );
}

/** Sorts a copy; ties keep the name order, so the list never jumps. */
export function sortPeople(people: readonly Person[], key: SortKey, descending: boolean): Person[] {
  const value = (p: Person): string | number => {
    switch (key) {
      case 'unit':
        return p.unitName;
      case 'skp':
        return p.planStatus === null ? -1 : PLAN_ORDER.indexOf(p.planStatus);
      case 'progress':
        return p.indicators === 0 ? -1 : p.periodFilled / p.indicators;
      case 'state':
        return p.behindReasons.length;
      default:
        return p.employee.name;
    }
  };
  const byName = [...people].sort((a, b) => a.employee.name.localeCompare(b.employee.name, 'id'));
  return byName.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'id');
    return descending ? -order : order;
  });
}

function PeopleOfYear(props: { unit: UnitChoice; year: AppraisalYear }) {
  const { t } = useUnitMessages();
  const s = useStaffMessages();
  const { query: params, route } = useLocation();
  const query = useStaffQuery(UnitPeopleDocument, { year: props.year.year, unitCode: props.unit.code });
  const sortKey = (SORT_KEYS as readonly string[]).includes(params['urut'] ?? '') ? (params['urut'] as SortKey) : 'name';
  const descending = params['arah'] === 'turun';
  const subunit = params['sub'] ?? '';
  const behindOnly = params['tertinggal'] === '1';
  const here = (extra: Record<string, string | number | null>) =>
    `${portalPaths.unitPeople()}${unitQuery(params, { tahun: props.year.year, sub: subunit, tertinggal: behindOnly ? 1 : null, urut: sortKey === 'name' ? null : sortKey, arah: descending ? 'turun' : null, ...extra })}`;
  return (
    <QueryView query={query}>
      {({ unitPeople: data }) => {
        const period = data.periodNumber === null ? null : `${periodLabel(s.t, props.year.cadence, data.periodNumber)} ${props.year.year}`;
        const duePeriod = data.duePeriodNumber === null ? '' : `${periodLabel(s.t, props.year.cadence, data.duePeriodNumber)} ${props.year.year}`;
        const units = [...new Map(data.people.map((p) => [p.unitId, p.unitName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'id'));
        const filtered = data.people.filter((p) => (subunit === '' || p.unitId === subunit) && (!behindOnly || p.behind));
        const rows = sortPeople(filtered, sortKey, descending);
        const behind = data.people.filter((p) => p.behind).length;
        if (data.people.length === 0) {
          return (
            <EmptyState testId="people-empty">
              <p>{t('people.empty', { year: String(props.year.year) })}</p>
            </EmptyState>
          );
        }
        const columns: Array<[SortKey, string]> = [
          ['name', t('people.col.name')],
          ['unit', t('people.col.unit')],
          ['skp', t('people.col.skp', { year: String(props.year.year) })],
          ['progress', t('people.col.progress', { period: period ?? '' })],
          ['state', t('people.col.state')],
        ];
        return (
          <>
            <form
              class="scope-picker filter-bar"
              method="get"
              action={portalPaths.unitPeople()}
              data-testid="people-filter"
              onSubmit={(event) => {
                event.preventDefault();
                const form = new FormData(event.currentTarget);
                route(here({ sub: String(form.get('sub') ?? ''), tertinggal: form.get('tertinggal') ? 1 : null }));
              }}
            >
              <label for="people-subunit">{t('people.subunit')}</label>
              <select id="people-subunit" name="sub" key={subunit}>
                <option value="">{t('people.allSubunits')}</option>
                {units.map(([id, name]) => (
                  <option key={id} value={id} selected={id === subunit}>
                    {name}
                  </option>
                ))}
              </select>
              <label class="checkbox">
                <input type="checkbox" name="tertinggal" value="1" defaultChecked={behindOnly} key={String(behindOnly)} data-testid="people-behind-only" /> {t('people.behindOnly')}
              </label>
              <button type="submit" class="button button-secondary button-small">
                {t('people.filter')}
              </button>
            </form>
            <p role="status" data-testid="people-count" data-count={rows.length} data-behind={behind}>
              {t('people.count', { shown: rows.length, total: data.people.length, behind })}
            </p>
            {rows.length === 0 ? (
              <EmptyState testId="people-empty-filtered">
                <p>{t('people.emptyFiltered')}</p>
              </EmptyState>
            ) : (
              <div class="table-scroll unit-table" tabIndex={0} role="region" aria-labelledby="people-caption">
                <table class="data-table" data-testid="people-table">
                  <caption id="people-caption">{t('people.caption')}</caption>
                  <thead>
                    <tr>
                      {columns.map(([key, label]) => {
                        const sorted = sortKey === key;
                        const next = sorted && !descending ? 'turun' : null;
                        return (
                          <th key={key} scope="col" aria-sort={sorted ? (descending ? 'descending' : 'ascending') : undefined}>
                            <a href={here({ urut: key === 'name' ? null : key, arah: next })} class="sort-link" data-sort-key={key} aria-label={t('people.sortBy', { column: label })}>
                              {label}
                              <span aria-hidden="true">{sorted ? (descending ? ' ▼' : ' ▲') : ''}</span>
                            </a>
                          </th>
                        );
                      })}
                      <th scope="col">{t('people.col.assessor')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((p) => (
                      <tr key={p.employee.id} data-testid="unit-person" data-employee-id={p.employee.id} data-behind={String(p.behind)} data-plan-status={p.planStatus ?? 'none'}>
                        <th scope="row">
                          {p.employee.name}
                          <span class="cell-kind">{p.employee.position?.name ?? t('people.noPosition')}</span>
                        </th>
                        <td>{p.unitName}</td>
                        <td>
                          {p.planId ? (
                            <a href={portalPaths.planReview(p.planId)}>
                              {s.t(`planStatus.${p.planStatus!}`)}
                              <span class="visually-hidden"> ({t('people.openPlan', { name: p.employee.name })})</span>
                            </a>
                          ) : (
                            t('people.noPlan')
                          )}
                        </td>
                        <td>
                          {period === null
                            ? t('people.noPeriod')
                            : p.indicators === 0
                              ? t('people.noIndicators')
                              : t('people.progress', { filled: p.periodFilled, total: p.indicators, confirmed: p.periodConfirmed })}
                        </td>
                        <td>
                          {p.behind ? (
                            <ul class="plain-list" data-testid="person-behind">
                              {p.behindReasons.map((r) => (
                                <li key={r}>
                                  <strong>{t(`people.reason.${r}`, { period: duePeriod, done: p.dueConfirmed, total: p.indicators })}</strong>
                                </li>
                              ))}
                            </ul>
                          ) : (
                            t('people.onTrack')
                          )}
                        </td>
                        <td>{p.employee.assessor?.employee.name ?? t('people.noAssessor')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        );
      }}
    </QueryView>
  );
}
