/**
 * The work log of one period: a quick entry form (date, RHK/IKI, what was done, output amount,
 * minutes: short enough for a phone) and the entries by day, each editable or deletable while
 * the period is open.
 */
import { useState } from 'preact/hooks';
import { EmptyState } from '../../components';
import { runMutation, type FieldError } from '../api';
import { formatDay, useStaffMessages } from '../messages';
import { Form, SelectField, SubmitButton, TextField, useErrorText, useForm, type FormApi } from '../ui/form';
import { AddWorkLogEntryDocument } from './AddWorkLogEntry.generated';
import { DeleteWorkLogEntryDocument } from './DeleteWorkLogEntry.generated';
import { UpdateWorkLogEntryDocument } from './UpdateWorkLogEntry.generated';
import type { WorkLogFieldsFragment } from './WorkLogFields.generated';
import { useWorkMessages } from './messages';
import type { WorkPeriodInfo, WorkPlan } from './Work';
import { useHelpMessages } from '../help/messages';

type Entry = WorkLogFieldsFragment;
type LogValues = { workDate: string; target: string; text: string; quantity: string; minutesSpent: string };

const MAX_TEXT = 2000;
const AMOUNT = /^\d{1,12}([.,]\d{1,4})?$/;

/** "iki:12" / "rhk:3" → the ids the API wants (an IKI carries its RHK). */
function linkOf(plan: WorkPlan, target: string): { workResultId: string | null; indicatorId: string | null } {
  const [kind, id] = target.split(':');
  if (kind === 'iki') {
    const owner = plan.workResults.find((w) => w.indicators.some((i) => i.id === id));
    return { workResultId: owner?.id ?? null, indicatorId: id ?? null };
  }
  return { workResultId: id ?? null, indicatorId: null };
}

function targetOf(entry: Entry): string {
  if (entry.indicatorId !== null) return `iki:${entry.indicatorId}`;
  return entry.workResultId !== null ? `rhk:${entry.workResultId}` : '';
}

/** Options: each RHK (no particular IKI), then its IKI. */
function useTargetOptions(plan: WorkPlan): Array<{ value: string; label: string }> {
  const { t } = useWorkMessages();
  return plan.workResults.flatMap((w) => [
    { value: `rhk:${w.id}`, label: `${t('log.rhkOnly', { number: String(w.ordinal) })}: ${w.text}` },
    ...w.indicators.map((i) => ({ value: `iki:${i.id}`, label: `RHK ${w.ordinal} › IKI: ${i.text}` })),
  ]);
}

export function amountValue(raw: string): string | null {
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed.replace(',', '.');
}

function useLogValidation(period: WorkPeriodInfo, today: string) {
  const { t, locale } = useWorkMessages();
  const staff = useStaffMessages();
  const last = today < period.endDate ? today : period.endDate;
  return (values: LogValues): FieldError[] => {
    const errors: FieldError[] = [];
    const err = (field: string, message: string) => errors.push({ field, message, code: 'INVALID_INPUT' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.workDate) || values.workDate < period.startDate || values.workDate > last) {
      err('workDate', t('log.dateInvalid', { start: formatDay(period.startDate, locale), end: formatDay(last, locale) }));
    }
    if (values.target === '') err('target', staff.t('form.required', { label: t('log.target') }));
    if (values.text.trim() === '') err('text', staff.t('form.required', { label: t('log.text') }));
    else if (values.text.length > MAX_TEXT) err('text', staff.t('form.tooLong', { label: t('log.text'), max: MAX_TEXT }));
    const quantity = values.quantity.trim();
    if (quantity !== '' && !AMOUNT.test(quantity)) err('quantity', t('log.quantityInvalid'));
    else if (quantity !== '' && !values.target.startsWith('iki:')) err('quantity', t('log.quantityNeedsIki'));
    const minutes = values.minutesSpent.trim();
    if (minutes !== '' && !(/^\d{1,4}$/.test(minutes) && Number(minutes) <= 1440)) err('minutesSpent', t('log.minutesInvalid'));
    return errors;
  };
}

function LogFields(props: { form: FormApi<LogValues>; plan: WorkPlan; period: WorkPeriodInfo; today: string }) {
  const { t, locale } = useWorkMessages();
  const { t: h } = useHelpMessages();
  const options = useTargetOptions(props.plan);
  const last = props.today < props.period.endDate ? props.today : props.period.endDate;
  return (
    <>
      <TextField help={h('help.log.date')}
        form={props.form}
        name="workDate"
        type="date"
        label={t('log.date')}
        hint={t('log.dateHint', { start: formatDay(props.period.startDate, locale), end: formatDay(last, locale) })}
        required
      />
      <SelectField form={props.form} name="target" label={t('log.target')} hint={t('log.targetHint')} help={h('help.log.target')} emptyLabel={t('log.targetChoose')} required options={options} />
      <TextField form={props.form} name="text" label={t('log.text')} help={h('help.log.text')} multiline rows={3} required />
      <div class="field-row">
        <TextField help={h('help.log.quantity')} form={props.form} name="quantity" label={t('log.quantity')} hint={t('log.quantityHint')} inputMode="decimal" />
        <TextField help={h('help.log.minutes')} form={props.form} name="minutesSpent" label={t('log.minutes')} hint={t('log.minutesHint')} inputMode="numeric" />
      </div>
    </>
  );
}

function mutationInput(plan: WorkPlan, values: LogValues) {
  return {
    ...linkOf(plan, values.target),
    workDate: values.workDate,
    text: values.text.trim(),
    quantity: amountValue(values.quantity),
    minutesSpent: values.minutesSpent.trim() === '' ? null : Number(values.minutesSpent),
  };
}

export function WorkLogSection(props: { plan: WorkPlan; period: WorkPeriodInfo; editable: boolean; today: string; initial: Entry[] }) {
  const { t, locale } = useWorkMessages();
  const [entries, setEntries] = useState<Entry[]>(props.initial);
  const byDay = new Map<string, Entry[]>();
  for (const entry of [...entries].sort((a, b) => (a.workDate < b.workDate ? 1 : a.workDate > b.workDate ? -1 : Number(b.id) - Number(a.id)))) {
    byDay.set(entry.workDate, [...(byDay.get(entry.workDate) ?? []), entry]);
  }
  return (
    <section class="card work-log" aria-labelledby="work-log-heading" data-testid="work-log">
      <h2 id="work-log-heading">{t('log.heading')}</h2>
      {props.editable ? (
        <NewEntryForm plan={props.plan} period={props.period} today={props.today} onAdded={(entry) => setEntries((list) => [entry, ...list])} />
      ) : null}
      {entries.length === 0 ? (
        <EmptyState testId="work-log-empty">
          <p>{props.editable ? t('log.emptyEditable') : t('log.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <p class="hint" data-testid="work-log-count">
            {t('log.count', { count: entries.length })}
          </p>
          {[...byDay.entries()].map(([day, list]) => (
            <div class="log-day" key={day}>
              <h3 class="log-day-heading">{formatDay(day, locale)}</h3>
              <ul class="log-list">
                {list.map((entry) => (
                  <EntryItem
                    key={entry.id}
                    entry={entry}
                    plan={props.plan}
                    period={props.period}
                    today={props.today}
                    editable={props.editable}
                    onChanged={(changed) => setEntries((all) => all.map((e) => (e.id === changed.id ? changed : e)))}
                    onDeleted={(id) => setEntries((all) => all.filter((e) => e.id !== id))}
                  />
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}

function defaultDate(period: WorkPeriodInfo, today: string): string {
  if (today < period.startDate) return period.startDate;
  return today > period.endDate ? period.endDate : today;
}

function NewEntryForm(props: { plan: WorkPlan; period: WorkPeriodInfo; today: string; onAdded: (entry: Entry) => void }) {
  const { t } = useWorkMessages();
  const validate = useLogValidation(props.period, props.today);
  const only = props.plan.workResults.length === 1 && props.plan.workResults[0] ? `rhk:${props.plan.workResults[0].id}` : '';
  const initial: LogValues = { workDate: defaultDate(props.period, props.today), target: only, text: '', quantity: '', minutesSpent: '' };
  const form = useForm({ id: 'work-log', initial, validate, fieldMap: { workResultId: 'target', indicatorId: 'target' } });
  return (
    <div class="log-new">
      <h3 id="work-log-form-heading">{t('log.formHeading')}</h3>
      <Form
        form={form}
        labelledBy="work-log-form-heading"
        onSubmit={(values) =>
          runMutation(AddWorkLogEntryDocument, { input: { planId: props.plan.id, ...mutationInput(props.plan, values) } }, (d) => d.createWorkLogEntry)
        }
        onSuccess={(entry, values) => {
          props.onAdded(entry);
          form.reset({ ...initial, workDate: values.workDate, target: values.target });
        }}
      >
        <LogFields form={form} plan={props.plan} period={props.period} today={props.today} />
        <SubmitButton form={form}>{t('log.submit')}</SubmitButton>
      </Form>
    </div>
  );
}

function EntryItem(props: {
  entry: Entry;
  plan: WorkPlan;
  period: WorkPeriodInfo;
  today: string;
  editable: boolean;
  onChanged: (entry: Entry) => void;
  onDeleted: (id: string) => void;
}) {
  const { t, locale } = useWorkMessages();
  const errorText = useErrorText();
  const { entry } = props;
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const where = props.plan.workResults.flatMap((w) => [
    ...(entry.indicatorId === null && w.id === entry.workResultId ? [`RHK ${w.ordinal}: ${w.text}`] : []),
    ...w.indicators.filter((i) => i.id === entry.indicatorId).map((i) => `RHK ${w.ordinal} › IKI: ${i.text}${i.targetUnit ? ` (${i.targetUnit})` : ''}`),
  ])[0];
  const short = entry.text.length > 60 ? `${entry.text.slice(0, 57)}…` : entry.text;
  const date = formatDay(entry.workDate, locale);
  if (mode === 'edit') {
    return (
      <li class="log-item" data-testid="work-log-entry" data-id={entry.id}>
        <EditEntryForm
          entry={entry}
          plan={props.plan}
          period={props.period}
          today={props.today}
          onDone={(changed) => {
            if (changed) props.onChanged(changed);
            setMode('view');
          }}
        />
      </li>
    );
  }
  const remove = async () => {
    setBusy(true);
    setFailure(null);
    const outcome = await runMutation(DeleteWorkLogEntryDocument, { id: entry.id }, (d) => d.deleteWorkLogEntry);
    setBusy(false);
    if (outcome.ok) props.onDeleted(entry.id);
    else setFailure(outcome.errors.map(errorText).join(' '));
  };
  return (
    <li class="log-item" data-testid="work-log-entry" data-id={entry.id}>
      <p class="log-text">{entry.text}</p>
      <p class="log-meta">
        {where ? <span>{where}</span> : null}
        {entry.quantity !== null ? <span>{t('log.quantityShown', { value: formatAmount(entry.quantity, locale) })}</span> : null}
        {entry.minutesSpent !== null ? <span>{t('log.minutesShown', { count: entry.minutesSpent })}</span> : null}
      </p>
      {failure ? (
        <p class="field-error" role="alert">
          {t('log.actionFailed', { message: failure })}
        </p>
      ) : null}
      {props.editable ? (
        mode === 'confirm-delete' ? (
          <div class="inline-confirm" role="group" aria-label={t('log.deleteConfirm')}>
            <span>{t('log.deleteConfirm')}</span>
            <button type="button" class="button button-small button-danger" disabled={busy} onClick={() => void remove()} data-testid="confirm-delete">
              {t('log.deleteYes')}
            </button>
            <button type="button" class="button button-small button-secondary" onClick={() => setMode('view')}>
              {t('log.cancel')}
            </button>
          </div>
        ) : (
          <div class="log-actions">
            <button type="button" class="button button-small button-secondary" aria-label={t('log.editLabel', { date, text: short })} onClick={() => setMode('edit')} data-testid="edit-entry">
              {t('log.edit')}
            </button>
            <button
              type="button"
              class="button button-small button-secondary"
              aria-label={t('log.deleteLabel', { date, text: short })}
              onClick={() => setMode('confirm-delete')}
              data-testid="delete-entry"
            >
              {t('log.delete')}
            </button>
          </div>
        )
      ) : null}
    </li>
  );
}

function EditEntryForm(props: { entry: Entry; plan: WorkPlan; period: WorkPeriodInfo; today: string; onDone: (changed: Entry | null) => void }) {
  const { t } = useWorkMessages();
  const validate = useLogValidation(props.period, props.today);
  const { entry } = props;
  const form = useForm({
    id: `edit-log-${entry.id}`,
    initial: {
      workDate: entry.workDate,
      target: targetOf(entry),
      text: entry.text,
      quantity: entry.quantity === null ? '' : trimAmount(entry.quantity),
      minutesSpent: entry.minutesSpent === null ? '' : String(entry.minutesSpent),
    },
    validate,
    fieldMap: { workResultId: 'target', indicatorId: 'target' },
  });
  const headingId = `edit-log-${entry.id}-heading`;
  return (
    <div class="log-edit">
      <h4 id={headingId}>{t('log.editHeading')}</h4>
      <Form
        form={form}
        labelledBy={headingId}
        onSubmit={(values) => runMutation(UpdateWorkLogEntryDocument, { input: { id: entry.id, ...mutationInput(props.plan, values) } }, (d) => d.updateWorkLogEntry)}
        onSuccess={(changed) => props.onDone(changed)}
      >
        <LogFields form={form} plan={props.plan} period={props.period} today={props.today} />
        <div class="form-actions-row">
          <SubmitButton form={form}>{t('log.save')}</SubmitButton>
          <button
            type="button"
            class="button button-secondary"
            onClick={() => {
              form.reset();
              props.onDone(null);
            }}
          >
            {t('log.cancel')}
          </button>
        </div>
      </Form>
    </div>
  );
}

/** "3.5000" → "3.5" (the API's Decimal keeps four places). */
export function trimAmount(raw: string): string {
  return raw.includes('.') ? raw.replace(/0+$/, '').replace(/\.$/, '') : raw;
}

export function formatAmount(raw: string, locale: string): string {
  const value = Number(raw);
  return Number.isFinite(value) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(value) : raw;
}
