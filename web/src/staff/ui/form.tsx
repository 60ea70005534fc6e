/**
 * The form layer of the staff screens: one way to edit, validate, submit and show errors.
 *
 *   const form = useForm({ id: 'reject-plan', initial: { reason: '' }, validate });
 *   <Form form={form} onSubmit={(v) => runMutation(RejectPlanDocument, { …, reason: v.reason }, (d) => d.rejectPlan)}
 *         onSuccess={() => …}>
 *     <TextField form={form} name="reason" label={t('…')} multiline required />
 *     <SubmitButton form={form}>{t('…')}</SubmitButton>
 *   </Form>
 *
 * - Errors from the API (`errors { field message code }`) appear next to the field the server
 *   named (`fieldMap` renames, e.g. `evidenceLinks` → `links`), linked with `aria-describedby` and
 *   `aria-invalid`; every error is also listed in a summary at the top that takes focus after a
 *   failed submit (its links move focus to the field).
 * - Values are kept as a draft in sessionStorage (page path + form id) while they differ from
 *   the initial values: a session that expires mid-form loses nothing, and the form restores
 *   the draft when the person comes back after login.
 * - Leaving with unsaved changes asks first (links, back/forward, reload, closing the tab).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { clearDraft, draftKey, readDraft, writeDraft } from '../../lib/drafts';
import { useUnsavedChanges } from '../../lib/navigation';
import type { FieldError, MutationOutcome } from '../api';
import { useStaffMessages } from '../messages';
import { HelpPanel, HelpToggle, useHelpToggle } from './help';

export type FormValues = Record<string, string>;

export interface FormOptions<V extends FormValues> {
  /** Unique on the page: the prefix of every field id and the draft's key. */
  id: string;
  initial: V;
  /** Client-side checks, in the server's error shape (run before anything is sent). */
  validate?: (values: V) => FieldError[];
  /** Server field name → form field, where they differ. */
  fieldMap?: Record<string, keyof V & string>;
  /** Keep a sessionStorage draft (default true). */
  draft?: boolean;
}

export interface FormApi<V extends FormValues> {
  id: string;
  values: V;
  set: (name: keyof V & string, value: string) => void;
  errors: FieldError[];
  /** The errors shown next to one field. */
  errorsOf: (name: keyof V & string) => FieldError[];
  /** The form field an error belongs to, or null (shown in the summary only). */
  fieldOf: (error: FieldError) => (keyof V & string) | null;
  fieldId: (name: keyof V & string) => string;
  dirty: boolean;
  submitting: boolean;
  /** The values came from a draft (shown as a notice). */
  restored: boolean;
  /** "Tersimpan." after a successful submit, until the next edit. */
  saved: boolean;
  /** Back to `values` (default: the initial values); the draft is dropped. */
  reset: (values?: V) => void;
  /** Internal: used by <Form>. */
  handleSubmit: <T>(action: (values: V) => Promise<MutationOutcome<T>>, onSuccess?: (result: T, values: V) => void) => Promise<void>;
  summaryRef: { current: HTMLDivElement | null };
  knownFields: Set<string>;
}

function same(a: FormValues, b: FormValues): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if ((a[key] ?? '') !== (b[key] ?? '')) return false;
  return true;
}

export function useForm<V extends FormValues>(options: FormOptions<V>): FormApi<V> {
  const { t } = useStaffMessages();
  const useDraft = options.draft ?? true;
  const key = useMemo(() => draftKey(options.id), [options.id]);
  const [base, setBase] = useState<V>(options.initial);
  const [state, setState] = useState(() => {
    const draft = useDraft ? readDraft<Record<string, unknown>>(key) : null;
    const restoredValues = draft ? ({ ...options.initial, ...pickStrings(draft, options.initial) } as V) : null;
    const restored = restoredValues !== null && !same(restoredValues, options.initial);
    return { values: restored && restoredValues ? restoredValues : options.initial, restored };
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [saved, setSaved] = useState(false);
  const summaryRef = useRef<HTMLDivElement | null>(null);
  const knownFields = useRef(new Set<string>()).current;
  const dirty = !same(state.values, base);

  // Leaving on purpose ("leave and lose the changes") drops the draft too; an expired session
  // leaves without asking and keeps it.
  const discarded = useRef(false);
  useUnsavedChanges(dirty, t('form.unsaved'), () => {
    discarded.current = true;
    clearDraft(key);
  });

  useEffect(() => {
    if (!useDraft || discarded.current) return;
    if (dirty) writeDraft(key, state.values);
    else clearDraft(key);
  }, [useDraft, dirty, key, state.values]);

  const fieldOf = (error: FieldError): (keyof V & string) | null => {
    if (error.field === null) return null;
    const mapped = options.fieldMap?.[error.field] ?? error.field.replace(/^input\./, '');
    return knownFields.has(mapped) ? (mapped as keyof V & string) : null;
  };

  const api: FormApi<V> = {
    id: options.id,
    values: state.values,
    set: (name, value) => {
      discarded.current = false;
      setState((s) => ({ ...s, values: { ...s.values, [name]: value } }));
      setSaved(false);
    },
    errors,
    errorsOf: (name) => errors.filter((e) => fieldOf(e) === name),
    fieldOf,
    fieldId: (name) => `${options.id}-${name}`,
    dirty,
    submitting,
    restored: state.restored,
    saved,
    reset: (values) => {
      const next = values ?? options.initial;
      setBase(next);
      setState({ values: next, restored: false });
      setErrors([]);
      clearDraft(key);
    },
    summaryRef,
    knownFields,
    handleSubmit: async (action, onSuccess) => {
      if (submitting) return;
      setSaved(false);
      const local = options.validate?.(state.values) ?? [];
      if (local.length > 0) {
        setErrors(local.map((e) => ({ ...e, local: true })));
        focusSoon(summaryRef);
        return;
      }
      setSubmitting(true);
      setErrors([]);
      const outcome = await action(state.values);
      setSubmitting(false);
      if (outcome.ok) {
        const values = state.values;
        clearDraft(key);
        setBase(values);
        setState({ values, restored: false });
        setSaved(true);
        onSuccess?.(outcome.result, values);
        return;
      }
      if (outcome.errors.some((e) => e.code === 'UNAUTHENTICATED')) return; // off to the login page; the draft stays
      setErrors(outcome.errors);
      focusSoon(summaryRef);
    },
  };
  return api;
}

/** Only the draft's string values of fields the form has (a stale draft may hold others). */
function pickStrings(draft: Record<string, unknown>, shape: FormValues): FormValues {
  const out: FormValues = {};
  for (const name of Object.keys(shape)) {
    const value = draft[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

function focusSoon(ref: { current: HTMLElement | null }): void {
  // After the summary has rendered.
  window.setTimeout(() => ref.current?.focus(), 0);
}

/** The text of one error in the interface language (server texts are Indonesian). */
export function useErrorText(): (error: FieldError) => string {
  const { t, lang } = useStaffMessages();
  return (error) => {
    if (error.code === 'NETWORK') return t('form.networkError');
    if (error.code === 'UNKNOWN' || error.code === 'UNAUTHENTICATED') return error.message || t('form.unknownError');
    if (lang === 'id' || error.local) return error.message || t(`form.code.${error.code}`);
    return error.message ? `${t(`form.code.${error.code}`)} ${t('form.serverMessage', { message: error.message })}` : t(`form.code.${error.code}`);
  };
}

export function Form<V extends FormValues, T>(props: {
  form: FormApi<V>;
  onSubmit: (values: V) => Promise<MutationOutcome<T>>;
  onSuccess?: (result: T, values: V) => void;
  class?: string;
  /** Accessible name of the form (a heading id). */
  labelledBy?: string;
  children: ComponentChildren;
}) {
  const { form } = props;
  const { t } = useStaffMessages();
  return (
    <form
      class={props.class ?? 'form'}
      noValidate
      aria-labelledby={props.labelledBy}
      data-form-id={form.id}
      onSubmit={(event) => {
        event.preventDefault();
        void form.handleSubmit(props.onSubmit, props.onSuccess);
      }}
    >
      {form.restored ? (
        <div class="notice notice-info" role="status" data-testid="draft-restored">
          <p>{t('form.restored')}</p>
          <button type="button" class="button button-link" onClick={() => form.reset()}>
            {t('form.discardDraft')}
          </button>
        </div>
      ) : null}
      <ErrorSummary form={form} />
      {props.children}
    </form>
  );
}

function ErrorSummary<V extends FormValues>(props: { form: FormApi<V> }) {
  const { form } = props;
  const { t } = useStaffMessages();
  const text = useErrorText();
  const visible = form.errors.length > 0;
  return (
    <div
      ref={(el) => {
        form.summaryRef.current = el;
      }}
      tabIndex={-1} class={visible ? 'error-summary' : 'visually-hidden'} data-testid={visible ? 'error-summary' : undefined}>
      {visible ? (
        <>
          <p class="error-summary-title">{t('form.summaryTitle')}</p>
          <ul>
            {form.errors.map((error, index) => {
              const field = form.fieldOf(error);
              return (
                <li key={index}>
                  {field !== null ? (
                    <a
                      href={`#${form.fieldId(field)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        document.getElementById(form.fieldId(field))?.focus();
                      }}
                    >
                      {text(error)}
                    </a>
                  ) : (
                    text(error)
                  )}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** A field's label, with the "?" that opens its help (outside the <label>: no button inside a label). */
/**
 * What every field of the form layer derives from its name: its id, its errors and the ids of
 * its hint and error text, joined for `aria-describedby`. Registers the field with the form.
 */
function useField<V extends FormValues>(form: FormApi<V>, name: keyof V & string, hasHint: boolean) {
  form.knownFields.add(name);
  const id = form.fieldId(name);
  const errors = form.errorsOf(name);
  const hintId = hasHint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, errors, invalid: errors.length > 0, hintId, errorId, describedBy };
}

/** A field's hint (a plain text in a <p>, richer content in a <div>) and then its errors. */
function FieldNotes(props: { name: string; hint?: ComponentChildren; hintId?: string; errorId?: string; errors: FieldError[] }) {
  const text = useErrorText();
  return (
    <>
      {typeof props.hint === 'string' ? (
        <p id={props.hintId} class="hint">
          {props.hint}
        </p>
      ) : props.hint ? (
        <div id={props.hintId} class="hint">
          {props.hint}
        </div>
      ) : null}
      {props.errorId ? (
        <p id={props.errorId} class="field-error" data-testid={`error-${props.name}`}>
          {props.errors.map((e) => text(e)).join(' ')}
        </p>
      ) : null}
    </>
  );
}

function FieldLabel(props: { id: string; label: string; required?: boolean; help?: string }) {
  const { t } = useStaffMessages();
  const { open, toggle } = useHelpToggle();
  const label = (
    <label for={props.id}>
      {props.label}
      {props.required ? null : <span class="field-optional"> ({t('form.optional')})</span>}
    </label>
  );
  if (!props.help) return label;
  const helpId = `${props.id}-help`;
  return (
    <>
      <div class="field-label-row">
        {label}
        <HelpToggle open={open} onToggle={toggle} controls={helpId} topic={props.label} />
      </div>
      <HelpPanel id={helpId} open={open}>
        <p>{props.help}</p>
      </HelpPanel>
    </>
  );
}

/**
 * A labelled text input (or textarea with `multiline`): hint and errors are linked with
 * `aria-describedby`, `aria-invalid` is set while it has an error.
 */
export function TextField<V extends FormValues>(
  props: {
    form: FormApi<V>;
    name: keyof V & string;
    label: string;
    hint?: string;
    /** Longer explanation behind a "?" button next to the label (ui/help.tsx). */
    help?: string;
    multiline?: boolean;
    rows?: number;
    required?: boolean;
    type?: 'text' | 'email' | 'url' | 'date' | 'number' | 'password';
    inputMode?: 'text' | 'numeric' | 'decimal' | 'email' | 'url';
    autoComplete?: string;
    maxLength?: number;
    /** Bounds of a date field (the browser's date picker offers only days inside). */
    min?: string;
    max?: string;
  },
) {
  const { form, name, label, hint, multiline, rows, required } = props;
  const { id, errors, invalid, hintId, errorId, describedBy } = useField(form, name, Boolean(hint));
  const common = {
    id,
    name,
    value: form.values[name] ?? '',
    required,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div class={invalid ? 'field field-invalid' : 'field'}>
      <FieldLabel id={id} label={label} required={required} help={props.help} />
      <FieldNotes name={name} hint={hint} hintId={hintId} errorId={errorId} errors={errors} />
      {multiline ? (
        <textarea {...common} rows={rows ?? 4} onInput={(event) => form.set(name, event.currentTarget.value)} />
      ) : (
        <input
          type={(props.type ?? 'text') as 'text'}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete}
          maxLength={props.maxLength}
          min={props.min}
          max={props.max}
          {...common}
          onInput={(event) => form.set(name, event.currentTarget.value)}
        />
      )}
    </div>
  );
}

/**
 * One choice of a few as radio buttons in a <fieldset> (e.g. a rating): the legend names it, the
 * "?" of its help sits in the legend but not in the group's name (aria-labelledby), errors come
 * between legend and choices, and the first radio carries the field id so the error summary's
 * link lands on the group.
 */
export function RadioField<V extends FormValues>(props: {
  form: FormApi<V>;
  name: keyof V & string;
  legend: string;
  /** A plain text, or richer content (paragraphs, a <details>), shown under the legend. */
  hint?: ComponentChildren;
  /** Longer explanation behind a "?" button next to the legend (ui/help.tsx). */
  help?: string;
  required?: boolean;
  options: ReadonlyArray<{ value: string; label: string }>;
  testId?: string;
}) {
  const { form, name } = props;
  const { t } = useStaffMessages();
  const { open, toggle } = useHelpToggle();
  const { id, errors, invalid, hintId, errorId, describedBy } = useField(form, name, Boolean(props.hint));
  const legendId = `${id}-legend`;
  const helpId = `${id}-help`;
  return (
    <fieldset
      class={invalid ? 'question question-invalid' : 'question'}
      aria-labelledby={legendId}
      aria-describedby={describedBy}
      data-testid={props.testId}
    >
      <legend>
        <span class="field-label-row">
          <span id={legendId}>
            {props.legend}
            {props.required ? null : <span class="field-optional"> ({t('form.optional')})</span>}
          </span>
          {props.help ? <HelpToggle open={open} onToggle={toggle} controls={helpId} topic={props.legend} /> : null}
        </span>
      </legend>
      {props.help ? (
        <HelpPanel id={helpId} open={open}>
          <p>{props.help}</p>
        </HelpPanel>
      ) : null}
      <FieldNotes name={name} hint={props.hint} hintId={hintId} errorId={errorId} errors={errors} />
      <div class="choices">
        {props.options.map((option, index) => (
          <label key={option.value} class="choice">
            <input
              type="radio"
              id={index === 0 ? id : `${id}-${index}`}
              name={id}
              value={option.value}
              checked={form.values[name] === option.value}
              aria-invalid={invalid ? 'true' : undefined}
              onChange={() => form.set(name, option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function SubmitButton<V extends FormValues>(props: { form: FormApi<V>; children: ComponentChildren }) {
  const { t } = useStaffMessages();
  return (
    <div class="form-actions">
      <button type="submit" class="button button-primary" disabled={props.form.submitting}>
        {props.children}
      </button>
      <span class="form-progress" role="status">
        {props.form.submitting ? t('form.saving') : props.form.saved ? t('form.saved') : ''}
      </span>
    </div>
  );
}

/** A labelled <select>; the first option is an empty "choose…" entry unless `required` is false and `emptyLabel` absent. */
export function SelectField<V extends FormValues>(props: {
  form: FormApi<V>;
  name: keyof V & string;
  label: string;
  hint?: string;
  /** Longer explanation behind a "?" button next to the label (ui/help.tsx). */
  help?: string;
  required?: boolean;
  emptyLabel: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const { form, name, label, hint, required } = props;
  const { id, errors, invalid, hintId, errorId, describedBy } = useField(form, name, Boolean(hint));
  return (
    <div class={invalid ? 'field field-invalid' : 'field'}>
      <FieldLabel id={id} label={label} required={required} help={props.help} />
      <FieldNotes name={name} hint={hint} hintId={hintId} errorId={errorId} errors={errors} />
      <select
        id={id}
        name={name}
        required={required}
        value={form.values[name] ?? ''}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy}
        onChange={(event) => form.set(name, event.currentTarget.value)}
      >
        <option value="">{props.emptyLabel}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
