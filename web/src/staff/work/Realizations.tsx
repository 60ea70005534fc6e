/**
 * The realisasi of every IKI in one period: proposed from the work log (USULAN), then confirmed
 * as is or edited and saved (DIKONFIRMASI) by the employee; each with its evidence and its
 * feedback thread.
 */
import { useState } from 'preact/hooks';
import { EmptyState } from '../../components';
import { runMutation, type FieldError } from '../api';
import { FeedbackToggle } from '../feedback/FeedbackToggle';
import { formatDateTime, useStaffMessages } from '../messages';
import { Form, SubmitButton, TextField, useErrorText, useForm } from '../ui/form';
import { ConfirmRealizationDocument } from './ConfirmRealization.generated';
import { EvidencePanel } from './Evidence';
import { ProposeRealizationsDocument } from './ProposeRealizations.generated';
import type { RealizationFieldsFragment } from './RealizationFields.generated';
import { SaveRealizationDocument } from './SaveRealization.generated';
import { amountValue, formatAmount, trimAmount } from './WorkLog';
import { useWorkMessages } from './messages';
import type { WorkPeriodInfo, WorkPlan } from './Work';
import { useHelpMessages } from '../help/messages';

type Realization = RealizationFieldsFragment;
type Indicator = WorkPlan['workResults'][number]['indicators'][number];

const MAX_DESCRIPTION = 2000;
const AMOUNT = /^\d{1,12}([.,]\d{1,4})?$/;

export function RealizationSection(props: { plan: WorkPlan; period: WorkPeriodInfo; editable: boolean; initial: Realization[] }) {
  const { t } = useWorkMessages();
  const errorText = useErrorText();
  const [rows, setRows] = useState<Realization[]>(props.initial);
  const [proposing, setProposing] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  // A proposal rewrites values on the server: the forms start again from them.
  const [generation, setGeneration] = useState(0);
  const replace = (changed: Realization[]) =>
    setRows((all) => [...all.filter((r) => !changed.some((c) => c.indicatorId === r.indicatorId)), ...changed]);
  const hasIndicators = props.plan.workResults.some((w) => w.indicators.length > 0);

  const propose = async () => {
    setProposing(true);
    setNotice(null);
    const outcome = await runMutation(ProposeRealizationsDocument, { planId: props.plan.id, periodId: props.period.id }, (d) => d.proposeRealizations);
    setProposing(false);
    if (outcome.ok) {
      replace(outcome.result);
      setGeneration((n) => n + 1);
      setNotice({ kind: 'info', text: outcome.result.length > 0 ? t('real.proposed', { count: outcome.result.length }) : t('real.proposedNone') });
    } else {
      setNotice({ kind: 'error', text: outcome.errors.map(errorText).join(' ') });
    }
  };

  return (
    <section class="card realizations" aria-labelledby="realizations-heading" data-testid="realizations">
      <h2 id="realizations-heading">{t('real.heading')}</h2>
      {props.editable ? (
        <>
          <p class="hint">{t('real.intro')}</p>
          <div class="form-actions">
            <button type="button" class="button button-secondary" disabled={proposing} onClick={() => void propose()} data-testid="propose-realizations">
              {t('real.propose')}
            </button>
            <span role="status" class="form-progress">
              {proposing ? t('real.proposing') : ''}
            </span>
          </div>
        </>
      ) : null}
      <div role={notice?.kind === 'error' ? 'alert' : 'status'} data-testid="propose-result">
        {notice ? <p class={notice.kind === 'error' ? 'field-error' : 'notice-line'}>{notice.text}</p> : null}
      </div>
      {!hasIndicators ? (
        <EmptyState>
          <p>{t('real.noIndicators')}</p>
        </EmptyState>
      ) : (
        props.plan.workResults
          .filter((w) => w.indicators.length > 0)
          .map((w) => (
            <div class="rhk-block" key={w.id}>
              <h3 class="rhk-heading">{t('real.rhk', { number: String(w.ordinal), text: w.text })}</h3>
              {w.indicators.map((indicator) => {
                const row = rows.find((r) => r.indicatorId === indicator.id) ?? null;
                return (
                  <IndicatorCard
                    key={`${indicator.id}-${generation}`}
                    plan={props.plan}
                    period={props.period}
                    indicator={indicator}
                    realization={row}
                    editable={props.editable}
                    onSaved={(saved) => replace([saved])}
                  />
                );
              })}
            </div>
          ))
      )}
    </section>
  );
}

function targetText(indicator: Indicator, locale: string): string | null {
  if (indicator.targetValue !== null) return `${formatAmount(indicator.targetValue, locale)}${indicator.targetUnit ? ` ${indicator.targetUnit}` : ''}`;
  return indicator.targetDescription;
}

function IndicatorCard(props: {
  plan: WorkPlan;
  period: WorkPeriodInfo;
  indicator: Indicator;
  realization: Realization | null;
  editable: boolean;
  onSaved: (row: Realization) => void;
}) {
  const { t, locale } = useWorkMessages();
  const { indicator, realization } = props;
  const target = targetText(indicator, locale);
  const status = realization?.status ?? 'none';
  const headingId = `iki-${indicator.id}-heading`;
  return (
    <article class="iki-card" aria-labelledby={headingId} data-testid="iki" data-indicator-id={indicator.id} data-status={status}>
      <h4 id={headingId} class="iki-heading">
        IKI: {indicator.text}
      </h4>
      <p class="iki-meta">
        <span>{target ? t('real.target', { target }) : t('real.targetNone')}</span>
        <span class={`status-pill status-${status}`} data-testid="realization-status">
          {t(`real.status.${status}`)}
        </span>
      </p>
      {realization?.confirmedAt ? <p class="hint">{t('real.confirmedAt', { date: formatDateTime(realization.confirmedAt, locale) })}</p> : null}
      {props.editable ? (
        <RealizationForm plan={props.plan} period={props.period} indicator={indicator} realization={realization} onSaved={props.onSaved} />
      ) : realization ? (
        <div class="realization-read">
          <p class="realization-value" data-testid="realization-value">
            {realization.value !== null
              ? t('real.valueShown', { value: `${formatAmount(realization.value, locale)}${indicator.targetUnit ? ` ${indicator.targetUnit}` : ''}` })
              : t('real.valueNone')}
          </p>
          <p class="realization-description">{realization.description}</p>
        </div>
      ) : (
        <p class="hint">{t('real.notFilled')}</p>
      )}
      {realization ? (
        <>
          <EvidencePanel realizationId={realization.id} initial={realization.evidence} editable={props.editable} label={indicator.text} />
          <FeedbackToggle planId={props.plan.id} target="REALISASI" targetId={realization.id} label={indicator.text} />
        </>
      ) : props.editable ? (
        <p class="hint">{t('real.evidenceAfterSave')}</p>
      ) : null}
    </article>
  );
}

function RealizationForm(props: {
  plan: WorkPlan;
  period: WorkPeriodInfo;
  indicator: Indicator;
  realization: Realization | null;
  onSaved: (row: Realization) => void;
}) {
  const { t } = useWorkMessages();
  const { t: h } = useHelpMessages();
  const staff = useStaffMessages();
  const errorText = useErrorText();
  const { indicator, realization } = props;
  const valueRequired = props.plan.approach === 'KUANTITATIF';
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const form = useForm({
    id: `real-${indicator.id}`,
    initial: {
      value: realization?.value != null ? trimAmount(realization.value) : '',
      description: realization?.description ?? '',
    },
    validate: (values): FieldError[] => {
      const errors: FieldError[] = [];
      const value = values.value.trim();
      if (value === '' && valueRequired) errors.push({ field: 'value', message: staff.t('form.required', { label: t('real.value') }), code: 'INVALID_INPUT' });
      else if (value !== '' && !AMOUNT.test(value)) errors.push({ field: 'value', message: t('real.valueInvalid'), code: 'INVALID_INPUT' });
      if (values.description.trim() === '') errors.push({ field: 'description', message: staff.t('form.required', { label: t('real.description') }), code: 'INVALID_INPUT' });
      else if (values.description.length > MAX_DESCRIPTION)
        errors.push({ field: 'description', message: staff.t('form.tooLong', { label: t('real.description'), max: MAX_DESCRIPTION }), code: 'INVALID_INPUT' });
      return errors;
    },
    fieldMap: { version: 'value' },
  });
  const confirm = async () => {
    if (!realization) return;
    setConfirming(true);
    setConfirmError(null);
    const outcome = await runMutation(ConfirmRealizationDocument, { id: realization.id, expectedVersion: realization.version }, (d) => d.confirmRealization);
    setConfirming(false);
    if (outcome.ok) props.onSaved(outcome.result);
    else setConfirmError(outcome.errors.map(errorText).join(' '));
  };
  const headingId = `iki-${indicator.id}-heading`;
  return (
    <Form
      form={form}
      labelledBy={headingId}
      onSubmit={(values) =>
        runMutation(
          SaveRealizationDocument,
          {
            input: {
              indicatorId: indicator.id,
              periodId: props.period.id,
              value: amountValue(values.value),
              description: values.description.trim(),
              expectedVersion: realization?.version ?? null,
            },
          },
          (d) => d.saveRealization,
        )
      }
      onSuccess={(saved) => props.onSaved(saved)}
    >
      <TextField
        form={form}
        name="value"
        label={indicator.targetUnit ? t('real.valueUnit', { unit: indicator.targetUnit }) : t('real.value')}
        hint={t('real.valueHint')}
        help={h('help.real.value')}
        inputMode="decimal"
        required={valueRequired}
      />
      <TextField form={form} name="description" label={t('real.description')} hint={t('real.descriptionHint')} help={h('help.real.description')} multiline rows={3} required />
      <div class="form-actions-row">
        <SubmitButton form={form}>{t('real.save')}</SubmitButton>
        {realization?.status === 'USULAN' && !form.dirty ? (
          <button type="button" class="button button-secondary" disabled={confirming} onClick={() => void confirm()} data-testid="confirm-realization">
            {t('real.confirm')}
          </button>
        ) : null}
      </div>
      {confirmError ? (
        <p class="field-error" role="alert">
          {confirmError}
        </p>
      ) : null}
    </Form>
  );
}
