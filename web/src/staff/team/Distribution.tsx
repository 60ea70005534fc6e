/**
 * /portal/unit/sebaran (?tahun=&periode=, `periode=tahunan` for the annual evaluations): the
 * predicate distribution of the unit I manage, with its sub-units, against the pattern its
 * organisation predicate allows (the server's check: within or outside, and what does not fit).
 * Default scope: the newest closed year's annual evaluations, else the newest year's first period.
 */
import { useLocation } from 'preact-iso';
import { EmptyState, PageHeading } from '../../components';
import { useStaffQuery } from '../api';
import { formatDay, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { QueryView } from '../ui/states';
import { DistributionScopesDocument, type DistributionScopesQuery } from './DistributionScopes.generated';
import { useTeamMessages } from './messages';
import { pickScope, scopeOptions, scopeQuery } from './scope';
import { UnitDistributionDocument } from './UnitDistribution.generated';

type Year = DistributionScopesQuery['appraisalYears'][number];

export function DistributionPage() {
  const { t } = useTeamMessages();
  const { me } = useSession();
  return (
    <>
      <PageHeading>{t('dist.title')}</PageHeading>
      {me.managedUnit === null ? (
        <EmptyState testId="distribution-no-unit">
          <p>{t('dist.noUnit')}</p>
        </EmptyState>
      ) : (
        <Scopes unitId={me.managedUnit.id} unitName={me.managedUnit.name} />
      )}
    </>
  );
}

function Scopes(props: { unitId: string; unitName: string }) {
  const { t } = useTeamMessages();
  const s = useStaffMessages();
  const query = useStaffQuery(DistributionScopesDocument, {});
  const { query: params, route } = useLocation();
  return (
    <>
      <p class="lead">{t('dist.lead', { unit: props.unitName })}</p>
      <QueryView query={query}>
        {(data) => {
          const years = data.appraisalYears;
          if (years.length === 0) {
            return (
              <EmptyState>
                <p>{t('dist.noYears')}</p>
              </EmptyState>
            );
          }
          const picked = pickScope(years, params)!;
          const { year, period, value: current } = picked;
          const options = scopeOptions(years, s.t);
          return (
            <>
              <form
                class="scope-picker"
                method="get"
                action={portalPaths.unitDistribution()}
                onSubmit={(event) => {
                  event.preventDefault();
                  route(`${portalPaths.unitDistribution()}?${scopeQuery(String(new FormData(event.currentTarget).get('scope') ?? ''))}`);
                }}
              >
                <label for="distribution-scope">{t('dist.scope')}</label>
                <select id="distribution-scope" name="scope" key={current}>
                  {options.map((o) => (
                    <option key={o.value} value={o.value} selected={o.value === current}>
                      {o.label}
                    </option>
                  ))}
                </select>
                <button type="submit" class="button button-secondary button-small">
                  {t('dist.show')}
                </button>
              </form>
              <Result unitId={props.unitId} year={year} periodId={period?.id ?? null} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function Result(props: { unitId: string; year: Year; periodId: string | null }) {
  const { t } = useTeamMessages();
  const s = useStaffMessages();
  const query = useStaffQuery(UnitDistributionDocument, {
    unitId: props.unitId,
    periodId: props.periodId,
    yearId: props.periodId === null ? props.year.id : null,
  });
  return (
    <QueryView query={query}>
      {({ unitDistribution: d }) => {
        const verdict = d.withinPattern === null ? 'unchecked' : d.withinPattern ? 'within' : 'outside';
        return (
          <div data-testid="distribution" data-within={verdict}>
            <dl class="facts">
              <div class="row">
                <dt>{t('dist.orgPredicate')}</dt>
                <dd data-testid="distribution-org-predicate">
                  {d.orgPredicate ? (
                    <>
                      {t(`orgPredicate.${d.orgPredicate.predicate}`)}
                      <span class="cell-kind" lang="id">
                        {t('dist.orgBasis', { basis: d.orgPredicate.basis })}
                      </span>
                    </>
                  ) : (
                    t('dist.orgPredicateNone')
                  )}
                </dd>
              </div>
              <div class="row">
                <dt>{t('dist.total')}</dt>
                <dd data-testid="distribution-total">{d.total}</dd>
              </div>
            </dl>
            {d.total === 0 ? (
              <EmptyState>
                <p>{t('dist.empty')}</p>
              </EmptyState>
            ) : (
              <>
                <p class={verdict === 'outside' ? 'notice notice-warning' : 'notice notice-info'} data-testid="distribution-verdict">
                  <strong>{t(`dist.${verdict}`)}</strong>
                </p>
                {d.violations.length > 0 ? (
                  <>
                    <h2>{t('dist.violations')}</h2>
                    <ul lang="id" data-testid="distribution-violations">
                      {d.violations.map((v) => (
                        <li key={v}>{v}</li>
                      ))}
                    </ul>
                  </>
                ) : null}
                <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="distribution-caption">
                  <table class="data-table" data-testid="distribution-table">
                    <caption id="distribution-caption">{t('dist.caption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('dist.col.predicate')}</th>
                        <th scope="col" class="num">
                          {t('dist.col.count')}
                        </th>
                        <th scope="col" class="num">
                          {t('dist.col.share')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.histogram.map((h) => (
                        <tr key={h.predicate} data-predicate={h.predicate}>
                          <th scope="row">{s.t(`predicate.${h.predicate}`)}</th>
                          <td class="num">{h.count}</td>
                          <td class="num">{new Intl.NumberFormat(s.locale, { style: 'percent', maximumFractionDigits: 1 }).format(h.count / d.total)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
            <p class="hint">
              {t('dist.policy', { date: formatDay(d.policyEffectiveFrom, s.locale) })}
              {d.finalised ? ` ${t('dist.finalised')}` : ''}
            </p>
          </div>
        );
      }}
    </QueryView>
  );
}
