/**
 * /portal/penilaian: my evaluations of this year and the year before, with the predicate history;
 * a draft the Pejabat Penilai has started and not rated yet links to its penilaian diri.
 */
import { EmptyState, PageHeading } from '../../components';
import { useStaffQuery } from '../api';
import { formatDay, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { QueryView } from '../ui/states';
import { todayInstansi } from '../../lib/instansiTime';
import { useDeadlineText, useEvaluationPeriod } from './common';
import { useEvaluationMessages } from './messages';
import { MyEvaluationsDocument, type MyEvaluationRowFragment } from './MyEvaluations.generated';
import { hasSelfAssessment, selfAssessmentState } from './selfAssessment';

export function MyEvaluationsPage() {
  const { t } = useEvaluationMessages();
  const { me } = useSession();
  const year = Number(todayInstansi().slice(0, 4));
  return (
    <>
      <PageHeading>{t('eval.title')}</PageHeading>
      {me.employee === null ? (
        <EmptyState>
          <p>{t('eval.noEmployee')}</p>
        </EmptyState>
      ) : (
        <>
          <p class="lead">{t('eval.intro')}</p>
          <Years year={year} />
        </>
      )}
    </>
  );
}

function Years(props: { year: number }) {
  const query = useStaffQuery(MyEvaluationsDocument, { year: props.year, previousYear: props.year - 1 });
  return (
    <QueryView query={query}>
      {(data) => (
        <>
          <YearTable year={props.year} rows={data.current} />
          <YearTable year={props.year - 1} rows={data.previous} />
        </>
      )}
    </QueryView>
  );
}

/** Annual first, then the periods newest first: the history reads from the latest result. */
function ordered(rows: readonly MyEvaluationRowFragment[]): MyEvaluationRowFragment[] {
  return [...rows].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'TAHUNAN' ? -1 : 1;
    return (b.period?.number ?? 0) - (a.period?.number ?? 0);
  });
}

function YearTable(props: { year: number; rows: readonly MyEvaluationRowFragment[] }) {
  const { t, locale } = useEvaluationMessages();
  const s = useStaffMessages();
  const periodOf = useEvaluationPeriod();
  const deadline = useDeadlineText();
  const headingId = `year-${props.year}`;
  return (
    <section class="section" aria-labelledby={headingId} data-testid="evaluation-year" data-year={props.year}>
      <h2 id={headingId}>{t('eval.year', { year: String(props.year) })}</h2>
      {props.rows.length === 0 ? (
        <EmptyState testId="evaluations-empty">
          <p>{t('eval.yearEmpty', { year: String(props.year) })}</p>
        </EmptyState>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${headingId}-caption`}>
          <table class="data-table" data-testid="evaluation-table">
            <caption id={`${headingId}-caption`}>
              {t('eval.historyCaption')} — {props.year}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('eval.col.period')}</th>
                <th scope="col">{t('eval.col.predicate')}</th>
                <th scope="col">{t('eval.col.status')}</th>
                <th scope="col">{t('eval.col.set')}</th>
                <th scope="col">{t('eval.col.objection')}</th>
              </tr>
            </thead>
            <tbody>
              {ordered(props.rows).map((e) => {
                const period = periodOf(e);
                const window = e.objectionFilingDeadline ? deadline(e.objectionFilingDeadline) : null;
                return (
                  <tr key={e.id} data-testid="evaluation-row" data-id={e.id} data-predicate={e.predicate ?? ''} data-status={e.status}>
                    <th scope="row">
                      <a href={portalPaths.evaluation(e.id)} aria-label={t('eval.openNamed', { period })}>
                        {period}
                      </a>
                    </th>
                    <td>{e.predicate ? <strong>{s.t(`predicate.${e.predicate}`)}</strong> : t('eval.noPredicate')}</td>
                    <td>
                      {s.t(`evaluationStatus.${e.status}`)}
                      {selfAssessmentState(e, true) === 'editable' ? (
                        <>
                          <br />
                          <a href={portalPaths.evaluation(e.id)} data-testid="self-assessment-link" aria-label={t(hasSelfAssessment(e) ? 'eval.selfChangeNamed' : 'eval.selfFillNamed', { period })}>
                            {t(hasSelfAssessment(e) ? 'eval.selfChange' : 'eval.selfFill')}
                          </a>
                        </>
                      ) : null}
                    </td>
                    <td>{e.finalisedAt ? formatDay(e.finalisedAt, locale) : '—'}</td>
                    <td>{window === null ? '—' : window.passed ? t('eval.objectClosed') : t('eval.objectUntil', { date: window.date })}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
