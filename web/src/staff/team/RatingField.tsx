/**
 * A rating (di atas / sesuai / di bawah ekspektasi) as a group of radio buttons inside the form
 * layer: a <fieldset> whose legend names what is judged, errors between legend and choices
 * (linked with aria-describedby), the first radio carries the field id so the error summary's
 * link lands on the group.
 */
import type { ComponentChildren } from 'preact';
import { useErrorText, type FormApi, type FormValues } from '../ui/form';
import { HelpPanel, HelpToggle, useHelpToggle } from '../ui/help';
import { useTeamMessages } from './messages';
import { RATINGS } from './progress';

export function RatingField<V extends FormValues>(props: {
  form: FormApi<V>;
  name: keyof V & string;
  legend: ComponentChildren;
  hint?: ComponentChildren;
  /** Longer explanation behind a "?" button next to the legend (ui/help.tsx). */
  help?: string;
  testId?: string;
}) {
  const { form, name } = props;
  const { t } = useTeamMessages();
  const text = useErrorText();
  form.knownFields.add(name);
  const id = form.fieldId(name);
  const errors = form.errorsOf(name);
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const { open, toggle } = useHelpToggle();
  const helpId = `${id}-help`;
  return (
    <fieldset class={errors.length > 0 ? 'question question-invalid' : 'question'} data-testid={props.testId} aria-describedby={describedBy}>
      <legend>{props.legend}</legend>
      {props.help ? (
        <>
          <HelpToggle open={open} onToggle={toggle} controls={helpId} topic={typeof props.legend === 'string' ? props.legend : t('rating.helpTopic')} />
          <HelpPanel id={helpId} open={open}>
            <p>{props.help}</p>
          </HelpPanel>
        </>
      ) : null}
      {props.hint ? (
        <div id={hintId} class="hint">
          {props.hint}
        </div>
      ) : null}
      {errorId ? (
        <p id={errorId} class="field-error" data-testid={`error-${name}`}>
          {errors.map((e) => text(e)).join(' ')}
        </p>
      ) : null}
      <div class="choices">
        {RATINGS.map((rating, index) => (
          <label key={rating} class="choice">
            <input
              type="radio"
              id={index === 0 ? id : `${id}-${index}`}
              name={id}
              value={rating}
              checked={form.values[name] === rating}
              aria-invalid={errors.length > 0 ? 'true' : undefined}
              onChange={() => form.set(name, rating)}
            />
            {t(`rating.${rating}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
