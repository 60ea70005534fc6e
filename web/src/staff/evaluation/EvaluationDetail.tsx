/**
 * /portal/penilaian/:evaluationId: one evaluation as the pegawai (or anyone allowed) reads it:
 * the predicate and why, the pegawai's own penilaian diri (a form while the draft is not rated
 * yet), the ratings beside the self-assessment, each RHK with its judgement,
 * targets and realisasi, the BerAKHLAK observations, the Dokumen Evaluasi Kinerja; the pegawai
 * acknowledges it here and finds the way to a keberatan while the window is open.
 */
import type { ComponentChildren } from 'preact';
import { PageHeading } from '../../components';
import { runMutation, useStaffQuery } from '../api';
import { formatDay, periodLabel, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { Form, SubmitButton, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { AcknowledgeEvaluationDocument } from './AcknowledgeEvaluation.generated';
import { useDeadlineText, useEvaluationPeriod, useRatingLabel } from './common';
import type { Cadence } from '../../graphql/internal/types';
import { EvaluationDetailDocument, type EvaluationDetailQuery } from './EvaluationDetail.generated';
import { PlanEvaluationsDocument } from './PlanEvaluations.generated';
import { SelfAssessment } from './SelfAssessment';
import { useEvaluationMessages } from './messages';

type Detail = EvaluationDetailQuery;
type Ev = NonNullable<Detail['evaluation']>;

export function EvaluationPage({ params }: { params: { evaluationId: string } }) {
  const { t } = useEvaluationMessages();
  const periodOf = useEvaluationPeriod();
  const query = useStaffQuery(EvaluationDetailDocument, { id: params.evaluationId });
  const ev = query.status === 'success' ? query.data.evaluation : null;
  return (
    <>
      <PageHeading>{ev ? t('eval.detailTitle', { what: periodOf(ev) }) : t('eval.detailLoading')}</PageHeading>
      <p>
        <a href={portalPaths.myEvaluations()} class="back-link">
          {t('eval.back')}
        </a>
      </p>
      <QueryView query={query}>
        {(data) =>
          data.evaluation === null ? (
            <div class="notice notice-error" role="alert" data-testid="evaluation-not-found">
              <p>{t('eval.notFound')}</p>
            </div>
          ) : (
            <Evaluation data={data} ev={data.evaluation} onChange={query.reload} />
          )
        }
      </QueryView>
    </>
  );
}

function Evaluation(props: { data: Detail; ev: Ev; onChange: () => void }) {
  const { ev } = props;
  const { me } = useSession();
  const mine = me.employee !== null && ev.plan?.employee?.id === me.employee.id;
  const objection = props.data.objections.find((o) => o.evaluationId === ev.id) ?? null;
  return (
    <>
      <PredicatePanel ev={ev} />
      <SelfAssessment ev={ev} mine={mine} onSaved={props.onChange} />
      {ev.status === 'DRAFT' ? null : <Actions ev={ev} mine={mine} objection={objection} onChange={props.onChange} />}
      <Ratings ev={ev} />
      {ev.kind === 'TAHUNAN' && ev.plan ? <PeriodicResults planId={ev.plan.id} cadence={ev.plan.year.cadence} /> : null}
      <Why ev={ev} />
      <WorkResults ev={ev} />
      <Behaviors ev={ev} />
      <DocumentLinks ev={ev} />
    </>
  );
}

function Fact(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="row">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function PredicatePanel(props: { ev: Ev }) {
  const { t, locale } = useEvaluationMessages();
  const s = useStaffMessages();
  const rating = useRatingLabel();
  const { ev } = props;
  return (
    <section class="card predicate-card" aria-labelledby="predicate-heading" data-testid="predicate-panel">
      <h2 id="predicate-heading">{t('eval.predicateHeading')}</h2>
      {ev.status === 'DRAFT' ? (
        <p class="notice notice-info" data-testid="evaluation-draft">
          {t('eval.draft')}
        </p>
      ) : null}
      {ev.predicate ? (
        <>
          <p class="predicate-value" data-testid="predicate" data-predicate={ev.predicate}>
            {s.t(`predicate.${ev.predicate}`)}
          </p>
          <p>{t(`eval.meaning.${ev.predicate}`)}</p>
          <p data-testid="predicate-matrix">
            {t('eval.matrix', { result: rating(ev.resultRating), behavior: rating(ev.behaviorRating), predicate: s.t(`predicate.${ev.predicate}`) })}
          </p>
        </>
      ) : (
        <p data-testid="predicate">{t('eval.predicateNone')}</p>
      )}
      <dl class="facts">
        <Fact label={t('eval.status')}>
          <span data-testid="evaluation-status">{s.t(`evaluationStatus.${ev.status}`)}</span>
        </Fact>
        <Fact label={t('eval.assessor')}>{ev.assessor?.name ?? '—'}</Fact>
        <Fact label={t('eval.setOn')}>{ev.finalisedAt ? formatDay(ev.finalisedAt, locale) : '—'}</Fact>
        <Fact label={t('eval.acknowledgedOn')}>{ev.acknowledgedAt ? formatDay(ev.acknowledgedAt, locale) : '—'}</Fact>
      </dl>
      {ev.assessorNote ? (
        <>
          <h3>{t('eval.assessorNote')}</h3>
          <p class="note-text">{ev.assessorNote}</p>
        </>
      ) : null}
    </section>
  );
}

function Actions(props: { ev: Ev; mine: boolean; objection: Detail['objections'][number] | null; onChange: () => void }) {
  const { t, locale } = useEvaluationMessages();
  const deadline = useDeadlineText();
  const { ev, objection } = props;
  if (!props.mine) {
    return (
      <p class="notice notice-info" data-testid="not-mine">
        {t('eval.notMine', { name: ev.plan?.employee?.name ?? '—' })}
      </p>
    );
  }
  const window = ev.objectionFilingDeadline ? deadline(ev.objectionFilingDeadline) : null;
  return (
    <div class="card-grid">
      <section class="card" aria-labelledby="ack-heading" data-testid="acknowledge">
        <h2 id="ack-heading">{t('eval.ackHeading')}</h2>
        {ev.status === 'DITERIMA' && ev.acknowledgedAt ? (
          <p data-testid="acknowledged">{t('eval.ackDone', { date: formatDay(ev.acknowledgedAt, locale) })}</p>
        ) : (
          <AcknowledgeForm ev={ev} onDone={props.onChange} />
        )}
      </section>
      <section class="card" aria-labelledby="objection-heading" data-testid="objection-box">
        <h2 id="objection-heading">{t('eval.objectionHeading')}</h2>
        {objection !== null ? (
          <p>
            {t('eval.objectionFiled', { status: t(`obj.status.${objection.status}`) })}{' '}
            <a href={portalPaths.objection(objection.id)} data-testid="objection-view">
              {t('eval.objectionView')}
            </a>
          </p>
        ) : window === null ? null : window.passed ? (
          <p data-testid="objection-closed">{t('eval.objectionClosed', { date: window.date })}</p>
        ) : (
          <>
            <p data-testid="objection-deadline">{t('eval.objectionOpen', { date: window.date, left: window.left })}</p>
            <p>
              <a class="button button-secondary" href={portalPaths.fileObjection(ev.id)} data-testid="file-objection-link">
                {t('eval.objectionLink')}
              </a>
            </p>
          </>
        )}
      </section>
    </div>
  );
}

function AcknowledgeForm(props: { ev: Ev; onDone: () => void }) {
  const { t } = useEvaluationMessages();
  const form = useForm({ id: 'acknowledge', initial: {}, draft: false });
  return (
    <Form
      form={form}
      labelledBy="ack-heading"
      onSubmit={() => runMutation(AcknowledgeEvaluationDocument, { id: props.ev.id, version: props.ev.version }, (d) => d.acknowledgeEvaluation)}
      onSuccess={props.onDone}
    >
      <p>{t('eval.ackText')}</p>
      <SubmitButton form={form}>{t('eval.ackButton')}</SubmitButton>
    </Form>
  );
}

function Ratings(props: { ev: Ev }) {
  const { t } = useEvaluationMessages();
  const rating = useRatingLabel();
  const { ev } = props;
  const rows = [
    { aspect: t('eval.aspect.result'), self: ev.selfResultRating, proposed: ev.proposedResultRating, decided: ev.resultRating, reason: ev.resultOverrideReason },
    { aspect: t('eval.aspect.behavior'), self: ev.selfBehaviorRating, proposed: ev.proposedBehaviorRating, decided: ev.behaviorRating, reason: ev.behaviorOverrideReason },
  ];
  return (
    <section class="section" aria-labelledby="ratings-heading">
      <h2 id="ratings-heading">{t('eval.ratingsHeading')}</h2>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="ratings-caption">
        <table class="data-table">
          <caption id="ratings-caption">{t('eval.ratingsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('eval.col.aspect')}</th>
              <th scope="col">{t('eval.col.self')}</th>
              <th scope="col">{t('eval.col.proposed')}</th>
              <th scope="col">{t('eval.col.decided')}</th>
              <th scope="col">{t('eval.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.aspect}>
                <th scope="row">{r.aspect}</th>
                <td>{rating(r.self)}</td>
                <td>{rating(r.proposed)}</td>
                <td>
                  <strong>{rating(r.decided)}</strong>
                </td>
                <td>{r.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** An annual evaluation's ratings come from the year's periodic ones: listed, with links. */
function PeriodicResults(props: { planId: string; cadence: Cadence }) {
  const { t } = useEvaluationMessages();
  const s = useStaffMessages();
  const rating = useRatingLabel();
  const query = useStaffQuery(PlanEvaluationsDocument, { planId: props.planId });
  return (
    <section class="section" aria-labelledby="periodic-heading" data-testid="periodic-results">
      <h2 id="periodic-heading">{t('eval.periodicHeading')}</h2>
      <QueryView query={query}>
        {(data) => {
          const rows = data.evaluationsOfPlan.filter((e) => e.kind === 'PERIODIK' && e.status !== 'DRAFT');
          if (rows.length === 0) return <p>{t('eval.periodicEmpty')}</p>;
          return (
            <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="periodic-caption">
              <table class="data-table">
                <caption id="periodic-caption">{t('eval.periodicHeading')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('eval.col.period')}</th>
                    <th scope="col">{t('eval.aspect.result')}</th>
                    <th scope="col">{t('eval.aspect.behavior')}</th>
                    <th scope="col">{t('eval.col.predicate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...rows]
                    .sort((a, b) => (a.period?.number ?? 0) - (b.period?.number ?? 0))
                    .map((e) => {
                      const period = periodLabel(s.t, props.cadence, e.period?.number ?? null);
                      return (
                        <tr key={e.id} data-testid="periodic-row">
                          <th scope="row">
                            <a href={portalPaths.evaluation(e.id)} aria-label={t('eval.openNamed', { period })}>
                              {period}
                            </a>
                          </th>
                          <td>{rating(e.resultRating)}</td>
                          <td>{rating(e.behaviorRating)}</td>
                          <td>{e.predicate ? s.t(`predicate.${e.predicate}`) : t('eval.noPredicate')}</td>
                        </tr>
                      );
                    })}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryView>
    </section>
  );
}

function Why(props: { ev: Ev }) {
  const { t, lang } = useEvaluationMessages();
  const why = props.ev.explanation;
  if (why === null) return null;
  const groups: Array<[string, readonly string[]]> = [
    [t('eval.why.inputs'), why.inputs],
    [t('eval.why.rules'), why.rulesApplied],
    [t('eval.why.overrides'), why.overrides],
    [t('eval.why.sources'), why.sources],
  ];
  return (
    <section class="section" aria-labelledby="why-heading" data-testid="explanation">
      <h2 id="why-heading">{t('eval.why')}</h2>
      {groups
        .filter(([, items]) => items.length > 0)
        .map(([title, items]) => (
          <details key={title} class="why" open={title === t('eval.why.rules')}>
            <summary>{title}</summary>
            <ul lang={lang === 'id' ? undefined : 'id'}>
              {items.map((item, index) => (
                <li key={index}>{item}</li>
              ))}
            </ul>
          </details>
        ))}
    </section>
  );
}

function target(i: Ev['workResults'][number]['indicators'][number]['indicator']): string {
  if (i.targetValue !== null) return [i.targetValue.replace('.', ','), i.targetUnit ?? ''].join(' ').trim();
  return i.targetDescription ?? '—';
}

function WorkResults(props: { ev: Ev }) {
  const { t } = useEvaluationMessages();
  const s = useStaffMessages();
  const rating = useRatingLabel();
  const { ev } = props;
  const annual = ev.kind === 'TAHUNAN';
  const cadence = ev.plan?.year.cadence ?? 'BULANAN';
  return (
    <section class="section" aria-labelledby="work-heading">
      <h2 id="work-heading">{t('eval.workHeading')}</h2>
      {annual ? <p class="hint">{t('eval.annualWork')}</p> : null}
      {ev.workResults.length === 0 ? <p>{t('eval.workEmpty')}</p> : null}
      <ol class="work-results">
        {ev.workResults.map((w) => (
          <li key={w.workResultId} class="card work-result" data-testid="work-result" data-rating={w.rating ?? ''}>
            <h3>{w.text}</h3>
            <p class="badge">{t(`eval.kind.${w.kind}`)}</p>
            <dl class="facts">
              <div class="row">
                <dt>{t('eval.judgement')}</dt>
                <dd data-testid="work-judgement">
                  {w.rating ? <strong>{rating(w.rating)}</strong> : annual ? t('eval.annualJudgement') : t('eval.notJudged')}
                </dd>
              </div>
              {w.feedback ? (
                <div class="row">
                  <dt>{t('eval.feedback')}</dt>
                  <dd>{w.feedback}</dd>
                </div>
              ) : null}
            </dl>
            <ul class="indicators">
              {w.indicators.map((line) => (
                <li key={line.indicator.id}>
                  <p>
                    <strong>{line.indicator.text}</strong> — {t('eval.target')}: {target(line.indicator)}
                  </p>
                  {line.realizations.length === 0 ? (
                    <p class="hint">{t('eval.noRealization')}</p>
                  ) : (
                    <ul>
                      {line.realizations.map((r) => (
                        <li key={r.periodNumber}>
                          {t('eval.realization')} {periodLabel(s.t, cadence, r.periodNumber)}: {r.value !== null ? r.value.replace('.', ',') : ''}
                          {r.description ? ` — ${r.description}` : ''} (
                          <span data-testid="evidence-count" data-count={r.evidenceCount}>
                            {r.evidenceCount > 0 ? t('eval.evidence', { count: r.evidenceCount }) : t('eval.noEvidence')}
                          </span>
                          )
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Behaviors(props: { ev: Ev }) {
  const { t } = useEvaluationMessages();
  const rating = useRatingLabel();
  const { ev } = props;
  const annual = ev.kind === 'TAHUNAN';
  return (
    <section class="section" aria-labelledby="behavior-heading">
      <h2 id="behavior-heading">{t('eval.behaviorHeading')}</h2>
      {annual ? <p class="hint">{t('eval.annualBehavior')}</p> : null}
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="behavior-caption">
        <table class="data-table" data-testid="behavior-table">
          <caption id="behavior-caption">{t('eval.behaviorCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('eval.col.value')}</th>
              <th scope="col">{t('eval.col.expectation')}</th>
              <th scope="col">{t('eval.col.observation')}</th>
              <th scope="col">{t('eval.col.note')}</th>
            </tr>
          </thead>
          <tbody>
            {ev.behaviors.map((b) => (
              <tr key={b.value} data-testid="behavior-row">
                <th scope="row">{t(`value.${b.value}`)}</th>
                <td>{b.expectation ?? '—'}</td>
                <td>{b.rating ? rating(b.rating) : annual ? t('eval.annualJudgement') : t('eval.notObserved')}</td>
                <td>{b.note ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function DocumentLinks(props: { ev: Ev }) {
  const { t } = useEvaluationMessages();
  return (
    <section class="section" aria-labelledby="document-heading">
      <h2 id="document-heading">{t('eval.documentHeading')}</h2>
      <ul class="downloads">
        <li>
          <a href={props.ev.documentUrl} data-testid="document-link">
            {t('eval.documentHtml')}
          </a>
        </li>
        <li>
          <a href={`${props.ev.documentUrl}.pdf`} download data-testid="document-pdf">
            {t('eval.documentPdf')}
          </a>
        </li>
      </ul>
    </section>
  );
}
