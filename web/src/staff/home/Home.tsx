/**
 * The staff home (/portal): what needs the signed-in person now, from one query (`myAgenda`),
 * each item linking to the screen where the job is done; and a quick entry of today's work.
 */
import type { ComponentChildren } from 'preact';
import { EmptyState, PageHeading } from '../../components';
import { AgendaDocument, type AgendaQuery } from './Agenda.generated';
import { CreateWorkLogEntryDocument } from './CreateWorkLogEntry.generated';
import { WorkLogTargetsDocument, type WorkLogTargetsQuery } from './WorkLogTargets.generated';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { daysBetween, formatDateTime, formatDay, periodLabel, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { hasAgenda, useSession } from '../session';
import { Form, SelectField, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { useHomeMessages } from './messages';

type Agenda = AgendaQuery['myAgenda'];

export function HomePage() {
  const { t } = useHomeMessages();
  const { me } = useSession();
  const agenda = useStaffQuery(AgendaDocument, {});
  return (
    <>
      <PageHeading title={t('home.title')}>{t('home.heading')}</PageHeading>
      <p class="lead">{t('home.greeting', { name: me.displayName })}</p>
      {!hasAgenda(me) ? (
        <EmptyState testId="agenda-empty">
          <p>{t('home.noEmployee')}</p>
        </EmptyState>
      ) : (
        <QueryView query={agenda}>{(data) => <AgendaView agenda={data.myAgenda} reload={agenda.reload} />}</QueryView>
      )}
    </>
  );
}

function AgendaView(props: { agenda: Agenda; reload: () => void }) {
  const { t } = useHomeMessages();
  const { agenda } = props;
  const sections = [
    <MyPlanSection key="skp" agenda={agenda} />,
    <ApproveSection key="approve" agenda={agenda} />,
    <RealizationSection key="realization" agenda={agenda} />,
    <EvaluateSection key="evaluate" agenda={agenda} />,
    <SelfAssessmentSection key="self" agenda={agenda} />,
    <ResultsSection key="results" agenda={agenda} />,
    <ObjectionsSection key="objections" agenda={agenda} />,
    <CoachingSection key="coaching" agenda={agenda} />,
    <NotificationsSection key="notifications" agenda={agenda} />,
  ];
  return (
    <>
      <p class="agenda-summary" data-testid="task-count" data-count={agenda.taskCount}>
        {agenda.taskCount > 0 ? t('home.tasks', { count: agenda.taskCount }) : t('home.noTasks')}
      </p>
      <div class="agenda" data-testid="agenda">
        {sections}
      </div>
      {agenda.workLogPlanId !== null ? <QuickWorkLog planId={agenda.workLogPlanId} today={agenda.today} /> : null}
    </>
  );
}

function Section(props: { id: string; heading: string; children: ComponentChildren }) {
  return (
    <section class="card agenda-section" aria-labelledby={`agenda-${props.id}`} data-testid={`agenda-${props.id}`}>
      <h2 id={`agenda-${props.id}`}>{props.heading}</h2>
      <ul class="agenda-list">{props.children}</ul>
    </section>
  );
}

function Item(props: { kind: string; href: string; title: string; children?: ComponentChildren; urgent?: boolean }) {
  return (
    <li class={props.urgent ? 'agenda-item agenda-item-urgent' : 'agenda-item'} data-testid="agenda-item" data-kind={props.kind}>
      <a href={props.href} class="agenda-link">
        {props.title}
      </a>
      {props.children ? <div class="agenda-meta">{props.children}</div> : null}
    </li>
  );
}

/** "3 April 2026, 2 hari lagi" / "…, sudah lewat 4 hari". */
function useDeadline(): (today: string, day: string) => string {
  const { t, locale } = useHomeMessages();
  return (today, day) => {
    const days = daysBetween(today, day);
    const date = formatDay(day, locale);
    if (days > 0) return t('home.deadline.left', { date, count: days });
    if (days === 0) return t('home.deadline.today', { date });
    return t('home.deadline.late', { date, count: -days });
  };
}

function MyPlanSection({ agenda }: { agenda: Agenda }) {
  const { t, locale } = useHomeMessages();
  const s = useStaffMessages();
  const plan = agenda.myPlan;
  if (plan === null) return null;
  const waiting = plan.status === 'DIAJUKAN' || plan.status === 'REVISI_DIAJUKAN';
  const title =
    plan.status === null
      ? t('home.skp.create', { year: String(plan.year) })
      : plan.status === 'DITOLAK'
        ? t('home.skp.revise', { year: String(plan.year) })
        : waiting
          ? t('home.skp.waiting', { year: String(plan.year) })
          : t('home.skp.continue', { year: String(plan.year) });
  return (
    <Section id="skp" heading={t('home.skp.heading')}>
      <Item kind={waiting ? 'skp-waiting' : 'skp'} href={plan.link} title={title}>
        {plan.status !== null ? <p>{s.t(`planStatus.${plan.status}`)}</p> : null}
        {plan.status === 'DITOLAK' && plan.rejectionReason ? <p>{t('home.skp.reason', { reason: plan.rejectionReason })}</p> : null}
        {!waiting ? <p>{t('home.skp.deadline', { date: formatDay(plan.planDeadline, locale) })}</p> : null}
      </Item>
    </Section>
  );
}

function ApproveSection({ agenda }: { agenda: Agenda }) {
  const { t, locale } = useHomeMessages();
  const s = useStaffMessages();
  if (agenda.plansToApprove.length === 0) return null;
  return (
    <Section id="approve" heading={t('home.approve.heading')}>
      {agenda.plansToApprove.map((p) => (
        <Item
          key={p.planId}
          kind="approve"
          href={p.link}
          title={t('home.approve.item', { status: s.t(`planStatus.${p.status}`).toLowerCase(), year: String(p.year), name: p.employeeName })}
        >
          {p.submittedAt ? <p>{t('home.approve.submitted', { date: formatDateTime(p.submittedAt, locale) })}</p> : null}
        </Item>
      ))}
    </Section>
  );
}

function RealizationSection({ agenda }: { agenda: Agenda }) {
  const { t } = useHomeMessages();
  const s = useStaffMessages();
  const deadline = useDeadline();
  if (agenda.realizationsDue.length === 0) return null;
  return (
    <Section id="realization" heading={t('home.realization.heading')}>
      {agenda.realizationsDue.map((r) => (
        <Item
          key={`${r.planId}-${r.periodNumber}`}
          kind="realization"
          href={r.link}
          urgent={r.overdue}
          title={t('home.realization.item', { period: periodLabel(s.t, r.cadence, r.periodNumber), year: String(r.year) })}
        >
          <p>{t('home.realization.missing', { count: r.indicatorsMissing })}</p>
          <p>{t('home.due', { when: deadline(agenda.today, r.due) })}</p>
        </Item>
      ))}
    </Section>
  );
}

function EvaluateSection({ agenda }: { agenda: Agenda }) {
  const { t } = useHomeMessages();
  const s = useStaffMessages();
  if (agenda.evaluationsToDo.length === 0) return null;
  return (
    <Section id="evaluate" heading={t('home.evaluate.heading')}>
      {agenda.evaluationsToDo.map((e) => (
        <Item
          key={`${e.planId}-${e.periodNumber ?? 'y'}`}
          kind="evaluate"
          href={e.link}
          title={t('home.evaluate.item', { name: e.employeeName, period: periodLabel(s.t, e.cadence, e.periodNumber), year: String(e.year) })}
        >
          {e.otherPeriods > 0 ? <p>{t('home.evaluate.more', { count: e.otherPeriods })}</p> : null}
          {e.draftEvaluationId !== null ? <p>{t('home.evaluate.draft')}</p> : null}
        </Item>
      ))}
    </Section>
  );
}

function SelfAssessmentSection({ agenda }: { agenda: Agenda }) {
  const { t } = useHomeMessages();
  const s = useStaffMessages();
  if (agenda.selfAssessmentsDue.length === 0) return null;
  return (
    <Section id="self" heading={t('home.self.heading')}>
      {agenda.selfAssessmentsDue.map((e) => (
        <Item
          key={e.evaluationId}
          kind="self-assessment"
          href={e.link}
          title={t('home.self.item', {
            kind: s.t(`evaluationKind.${e.kind}`),
            period: e.kind === 'TAHUNAN' ? '' : periodLabel(s.t, e.cadence, e.periodNumber),
            year: String(e.year),
          }).replace(/\s+/g, ' ')}
        >
          <p>{e.assessorName ? t('home.self.by', { name: e.assessorName }) : t('home.self.byUnknown')}</p>
        </Item>
      ))}
    </Section>
  );
}

function ResultsSection({ agenda }: { agenda: Agenda }) {
  const { t, locale } = useHomeMessages();
  const s = useStaffMessages();
  if (agenda.myResults.length === 0) return null;
  return (
    <Section id="results" heading={t('home.results.heading')}>
      {agenda.myResults.map((r) => (
        <Item
          key={r.evaluationId}
          kind={r.status === 'DITETAPKAN' ? 'acknowledge' : 'result'}
          href={r.link}
          title={t('home.results.item', {
            kind: s.t(`evaluationKind.${r.kind}`),
            period: r.kind === 'TAHUNAN' ? '' : periodLabel(s.t, r.cadence, r.periodNumber),
            year: String(r.year),
            predicate: r.predicate ? s.t(`predicate.${r.predicate}`) : t('home.results.noPredicate'),
          }).replace(/\s+/g, ' ')}
        >
          {r.status === 'DITETAPKAN' ? <p>{t('home.results.acknowledge')}</p> : null}
          {r.objectionDeadline !== null && r.objectionLink !== null ? (
            <p>
              {t('home.results.objectUntil', { date: formatDay(r.objectionDeadline, locale) })}{' '}
              <a href={r.objectionLink} data-testid="objection-link">
                {t('home.results.object')}
              </a>
            </p>
          ) : null}
        </Item>
      ))}
    </Section>
  );
}

function ObjectionsSection({ agenda }: { agenda: Agenda }) {
  const { t } = useHomeMessages();
  const deadline = useDeadline();
  if (agenda.objectionsToDecide.length === 0 && agenda.myObjections.length === 0) return null;
  return (
    <Section id="objections" heading={t('home.objections.heading')}>
      {agenda.objectionsToDecide.map((o) => (
        <Item key={o.objectionId} kind="decide-objection" href={o.link} urgent={o.overdue} title={t('home.objections.decide', { name: o.employeeName })}>
          <p>{t('home.objections.deadline', { date: deadline(agenda.today, o.decisionDeadline) })}</p>
        </Item>
      ))}
      {agenda.myObjections.map((o) => (
        <Item key={o.objectionId} kind="my-objection" href={o.link} title={t('home.objections.mine')}>
          <p>{t('home.objections.deadline', { date: deadline(agenda.today, o.decisionDeadline) })}</p>
        </Item>
      ))}
    </Section>
  );
}

function CoachingSection({ agenda }: { agenda: Agenda }) {
  const { t, locale } = useHomeMessages();
  if (agenda.coaching.length === 0) return null;
  return (
    <Section id="coaching" heading={t('home.coaching.heading')}>
      {agenda.coaching.map((c) => (
        <Item
          key={c.coachingPlanId}
          kind={c.asMentor ? 'coaching-mentor' : 'coaching-mine'}
          href={c.link}
          urgent={c.asMentor && c.checkInDue}
          title={c.asMentor ? t('home.coaching.mentor', { name: c.employeeName }) : t('home.coaching.mine')}
        >
          {c.checkInDue ? (
            <p>{t('home.coaching.checkInDue', { last: c.lastCheckIn ? formatDay(c.lastCheckIn, locale) : t('home.coaching.never') })}</p>
          ) : null}
          <p>{t('home.coaching.until', { date: formatDay(c.endsOn, locale) })}</p>
        </Item>
      ))}
    </Section>
  );
}

function NotificationsSection({ agenda }: { agenda: Agenda }) {
  const { t } = useHomeMessages();
  if (agenda.unreadNotifications === 0) return null;
  return (
    <Section id="notifications" heading={t('home.notifications.heading')}>
      <Item kind="notifications" href={portalPaths.notifications()} title={t('home.notifications.unread', { count: agenda.unreadNotifications })} />
    </Section>
  );
}

const MAX_TEXT = 2000;

function QuickWorkLog(props: { planId: string; today: string }) {
  const { t } = useHomeMessages();
  const targets = useStaffQuery(WorkLogTargetsDocument, { planId: props.planId });
  return (
    <section class="card quick-log" aria-labelledby="quick-log-heading" data-testid="quick-log">
      <h2 id="quick-log-heading">{t('home.log.heading')}</h2>
      <p class="hint">{t('home.log.intro')}</p>
      <QueryView query={targets}>
        {(data) => <QuickWorkLogForm planId={props.planId} today={props.today} workResults={data.plan?.workResults ?? []} />}
      </QueryView>
    </section>
  );
}

function QuickWorkLogForm(props: { planId: string; today: string; workResults: NonNullable<WorkLogTargetsQuery['plan']>['workResults'] }) {
  const { t } = useHomeMessages();
  const staff = useStaffMessages();
  const only = props.workResults.length === 1 ? (props.workResults[0]?.id ?? '') : '';
  const form = useForm({
    id: 'quick-log',
    initial: { workResultId: only, text: '', minutesSpent: '' },
    validate: (values) => {
      const errors: FieldError[] = [];
      if (values.workResultId === '') {
        errors.push({ field: 'workResultId', message: staff.t('form.required', { label: t('home.log.rhk') }), code: 'INVALID_INPUT' });
      }
      if (values.text.trim() === '') {
        errors.push({ field: 'text', message: staff.t('form.required', { label: t('home.log.text') }), code: 'INVALID_INPUT' });
      } else if (values.text.length > MAX_TEXT) {
        errors.push({ field: 'text', message: staff.t('form.tooLong', { label: t('home.log.text'), max: MAX_TEXT }), code: 'INVALID_INPUT' });
      }
      const minutes = values.minutesSpent.trim();
      if (minutes !== '' && !(/^\d{1,4}$/.test(minutes) && Number(minutes) <= 1440)) {
        errors.push({ field: 'minutesSpent', message: t('home.log.minutesInvalid'), code: 'INVALID_INPUT' });
      }
      return errors;
    },
  });
  return (
    <Form
      form={form}
      labelledBy="quick-log-heading"
      onSubmit={(values) =>
        runMutation(
          CreateWorkLogEntryDocument,
          {
            input: {
              planId: props.planId,
              workResultId: values.workResultId,
              workDate: props.today,
              text: values.text.trim(),
              minutesSpent: values.minutesSpent.trim() === '' ? null : Number(values.minutesSpent),
            },
          },
          (data) => data.createWorkLogEntry,
        )
      }
      onSuccess={() => form.reset({ workResultId: form.values.workResultId, text: '', minutesSpent: '' })}
    >
      <SelectField help={t('home.help.rhk')}
        form={form}
        name="workResultId"
        label={t('home.log.rhk')}
        emptyLabel={t('home.log.rhkChoose')}
        required
        options={props.workResults.map((w) => ({ value: w.id, label: w.text }))}
      />
      <TextField help={t('home.help.text')} form={form} name="text" label={t('home.log.text')} hint={t('home.log.textHint')} multiline rows={3} required />
      <TextField help={t('home.help.minutes')} form={form} name="minutesSpent" label={t('home.log.minutes')} hint={t('home.log.minutesHint')} inputMode="numeric" />
      <SubmitButton form={form}>{t('home.log.submit')}</SubmitButton>
    </Form>
  );
}
