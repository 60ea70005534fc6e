/**
 * /portal/pembinaan/:id: one coaching plan: goals, steps, period, mentor; the check-ins, oldest
 * first; the Pejabat Penilai or the mentor records a new one while the plan runs.
 */
import { PageHeading } from '../../components';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { formatDateTime, formatDay, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { todayInstansi } from '../../lib/instansiTime';
import { Form, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { CoachingPlanDocument, type CoachingPlanQuery } from './CoachingPlan.generated';
import { useCoachingMessages } from './messages';
import { RecordCheckInDocument } from './RecordCheckIn.generated';
import { useHelpMessages } from '../help/messages';

type Plan = CoachingPlanQuery['coachingPlan'];
const MAX_NOTE = 4000;

export function CoachingPlanPage({ params }: { params: { id: string } }) {
  const { t } = useCoachingMessages();
  const query = useStaffQuery(CoachingPlanDocument, { id: params.id });
  const name = query.status === 'success' ? (query.data.coachingPlan.employee?.name ?? '—') : null;
  return (
    <>
      <PageHeading>{name !== null ? t('coach.detailTitle', { name }) : t('coach.title')}</PageHeading>
      <p>
        <a href={portalPaths.coachingPlans()} class="back-link">
          {t('coach.back')}
        </a>
      </p>
      <QueryView query={query}>{(data) => <PlanView plan={data.coachingPlan} onChange={query.reload} />}</QueryView>
    </>
  );
}

function PlanView(props: { plan: Plan; onChange: () => void }) {
  const { t, locale } = useCoachingMessages();
  const { me } = useSession();
  const p = props.plan;
  const myId = me.employee?.id ?? null;
  const canRecord = p.status === 'BERJALAN' && myId !== null && (p.mentor?.id === myId || p.employee?.assessor?.employee.id === myId);
  return (
    <>
      <section class="card" aria-labelledby="plan-heading" data-testid="coaching-plan" data-status={p.status}>
        <h2 id="plan-heading">{t('coach.plan')}</h2>
        <dl class="facts">
          <div class="row">
            <dt>{t('coach.employee')}</dt>
            <dd>{p.employee?.name ?? '—'}</dd>
          </div>
          <div class="row">
            <dt>{t('coach.status')}</dt>
            <dd>{t(`coach.status.${p.status}`)}</dd>
          </div>
          <div class="row">
            <dt>{t('coach.period')}</dt>
            <dd>{t('coach.range', { from: formatDay(p.startsOn, locale), to: formatDay(p.endsOn, locale) })}</dd>
          </div>
          <div class="row">
            <dt>{t('coach.mentor')}</dt>
            <dd>{p.mentor?.name ?? t('coach.noMentor')}</dd>
          </div>
        </dl>
        <h3>{t('coach.goals')}</h3>
        <p class="note-text">{p.goals}</p>
        <h3>{t('coach.actions')}</h3>
        <p class="note-text">{p.actions}</p>
        {p.outcome ? (
          <>
            <h3>{t('coach.outcome')}</h3>
            <p class="note-text">{p.outcome}</p>
          </>
        ) : null}
        <p>
          <a href={portalPaths.evaluation(p.evaluationId)}>{t('coach.evaluation')}</a>
        </p>
      </section>
      <section class="section" aria-labelledby="checkins-heading">
        <h2 id="checkins-heading">{t('coach.checkIns')}</h2>
        {p.checkIns.length === 0 ? (
          <p data-testid="check-ins-empty">{t('coach.checkInsEmpty')}</p>
        ) : (
          <ol class="check-ins" data-testid="check-ins">
            {p.checkIns.map((c) => (
              <li key={c.id} class="card" data-testid="check-in" data-held-on={c.heldOn}>
                <h3>{formatDay(c.heldOn, locale)}</h3>
                <p class="note-text">{c.note}</p>
                <p class="hint">
                  {t('coach.recordedBy', { name: c.recordedBy?.name ?? '—' })} · {formatDateTime(c.createdAt, locale)}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
      {canRecord ? (
        <CheckInForm plan={p} onDone={props.onChange} />
      ) : (
        <p class="notice notice-info" data-testid="check-in-read-only">
          {p.status === 'BERJALAN' ? t('coach.readOnly') : t('coach.closed')}
        </p>
      )}
    </>
  );
}

function CheckInForm(props: { plan: Plan; onDone: () => void }) {
  const { t, locale } = useCoachingMessages();
  const { t: h } = useHelpMessages();
  const s = useStaffMessages();
  const p = props.plan;
  const today = todayInstansi();
  const latest = p.endsOn < today ? p.endsOn : today;
  const form = useForm({
    id: 'check-in',
    initial: { heldOn: latest, note: '' },
    validate: (v) => {
      const errors: FieldError[] = [];
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v.heldOn)) errors.push({ field: 'heldOn', message: s.t('form.required', { label: t('coach.heldOn') }), code: 'INVALID_INPUT' });
      else if (v.heldOn < p.startsOn || v.heldOn > latest) errors.push({ field: 'heldOn', message: t('coach.dateBad'), code: 'INVALID_INPUT' });
      const note = v.note.trim();
      if (note === '') errors.push({ field: 'note', message: s.t('form.required', { label: t('coach.note') }), code: 'INVALID_INPUT' });
      else if (note.length > MAX_NOTE) errors.push({ field: 'note', message: s.t('form.tooLong', { label: t('coach.note'), max: String(MAX_NOTE) }), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  return (
    <section class="card" aria-labelledby="add-check-in" data-testid="check-in-form">
      <h2 id="add-check-in">{t('coach.add')}</h2>
      <Form
        form={form}
        labelledBy="add-check-in"
        onSubmit={(v) => runMutation(RecordCheckInDocument, { input: { planId: p.id, heldOn: v.heldOn, note: v.note } }, (d) => d.recordCoachingCheckIn)}
        onSuccess={() => {
          form.reset({ heldOn: latest, note: '' });
          props.onDone();
        }}
      >
        <TextField help={h('help.coaching.heldOn')}
          form={form}
          name="heldOn"
          type="date"
          label={t('coach.heldOn')}
          hint={t('coach.heldOnHint', { from: formatDay(p.startsOn, locale), to: formatDay(latest, locale) })}
          required
        />
        <TextField form={form} name="note" label={t('coach.note')} hint={t('coach.noteHint')} help={h('help.coaching.note')} multiline rows={4} required />
        <SubmitButton form={form}>{t('coach.submit')}</SubmitButton>
      </Form>
    </section>
  );
}
