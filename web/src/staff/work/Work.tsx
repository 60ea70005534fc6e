/**
 * /portal/kerja/:year/:period — my work of one period: the daily work log, the realisasi of
 * each IKI (proposed from the log, confirmed or edited by me) with its evidence and feedback.
 * /portal/tim/kerja/:planId/:period — the same, read-only, for the employee's Pejabat Penilai.
 *
 * Everything is read-only (and says why) once the period is evaluated, before it starts, when
 * the SKP is not in force or the year is closed: the same rule the server applies
 * (server/services/work/common.py).
 */
import { useEffect } from 'preact/hooks';
import { EmptyState, Loading, PageHeading } from '../../components';
import { navigate } from '../../lib/navigation';
import { useStaffQuery } from '../api';
import { formatDay, periodLabel, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { QueryView } from '../ui/states';
import { CurrentWorkDocument, type CurrentWorkQuery } from './CurrentWork.generated';
import { MyWorkPlanDocument } from './MyWorkPlan.generated';
import { TeamWorkPlanDocument } from './TeamWorkPlan.generated';
import type { WorkPlanFieldsFragment } from './WorkPlanFields.generated';
import { WorkPeriodDocument } from './WorkPeriod.generated';
import { WorkLogSection } from './WorkLog';
import { RealizationSection } from './Realizations';
import { useWorkMessages } from './messages';
import './work.css';

export type WorkPlan = WorkPlanFieldsFragment;
export type WorkPeriodInfo = WorkPlan['year']['periods'][number];

/** Plan statuses in which work is recorded (server/domain/planning.py IN_FORCE). */
const IN_FORCE = new Set(['DITETAPKAN', 'REVISI_DRAFT', 'REVISI_DIAJUKAN']);

function parseNumber(raw: string | undefined, min: number, max: number): number | null {
  if (raw === undefined || !/^\d{1,4}$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

export function MyWorkPage({ params }: { params: { year?: string; period?: string } }) {
  const { t } = useWorkMessages();
  const { me } = useSession();
  const year = parseNumber(params.year, 2000, 2999);
  const period = parseNumber(params.period, 1, 12);
  const heading = <PageHeading>{t('work.title', { year: year === null ? '' : String(year) }).trim()}</PageHeading>;
  if (me.employee === null) {
    return (
      <>
        {heading}
        <EmptyState>
          <p>{t('work.noEmployee')}</p>
        </EmptyState>
      </>
    );
  }
  if (year === null || period === null) {
    return (
      <>
        {heading}
        <EmptyState testId="work-invalid">
          <p>{t('work.invalidAddress')}</p>
          <p>
            <a href={portalPaths.home()}>{useStaffMessages().t('nav.home')}</a>
          </p>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {heading}
      <MyWork employeeId={me.employee.id} year={year} period={period} />
    </>
  );
}

function MyWork(props: { employeeId: string; year: number; period: number }) {
  const { t } = useWorkMessages();
  const query = useStaffQuery(MyWorkPlanDocument, { employeeId: props.employeeId, year: props.year });
  return (
    <QueryView query={query}>
      {(data) => {
        const years = [...new Set([...data.myPlans.map((p) => p.year.year), props.year])].sort((a, b) => b - a);
        if (data.plan === null) {
          return (
            <>
              <YearPicker years={years} current={props.year} href={(y) => portalPaths.myWork(y, 1)} />
              <EmptyState testId="work-no-plan">
                <p>{t('work.noPlan', { year: String(props.year) })}</p>
                <p>
                  <a href={portalPaths.myPlan(props.year)}>{t('work.noPlanLink', { year: String(props.year) })}</a>
                </p>
              </EmptyState>
            </>
          );
        }
        return (
          <WorkScreen
            plan={data.plan}
            periodNumber={props.period}
            today={data.myAgenda.today}
            years={years}
            mine
            periodHref={(n) => portalPaths.myWork(props.year, n)}
            yearHref={(y) => portalPaths.myWork(y, 1)}
          />
        );
      }}
    </QueryView>
  );
}

export function TeamWorkPage({ params }: { params: { planId?: string; period?: string } }) {
  const { t } = useWorkMessages();
  const planId = params.planId !== undefined && /^\d{1,18}$/.test(params.planId) ? params.planId : null;
  const period = parseNumber(params.period, 1, 12);
  const query = useStaffQuery(TeamWorkPlanDocument, { planId: planId ?? '0' });
  const name = query.status === 'success' ? query.data.plan?.employee?.name : undefined;
  return (
    <>
      <PageHeading>{name ? t('work.teamTitle', { name }) : t('work.teamTitleLoading')}</PageHeading>
      {planId === null || period === null ? (
        <EmptyState testId="work-invalid">
          <p>{t('work.invalidAddress')}</p>
        </EmptyState>
      ) : (
        <QueryView query={query}>
          {(data) =>
            data.plan === null ? (
              <EmptyState testId="work-no-plan">
                <p>{t('work.teamNoPlan')}</p>
              </EmptyState>
            ) : (
              <WorkScreen
                plan={data.plan}
                periodNumber={period}
                today={data.myAgenda.today}
                years={[]}
                mine={false}
                periodHref={(n) => portalPaths.teamWork(planId, n)}
                yearHref={() => ''}
              />
            )
          }
        </QueryView>
      )}
    </>
  );
}

function YearPicker(props: { years: number[]; current: number; href: (year: number) => string }) {
  const { t } = useWorkMessages();
  if (props.years.length < 2) return null;
  return (
    <div class="picker-group">
      <h2 class="picker-label" id="picker-years">
        {t('work.pickerYears')}
      </h2>
      <ul class="picker" aria-labelledby="picker-years" data-testid="year-picker">
        {props.years.map((y) => (
          <li key={y}>
            <a href={props.href(y)} class="picker-link" aria-current={y === props.current ? 'true' : undefined}>
              {y}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Why the period cannot be changed by the person looking at it, or null. */
function lockReason(plan: WorkPlan, period: WorkPeriodInfo, today: string, mine: boolean, locale: string, t: ReturnType<typeof useWorkMessages>['t']): string | null {
  if (period.evaluatedAt !== null) return t('work.locked.evaluated', { date: formatDay(period.evaluatedAt, locale) });
  if (plan.year.status === 'DITUTUP') return t('work.locked.yearClosed', { year: String(plan.year.year) });
  if (!mine) return t('work.locked.team');
  if (!IN_FORCE.has(plan.status)) return t('work.locked.notInForce');
  if (today < period.startDate) return t('work.locked.notStarted', { date: formatDay(period.startDate, locale) });
  return null;
}

function WorkScreen(props: {
  plan: WorkPlan;
  periodNumber: number;
  today: string;
  years: number[];
  mine: boolean;
  periodHref: (n: number) => string;
  yearHref: (year: number) => string;
}) {
  const { t, locale } = useWorkMessages();
  const staff = useStaffMessages();
  const { plan } = props;
  const period = plan.year.periods.find((p) => p.number === props.periodNumber) ?? null;
  const locked = period ? lockReason(plan, period, props.today, props.mine, locale, t) : null;
  return (
    <>
      <nav class="period-picker" aria-label={t('work.picker')} data-testid="period-picker">
        <YearPicker years={props.years} current={plan.year.year} href={props.yearHref} />
        <div class="picker-group">
          <h2 class="picker-label" id="picker-periods">
            {t('work.pickerPeriods')}
          </h2>
          <ul class="picker" aria-labelledby="picker-periods">
            {plan.year.periods.map((p) => {
              const state = p.evaluatedAt !== null ? t('work.periodEvaluated') : props.today < p.startDate ? t('work.periodNotStarted') : null;
              return (
                <li key={p.id}>
                  <a
                    href={props.periodHref(p.number)}
                    class={state ? 'picker-link picker-link-muted' : 'picker-link'}
                    aria-current={p.number === props.periodNumber ? 'page' : undefined}
                    data-period={p.number}
                  >
                    {periodLabel(staff.t, plan.year.cadence, p.number)}
                    {state ? <span class="visually-hidden">{` (${state})`}</span> : null}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      </nav>
      {period === null ? (
        <EmptyState testId="work-no-period">
          <p>{t('work.noSuchPeriod', { year: String(plan.year.year), number: String(props.periodNumber) })}</p>
        </EmptyState>
      ) : (
        <>
          <p class="lead" data-testid="period-facts">
            {t('work.periodLead', {
              period: periodLabel(staff.t, plan.year.cadence, period.number),
              year: String(plan.year.year),
              start: formatDay(period.startDate, locale),
              end: formatDay(period.endDate, locale),
              due: formatDay(period.realizationDue, locale),
            })}
          </p>
          {locked !== null ? (
            <div class="notice notice-info" data-testid="work-locked" data-locked={period.evaluatedAt !== null ? 'evaluated' : 'other'}>
              <p>{locked}</p>
            </div>
          ) : null}
          <p>
            <a href={portalPaths.dialogues(plan.id)} data-testid="dialogue-link">
              {t('work.dialogueLink')}
            </a>
          </p>
          <PeriodData plan={plan} period={period} editable={locked === null} today={props.today} />
        </>
      )}
    </>
  );
}

function PeriodData(props: { plan: WorkPlan; period: WorkPeriodInfo; editable: boolean; today: string }) {
  const query = useStaffQuery(WorkPeriodDocument, { planId: props.plan.id, periodId: props.period.id });
  return (
    <QueryView query={query}>
      {(data) => (
        <div class="work-columns" key={props.period.id}>
          <WorkLogSection plan={props.plan} period={props.period} editable={props.editable} today={props.today} initial={data.workLog} />
          <RealizationSection plan={props.plan} period={props.period} editable={props.editable} initial={data.realizations} />
        </div>
      )}
    </QueryView>
  );
}

/** The period "now": the one today falls in (of my SKP of this year), else my latest SKP's last. */
export function currentWork(today: string, plans: CurrentWorkQuery['myPlans']): { year: number; period: number } {
  const thisYear = Number(today.slice(0, 4));
  const years = plans.map((p) => p.year).sort((a, b) => b.year - a.year);
  const year = years.find((y) => y.year === thisYear) ?? years.find((y) => y.year < thisYear) ?? years[0];
  if (!year) return { year: thisYear, period: 1 };
  const started = year.periods.filter((p) => p.startDate <= today).sort((a, b) => b.number - a.number);
  return { year: year.year, period: started[0]?.number ?? 1 };
}

/** /portal/kerja: on to the current period's page (the menu links here). */
export function CurrentWorkPage() {
  const { t } = useWorkMessages();
  const query = useStaffQuery(CurrentWorkDocument, {});
  useEffect(() => {
    if (query.status !== 'success') return;
    const { year, period } = currentWork(query.data.myAgenda.today, query.data.myPlans);
    navigate(portalPaths.myWork(year, period), { replace: true, force: true });
  }, [query]);
  return (
    <>
      <PageHeading>{t('work.title', { year: '' }).trim()}</PageHeading>
      <QueryView query={query}>{() => <Loading />}</QueryView>
    </>
  );
}
