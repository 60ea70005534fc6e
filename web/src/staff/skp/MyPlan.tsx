/**
 * /portal/skp/:year — my SKP of one year: create it, write RHK (cascaded from my Pejabat
 * Penilai's RHK; a JPT from the unit's organisation goals) and IKI, the lampiran, submit, read
 * the rejection reason and revise, start and withdraw a revision, rencana aksi once it is set,
 * the printable document and the history of set versions.
 */
import { useMemo, useState } from 'preact/hooks';
import { EmptyState, PageHeading } from '../../components';
import type { Approach } from '../../graphql/internal/types';
import { runMutation, useStaffQuery } from '../api';
import { formatDateTime, formatDay, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { Form, SelectField, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { ActionPlans } from './ActionPlans';
import { CreatePlanDocument } from './CreatePlan.generated';
import { useSkpMessages } from './messages';
import { MyPlanDocument, type MyPlanQuery } from './MyPlan.generated';
import { OrgGoalsDocument } from './OrgGoals.generated';
import { ActionButton, Card, StatusBadge } from './parts';
import { PlanEditor, type LinkOptions } from './PlanEditor';
import type { PlanFieldsFragment } from './PlanFields.generated';
import { documentOfPlan, knownParents } from './planData';
import { PlanFeedbackCard } from './PlanFeedback';
import { PlanView, type CoreValueInfo } from './PlanView';
import { StartPlanRevisionDocument } from './StartPlanRevision.generated';
import { SubmitPlanDocument } from './SubmitPlan.generated';
import { useRefreshableQuery } from './useRefreshable';
import { VersionHistory } from './VersionHistory';
import { WithdrawPlanRevisionDocument } from './WithdrawPlanRevision.generated';

type Data = MyPlanQuery;
type Plan = PlanFieldsFragment;

const EDITABLE = new Set(['DRAFT', 'DITOLAK', 'REVISI_DRAFT']);
const IN_FORCE = new Set(['DITETAPKAN', 'REVISI_DRAFT', 'REVISI_DIAJUKAN']);
const JPT_KINDS = new Set(['JPT_UTAMA', 'JPT_MADYA', 'JPT_PRATAMA']);

export function MyPlanPage(props: { params: { year: string } }) {
  const { t } = useSkpMessages();
  const { me } = useSession();
  const year = /^\d{4}$/.test(props.params.year) ? Number(props.params.year) : null;
  return (
    <>
      <PageHeading>{t('my.title', { year: String(year ?? props.params.year) })}</PageHeading>
      {year !== null ? (
        <nav class="year-links no-print" aria-label={t('my.otherYears')}>
          <ul>
            {[year - 1, year + 1].map((y) => (
              <li key={y}>
                <a href={portalPaths.myPlan(y)}>{t('my.yearLink', { year: String(y) })}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {year === null ? (
        <EmptyState>
          <p>{t('my.badYear')}</p>
        </EmptyState>
      ) : me.employee === null ? (
        <EmptyState>
          <p>{t('my.noEmployee')}</p>
        </EmptyState>
      ) : (
        <MyPlanLoader key={year} employeeId={me.employee.id} year={year} />
      )}
    </>
  );
}

function MyPlanLoader(props: { employeeId: string; year: number }) {
  const { t } = useSkpMessages();
  const { query, refresh } = useRefreshableQuery(MyPlanDocument, { employeeId: props.employeeId, year: props.year });
  return (
    <QueryView query={query} loadingLabel={t('my.loading')}>
      {(data) => <MyPlanBody data={data} year={props.year} refresh={refresh} />}
    </QueryView>
  );
}

function MyPlanBody(props: { data: Data; year: number; refresh: () => Promise<void> }) {
  const { t, locale } = useSkpMessages();
  const { data, year } = props;
  if (data.appraisalYear === null) {
    return (
      <EmptyState testId="no-year">
        <p>{t('my.noYear', { year: String(year) })}</p>
      </EmptyState>
    );
  }
  const plan = data.plan;
  if (plan === null) {
    if (data.appraisalYear.status !== 'DIBUKA') {
      return (
        <EmptyState testId="year-closed">
          <p>{t('my.create.closed', { year: String(year) })}</p>
        </EmptyState>
      );
    }
    return <CreatePlan year={year} deadline={formatDay(data.appraisalYear.planDeadline, locale)} refresh={props.refresh} />;
  }
  return <PlanScreen plan={plan} data={data} refresh={props.refresh} />;
}

function CreatePlan(props: { year: number; deadline: string; refresh: () => Promise<void> }) {
  const { t } = useSkpMessages();
  const form = useForm({ id: 'create-plan', initial: { approach: 'KUANTITATIF' }, draft: false });
  return (
    <Card id="create" title={t('my.create.heading', { year: String(props.year) })} testId="create-plan">
      <p>{t('my.create.body', { year: String(props.year), date: props.deadline })}</p>
      <Form
        form={form}
        onSubmit={(v) => runMutation(CreatePlanDocument, { year: props.year, approach: v.approach as Approach }, (d) => d.createPlan)}
        onSuccess={() => void props.refresh()}
      >
        <SelectField help={t('my.help.approach')}
          form={form}
          name="approach"
          label={t('my.create.approach')}
          hint={t('my.create.approachHint')}
          required
          emptyLabel={t('my.create.approach')}
          options={(['KUANTITATIF', 'KUALITATIF'] as const).map((a) => ({ value: a, label: t(`approach.${a}`) }))}
        />
        <SubmitButton form={form}>{t('my.create.submit', { year: String(props.year) })}</SubmitButton>
      </Form>
    </Card>
  );
}

function PlanScreen(props: { plan: Plan; data: Data; refresh: () => Promise<void> }) {
  const { t } = useSkpMessages();
  const { plan, data } = props;
  const jpt = JPT_KINDS.has(plan.employee?.position?.kind ?? '');
  const editable = EDITABLE.has(plan.status);
  const coreValues: CoreValueInfo[] = data.coreValues;
  const doc = useMemo(() => documentOfPlan(plan), [plan]);
  const known = useMemo(() => knownParents(plan, data.cascadableWorkResults), [plan, data.cascadableWorkResults]);
  return (
    <>
      <StatusCard plan={plan} planDeadline={data.appraisalYear?.planDeadline ?? null} refresh={props.refresh} />
      {editable ? (
        jpt ? (
          <JptEditor plan={plan} refresh={props.refresh} />
        ) : (
          <PlanEditor
            plan={plan}
            refresh={props.refresh}
            links={{
              jpt: false,
              options: data.cascadableWorkResults.map((w) => ({
                value: w.id,
                label: w.ownerName ? t('rhk.parentOption', { text: w.text, owner: w.ownerName }) : w.text,
              })),
            }}
          />
        )
      ) : null}
      <BehaviorCard plan={plan} />
      {IN_FORCE.has(plan.status) ? (
        <ActionPlans plan={plan} cadence={data.appraisalYear?.cadence ?? 'BULANAN'} periods={data.appraisalYear?.periods ?? []} />
      ) : (
        <Card id="aksi" title={t('aksi.heading')} class="no-print">
          <p>{t('aksi.notYet')}</p>
        </Card>
      )}
      <PlanFeedbackCard plan={plan} />
      <section class="card skp-print" aria-labelledby="document-heading" data-testid="plan-document">
        <div class="toolbar no-print">
          <h2 id="document-heading">{t('document.heading')}</h2>
          <button type="button" class="button button-secondary" onClick={() => window.print()} data-testid="print">
            {t('document.print')}
          </button>
        </div>
        <p class="hint no-print">{t('document.printHint')}</p>
        <PlanView doc={doc} coreValues={coreValues} idPrefix="skp" approach={plan.approach} />
      </section>
      <VersionHistory plan={plan} jpt={jpt} coreValues={coreValues} known={known} />
    </>
  );
}

function JptEditor(props: { plan: Plan; refresh: () => Promise<void> }) {
  const { t } = useSkpMessages();
  const unitId = props.plan.employee?.unit?.id ?? '';
  const goals = useStaffQuery(OrgGoalsDocument, { unitId, year: props.plan.year.year });
  return (
    <QueryView query={goals} loadingLabel={t('rhk.goalLoading')}>
      {(data) => {
        const links: LinkOptions = {
          jpt: true,
          options: data.orgGoals.map((g) => ({ value: g.id, label: g.indicator ? `${g.text} — ${g.indicator}` : g.text })),
        };
        return <PlanEditor plan={props.plan} links={links} refresh={props.refresh} />;
      }}
    </QueryView>
  );
}

function StatusCard(props: { plan: Plan; planDeadline: string | null; refresh: () => Promise<void> }) {
  const { t, locale } = useSkpMessages();
  const staff = useStaffMessages();
  const { plan } = props;
  const assessor = plan.assessor ?? plan.employee?.assessor?.employee ?? null;
  const rejected = plan.rejectionReason !== null && (plan.status === 'DITOLAK' || plan.status === 'REVISI_DRAFT');
  return (
    <section class="card no-print" aria-labelledby="status-heading" data-testid="plan-status-card">
      <div class="toolbar">
        <h2 id="status-heading">{t('status.heading')}</h2>
        <StatusBadge status={plan.status} />
      </div>
      {rejected ? (
        <div class="notice notice-error rejection" role="note" aria-labelledby="rejection-heading" data-testid="rejection-reason">
          <h3 id="rejection-heading">{plan.status === 'REVISI_DRAFT' ? t('status.rejectedRevision') : t('status.rejected')}</h3>
          <p class="rejection-text">{t('status.reason', { reason: plan.rejectionReason ?? '' })}</p>
          <p>{t('status.rejectedHelp')}</p>
        </div>
      ) : null}
      <dl class="facts">
        {plan.revision > 0 ? (
          <div class="row">
            <dt>{t('status.revisionLabel')}</dt>
            <dd>{t('status.revision', { number: plan.revision })}</dd>
          </div>
        ) : null}
        {assessor ? (
          <div class="row">
            <dt>{t('status.assessor')}</dt>
            <dd data-testid="plan-assessor">{assessor.name}</dd>
          </div>
        ) : null}
        {props.planDeadline && !plan.approvedAt ? (
          <div class="row">
            <dt>{t('status.deadline')}</dt>
            <dd>{formatDay(props.planDeadline, locale)}</dd>
          </div>
        ) : null}
        {plan.submittedAt ? (
          <div class="row">
            <dt>{t('status.submittedAt')}</dt>
            <dd>{formatDateTime(plan.submittedAt, locale)}</dd>
          </div>
        ) : null}
        {plan.approvedAt ? (
          <div class="row">
            <dt>{t('status.approvedAt')}</dt>
            <dd>{formatDateTime(plan.approvedAt, locale)}</dd>
          </div>
        ) : null}
      </dl>
      {plan.revisionReason && plan.status.startsWith('REVISI') ? <p>{t('status.revisionReason', { reason: plan.revisionReason })}</p> : null}
      <StatusActions plan={plan} refresh={props.refresh} />
      <p class="visually-hidden" role="status">
        {staff.t(`planStatus.${plan.status}`)}
      </p>
    </section>
  );
}

function StatusActions(props: { plan: Plan; refresh: () => Promise<void> }) {
  const { t } = useSkpMessages();
  const { plan, refresh } = props;
  if (plan.status === 'DIAJUKAN' || plan.status === 'REVISI_DIAJUKAN') return <p data-testid="plan-waiting">{t('status.waiting')}</p>;
  if (plan.status === 'DITETAPKAN') {
    return (
      <>
        <p>{t('status.inForce')}</p>
        <StartRevision plan={plan} refresh={refresh} />
      </>
    );
  }
  const submit = (
    <ActionButton
      id="submit-plan"
      primary
      testId="submit-plan"
      label={plan.status === 'REVISI_DRAFT' ? t('action.submitRevision') : t('action.submit')}
      run={() => runMutation(SubmitPlanDocument, { id: plan.id, expectedVersion: plan.version }, (d) => d.submitPlan)}
      onDone={refresh}
    />
  );
  return (
    <>
      {plan.status === 'DRAFT' ? <p>{t('status.draftHelp')}</p> : null}
      <div class="button-row">
        {submit}
        {plan.status === 'REVISI_DRAFT' ? (
          <ActionButton
            id="withdraw-revision"
            testId="withdraw-revision"
            label={t('action.withdrawRevision')}
            confirm={{ question: t('action.withdrawConfirm'), yes: t('action.confirmYes'), no: t('action.cancel') }}
            run={() => runMutation(WithdrawPlanRevisionDocument, { id: plan.id, expectedVersion: plan.version }, (d) => d.withdrawPlanRevision)}
            onDone={refresh}
          />
        ) : null}
      </div>
    </>
  );
}

function StartRevision(props: { plan: Plan; refresh: () => Promise<void> }) {
  const { t } = useSkpMessages();
  const staff = useStaffMessages();
  const [open, setOpen] = useState(false);
  const form = useForm({
    id: 'start-revision',
    initial: { reason: '' },
    validate: (v) =>
      v.reason.trim() ? [] : [{ field: 'reason', message: staff.t('form.required', { label: t('action.revisionReason') }), code: 'INVALID_INPUT' }],
  });
  if (!open && !form.dirty) {
    return (
      <button type="button" class="button button-secondary" onClick={() => setOpen(true)} data-testid="start-revision">
        {t('action.startRevision')}
      </button>
    );
  }
  return (
    <Form
      form={form}
      onSubmit={(v) => runMutation(StartPlanRevisionDocument, { id: props.plan.id, expectedVersion: props.plan.version, reason: v.reason }, (d) => d.startPlanRevision)}
      onSuccess={() => {
        form.reset();
        setOpen(false);
        void props.refresh();
      }}
    >
      <TextField help={t('my.help.revisionReason')} form={form} name="reason" label={t('action.revisionReason')} hint={t('action.revisionReasonHint')} multiline rows={3} required maxLength={2000} />
      <div class="button-row">
        <SubmitButton form={form}>{t('action.startRevision')}</SubmitButton>
        <button
          type="button"
          class="button button-secondary"
          onClick={() => {
            form.reset();
            setOpen(false);
          }}
        >
          {t('action.cancel')}
        </button>
      </div>
    </Form>
  );
}

function BehaviorCard(props: { plan: Plan }) {
  const { t } = useSkpMessages();
  const { plan } = props;
  return (
    <Card id="behavior" title={t('behavior.heading')} class="no-print" testId="behavior-card">
      <p>{t('behavior.help')}</p>
      {plan.behaviorExpectations.length === 0 ? (
        <p class="muted">{t('behavior.none')}</p>
      ) : (
        <dl class="facts">
          {plan.behaviorExpectations.map((e) => (
            <div class="row" key={e.value}>
              <dt>{e.label}</dt>
              <dd>{e.expectation}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}
