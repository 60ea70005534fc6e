/**
 * /portal/keberatan/:id: one keberatan. Everyone allowed reads the reasons, the result objected
 * to, the deadlines and (once decided) the decision with its grounds. The Atasan Pejabat Penilai
 * who must decide records both explanations and decides here: reject (the result stays) or
 * uphold with new ratings; the grounds are required and the decision is final.
 */
import { useState } from 'preact/hooks';
import { PageHeading } from '../../components';
import type { Rating } from '../../graphql/internal/types';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { formatDateTime, formatDay, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { Form, SelectField, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { useDeadlineText, useEvaluationPeriod, useRatingLabel } from './common';
import { DecideObjectionDocument } from './DecideObjection.generated';
import { useEvaluationMessages } from './messages';
import { ObjectedEvaluationDocument } from './ObjectedEvaluation.generated';
import { ObjectionDetailDocument, type ObjectionDetailQuery } from './ObjectionDetail.generated';
import { useHelpMessages } from '../help/messages';

type Obj = ObjectionDetailQuery['objection'];
const RATINGS: Rating[] = ['DI_ATAS_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI'];
const MAX_TEXT = 4000;

export function ObjectionPage({ params }: { params: { id: string } }) {
  const { t } = useEvaluationMessages();
  const query = useStaffQuery(ObjectionDetailDocument, { id: params.id });
  const name = query.status === 'success' ? (query.data.objection.filedBy?.name ?? '—') : null;
  return (
    <>
      <PageHeading>{name !== null ? t('dec.title', { name }) : t('obj.title')}</PageHeading>
      <p>
        <a href={portalPaths.objections()} class="back-link">
          {t('dec.back')}
        </a>
      </p>
      <QueryView query={query}>{(data) => <Objection objection={data.objection} onChange={query.reload} />}</QueryView>
    </>
  );
}

function Objection(props: { objection: Obj; onChange: () => void }) {
  const { t, locale, lang } = useEvaluationMessages();
  const s = useStaffMessages();
  const { me } = useSession();
  const deadline = useDeadlineText();
  const o = props.objection;
  const due = deadline(o.decisionDeadline);
  const canDecide = o.status === 'DIAJUKAN' && me.employee !== null && o.decider?.id === me.employee.id;
  const previous = o.previousResult as { predicate?: string } | null;
  return (
    <>
      <section class="card" aria-labelledby="objection-facts" data-testid="objection" data-status={o.status}>
        <h2 id="objection-facts">{t('dec.facts')}</h2>
        <dl class="facts">
          <div class="row">
            <dt>{t('dec.status')}</dt>
            <dd data-testid="objection-status">{t(`obj.status.${o.status}`)}</dd>
          </div>
          <div class="row">
            <dt>{t('dec.filedBy')}</dt>
            <dd>{o.filedBy?.name ?? '—'}</dd>
          </div>
          <div class="row">
            <dt>{t('dec.filedAt')}</dt>
            <dd>{formatDateTime(o.filedAt, locale)}</dd>
          </div>
          <div class="row">
            <dt>{t('dec.decider')}</dt>
            <dd>{o.decider?.name ?? '—'}</dd>
          </div>
          <div class="row">
            <dt>{t('dec.deadline')}</dt>
            <dd data-testid="decision-deadline" data-date={o.decisionDeadline}>
              {o.status === 'DIAJUKAN' ? t('dec.deadlineLeft', { date: due.date, left: due.left }) : due.date}
              {o.overdue ? (
                <>
                  {' '}
                  <span class="badge badge-urgent">{t('obj.overdue')}</span>
                </>
              ) : null}
            </dd>
          </div>
        </dl>
        <h3>{t('dec.reasons')}</h3>
        <p class="note-text" data-testid="objection-reasons" lang={lang === 'id' ? undefined : 'id'}>
          {o.reasons}
        </p>
      </section>
      <ObjectedResult evaluationId={o.evaluationId} />
      {o.status !== 'DIAJUKAN' ? (
        <section class="card" aria-labelledby="decision-heading" data-testid="decision">
          <h2 id="decision-heading">{t('dec.decision')}</h2>
          <p>
            <strong>{t(`obj.status.${o.status}`)}</strong>
            {o.decidedAt ? ` — ${t('dec.decidedAt')} ${formatDay(o.decidedAt, locale)}` : ''}
          </p>
          {previous?.predicate ? <p>{t('dec.previous', { predicate: s.t(`predicate.${previous.predicate}` as 'predicate.BAIK') })}</p> : null}
          <h3>{t('dec.note')}</h3>
          <p class="note-text" data-testid="decision-note">
            {o.decisionNote}
          </p>
          {o.employeeExplanation ? (
            <>
              <h3>{t('dec.employeeExplanation')}</h3>
              <p class="note-text">{o.employeeExplanation}</p>
            </>
          ) : null}
          {o.assessorExplanation ? (
            <>
              <h3>{t('dec.assessorExplanation')}</h3>
              <p class="note-text">{o.assessorExplanation}</p>
            </>
          ) : null}
        </section>
      ) : canDecide ? (
        <DecideForm objection={o} onDone={props.onChange} />
      ) : (
        <p class="notice notice-info" data-testid="not-decider">
          {t('dec.notDecider', { name: o.decider?.name ?? '—' })}
        </p>
      )}
    </>
  );
}

function ObjectedResult(props: { evaluationId: string }) {
  const { t } = useEvaluationMessages();
  const s = useStaffMessages();
  const rating = useRatingLabel();
  const periodOf = useEvaluationPeriod();
  const query = useStaffQuery(ObjectedEvaluationDocument, { id: props.evaluationId });
  return (
    <section class="card" aria-labelledby="objected-heading">
      <h2 id="objected-heading">{t('dec.result')}</h2>
      <QueryView query={query}>
        {(data) => {
          const ev = data.evaluation;
          if (ev === null) return <p>{t('eval.notFound')}</p>;
          return (
            <>
              <p data-testid="objected-result" data-predicate={ev.predicate ?? ''}>
                {t('dec.resultLine', {
                  what: `${s.t(`evaluationKind.${ev.kind}`)} ${periodOf(ev)}`,
                  predicate: ev.predicate ? s.t(`predicate.${ev.predicate}`) : t('eval.noPredicate'),
                  result: rating(ev.resultRating),
                  behavior: rating(ev.behaviorRating),
                  assessor: ev.assessor?.name ?? '—',
                })}
              </p>
              <ul class="downloads">
                <li>
                  <a href={portalPaths.evaluation(ev.id)}>{t('dec.openEvaluation')}</a>
                </li>
                <li>
                  <a href={ev.documentUrl}>{t('eval.documentHtml')}</a>
                </li>
              </ul>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

function DecideForm(props: { objection: Obj; onDone: () => void }) {
  const { t } = useEvaluationMessages();
  const { t: h } = useHelpMessages();
  const s = useStaffMessages();
  const rating = useRatingLabel();
  const [saved, setSaved] = useState(false);
  const o = props.objection;
  const form = useForm({
    id: 'decide-objection',
    initial: {
      decision: '',
      resultRating: '',
      behaviorRating: '',
      note: '',
      employeeExplanation: o.employeeExplanation ?? '',
      assessorExplanation: o.assessorExplanation ?? '',
    },
    validate: (v) => {
      const errors: FieldError[] = [];
      const need = (field: string, label: string) => {
        const value = (v as Record<string, string>)[field]?.trim() ?? '';
        if (value === '') errors.push({ field, message: s.t('form.required', { label }), code: 'INVALID_INPUT' });
        else if (value.length > MAX_TEXT) errors.push({ field, message: s.t('form.tooLong', { label, max: String(MAX_TEXT) }), code: 'INVALID_INPUT' });
      };
      if (v.decision !== 'DITOLAK' && v.decision !== 'DIUBAH') errors.push({ field: 'decision', message: t('dec.chooseDecision'), code: 'INVALID_INPUT' });
      if (v.decision === 'DIUBAH') {
        if (v.resultRating === '') errors.push({ field: 'resultRating', message: t('dec.ratingsRequired'), code: 'INVALID_INPUT' });
        if (v.behaviorRating === '') errors.push({ field: 'behaviorRating', message: t('dec.ratingsRequired'), code: 'INVALID_INPUT' });
      }
      need('employeeExplanation', t('dec.employeeExplanation'));
      need('assessorExplanation', t('dec.assessorExplanation'));
      need('note', t('dec.note'));
      return errors;
    },
  });
  if (saved) {
    return (
      <p class="notice notice-info" role="status" data-testid="decision-saved">
        {t('dec.done')}
      </p>
    );
  }
  const changing = form.values.decision === 'DIUBAH';
  const ratingOptions = RATINGS.map((r) => ({ value: r, label: rating(r) }));
  return (
    <section class="card" aria-labelledby="decide-heading" data-testid="decide">
      <h2 id="decide-heading">{t('dec.formHeading')}</h2>
      <p>{t('dec.formIntro')}</p>
      <Form
        form={form}
        labelledBy="decide-heading"
        onSubmit={(v) =>
          runMutation(
            DecideObjectionDocument,
            {
              input: {
                id: o.id,
                version: o.version,
                decision: v.decision === 'DIUBAH' ? 'DIUBAH' : 'DITOLAK',
                note: v.note,
                employeeExplanation: v.employeeExplanation,
                assessorExplanation: v.assessorExplanation,
                resultRating: changing ? (v.resultRating as Rating) : null,
                behaviorRating: changing ? (v.behaviorRating as Rating) : null,
              },
            },
            (d) => d.decideObjection,
          )
        }
        onSuccess={() => {
          setSaved(true);
          props.onDone();
        }}
      >
        <TextField form={form} name="employeeExplanation" label={t('dec.employeeExplanation')} help={h('help.decision.explanations')} multiline rows={3} required />
        <TextField help={h('help.decision.assessorExplanation')} form={form} name="assessorExplanation" label={t('dec.assessorExplanation')} multiline rows={3} required />
        <SelectField help={h('help.decision.choice')}
          form={form}
          name="decision"
          label={t('dec.choice')}
          required
          emptyLabel={t('dec.chooseDecision')}
          options={[
            { value: 'DITOLAK', label: t('dec.choice.DITOLAK') },
            { value: 'DIUBAH', label: t('dec.choice.DIUBAH') },
          ]}
        />
        {changing ? (
          <>
            <SelectField help={h('help.decision.newResult')} form={form} name="resultRating" label={t('dec.newResult')} required emptyLabel={t('dec.chooseRating')} options={ratingOptions} />
            <SelectField help={h('help.decision.newBehavior')} form={form} name="behaviorRating" label={t('dec.newBehavior')} required emptyLabel={t('dec.chooseRating')} options={ratingOptions} />
          </>
        ) : null}
        <TextField form={form} name="note" label={t('dec.note')} hint={t('dec.noteHint')} help={h('help.decision.note')} multiline rows={4} required />
        <SubmitButton form={form}>{t('dec.submit')}</SubmitButton>
      </Form>
    </section>
  );
}
