/**
 * /portal/tim/skp/:planId — a subordinate's SKP as their Pejabat Penilai reviews it: the
 * document with the cascade (which of my RHK each of theirs intervenes, and which of mine none
 * does), the leader's specific BerAKHLAK expectations, approve, or reject with a required reason.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { EmptyState, PageHeading } from '../../components';
import type { CoreValue } from '../../graphql/internal/types';
import { runMutation } from '../api';
import { formatDateTime, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { Form, SubmitButton, TextField, useForm } from '../ui/form';
import { useSession } from '../session';
import { QueryView } from '../ui/states';
import { ApprovePlanDocument } from './ApprovePlan.generated';
import { useSkpMessages } from './messages';
import { ActionButton, Card, StatusBadge } from './parts';
import type { PlanFieldsFragment } from './PlanFields.generated';
import { documentOfPlan, knownParents } from './planData';
import { PlanFeedbackCard } from './PlanFeedback';
import { PlanView, type CoreValueInfo } from './PlanView';
import { RejectPlanDocument } from './RejectPlan.generated';
import { ReviewPlanDocument } from './ReviewPlan.generated';
import { SetBehaviorExpectationDocument } from './SetBehaviorExpectation.generated';
import { useRefreshableQuery } from './useRefreshable';
import { VersionHistory } from './VersionHistory';

type Plan = PlanFieldsFragment;

const AWAITING = new Set(['DIAJUKAN', 'REVISI_DIAJUKAN']);
const JPT_KINDS = new Set(['JPT_UTAMA', 'JPT_MADYA', 'JPT_PRATAMA']);

export function PlanReviewPage(props: { params: { planId: string } }) {
  const { t } = useSkpMessages();
  const valid = /^[1-9]\d{0,11}$/.test(props.params.planId);
  const [title, setTitle] = useState<string | null>(null);
  return (
    <>
      <PageHeading>{title ?? t('review.title')}</PageHeading>
      <p class="no-print">
        <a href={portalPaths.team()} class="back-link">
          {t('review.back')}
        </a>
      </p>
      {valid ? <ReviewLoader key={props.params.planId} planId={props.params.planId} onTitle={setTitle} /> : <NotFound />}
    </>
  );
}

function NotFound() {
  const { t } = useSkpMessages();
  return (
    <EmptyState testId="review-not-found">
      <p>{t('review.notFound')}</p>
    </EmptyState>
  );
}

function ReviewLoader(props: { planId: string; onTitle: (title: string | null) => void }) {
  const { t } = useSkpMessages();
  const { query, refresh } = useRefreshableQuery(ReviewPlanDocument, { id: props.planId });
  const plan = query.status === 'success' ? query.data.plan : null;
  const title = plan ? t('review.titleOf', { name: plan.employee?.name ?? '', year: String(plan.year.year) }) : null;
  useEffect(() => props.onTitle(title), [title]);
  return (
    <QueryView query={query} loadingLabel={t('my.loading')}>
      {(data) => (data.plan === null ? <NotFound /> : <Review plan={data.plan} coreValues={data.coreValues} refresh={refresh} />)}
    </QueryView>
  );
}

function Review(props: { plan: Plan; coreValues: ReadonlyArray<CoreValueInfo>; refresh: () => Promise<void> }) {
  const { t } = useSkpMessages();
  const { plan } = props;
  const jpt = JPT_KINDS.has(plan.employee?.position?.kind ?? '');
  const doc = useMemo(() => documentOfPlan(plan), [plan]);
  const known = useMemo(() => knownParents(plan, []), [plan]);
  const awaiting = AWAITING.has(plan.status);
  const { me } = useSession();
  // Only the Pejabat Penilai the SKP was submitted to decides (the server checks it too).
  const mine = me.employee !== null && (plan.assessor ?? plan.employee?.assessor?.employee)?.id === me.employee.id;
  return (
    <>
      <Decision plan={plan} mine={mine} refresh={props.refresh} />
      {jpt ? null : <Cascade plan={plan} />}
      {mine ? <Expectations plan={plan} coreValues={props.coreValues} editable={plan.status !== 'DITETAPKAN'} refresh={props.refresh} /> : null}
      <PlanFeedbackCard plan={plan} />
      <section class="card skp-print" aria-labelledby="document-heading" data-testid="plan-document">
        <div class="toolbar no-print">
          <h2 id="document-heading">{t('document.heading')}</h2>
          <button type="button" class="button button-secondary" onClick={() => window.print()}>
            {t('document.print')}
          </button>
        </div>
        <PlanView doc={doc} coreValues={props.coreValues} idPrefix="skp" approach={plan.approach} />
      </section>
      {awaiting || plan.versions.length > 0 ? <VersionHistory plan={plan} jpt={jpt} coreValues={props.coreValues} known={known} /> : null}
    </>
  );
}

function Decision(props: { plan: Plan; mine: boolean; refresh: () => Promise<void> }) {
  const { t, locale } = useSkpMessages();
  const staff = useStaffMessages();
  const { plan } = props;
  const awaiting = AWAITING.has(plan.status);
  const since = plan.submittedAt ? formatDateTime(plan.submittedAt, locale) : '';
  const form = useForm({
    id: 'reject-plan',
    initial: { reason: '' },
    validate: (v) => (v.reason.trim() ? [] : [{ field: 'reason', message: staff.t('form.required', { label: t('review.reason') }), code: 'INVALID_INPUT' }]),
  });
  return (
    <section class="card no-print" aria-labelledby="decision-heading" data-testid="review-decision">
      <div class="toolbar">
        <h2 id="decision-heading">{t('review.decision')}</h2>
        <StatusBadge status={plan.status} />
      </div>
      {!awaiting ? (
        <p data-testid="review-not-waiting">{t('review.notWaiting', { status: staff.t(`planStatus.${plan.status}`) })}</p>
      ) : !props.mine ? (
        <p data-testid="review-not-mine">{t('review.notMine', { name: plan.assessor?.name ?? '' })}</p>
      ) : (
        <>
          <p>{plan.status === 'REVISI_DIAJUKAN' ? t('review.revisionWaiting', { date: since }) : t('review.waitingFor', { date: since })}</p>
          {plan.revisionReason && plan.status === 'REVISI_DIAJUKAN' ? <p>{t('status.revisionReason', { reason: plan.revisionReason })}</p> : null}
          <ActionButton
            id="approve-plan"
            primary
            testId="approve-plan"
            label={t('review.approve')}
            run={() => runMutation(ApprovePlanDocument, { id: plan.id, expectedVersion: plan.version }, (d) => d.approvePlan)}
            onDone={props.refresh}
          />
          <section class="subsection" aria-labelledby="reject-heading">
            <h3 id="reject-heading">{t('review.reject')}</h3>
            <Form
              form={form}
              onSubmit={(v) => runMutation(RejectPlanDocument, { id: plan.id, expectedVersion: plan.version, reason: v.reason }, (d) => d.rejectPlan)}
              onSuccess={() => {
                form.reset();
                void props.refresh();
              }}
            >
              <TextField help={t('review.help.reason')} form={form} name="reason" label={t('review.reason')} hint={t('review.reasonHint')} multiline rows={3} required maxLength={2000} />
              <SubmitButton form={form}>{t('review.reject')}</SubmitButton>
            </Form>
          </section>
        </>
      )}
    </section>
  );
}

/** My RHK and which of the subordinate's RHK intervene each (the cascade, grouped the other way). */
function Cascade(props: { plan: Plan }) {
  const { t } = useSkpMessages();
  const mine = new Map<string, { text: string; children: string[] }>();
  let missing = 0;
  props.plan.workResults.forEach((r, index) => {
    if (!r.parent) {
      missing += 1;
      return;
    }
    const entry = mine.get(r.parent.id) ?? { text: r.parent.text, children: [] };
    entry.children.push(`${t('rhk.item', { number: index + 1 })}: ${r.text}`);
    mine.set(r.parent.id, entry);
  });
  return (
    <Card id="cascade" title={t('review.cascade')} class="no-print" testId="review-cascade">
      <p>{t('review.cascadeHelp')}</p>
      {mine.size === 0 ? <p class="muted">{t('review.cascadeNone')}</p> : null}
      <ul class="cascade-list">
        {[...mine.entries()].map(([id, entry]) => (
          <li key={id} data-testid="cascade-parent" data-parent-id={id}>
            <p>
              <span class="visually-hidden">{t('review.cascadeMine')}: </span>
              <strong>{entry.text}</strong>
            </p>
            <ul>
              {entry.children.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {missing > 0 ? (
        <p class="notice notice-warning" data-testid="cascade-missing">
          {t('review.cascadeMissing', { count: missing })}
        </p>
      ) : null}
    </Card>
  );
}

function Expectations(props: { plan: Plan; coreValues: ReadonlyArray<CoreValueInfo>; editable: boolean; refresh: () => Promise<void> }) {
  const { t } = useSkpMessages();
  if (!props.editable) {
    return (
      <Card id="expectations" title={t('review.expectations')} class="no-print">
        <p>{t('review.expectationsLocked')}</p>
      </Card>
    );
  }
  const current = new Map(props.plan.behaviorExpectations.map((e) => [e.value, e.expectation]));
  return (
    <Card id="expectations" title={t('review.expectations')} class="no-print" testId="review-expectations">
      <p>{t('review.expectationsHelp')}</p>
      {props.coreValues.map((v) => (
        <details key={v.value} class="expectation" open={current.has(v.value)}>
          <summary>
            {v.label}
            {current.has(v.value) ? `: ${current.get(v.value) ?? ''}` : ''}
          </summary>
          <ExpectationForm plan={props.plan} value={v.value} label={v.label} initial={current.get(v.value) ?? ''} refresh={props.refresh} />
        </details>
      ))}
    </Card>
  );
}

function ExpectationForm(props: { plan: Plan; value: CoreValue; label: string; initial: string; refresh: () => Promise<void> }) {
  const { t } = useSkpMessages();
  const form = useForm({ id: `expect-${props.value.toLowerCase()}`, initial: { expectation: props.initial } });
  return (
    <Form
      form={form}
      class="form expectation-form"
      onSubmit={(v) =>
        runMutation(
          SetBehaviorExpectationDocument,
          { planId: props.plan.id, expectedVersion: props.plan.version, value: props.value, expectation: v.expectation.trim() || null },
          (d) => d.setBehaviorExpectation,
        )
      }
      onSuccess={() => void props.refresh()}
    >
      <TextField help={t('behavior.help.expectation')}
        form={form}
        name="expectation"
        label={t('behavior.expectationFor', { value: props.label })}
        hint={t('behavior.expectationHint')}
        multiline
        rows={2}
        maxLength={2000}
      />
      <SubmitButton form={form}>{t('behavior.save', { value: props.label })}</SubmitButton>
    </Form>
  );
}
