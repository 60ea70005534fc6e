/**
 * Rencana aksi of my SKP in force: for one period (chosen), the steps planned for each RHK;
 * add, edit and delete them.
 */
import { useState } from 'preact/hooks';
import { runMutation } from '../api';
import { periodLabel, useStaffMessages } from '../messages';
import type { Cadence } from '../../graphql/internal/types';
import { Form, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { ActionPlansDocument, type ActionPlansQuery } from './ActionPlans.generated';
import { CreateActionPlanDocument } from './CreateActionPlan.generated';
import { DeleteActionPlanDocument } from './DeleteActionPlan.generated';
import { useSkpMessages } from './messages';
import { ActionButton, Card } from './parts';
import type { PlanFieldsFragment } from './PlanFields.generated';
import { UpdateActionPlanDocument } from './UpdateActionPlan.generated';
import { useRefreshableQuery } from './useRefreshable';
import { todayInstansi } from '../../lib/instansiTime';

type Period = { id: string; number: number; label: string; startDate: string; endDate: string };
type ActionPlan = ActionPlansQuery['actionPlans'][number];

export function ActionPlans(props: { plan: PlanFieldsFragment; cadence: Cadence; periods: ReadonlyArray<Period> }) {
  const { t } = useSkpMessages();
  const staff = useStaffMessages();
  const today = todayInstansi();
  const current = props.periods.find((p) => p.startDate <= today && today <= p.endDate) ?? props.periods[0];
  const [periodId, setPeriodId] = useState(current?.id ?? '');
  if (!current) return null;
  return (
    <Card id="aksi" title={t('aksi.heading')} class="no-print" testId="action-plans">
      <p>{t('aksi.help')}</p>
      <div class="field">
        <label for="aksi-period">{t('aksi.period')}</label>
        <select id="aksi-period" value={periodId} onChange={(e) => setPeriodId(e.currentTarget.value)}>
          {props.periods.map((p) => (
            <option key={p.id} value={p.id}>
              {periodLabel(staff.t, props.cadence, p.number)}
            </option>
          ))}
        </select>
      </div>
      <PeriodActions key={periodId} plan={props.plan} periodId={periodId} />
    </Card>
  );
}

function PeriodActions(props: { plan: PlanFieldsFragment; periodId: string }) {
  const { t } = useSkpMessages();
  const { query, refresh } = useRefreshableQuery(ActionPlansDocument, { planId: props.plan.id, periodId: props.periodId });
  return (
    <QueryView query={query} loadingLabel={t('aksi.loading')}>
      {(data) => (
        <ol class="aksi-list">
          {props.plan.workResults.map((r, index) => {
            const mine = data.actionPlans.filter((a) => a.workResultId === r.id);
            return (
              <li key={r.id} class="aksi-rhk" data-testid="aksi-rhk">
                <h3>{t('aksi.forRhk', { number: index + 1, text: r.text })}</h3>
                {mine.length === 0 ? <p class="muted">{t('aksi.none')}</p> : null}
                <ul class="aksi-items">
                  {mine.map((a) => (
                    <ActionItem key={a.id} action={a} refresh={refresh} />
                  ))}
                </ul>
                <details class="iki-new">
                  <summary>{t('aksi.text', { number: index + 1 })}</summary>
                  <NewAction workResultId={r.id} number={index + 1} periodId={props.periodId} refresh={refresh} />
                </details>
              </li>
            );
          })}
        </ol>
      )}
    </QueryView>
  );
}

function NewAction(props: { workResultId: string; number: number; periodId: string; refresh: () => Promise<void> }) {
  const { t } = useSkpMessages();
  const staff = useStaffMessages();
  const label = t('aksi.text', { number: props.number });
  const form = useForm({
    id: `aksi-new-${props.periodId}-${props.workResultId}`,
    initial: { text: '' },
    validate: (v) => (v.text.trim() ? [] : [{ field: 'text', message: staff.t('form.required', { label }), code: 'INVALID_INPUT' }]),
  });
  return (
    <Form
      form={form}
      onSubmit={(v) =>
        runMutation(CreateActionPlanDocument, { input: { workResultId: props.workResultId, periodId: props.periodId, text: v.text } }, (d) => d.createActionPlan)
      }
      onSuccess={() => {
        form.reset({ text: '' });
        void props.refresh();
      }}
    >
      <TextField help={t('aksi.help.text')} form={form} name="text" label={label} multiline rows={2} required maxLength={2000} />
      <SubmitButton form={form}>{t('aksi.add')}</SubmitButton>
    </Form>
  );
}

function ActionItem(props: { action: ActionPlan; refresh: () => Promise<void> }) {
  const { t } = useSkpMessages();
  const staff = useStaffMessages();
  const { action } = props;
  const [editing, setEditing] = useState(false);
  const form = useForm({
    id: `aksi-${action.id}`,
    initial: { text: action.text },
    validate: (v) =>
      v.text.trim() ? [] : [{ field: 'text', message: staff.t('form.required', { label: t('aksi.editText') }), code: 'INVALID_INPUT' }],
  });
  if (editing || form.dirty) {
    return (
      <li class="aksi-item" data-testid="aksi-item">
        <Form
          form={form}
          onSubmit={(v) => runMutation(UpdateActionPlanDocument, { input: { id: action.id, text: v.text } }, (d) => d.updateActionPlan)}
          onSuccess={() => {
            setEditing(false);
            void props.refresh();
          }}
        >
          <TextField help={t('aksi.help.text')} form={form} name="text" label={t('aksi.editText')} multiline rows={2} required maxLength={2000} />
          <div class="button-row">
            <SubmitButton form={form}>{t('aksi.save')}</SubmitButton>
            <button
              type="button"
              class="button button-secondary"
              onClick={() => {
                form.reset();
                setEditing(false);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </Form>
      </li>
    );
  }
  return (
    <li class="aksi-item" data-testid="aksi-item">
      <p class="skp-multiline">{action.text}</p>
      <div class="button-row">
        <button type="button" class="button button-secondary button-small" onClick={() => setEditing(true)} aria-label={t('aksi.editNamed', { text: action.text })}>
          {t('aksi.edit')}
        </button>
        <ActionButton
          id={`aksi-delete-${action.id}`}
          small
          label={t('aksi.delete')}
          run={() => runMutation(DeleteActionPlanDocument, { id: action.id }, (d) => d.deleteActionPlan)}
          onDone={props.refresh}
        />
      </div>
    </li>
  );
}
