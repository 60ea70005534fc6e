/**
 * /portal/tim (optional ?tahun=): the people I rate as Pejabat Penilai. SKPs waiting for my
 * approval (to the review screen), and one row per person: SKP status, realisasi of the running
 * period, who is behind on the last period due, and the evaluation to do (to the evaluation
 * screen). Two requests: today and the to-do list from the agenda, then the year's inbox.
 */
import { useLocation } from 'preact-iso';
import { EmptyState, PageHeading } from '../../components';
import { useStaffQuery } from '../api';
import { formatDay, formatDateTime, periodLabel, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { hasRole, useSession } from '../session';
import { QueryView } from '../ui/states';
import { useTeamMessages } from './messages';
import { currentPeriod, filledUpTo, lastDuePeriod } from './progress';
import { TeamTodayDocument, type TeamTodayQuery } from './TeamToday.generated';
import { TeamYearDocument, type TeamYearQuery } from './TeamYear.generated';

type ToDo = TeamTodayQuery['myAgenda']['evaluationsToDo'][number];
type Year = NonNullable<TeamYearQuery['appraisalYear']>;
type Entry = TeamYearQuery['assessorInbox']['entries'][number];

export function TeamPage() {
  const { t } = useTeamMessages();
  const query = useStaffQuery(TeamTodayDocument, {});
  const { query: params } = useLocation();
  return (
    <>
      <PageHeading>{t('team.title')}</PageHeading>
      <QueryView query={query}>
        {(data) => {
          const today = data.myAgenda.today;
          const asked = Number(params['tahun']);
          const years = data.appraisalYears.map((y) => y.year);
          const year = Number.isInteger(asked) && years.includes(asked) ? asked : Number(today.slice(0, 4));
          return <TeamYear year={year} years={years} today={today} toDo={data.myAgenda.evaluationsToDo} />;
        }}
      </QueryView>
    </>
  );
}

function TeamYear(props: { year: number; years: number[]; today: string; toDo: ToDo[] }) {
  const { t } = useTeamMessages();
  const { me } = useSession();
  const { route } = useLocation();
  const query = useStaffQuery(TeamYearDocument, { year: props.year });
  return (
    <>
      <p class="lead">{t('team.lead', { year: String(props.year) })}</p>
      {props.years.length > 1 ? (
        <form
          class="scope-picker"
          method="get"
          action={portalPaths.team()}
          onSubmit={(event) => {
            event.preventDefault();
            const chosen = new FormData(event.currentTarget).get('tahun');
            route(`${portalPaths.team()}?tahun=${encodeURIComponent(String(chosen ?? ''))}`);
          }}
        >
          <label for="team-year">{t('team.yearLabel')}</label>
          <select id="team-year" name="tahun" key={props.year}>
            {props.years.map((y) => (
              <option key={y} value={String(y)} selected={y === props.year}>
                {y}
              </option>
            ))}
          </select>
          <button type="submit" class="button button-secondary button-small">
            {t('team.show')}
          </button>
        </form>
      ) : null}
      {hasRole(me, 'UNIT_MANAGER') && me.managedUnit ? (
        <p>
          <a href={portalPaths.unitDistribution()}>{t('team.distributionLink')}</a>
        </p>
      ) : null}
      <QueryView query={query}>
        {(data) =>
          data.appraisalYear === null ? (
            <EmptyState>
              <p>{t('team.noYear', { year: String(props.year) })}</p>
            </EmptyState>
          ) : data.assessorInbox.entries.length === 0 ? (
            <EmptyState>
              <p>{t('team.empty', { year: String(props.year) })}</p>
            </EmptyState>
          ) : (
            <>
              <Approvals entries={data.assessorInbox.entries} />
              <Overview year={data.appraisalYear} entries={data.assessorInbox.entries} today={props.today} toDo={props.toDo} />
            </>
          )
        }
      </QueryView>
    </>
  );
}

function Approvals(props: { entries: Entry[] }) {
  const { t } = useTeamMessages();
  const s = useStaffMessages();
  const waiting = props.entries.filter((e) => e.plan?.awaitingApproval);
  return (
    <section class="card" aria-labelledby="approvals-heading" data-testid="team-approvals">
      <h2 id="approvals-heading">{t('team.approvals')}</h2>
      {waiting.length === 0 ? (
        <p data-testid="team-approvals-none">{t('team.approvalsNone')}</p>
      ) : (
        <ul class="agenda-list">
          {waiting.map((e) => {
            const plan = e.plan!;
            return (
              <li key={plan.id} class="agenda-item" data-testid="team-approval" data-plan-id={plan.id}>
                <a class="agenda-link" href={portalPaths.planReview(plan.id)}>
                  {t('team.approvalItem', {
                    name: e.employee.name,
                    status: s.t(`planStatus.${plan.status}`).toLowerCase(),
                    date: plan.submittedAt ? formatDateTime(plan.submittedAt, s.locale) : '—',
                  })}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Overview(props: { year: Year; entries: Entry[]; today: string; toDo: ToDo[] }) {
  const { t } = useTeamMessages();
  const s = useStaffMessages();
  const { year, today } = props;
  const running = currentPeriod(year.periods, today);
  const due = lastDuePeriod(year.periods, today);
  const label = (n: number | null) => (n === null ? s.t('period.annual') : `${periodLabel(s.t, year.cadence, n)} ${year.year}`);
  const behind = props.entries.filter((e) => isBehind(e, due?.number ?? null));
  const realizationHeading = t('team.col.realization', { period: running ? label(running.number) : '—' });
  return (
    <section aria-labelledby="overview-heading">
      <h2 id="overview-heading">{t('team.overview')}</h2>
      {behind.length > 0 ? (
        <p class="notice notice-warning" data-testid="team-behind-count">
          {t('team.behindSummary', { count: behind.length })}
        </p>
      ) : null}
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="team-caption">
        <table class="data-table stack-table" data-testid="team-table">
          <caption id="team-caption">{t('team.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('team.col.name')}</th>
              <th scope="col">{t('team.col.skp', { year: String(year.year) })}</th>
              <th scope="col">{realizationHeading}</th>
              <th scope="col">{t('team.col.evaluation')}</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => {
              const indicators = e.plan?.workResults.flatMap((w) => w.indicators) ?? [];
              const late = isBehind(e, due?.number ?? null);
              const toDo = props.toDo.filter((x) => x.planId === e.plan?.id);
              const periodic = toDo.find((x) => x.periodNumber !== null);
              const annual = toDo.find((x) => x.periodNumber === null);
              const inForce = e.plan !== null && (e.plan.status === 'DITETAPKAN' || e.plan.status.startsWith('REVISI'));
              return (
                <tr key={e.employee.id} data-testid="team-member" data-employee-id={e.employee.id} data-behind={String(late)}>
                  <th scope="row" id={`member-${e.employee.id}`}>
                    {e.employee.name}
                    {e.employee.position ? <span class="cell-kind">{e.employee.position.name}</span> : null}
                  </th>
                  <td data-testid="team-skp" data-label={t('team.col.skp', { year: String(year.year) })}>
                    {e.plan === null ? (e.planWithOtherAssessor ? t('team.otherAssessor') : t('team.noPlan')) : s.t(`planStatus.${e.plan.status}`)}
                  </td>
                  <td data-label={realizationHeading}>
                    {e.plan === null ? (
                      '—'
                    ) : indicators.length === 0 ? (
                      t('team.noIndicators')
                    ) : (
                      <>
                        {running ? t('team.indicators', { filled: filledUpTo(indicators, running.number), total: indicators.length }) : null}
                        <span class="cell-kind" data-testid="team-progress">
                          {late && due
                            ? t('team.behind', { period: label(due.number), date: formatDay(due.realizationDue, s.locale) })
                            : t('team.onTrack')}
                        </span>
                      </>
                    )}
                  </td>
                  <td data-testid="team-evaluation" data-label={t('team.col.evaluation')}>
                    {!inForce || e.plan === null ? (
                      t('team.notInForce')
                    ) : (
                      <>
                        {periodic && periodic.periodNumber !== null ? (
                          <>
                            <a
                              href={portalPaths.evaluate(e.plan.id, periodic.periodNumber)}
                              data-testid="team-evaluate"
                              aria-describedby={`member-${e.employee.id}`}
                            >
                              {t('team.toEvaluate', { period: label(periodic.periodNumber) })}
                            </a>
                            {periodic.otherPeriods > 0 ? ` ${t('team.toEvaluateMore', { count: periodic.otherPeriods })}` : null}
                            {periodic.draftEvaluationId ? <span class="cell-kind">{t('team.draftStarted')}</span> : null}
                          </>
                        ) : (
                          t('team.upToDate')
                        )}
                        {annual ? (
                          <span class="cell-kind">
                            <a href={portalPaths.evaluate(e.plan.id, null)} data-testid="team-evaluate-annual">
                              {t('team.annual', { name: e.employee.name })}
                            </a>
                          </span>
                        ) : null}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Behind: an SKP in force with an IKI whose realisasi does not reach the last period due. */
function isBehind(e: Entry, dueNumber: number | null): boolean {
  if (dueNumber === null || e.plan === null || e.plan.status !== 'DITETAPKAN') return false;
  const indicators = e.plan.workResults.flatMap((w) => w.indicators);
  return filledUpTo(indicators, dueNumber) < indicators.length;
}
