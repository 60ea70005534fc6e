/**
 * /portal/unit/sasaran (?unit=&tahun=): organisation goals (Perjanjian Kinerja) of one unit in
 * one year — list, add, edit, remove. BKPSDM picks any unit; a unit manager picks among the unit
 * they manage and its sub-units. The server decides who may change which unit's goals.
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { EmptyState, PageHeading } from '../../components';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { portalPaths } from '../paths';
import { hasRole, useSession } from '../session';
import { Form, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { HrCreateOrgGoalDocument } from './HrCreateOrgGoal.generated';
import { HrDeleteOrgGoalDocument } from './HrDeleteOrgGoal.generated';
import { HrGoalScopesDocument, type HrGoalScopesQuery } from './HrGoalScopes.generated';
import { Notice, useNotice } from './Notice';
import { useHrMessages } from './hrMessages';
import { HrOrgGoalsDocument, type HrOrgGoalsQuery } from './HrOrgGoals.generated';
import { HrUpdateOrgGoalDocument } from './HrUpdateOrgGoal.generated';
import { defaultYear, sortedUnits } from './scopes';

type Unit = HrGoalScopesQuery['units'][number];
type Goal = HrOrgGoalsQuery['orgGoals'][number];
const MAX_TEXT = 500;
const MAX_SHORT = 200;

/** The units a unit manager manages: their unit and everything below it. */
function managedUnits(units: readonly Unit[], rootId: string): Unit[] {
  const inside = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (!inside.has(u.id) && u.parent && inside.has(u.parent.id)) {
        inside.add(u.id);
        grew = true;
      }
    }
  }
  return units.filter((u) => inside.has(u.id));
}

export function GoalsPage() {
  const { t } = useHrMessages();
  const { me } = useSession();
  const isHr = hasRole(me, 'HR_ADMIN');
  const managed = me.managedUnit;
  const query = useStaffQuery(HrGoalScopesDocument, {});
  const { query: params } = useLocation();
  return (
    <>
      <PageHeading>{t('goals.title')}</PageHeading>
      {!isHr && managed === null ? (
        <EmptyState testId="goals-no-unit">
          <p>{t('goals.noUnit')}</p>
        </EmptyState>
      ) : (
        <>
          <p class="lead">{isHr || managed === null ? t('goals.lead') : t('goals.leadManager', { unit: managed.name })}</p>
          <QueryView query={query}>
            {(data) => {
              if (data.appraisalYears.length === 0) {
                return (
                  <EmptyState>
                    <p>{t('hr.noYears')}</p>
                  </EmptyState>
                );
              }
              const units = sortedUnits(isHr || managed === null ? data.units : managedUnits(data.units, managed.id));
              const unit = units.find((u) => u.id === params['unit']) ?? units.find((u) => u.id === managed?.id) ?? null;
              const year = data.appraisalYears.find((y) => String(y.year) === params['tahun']) ?? defaultYear(data.appraisalYears);
              return (
                <>
                  <ScopeForm units={units} unitId={unit?.id ?? ''} years={data.appraisalYears.map((y) => y.year)} year={year.year} />
                  {unit ? (
                    <GoalList key={`${unit.id}:${year.year}`} unit={unit} year={year.year} />
                  ) : (
                    <EmptyState testId="goals-choose">
                      <p>{t('goals.chooseUnit')}</p>
                    </EmptyState>
                  )}
                </>
              );
            }}
          </QueryView>
        </>
      )}
    </>
  );
}

function ScopeForm(props: { units: readonly Unit[]; unitId: string; years: readonly number[]; year: number }) {
  const { t } = useHrMessages();
  const { route } = useLocation();
  return (
    <form
      class="scope-picker"
      method="get"
      action={portalPaths.orgGoals()}
      key={`${props.unitId}:${props.year}`}
      data-testid="goal-scope"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        route(portalPaths.orgGoals(String(form.get('unit') ?? ''), Number(form.get('tahun'))));
      }}
    >
      <label for="goal-unit">{t('hr.unit')}</label>
      <select id="goal-unit" name="unit">
        <option value="" selected={props.unitId === ''}>
          {t('hr.chooseUnit')}
        </option>
        {props.units.map((u) => (
          <option key={u.id} value={u.id} selected={u.id === props.unitId}>
            {u.name}
          </option>
        ))}
      </select>
      <label for="goal-year">{t('hr.year')}</label>
      <select id="goal-year" name="tahun">
        {props.years.map((y) => (
          <option key={y} value={String(y)} selected={y === props.year}>
            {y}
          </option>
        ))}
      </select>
      <button type="submit" class="button button-secondary button-small" data-testid="goal-scope-submit">
        {t('hr.show')}
      </button>
    </form>
  );
}

function goalErrors(v: { text: string; indicator: string; target: string }, t: ReturnType<typeof useHrMessages>['t']): FieldError[] {
  const errors: FieldError[] = [];
  if (!v.text.trim()) errors.push({ field: 'text', message: t('hr.required', { label: t('goals.text') }), code: 'INVALID_INPUT' });
  else if (v.text.trim().length > MAX_TEXT) errors.push({ field: 'text', message: t('hr.tooLong', { label: t('goals.text'), max: MAX_TEXT }), code: 'INVALID_INPUT' });
  for (const field of ['indicator', 'target'] as const) {
    if (v[field].trim().length > MAX_SHORT) errors.push({ field, message: t('hr.tooLong', { label: t(`goals.${field}`), max: MAX_SHORT }), code: 'INVALID_INPUT' });
  }
  return errors;
}

function GoalList(props: { unit: Unit; year: number }) {
  const { t } = useHrMessages();
  const query = useStaffQuery(HrOrgGoalsDocument, { unitId: props.unit.id, year: props.year });
  const [notice, setNotice] = useNotice();
  const [editing, setEditing] = useState<string | null>(null);
  const done = (message: string) => {
    setNotice(message);
    setEditing(null);
    query.reload();
  };
  return (
    <section class="section" aria-labelledby="goals-list">
      <h2 id="goals-list">{t('goals.list', { unit: props.unit.name, year: String(props.year) })}</h2>
      <Notice notice={notice} testId="goals-notice" />
      <QueryView query={query}>
        {(data) =>
          data.orgGoals.length === 0 ? (
            <EmptyState testId="goals-empty">
              <p>{t('goals.empty')}</p>
            </EmptyState>
          ) : (
            <ol class="plain-list" data-testid="goals">
              {data.orgGoals.map((g) => (
                <li key={g.id} class="card" data-testid="goal" data-goal-id={g.id}>
                  {editing === g.id ? (
                    <EditGoal goal={g} onDone={done} onCancel={() => setEditing(null)} />
                  ) : (
                    <GoalView goal={g} onEdit={() => setEditing(g.id)} onDone={done} />
                  )}
                </li>
              ))}
            </ol>
          )
        }
      </QueryView>
      <AddGoal unit={props.unit} year={props.year} onDone={done} />
    </section>
  );
}

function GoalView(props: { goal: Goal; onEdit: () => void; onDone: (message: string) => void }) {
  const { t } = useHrMessages();
  const { goal } = props;
  const [asking, setAsking] = useState(false);
  const form = useForm({ id: `goal-delete-${goal.id}`, initial: {}, draft: false });
  return (
    <>
      <p class="goal-text" data-testid="goal-text">
        {goal.text}
      </p>
      <dl class="facts">
        <div>
          <dt>{t('goals.indicator')}</dt>
          <dd data-testid="goal-indicator">{goal.indicator ?? t('goals.none')}</dd>
        </div>
        <div>
          <dt>{t('goals.target')}</dt>
          <dd data-testid="goal-target">{goal.target ?? t('goals.none')}</dd>
        </div>
      </dl>
      {asking ? (
        <Form form={form} class="action-form" onSubmit={() => runMutation(HrDeleteOrgGoalDocument, { id: goal.id }, (d) => d.deleteOrgGoal)} onSuccess={() => props.onDone(t('goals.removed'))}>
          <p>{t('goals.removeConfirm')}</p>
          <div class="button-row">
            <SubmitButton form={form}>{t('goals.removeYes')}</SubmitButton>
            <button type="button" class="button button-link" onClick={() => setAsking(false)}>
              {t('goals.cancel')}
            </button>
          </div>
        </Form>
      ) : (
        <div class="button-row">
          <button type="button" class="button button-secondary button-small" data-testid="goal-edit" aria-label={t('goals.editName', { text: goal.text })} onClick={props.onEdit}>
            {t('goals.edit')}
          </button>
          <button type="button" class="button button-link" data-testid="goal-remove" aria-label={t('goals.removeName', { text: goal.text })} onClick={() => setAsking(true)}>
            {t('goals.remove')}
          </button>
        </div>
      )}
    </>
  );
}

function EditGoal(props: { goal: Goal; onDone: (message: string) => void; onCancel: () => void }) {
  const { t } = useHrMessages();
  const { goal } = props;
  const headingId = `goal-edit-${goal.id}`;
  const form = useForm({
    id: `goal-${goal.id}`,
    initial: { text: goal.text, indicator: goal.indicator ?? '', target: goal.target ?? '' },
    validate: (v) => goalErrors(v, t),
  });
  return (
    <>
      <h3 id={headingId}>{t('goals.editHeading')}</h3>
      <Form
        form={form}
        labelledBy={headingId}
        onSubmit={(v) => runMutation(HrUpdateOrgGoalDocument, { input: { id: goal.id, text: v.text.trim(), indicator: v.indicator.trim() || null, target: v.target.trim() || null } }, (d) => d.updateOrgGoal)}
        onSuccess={() => props.onDone(t('goals.saved'))}
      >
        <TextField help={t('goals.help.text')} form={form} name="text" label={t('goals.text')} multiline rows={3} required />
        <TextField help={t('goals.help.indicator')} form={form} name="indicator" label={t('goals.indicator')} maxLength={MAX_SHORT} />
        <TextField help={t('goals.help.target')} form={form} name="target" label={t('goals.target')} maxLength={MAX_SHORT} />
        <div class="button-row">
          <SubmitButton form={form}>{t('goals.editSubmit')}</SubmitButton>
          <button type="button" class="button button-link" onClick={props.onCancel}>
            {t('goals.cancel')}
          </button>
        </div>
      </Form>
    </>
  );
}

function AddGoal(props: { unit: Unit; year: number; onDone: (message: string) => void }) {
  const { t } = useHrMessages();
  const initial = { text: '', indicator: '', target: '' };
  const form = useForm({ id: 'goal-new', initial, validate: (v) => goalErrors(v, t) });
  return (
    <section class="section card" aria-labelledby="goal-add">
      <h3 id="goal-add">{t('goals.add')}</h3>
      <Form
        form={form}
        labelledBy="goal-add"
        onSubmit={(v) =>
          runMutation(
            HrCreateOrgGoalDocument,
            { input: { unitId: props.unit.id, year: props.year, text: v.text.trim(), indicator: v.indicator.trim() || null, target: v.target.trim() || null } },
            (d) => d.createOrgGoal,
          )
        }
        onSuccess={() => {
          form.reset(initial);
          props.onDone(t('goals.saved'));
        }}
      >
        <TextField help={t('goals.help.text')} form={form} name="text" label={t('goals.text')} multiline rows={3} required />
        <TextField help={t('goals.help.indicator')} form={form} name="indicator" label={t('goals.indicator')} maxLength={MAX_SHORT} />
        <TextField help={t('goals.help.target')} form={form} name="target" label={t('goals.target')} maxLength={MAX_SHORT} />
        <SubmitButton form={form}>{t('goals.addSubmit')}</SubmitButton>
      </Form>
    </section>
  );
}
