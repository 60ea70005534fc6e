/**
 * /portal/tim/penilaian/:planId/:period (`tahunan`: the annual evaluation): the Pejabat Penilai
 * evaluates a subordinate. Realisasi against targets with the evidence, the employee's
 * self-assessment beside the proposal and the rating, per-RHK judgements and the seven BerAKHLAK
 * observations (saved as a draft), the two ratings confirmed or overridden with a reason, the
 * predicate shown live from the matrix the server rates with (Evaluation.predicateMatrix) with
 * the server's explanation, and finalising after a confirmation. Read-only once final.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { EmptyState, PageHeading } from '../../components';
import type { Rating } from '../../graphql/internal/types';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { formatDateTime, formatDay, periodLabel, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { Form, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { ConfirmEvaluationRatingsDocument } from './ConfirmEvaluationRatings.generated';
import { EvaluationSheetDocument, type EvaluationSheetQuery } from './EvaluationSheet.generated';
import { EvaluationScreenDocument, type EvaluationScreenQuery } from './EvaluationScreen.generated';
import { FinaliseEvaluationDocument } from './FinaliseEvaluation.generated';
import { useTeamMessages } from './messages';
import { isRating, predicateFrom } from './progress';
import { RatingField } from './RatingField';
import { SaveEvaluationJudgementsDocument } from './SaveEvaluationJudgements.generated';
import { StartEvaluationDocument } from './StartEvaluation.generated';
import { useHelpMessages } from '../help/messages';
import { Help } from '../ui/help';

type Plan = NonNullable<EvaluationScreenQuery['plan']>;
type Detail = EvaluationSheetQuery;
type Ev = NonNullable<Detail['evaluation']>;
type Evidence = NonNullable<Detail['realizations']>[number]['evidence'][number];

const ANNUAL = 'tahunan';
const NOTE_MAX = 2000;

export function EvaluatePage({ params }: { params: { planId: string; period: string } }) {
  const { t } = useTeamMessages();
  const query = useStaffQuery(EvaluationScreenDocument, { planId: params.planId });
  return (
    <QueryView query={query}>
      {(data) =>
        data.plan === null ? (
          <>
            <PageHeading>{t('eval.titleShort')}</PageHeading>
            <EmptyState testId="evaluation-not-found">
              <p>{t('eval.planNotFound')}</p>
              <p>
                <a href={portalPaths.team()}>{t('eval.back')}</a>
              </p>
            </EmptyState>
          </>
        ) : (
          <PlanEvaluation plan={data.plan} evaluations={data.evaluationsOfPlan} period={params.period} reload={query.reload} />
        )
      }
    </QueryView>
  );
}

function PlanEvaluation(props: { plan: Plan; evaluations: EvaluationScreenQuery['evaluationsOfPlan']; period: string; reload: () => void }) {
  const { t } = useTeamMessages();
  const s = useStaffMessages();
  const { me } = useSession();
  const { plan } = props;
  const annual = props.period === ANNUAL;
  const period = annual ? null : (plan.year.periods.find((p) => String(p.number) === props.period) ?? null);
  const name = plan.employee?.name ?? '—';
  const heading = t('eval.title', { name });
  if (!annual && period === null) {
    return (
      <>
        <PageHeading>{heading}</PageHeading>
        <EmptyState testId="evaluation-not-found">
          <p>{t('eval.periodNotFound', { period: props.period })}</p>
          <p>
            <a href={portalPaths.team()}>{t('eval.back')}</a>
          </p>
        </EmptyState>
      </>
    );
  }
  const label = period === null ? s.t('period.annual') : periodLabel(s.t, plan.year.cadence, period.number);
  const found = props.evaluations.find((e) => (annual ? e.kind === 'TAHUNAN' : e.kind === 'PERIODIK' && e.period?.id === period?.id));
  // Who may change it is the server's decision (FORBIDDEN otherwise); the form is shown to the
  // employee's Pejabat Penilai of today.
  const isAssessor = me.employee !== null && plan.employee?.assessor?.employee.id === me.employee.id;
  const inForce = plan.status === 'DITETAPKAN' || plan.status.startsWith('REVISI');
  return (
    <>
      <p class="back-link">
        <a href={portalPaths.team()}>{t('eval.back')}</a>
      </p>
      <PageHeading title={`${heading} — ${label} ${plan.year.year}`}>{heading}</PageHeading>
      <p class="lead" data-testid="evaluation-context">
        {t('eval.context', { period: label, year: String(plan.year.year), position: plan.employee?.position?.name ?? '—' })}
      </p>
      {found ? (
        <EvaluationView id={found.id} plan={plan} periodId={period?.id ?? null} label={`${label} ${plan.year.year}`} isAssessor={isAssessor} />
      ) : !inForce ? (
        <EmptyState testId="evaluation-plan-not-in-force">
          <p>{t('eval.planNotInForce', { status: s.t(`planStatus.${plan.status}`) })}</p>
        </EmptyState>
      ) : (
        <StartPanel planId={plan.id} periodId={period?.id ?? null} label={label} canStart={isAssessor} onStarted={props.reload} />
      )}
    </>
  );
}

function StartPanel(props: { planId: string; periodId: string | null; label: string; canStart: boolean; onStarted: () => void }) {
  const { t } = useTeamMessages();
  const form = useForm({ id: 'start-evaluation', initial: {}, draft: false });
  return (
    <section class="card" aria-labelledby="start-heading" data-testid="evaluation-start">
      <h2 id="start-heading">{t('eval.notStarted', { period: props.label })}</h2>
      {props.canStart ? (
        <Form
          form={form}
          labelledBy="start-heading"
          onSubmit={() =>
            runMutation(
              StartEvaluationDocument,
              { input: { planId: props.planId, kind: props.periodId === null ? 'TAHUNAN' : 'PERIODIK', periodId: props.periodId } },
              (d) => d.startEvaluation,
            )
          }
          onSuccess={props.onStarted}
        >
          <p class="hint">{t('eval.startHint')}</p>
          <SubmitButton form={form}>{t('eval.start')}</SubmitButton>
        </Form>
      ) : (
        <p>{t('eval.readOnly')}</p>
      )}
    </section>
  );
}

function EvaluationView(props: { id: string; plan: Plan; periodId: string | null; label: string; isAssessor: boolean }) {
  const { t } = useTeamMessages();
  const query = useStaffQuery(EvaluationSheetDocument, {
    id: props.id,
    planId: props.plan.id,
    periodId: props.periodId ?? '0',
    periodic: props.periodId !== null,
  });
  const [notice, setNotice] = useState('');
  return (
    <>
      <p role="status" class={notice ? 'notice notice-info' : 'visually-hidden'} data-testid={notice ? 'evaluation-notice' : undefined}>
        {notice}
      </p>
      <QueryView query={query}>
        {(data) =>
          data.evaluation === null ? (
            <EmptyState testId="evaluation-not-found">
              <p>{t('eval.planNotFound')}</p>
            </EmptyState>
          ) : (
            <Evaluation
              ev={data.evaluation}
              data={data}
              plan={props.plan}
              label={props.label}
              editable={props.isAssessor && data.evaluation.status === 'DRAFT'}
              onChanged={(message) => {
                setNotice(message);
                query.reload();
              }}
            />
          )
        }
      </QueryView>
    </>
  );
}

function Evaluation(props: { ev: Ev; data: Detail; plan: Plan; label: string; editable: boolean; onChanged: (notice: string) => void }) {
  const { t } = useTeamMessages();
  const s = useStaffMessages();
  const { ev, editable } = props;
  const [dirty, setDirty] = useState<Record<string, boolean>>({});
  const markDirty = (form: string) => (value: boolean) => setDirty((d) => (d[form] === value ? d : { ...d, [form]: value }));
  const anyDirty = Object.values(dirty).some(Boolean);
  return (
    <div data-testid="evaluation" data-status={ev.status} data-evaluation-id={ev.id} data-version={ev.version}>
      <p data-testid="evaluation-status">
        <span class="badge">{t('eval.statusLine', { status: t(`eval.status.${ev.status}`) })}</span>
      </p>
      {ev.status !== 'DRAFT' ? (
        <div class="notice notice-info" data-testid="evaluation-final">
          <p>{t('eval.finalisedOn', { date: ev.finalisedAt ? formatDateTime(ev.finalisedAt, s.locale) : '—' })}</p>
          {ev.objectionFilingDeadline ? <p>{t('eval.objectionDeadline', { date: formatDay(ev.objectionFilingDeadline, s.locale) })}</p> : null}
          <p>
            <a href={ev.documentUrl} data-testid="evaluation-document">
              {t('eval.document')}
            </a>
          </p>
        </div>
      ) : !editable ? (
        <p class="notice notice-info">{t('eval.readOnly')}</p>
      ) : null}
      <Realizations ev={ev} data={props.data} cadence={props.plan.year.cadence} />
      <SideBySide ev={ev} />
      {editable && ev.kind === 'PERIODIK' ? (
        <JudgementsForm key={`j${ev.version}`} ev={ev} data={props.data} onDirty={markDirty('judgements')} onSaved={() => props.onChanged(s.t('form.saved'))} />
      ) : ev.kind === 'PERIODIK' ? (
        <JudgementsReadOnly ev={ev} data={props.data} />
      ) : null}
      {editable ? (
        <RatingsForm key={`r${ev.version}`} ev={ev} onDirty={markDirty('ratings')} onSaved={() => props.onChanged(s.t('form.saved'))} />
      ) : (
        <PredicateSummary ev={ev} />
      )}
      <Explanation ev={ev} />
      {editable ? (
        <Finalise ev={ev} name={props.plan.employee?.name ?? '—'} label={props.label} unsaved={anyDirty} onFinalised={() => props.onChanged(t('eval.finalised'))} />
      ) : null}
    </div>
  );
}

/** A Decimal from the API ("97.3") in the interface's number format ("97,3"), with its unit. */
function formatValue(value: unknown, unit: string | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '';
  const number = Number(value);
  const text = Number.isFinite(number) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(number) : String(value);
  return unit ? `${text} ${unit}` : text;
}

function Realizations(props: { ev: Ev; data: Detail; cadence: Plan['year']['cadence'] }) {
  const { t } = useTeamMessages();
  const s = useStaffMessages();
  const evidenceOf = new Map<string, Evidence[]>();
  for (const r of props.data.realizations ?? []) evidenceOf.set(r.indicatorId, r.evidence);
  const periodic = props.ev.kind === 'PERIODIK';
  return (
    <section aria-labelledby="realizations-heading" data-testid="evaluation-realizations">
      <h2 id="realizations-heading">{t('eval.realizations')}</h2>
      {props.ev.workResults.map((w, wi) => (
        <div key={w.workResultId} class="table-scroll" tabIndex={0} role="region" aria-labelledby={`rhk-caption-${wi}`}>
          <table class="data-table wide-table">
            <caption id={`rhk-caption-${wi}`}>
              {t('eval.realizationsCaption', { rhk: `${t(`eval.kind.${w.kind}`)} ${wi + 1}: ${w.text}` })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('eval.col.indicator')}</th>
                <th scope="col">{t('eval.col.target')}</th>
                <th scope="col">{t('eval.col.realization')}</th>
                <th scope="col">{t('eval.col.evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {w.indicators.map(({ indicator, realizations }) => {
                const evidence = evidenceOf.get(indicator.id) ?? [];
                return (
                  <tr key={indicator.id} data-testid="evaluation-indicator" data-indicator-id={indicator.id}>
                    <th scope="row">{indicator.text}</th>
                    <td>{formatValue(indicator.targetValue, indicator.targetUnit, s.locale) || indicator.targetDescription || '—'}</td>
                    <td data-testid="evaluation-realization">
                      {realizations.length === 0 ? (
                        t('eval.noRealization')
                      ) : (
                        <ul class="plain-list">
                          {realizations.map((r) => (
                            <li key={r.periodId}>
                              {periodic ? '' : `${periodLabel(s.t, props.cadence, r.periodNumber)}: `}
                              <strong>{formatValue(r.value, indicator.targetUnit, s.locale) || '—'}</strong>
                              {r.description ? <span class="cell-kind">{r.description}</span> : null}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      {periodic && evidence.length > 0 ? (
                        <ul class="plain-list">
                          {evidence.map((e) => {
                            const href = e.downloadUrl ?? e.url;
                            const title = e.title || e.name || e.url || '—';
                            const text = t(e.kind === 'LINK' ? 'eval.evidenceLink' : 'eval.evidenceFile', { title });
                            return (
                              <li key={e.id}>
                                {href ? (
                                  <a href={href} rel="noopener noreferrer" data-testid="evaluation-evidence">
                                    {text}
                                  </a>
                                ) : (
                                  text
                                )}
                              </li>
                            );
                          })}
                        </ul>
                      ) : (
                        (() => {
                          const count = realizations.reduce((n, r) => n + r.evidenceCount, 0);
                          return count > 0 ? t('eval.evidenceCount', { count }) : t('eval.noEvidence');
                        })()
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

function SideBySide(props: { ev: Ev }) {
  const { t } = useTeamMessages();
  const rating = (r: Rating | null | undefined) => (r ? t(`rating.${r}`) : t('eval.notGiven'));
  return (
    <section aria-labelledby="self-heading" data-testid="evaluation-side-by-side">
      <h2 id="self-heading">{t('eval.self')}</h2>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="self-caption">
        <table class="data-table">
          <caption id="self-caption">{t('eval.selfCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('eval.col.aspect')}</th>
              <th scope="col">{t('eval.col.self')}</th>
              <th scope="col">{t('eval.col.proposed')}</th>
              <th scope="col">{t('eval.col.assessor')}</th>
            </tr>
          </thead>
          <tbody>
            {props.ev.sideBySide.map((row) => (
              <tr key={row.aspect} data-testid="side-by-side-row" data-aspect={row.aspect}>
                <th scope="row">{row.aspect === 'HASIL_KERJA' || row.aspect === 'PERILAKU_KERJA' ? t(`eval.aspect.${row.aspect}`) : row.aspect}</th>
                <td data-testid="self-rating">{rating(row.selfRating)}</td>
                <td data-testid="proposed-rating">{rating(row.proposedRating)}</td>
                <td data-testid="assessor-rating">
                  {rating(row.assessorRating)}
                  {row.overrideReason ? <span class="cell-kind">{row.overrideReason}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.ev.selfNote ? <p lang="id">{t('eval.selfNote', { note: props.ev.selfNote })}</p> : null}
    </section>
  );
}

function valueLabel(data: Detail, value: string): string {
  return data.coreValues.find((c) => c.value === value)?.label ?? value;
}

function JudgementsForm(props: { ev: Ev; data: Detail; onDirty: (dirty: boolean) => void; onSaved: () => void }) {
  const { t } = useTeamMessages();
  const { t: h } = useHelpMessages();
  const { ev, data } = props;
  const initial: Record<string, string> = {};
  for (const w of ev.workResults) {
    initial[`wr-${w.workResultId}`] = w.rating ?? '';
    initial[`fb-${w.workResultId}`] = w.feedback ?? '';
  }
  for (const b of ev.behaviors) {
    initial[`bh-${b.value}`] = b.rating ?? '';
    initial[`bn-${b.value}`] = b.note ?? '';
  }
  const firstWork = ev.workResults[0] ? `wr-${ev.workResults[0].workResultId}` : undefined;
  const firstValue = ev.behaviors[0] ? `bh-${ev.behaviors[0].value}` : undefined;
  const form = useForm({
    id: `eval-judgements-${ev.id}`,
    initial,
    fieldMap: { ...(firstWork ? { workResults: firstWork } : {}), ...(firstValue ? { behaviors: firstValue } : {}) },
    validate: (values) => {
      const errors: FieldError[] = [];
      const anyRated = Object.entries(values).some(([k, v]) => (k.startsWith('wr-') || k.startsWith('bh-')) && v !== '');
      if (!anyRated && firstWork) {
        const w = ev.workResults[0]!;
        errors.push({ field: firstWork, code: 'INVALID_INPUT', message: t('eval.required.rating', { what: w.text }) });
      }
      for (const [k, v] of Object.entries(values)) {
        if ((k.startsWith('fb-') || k.startsWith('bn-')) && v.length > NOTE_MAX) {
          errors.push({ field: k, code: 'INVALID_INPUT', message: t('eval.tooLong', { max: NOTE_MAX }) });
        }
      }
      return errors;
    },
  });
  useEffect(() => props.onDirty(form.dirty), [form.dirty]);
  return (
    <section aria-labelledby="judgements-heading" data-testid="evaluation-judgements">
      <h2 id="judgements-heading">{t('eval.judgements')}</h2>
      <p class="hint">{t('eval.judgementsHint')}</p>
      <Form
        form={form}
        labelledBy="judgements-heading"
        onSubmit={(values) =>
          runMutation(
            SaveEvaluationJudgementsDocument,
            {
              input: {
                evaluationId: ev.id,
                version: ev.version,
                workResults: ev.workResults.flatMap((w) => {
                  const rating = values[`wr-${w.workResultId}`] ?? '';
                  return isRating(rating) ? [{ workResultId: w.workResultId, rating, feedback: values[`fb-${w.workResultId}`] || null }] : [];
                }),
                behaviors: ev.behaviors.flatMap((b) => {
                  const rating = values[`bh-${b.value}`] ?? '';
                  return isRating(rating) ? [{ value: b.value, rating, note: values[`bn-${b.value}`] || null }] : [];
                }),
              },
            },
            (d) => d.saveEvaluationJudgements,
          )
        }
        onSuccess={props.onSaved}
      >
        <Help id="judgements-help" topic={t('eval.judgements')}>
          <p>{h('help.eval.judgements')}</p>
        </Help>
        {ev.workResults.map((w, i) => (
          <div key={w.workResultId} data-testid="judge-rhk" data-work-result-id={w.workResultId}>
            <RatingField help={h('help.eval.rhkRating')} form={form} name={`wr-${w.workResultId}`} legend={t('eval.rhkLegend', { kind: `${t(`eval.kind.${w.kind}`)} ${i + 1}`, text: w.text })} />
            <TextField form={form} name={`fb-${w.workResultId}`} label={t('eval.feedback')} help={h('help.eval.feedback')} multiline rows={2} maxLength={NOTE_MAX} />
          </div>
        ))}
        <h3>{t('eval.behaviors')}</h3>
        {ev.behaviors.map((b) => {
          const info = data.coreValues.find((c) => c.value === b.value);
          const label = valueLabel(data, b.value);
          return (
            <div key={b.value} data-testid="judge-behavior" data-value={b.value}>
              <RatingField help={h('help.eval.valueRating')}
                form={form}
                name={`bh-${b.value}`}
                legend={label}
                hint={
                  <>
                    {b.expectation ? <p>{t('eval.expectation', { text: b.expectation })}</p> : null}
                    {info && info.indicators.length > 0 ? (
                      <details>
                        <summary>{t('eval.indicatorsOf', { value: label })}</summary>
                        <ul>
                          {info.indicators.map((x) => (
                            <li key={x} lang="id">
                              {x}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </>
                }
              />
              <TextField help={h('help.eval.behaviorNote')} form={form} name={`bn-${b.value}`} label={t('eval.behaviorNote', { value: label })} multiline rows={2} maxLength={NOTE_MAX} />
            </div>
          );
        })}
        <SubmitButton form={form}>{t('eval.saveJudgements')}</SubmitButton>
      </Form>
    </section>
  );
}

function JudgementsReadOnly(props: { ev: Ev; data: Detail }) {
  const { t } = useTeamMessages();
  const rating = (r: Rating | null | undefined) => (r ? t(`rating.${r}`) : t('eval.notGiven'));
  return (
    <section aria-labelledby="judgements-heading" data-testid="evaluation-judgements-read">
      <h2 id="judgements-heading">{t('eval.judgements')}</h2>
      <dl class="facts">
        {props.ev.workResults.map((w, i) => (
          <div class="row" key={w.workResultId}>
            <dt>{t('eval.rhkLegend', { kind: `${t(`eval.kind.${w.kind}`)} ${i + 1}`, text: w.text })}</dt>
            <dd>
              {rating(w.rating)}
              {w.feedback ? <span class="cell-kind">{w.feedback}</span> : null}
            </dd>
          </div>
        ))}
        {props.ev.behaviors.map((b) => (
          <div class="row" key={b.value}>
            <dt>{valueLabel(props.data, b.value)}</dt>
            <dd>
              {rating(b.rating)}
              {b.note ? <span class="cell-kind">{b.note}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function RatingsForm(props: { ev: Ev; onDirty: (dirty: boolean) => void; onSaved: () => void }) {
  const { t } = useTeamMessages();
  const { t: h } = useHelpMessages();
  const { ev } = props;
  const ready = ev.proposedResultRating !== null || ev.proposedBehaviorRating !== null || ev.resultRating !== null;
  const form = useForm({
    id: `eval-ratings-${ev.id}`,
    initial: {
      resultRating: ev.resultRating ?? ev.proposedResultRating ?? '',
      behaviorRating: ev.behaviorRating ?? ev.proposedBehaviorRating ?? '',
      resultOverrideReason: ev.resultOverrideReason ?? '',
      behaviorOverrideReason: ev.behaviorOverrideReason ?? '',
      assessorNote: ev.assessorNote ?? '',
    },
    validate: (values) => {
      const errors: FieldError[] = [];
      if (!isRating(values.resultRating)) errors.push({ field: 'resultRating', code: 'INVALID_INPUT', message: t('eval.required.rating', { what: t('eval.resultRating') }) });
      if (!isRating(values.behaviorRating)) errors.push({ field: 'behaviorRating', code: 'INVALID_INPUT', message: t('eval.required.rating', { what: t('eval.behaviorRating') }) });
      if (values.resultRating !== (ev.proposedResultRating ?? '') && values.resultOverrideReason.trim() === '') {
        errors.push({ field: 'resultOverrideReason', code: 'INVALID_INPUT', message: t('eval.reasonRequired') });
      }
      if (values.behaviorRating !== (ev.proposedBehaviorRating ?? '') && values.behaviorOverrideReason.trim() === '') {
        errors.push({ field: 'behaviorOverrideReason', code: 'INVALID_INPUT', message: t('eval.reasonRequired') });
      }
      return errors;
    },
  });
  useEffect(() => props.onDirty(form.dirty), [form.dirty]);
  const v = form.values;
  const resultDiffers = v.resultRating !== '' && v.resultRating !== (ev.proposedResultRating ?? '');
  const behaviorDiffers = v.behaviorRating !== '' && v.behaviorRating !== (ev.proposedBehaviorRating ?? '');
  const proposal = (r: Rating | null) => (r ? t('eval.proposal', { rating: t(`rating.${r}`) }) : t('eval.proposalNone'));
  return (
    <section aria-labelledby="ratings-heading" data-testid="evaluation-ratings">
      <h2 id="ratings-heading">{t('eval.ratings')}</h2>
      {!ready ? (
        <p class="notice notice-info" data-testid="ratings-waiting">
          {t('eval.ratingsWaiting')}
        </p>
      ) : (
        <Form
          form={form}
          labelledBy="ratings-heading"
          onSubmit={(values) =>
            runMutation(
              ConfirmEvaluationRatingsDocument,
              {
                input: {
                  evaluationId: ev.id,
                  version: ev.version,
                  resultRating: isRating(values.resultRating) ? values.resultRating : null,
                  behaviorRating: isRating(values.behaviorRating) ? values.behaviorRating : null,
                  resultOverrideReason: values.resultRating !== ev.proposedResultRating ? values.resultOverrideReason.trim() || null : null,
                  behaviorOverrideReason: values.behaviorRating !== ev.proposedBehaviorRating ? values.behaviorOverrideReason.trim() || null : null,
                  assessorNote: values.assessorNote.trim() || null,
                },
              },
              (d) => d.confirmEvaluationRatings,
            )
          }
          onSuccess={props.onSaved}
        >
          <p class="hint">{t('eval.ratingsHint')}</p>
          <Help id="ratings-help" topic={t('eval.ratings')}>
            <p>{h('help.eval.ratings')}</p>
          </Help>
          <RatingField help={h('help.eval.resultRating')} form={form} name="resultRating" legend={t('eval.resultRating')} hint={proposal(ev.proposedResultRating)} testId="rating-result" />
          {resultDiffers ? (
            <TextField help={h('help.eval.overrideReason')} form={form} name="resultOverrideReason" label={t('eval.resultReason')} hint={t('eval.reasonHint')} multiline rows={3} required maxLength={NOTE_MAX} />
          ) : null}
          <RatingField help={h('help.eval.behaviorRating')} form={form} name="behaviorRating" legend={t('eval.behaviorRating')} hint={proposal(ev.proposedBehaviorRating)} testId="rating-behavior" />
          {behaviorDiffers ? (
            <TextField help={h('help.eval.overrideReason')} form={form} name="behaviorOverrideReason" label={t('eval.behaviorReason')} hint={t('eval.reasonHint')} multiline rows={3} required maxLength={NOTE_MAX} />
          ) : null}
          <LivePredicate ev={ev} result={v.resultRating} behavior={v.behaviorRating} unsaved={form.dirty} />
          <TextField help={h('help.eval.assessorNote')} form={form} name="assessorNote" label={t('eval.assessorNote')} multiline rows={3} maxLength={NOTE_MAX} />
          <SubmitButton form={form}>{t('eval.saveRatings')}</SubmitButton>
        </Form>
      )}
    </section>
  );
}

/** The predicate of the chosen ratings, read from the server's matrix as the person chooses. */
function LivePredicate(props: { ev: Ev; result: string; behavior: string; unsaved: boolean }) {
  const { t } = useTeamMessages();
  const s = useStaffMessages();
  const matrix = props.ev.predicateMatrix;
  const predicate = matrix ? predicateFrom(matrix.cells, props.result, props.behavior) : null;
  return (
    <div class="card live-predicate" data-testid="live-predicate" data-predicate={predicate ?? ''}>
      <h3 id="live-predicate-heading">{t('eval.livePredicate')}</h3>
      <div aria-live="polite">
        {predicate && isRating(props.result) && isRating(props.behavior) ? (
          <>
            <p class="stat">
              <strong data-testid="live-predicate-value">{s.t(`predicate.${predicate}`)}</strong>
            </p>
            <p>
              {t('eval.liveRule', {
                result: t(`rating.${props.result}`),
                behavior: t(`rating.${props.behavior}`),
                predicate: s.t(`predicate.${predicate}`),
              })}
            </p>
            {props.unsaved ? <p class="hint">{t('eval.liveUnsaved')}</p> : null}
          </>
        ) : (
          <p>{t('eval.livePending')}</p>
        )}
      </div>
      {matrix ? (
        <p class="hint">{t('eval.liveSource', { date: formatDay(matrix.effectiveFrom, s.locale) })}</p>
      ) : null}
    </div>
  );
}

function PredicateSummary(props: { ev: Ev }) {
  const { t } = useTeamMessages();
  const s = useStaffMessages();
  return (
    <section aria-labelledby="ratings-heading" data-testid="evaluation-predicate">
      <h2 id="ratings-heading">{t('eval.predicate')}</h2>
      <p class="stat">
        <strong data-testid="evaluation-predicate-value" data-predicate={props.ev.predicate ?? ''}>
          {props.ev.predicate ? s.t(`predicate.${props.ev.predicate}`) : t('eval.predicateNone')}
        </strong>
      </p>
      {props.ev.assessorNote ? <p>{props.ev.assessorNote}</p> : null}
    </section>
  );
}

function Explanation(props: { ev: Ev }) {
  const { t } = useTeamMessages();
  const x = props.ev.explanation;
  if (x === null) return null;
  const part = (title: string, lines: string[], testId: string) =>
    lines.length > 0 ? (
      <>
        <h3>{title}</h3>
        <ul lang="id" data-testid={testId}>
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </>
    ) : null;
  return (
    <section aria-labelledby="explanation-heading" data-testid="evaluation-explanation">
      <h2 id="explanation-heading">{t('eval.explanation')}</h2>
      {part(t('eval.explanation.rules'), x.rulesApplied, 'explanation-rules')}
      {part(t('eval.explanation.overrides'), x.overrides, 'explanation-overrides')}
      <details>
        <summary>{t('eval.explanation.inputs')}</summary>
        {part(t('eval.explanation.inputs'), x.inputs, 'explanation-inputs')}
      </details>
      {part(t('eval.explanation.sources'), x.sources, 'explanation-sources')}
    </section>
  );
}

function Finalise(props: { ev: Ev; name: string; label: string; unsaved: boolean; onFinalised: () => void }) {
  const { t } = useTeamMessages();
  const s = useStaffMessages();
  const { ev } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const form = useForm({ id: `eval-finalise-${ev.id}`, initial: {}, draft: false });
  const blocked = ev.predicate === null ? t('eval.finaliseBlocked') : props.unsaved ? t('eval.finaliseUnsaved') : null;
  return (
    <section class="card" aria-labelledby="finalise-heading" data-testid="evaluation-finalise">
      <h2 id="finalise-heading">{t('eval.finalise')}</h2>
      <p class="hint">{t('eval.finaliseHint')}</p>
      {blocked ? (
        <p class="notice notice-warning" data-testid="finalise-blocked">
          {blocked}
        </p>
      ) : null}
      <div class="form-actions">
        <button type="button" class="button button-primary" data-testid="finalise-open" aria-disabled={blocked ? 'true' : undefined} onClick={() => !blocked && dialog.current?.showModal()}>
          {t('eval.finalise')}
        </button>
      </div>
      <dialog ref={dialog} aria-labelledby="finalise-confirm-title" data-testid="finalise-dialog" class="card">
        <Form
          form={form}
          labelledBy="finalise-confirm-title"
          onSubmit={() => runMutation(FinaliseEvaluationDocument, { id: ev.id, version: ev.version }, (d) => d.finaliseEvaluation)}
          onSuccess={() => {
            dialog.current?.close();
            props.onFinalised();
          }}
        >
          <h2 id="finalise-confirm-title">
            {t('eval.confirmTitle', { name: props.name, period: props.label, predicate: ev.predicate ? s.t(`predicate.${ev.predicate}`) : '—' })}
          </h2>
          <p>{t('eval.confirmText')}</p>
          <div class="toolbar">
            <SubmitButton form={form}>{t('eval.confirmYes')}</SubmitButton>
            <button type="button" class="button button-secondary" data-testid="finalise-cancel" onClick={() => dialog.current?.close()}>
              {t('eval.confirmNo')}
            </button>
          </div>
        </Form>
      </dialog>
    </section>
  );
}
