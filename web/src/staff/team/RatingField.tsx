/**
 * A rating (di atas / sesuai / di bawah ekspektasi) as the form layer's RadioField: the three
 * ratings as its options, always required (no "opsional" mark). Everything else (fieldset,
 * legend with its "?", hint, errors, the first radio carrying the field id) is RadioField's.
 */
import type { ComponentChildren } from 'preact';
import { RadioField, type FormApi, type FormValues } from '../ui/form';
import { useTeamMessages } from './messages';
import { RATINGS } from './progress';

export function RatingField<V extends FormValues>(props: {
  form: FormApi<V>;
  name: keyof V & string;
  legend: string;
  hint?: ComponentChildren;
  /** Longer explanation behind a "?" button next to the legend (ui/help.tsx). */
  help?: string;
  testId?: string;
}) {
  const { t } = useTeamMessages();
  const options = RATINGS.map((rating) => ({ value: rating, label: t(`rating.${rating}`) }));
  return (
    <RadioField
      form={props.form}
      name={props.name}
      legend={props.legend}
      hint={props.hint}
      help={props.help}
      testId={props.testId}
      required
      options={options}
    />
  );
}
