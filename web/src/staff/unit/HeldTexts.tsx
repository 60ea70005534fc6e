/**
 * The second and third kind of held text on /portal/unit/komentar: follow-up actions and service
 * names/descriptions that the server's name/NIP screening held (TextReview MENUNGGU). A moderator
 * publishes them (DISETUJUI) or keeps them back (DITOLAK). The server refuses a decision by the
 * text's own author (FORBIDDEN): the form shows that refusal as written by the server.
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { EmptyState } from '../../components';
import type { TextReview } from '../../graphql/internal/types';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { currentYear } from '../../lib/instansiTime';
import { Form, SelectField, SubmitButton, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { HeldTextsDocument } from './HeldTexts.generated';
import { useUnitMessages } from './messages';
import { ReviewFollowUpDocument } from './ReviewFollowUp.generated';
import { ReviewServiceTextsDocument } from './ReviewServiceTexts.generated';
import { pickYear, type UnitChoice } from './scope';

type Kind = 'followUp' | 'service';

/** The held follow-ups and service texts of the unit, each with its decision form. */
export function HeldTexts(props: { unit: UnitChoice }) {
  const { t } = useUnitMessages();
  const { query: params } = useLocation();
  const year = pickYear(props.unit.years, params['tahun'])?.year ?? currentYear();
  const query = useStaffQuery(HeldTextsDocument, { unitId: props.unit.id, year });
  const [notice, setNotice] = useState<string | null>(null);
  const done = (review: TextReview) => {
    setNotice(t('held.done', { status: t(`held.status.${review}`) }));
    query.reload();
  };
  return (
    <>
      <div role="status" aria-live="polite" data-testid="held-notice">
        {notice ? <p class="notice notice-info">{notice}</p> : null}
      </div>
      <QueryView query={query}>
        {({ surveyFollowUps, surveyServices }) => {
          const followUps = surveyFollowUps.filter((f) => f.review === 'MENUNGGU');
          const services = surveyServices.filter((s) => s.textReview === 'MENUNGGU');
          return (
            <>
              <section aria-labelledby="held-follow-ups" data-testid="held-follow-ups">
                <h3 id="held-follow-ups">{t('held.followUps', { year: String(year) })}</h3>
                {followUps.length === 0 ? (
                  <EmptyState testId="held-follow-ups-empty">
                    <p>{t('held.followUpsEmpty')}</p>
                  </EmptyState>
                ) : (
                  <ul class="comment-list">
                    {followUps.map((f) => (
                      <li key={`${f.id}:${f.review}`} class="comment-card" data-testid="held-follow-up" data-id={f.id} data-review={f.review}>
                        <blockquote lang="id" data-testid="held-text">
                          {f.action}
                        </blockquote>
                        <p>
                          <strong>{t(`held.status.${f.review}`)}</strong>
                        </p>
                        <ReviewForm kind="followUp" id={f.id} current={f.review} onDone={done} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section aria-labelledby="held-services" data-testid="held-services">
                <h3 id="held-services">{t('held.services')}</h3>
                {services.length === 0 ? (
                  <EmptyState testId="held-services-empty">
                    <p>{t('held.servicesEmpty')}</p>
                  </EmptyState>
                ) : (
                  <ul class="comment-list">
                    {services.map((s) => (
                      <li key={`${s.id}:${s.textReview}`} class="comment-card" data-testid="held-service" data-id={s.id} data-review={s.textReview}>
                        <p class="hint">{t('held.serviceCode', { code: s.code })}</p>
                        <blockquote lang="id" data-testid="held-text">
                          <strong>{s.name}</strong>
                          {s.description ? <> — {s.description}</> : null}
                        </blockquote>
                        <p>
                          <strong>{t(`held.status.${s.textReview}`)}</strong>
                        </p>
                        <ReviewForm kind="service" id={s.id} current={s.textReview} onDone={done} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function ReviewForm(props: { kind: Kind; id: string; current: TextReview; onDone: (review: TextReview) => void }) {
  const { t } = useUnitMessages();
  const form = useForm({
    id: `review-${props.kind}-${props.id}`,
    initial: { decision: '' },
    validate: (v) => {
      const errors: FieldError[] = [];
      if (!v.decision) errors.push({ field: 'decision', message: t('mod.chooseDecision'), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  return (
    <Form
      form={form}
      class="form form-compact"
      onSubmit={async (v) => {
        const input = { id: props.id, decision: v.decision as TextReview, expectedReview: props.current };
        if (props.kind === 'followUp') {
          const result = await runMutation(ReviewFollowUpDocument, { input }, (d) => d.reviewSurveyFollowUp);
          return result.ok ? { ok: true as const, result: result.result.review } : result;
        }
        const result = await runMutation(ReviewServiceTextsDocument, { input }, (d) => d.reviewSurveyServiceTexts);
        return result.ok ? { ok: true as const, result: result.result.textReview } : result;
      }}
      onSuccess={(review) => props.onDone(review)}
    >
      <SelectField help={t('held.help.decision')}
        form={form}
        name="decision"
        label={props.kind === 'followUp' ? t('held.decisionFollowUp') : t('held.decisionService')}
        hint={t('held.authorRule')}
        required
        emptyLabel={t('mod.chooseDecision')}
        options={[
          { value: 'DISETUJUI', label: t('held.approve') },
          { value: 'DITOLAK', label: t('held.refuse') },
        ]}
      />
      <SubmitButton form={form}>{t('mod.submit')}</SubmitButton>
    </Form>
  );
}
