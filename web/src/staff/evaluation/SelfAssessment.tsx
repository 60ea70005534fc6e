/**
 * The pegawai's penilaian diri on their own evaluation page: a form while the evaluation is a
 * draft the Pejabat Penilai has not rated yet (optimistic `version`, the server's errors next to
 * the field), read-only with the reason once the assessor has rated or the evaluation is set.
 * The targets, realisasi and evidence to judge by are further down the same page.
 */
import { runMutation } from '../api';
import { useHelpMessages } from '../help/messages';
import { Form, RadioField, SubmitButton, TextField, useForm } from '../ui/form';
import { useRatingLabel } from './common';
import type { EvaluationDetailQuery } from './EvaluationDetail.generated';
import { useEvaluationMessages } from './messages';
import { SaveSelfAssessmentDocument } from './SaveSelfAssessment.generated';
import {
  RATINGS,
  hasSelfAssessment,
  ratingOrNull,
  selfAssessmentState,
  validateSelfAssessment,
  type SelfAssessmentValues,
} from './selfAssessment';

type Ev = NonNullable<EvaluationDetailQuery['evaluation']>;

export function SelfAssessment(props: { ev: Ev; mine: boolean; onSaved: () => void }) {
  const { t } = useEvaluationMessages();
  const state = selfAssessmentState(props.ev, props.mine);
  const justSaved = savedVersions.has(`${props.ev.id}@${props.ev.version}`);
  if (state === 'none') return null;
  return (
    <section class="card" aria-labelledby="self-heading" data-testid="self-assessment" data-state={state} data-version={props.ev.version}>
      <h2 id="self-heading">{t('self.heading')}</h2>
      {state === 'editable' ? (
        <>
          <p>{t('self.intro')}</p>
          <p class="hint">
            {t('self.reference')} <a href="#work-heading">{t('eval.workHeading')}</a>.
          </p>
          <SelfAssessmentForm
            ev={props.ev}
            justSaved={justSaved}
            onSaved={(version) => {
              savedVersions.add(`${props.ev.id}@${version}`);
              props.onSaved();
            }}
          />
        </>
      ) : (
        <SelfAssessmentReadOnly ev={props.ev} reason={state} />
      )}
    </section>
  );
}

/**
 * The versions this tab saved (evaluation id @ version): the page reloads after saving and
 * remounts the section, and the notice belongs to exactly that version (any later change, e.g.
 * the assessor's, makes a new one).
 */
const savedVersions = new Set<string>();

function SelfAssessmentForm(props: { ev: Ev; justSaved: boolean; onSaved: (version: number) => void }) {
  const { t } = useEvaluationMessages();
  const { t: h } = useHelpMessages();
  const label = useRatingLabel();
  const { ev } = props;
  const options = RATINGS.map((r) => ({ value: r, label: label(r) }));
  const form = useForm<SelfAssessmentValues>({
    id: `self-assessment-${ev.id}`,
    initial: { resultRating: ev.selfResultRating ?? '', behaviorRating: ev.selfBehaviorRating ?? '', note: ev.selfNote ?? '' },
    validate: (values) =>
      validateSelfAssessment(values, {
        oneRating: t('self.oneRating'),
        noteTooLong: (count) => t('self.noteTooLong', { count: String(count) }),
      }),
  });
  return (
    <Form
      form={form}
      labelledBy="self-heading"
      onSubmit={(v) =>
        runMutation(
          SaveSelfAssessmentDocument,
          {
            input: {
              evaluationId: ev.id,
              resultRating: ratingOrNull(v.resultRating),
              behaviorRating: ratingOrNull(v.behaviorRating),
              note: v.note.trim() === '' ? null : v.note,
              version: ev.version,
            },
          },
          (d) => d.saveSelfAssessment,
        )
      }
      onSuccess={(saved) => props.onSaved(saved.version)}
    >
      {props.justSaved && !form.dirty ? (
        <p class="notice notice-info" role="status" data-testid="self-saved">
          {t('self.savedNotice')}
        </p>
      ) : null}
      <RadioField form={form} name="resultRating" legend={t('self.result')} hint={t('self.ratingHint')} help={h('help.self.result')} options={options} testId="self-result" />
      <RadioField form={form} name="behaviorRating" legend={t('self.behavior')} help={h('help.self.behavior')} options={options} testId="self-behavior" />
      <TextField form={form} name="note" label={t('self.note')} hint={t('self.noteHint')} help={h('help.self.note')} multiline rows={4} />
      <SubmitButton form={form}>{t('self.submit')}</SubmitButton>
    </Form>
  );
}

function SelfAssessmentReadOnly(props: { ev: Ev; reason: 'rated' | 'final' }) {
  const { t } = useEvaluationMessages();
  const rating = useRatingLabel();
  const { ev } = props;
  return (
    <>
      <p class="notice notice-info" data-testid="self-readonly" data-reason={props.reason}>
        {t(props.reason === 'rated' ? 'self.readonly.rated' : 'self.readonly.final')}
      </p>
      {hasSelfAssessment(ev) || ev.selfNote ? (
        <dl class="facts">
          <div class="row">
            <dt>{t('self.result')}</dt>
            <dd data-testid="self-result-value">{rating(ev.selfResultRating)}</dd>
          </div>
          <div class="row">
            <dt>{t('self.behavior')}</dt>
            <dd data-testid="self-behavior-value">{rating(ev.selfBehaviorRating)}</dd>
          </div>
          {ev.selfNote ? (
            <div class="row">
              <dt>{t('self.note')}</dt>
              <dd class="note-text">{ev.selfNote}</dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p>{t('self.noneEntered')}</p>
      )}
    </>
  );
}
