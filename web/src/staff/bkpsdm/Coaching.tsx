/**
 * /portal/bkpsdm/pembinaan (?tahun=&periode=&buat=): BKPSDM's list of low predicates (Butuh
 * Perbaikan, Kurang/Misconduct, Sangat Kurang) of one period or year across the instansi that
 * have no coaching plan yet, and the form that opens a plan for one of them. The plan itself is
 * then followed on the existing coaching screens (/portal/pembinaan/:id).
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { DataTable } from '../../charts/ChartFigure';
import { EmptyState, PageHeading } from '../../components';
import type { Predicate } from '../../graphql/internal/types';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { todayInstansi } from '../../lib/instansiTime';
import { useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { pickScope, scopeOptions, scopeQuery } from '../team/scope';
import { useTeamMessages } from '../team/messages';
import { Form, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { CoachingScopesDocument } from './CoachingScopes.generated';
import { LowPredicatesDocument, type LowPredicatesQuery } from './LowPredicates.generated';
import { OpenCoachingPlanDocument } from './OpenCoachingPlan.generated';
import { useBkpsdmMessages } from './messages';

type Entry = LowPredicatesQuery['unitDistribution']['entries'][number];
const LOW: ReadonlySet<Predicate> = new Set<Predicate>(['BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG']);
const MAX_TEXT = 4000;

export function HrCoachingPage() {
  const { t } = useBkpsdmMessages();
  const s = useStaffMessages();
  const team = useTeamMessages();
  const { query: params, route } = useLocation();
  const query = useStaffQuery(CoachingScopesDocument, {});
  return (
    <>
      <PageHeading>{t('coa.title')}</PageHeading>
      <p class="lead">{t('coa.lead')}</p>
      <QueryView query={query}>
        {(data) => {
          const picked = pickScope(data.appraisalYears, params);
          const root = data.unitTree[0];
          if (picked === null || !root) {
            return (
              <EmptyState>
                <p>{team.t('dist.noYears')}</p>
              </EmptyState>
            );
          }
          return (
            <>
              <form
                class="scope-picker"
                method="get"
                action={portalPaths.hrCoaching()}
                onSubmit={(event) => {
                  event.preventDefault();
                  route(`${portalPaths.hrCoaching()}?${scopeQuery(String(new FormData(event.currentTarget).get('scope') ?? ''))}`);
                }}
              >
                <label for="coaching-scope">{team.t('dist.scope')}</label>
                <select id="coaching-scope" name="scope" key={picked.value}>
                  {scopeOptions(data.appraisalYears, s.t).map((o) => (
                    <option key={o.value} value={o.value} selected={o.value === picked.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
                <button type="submit" class="button button-secondary button-small" data-testid="coaching-show">
                  {team.t('dist.show')}
                </button>
              </form>
              <LowList key={picked.value} unitId={root.id} periodId={picked.period?.id ?? null} yearId={picked.period ? null : picked.year.id} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function LowList(props: { unitId: string; periodId: string | null; yearId: string | null }) {
  const { t } = useBkpsdmMessages();
  const s = useStaffMessages();
  const query = useStaffQuery(LowPredicatesDocument, props);
  const [chosen, setChosen] = useState<Entry | null>(null);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  return (
    <>
      <div role="status" aria-live="polite" data-testid="coaching-notice">
        {created ? (
          <p class="notice notice-info">
            {t('coa.created', { name: created.name })}{' '}
            <a href={portalPaths.coaching(created.id)} data-testid="coaching-created-link">
              {t('coa.open')}
            </a>
          </p>
        ) : null}
      </div>
      <QueryView query={query}>
        {(data) => {
          const taken = new Set(data.coachingPlans.map((c) => c.evaluationId));
          const low = data.unitDistribution.entries.filter((e) => LOW.has(e.predicate) && !taken.has(e.evaluationId));
          return (
            <section class="section" aria-labelledby="coaching-low" data-testid="coaching-low" data-count={low.length}>
              <h2 id="coaching-low">{t('coa.list')}</h2>
              {low.length === 0 ? (
                <EmptyState>
                  <p>{t('coa.none')}</p>
                </EmptyState>
              ) : (
                <>
                  <p>{t('coa.count', { count: low.length })}</p>
                  {chosen ? (
                    <PlanForm
                      key={chosen.evaluationId}
                      entry={chosen}
                      onCancel={() => setChosen(null)}
                      onDone={(id) => {
                        setCreated({ id, name: chosen.employee?.name ?? '' });
                        setChosen(null);
                        query.reload();
                      }}
                    />
                  ) : null}
                  <DataTable
                    id="coaching-low"
                    caption={t('coa.caption')}
                    testId="coaching-low-table"
                    columns={[{ label: t('car.col.employee') }, { label: t('car.col.unit') }, { label: t('car.col.predicate') }, { label: t('coa.col.action') }]}
                    rows={low.map((e) => ({
                      key: e.evaluationId,
                      cells: [
                        <>
                          {e.employee?.name ?? '—'}
                          <span class="cell-kind">{e.employee?.position?.name ?? ''}</span>
                        </>,
                        e.employee?.unit?.name ?? '—',
                        s.t(`predicate.${e.predicate}`),
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          data-testid="coaching-create"
                          data-evaluation={e.evaluationId}
                          aria-label={t('coa.createFor', { name: e.employee?.name ?? '' })}
                          onClick={() => {
                            setCreated(null);
                            setChosen(e);
                          }}
                        >
                          {t('coa.create')}
                        </button>,
                      ],
                    }))}
                  />
                </>
              )}
            </section>
          );
        }}
      </QueryView>
    </>
  );
}

function PlanForm(props: { entry: Entry; onCancel: () => void; onDone: (planId: string) => void }) {
  const { t } = useBkpsdmMessages();
  const name = props.entry.employee?.name ?? '';
  const form = useForm({
    id: `coaching-new-${props.entry.evaluationId}`,
    initial: { goals: '', actions: '', startsOn: todayInstansi() },
    validate: (v) => {
      const errors: FieldError[] = [];
      for (const [field, label] of [
        ['goals', t('coa.goals')],
        ['actions', t('coa.actions')],
      ] as const) {
        if (!v[field].trim()) errors.push({ field, message: t('coa.required', { label }), code: 'INVALID_INPUT', local: true });
        else if (v[field].trim().length > MAX_TEXT) errors.push({ field, message: t('coa.tooLong', { label, max: MAX_TEXT }), code: 'INVALID_INPUT', local: true });
      }
      if (!v.startsOn) errors.push({ field: 'startsOn', message: t('coa.required', { label: t('coa.startsOn') }), code: 'INVALID_INPUT', local: true });
      return errors;
    },
  });
  return (
    <section
      class="section card"
      aria-labelledby="coaching-form-title"
      data-testid="coaching-form"
      ref={(el) => {
        // Bring the form into view (and to keyboard users' attention) when a row's button opens it.
        if (el && !el.dataset['shown']) {
          el.dataset['shown'] = '1';
          el.querySelector<HTMLElement>('h3')?.focus();
        }
      }}
    >
      <h3 id="coaching-form-title" tabIndex={-1}>
        {t('coa.formTitle', { name })}
      </h3>
      <Form
        form={form}
        labelledBy="coaching-form-title"
        onSubmit={(v) =>
          runMutation(
            OpenCoachingPlanDocument,
            { input: { evaluationId: props.entry.evaluationId, goals: v.goals.trim(), actions: v.actions.trim(), startsOn: v.startsOn } },
            (d) => d.openCoachingPlan,
          )
        }
        onSuccess={(result) => props.onDone(result.id)}
      >
        <TextField help={t('coa.help.goals')} form={form} name="goals" label={t('coa.goals')} hint={t('coa.goalsHint')} multiline rows={3} required />
        <TextField help={t('coa.help.actions')} form={form} name="actions" label={t('coa.actions')} hint={t('coa.actionsHint')} multiline rows={3} required />
        <TextField help={t('coa.help.startsOn')} form={form} name="startsOn" type="date" label={t('coa.startsOn')} hint={t('coa.startsHint')} required />
        <SubmitButton form={form}>{t('coa.submit')}</SubmitButton>
      </Form>
      <p>
        <button type="button" class="button button-link" onClick={props.onCancel}>
          {t('coa.close')}
        </button>
      </p>
    </section>
  );
}
