/** The account forms' links: the employee who owns the account (search by name or NIP, one account
 * per person) and the managed unit of a unit manager (or the Kepala Daerah's root unit). Fields of
 * a `useForm` form: `employeeId` + `employeeLabel`, `managedUnitId`. */
import { useState } from 'preact/hooks';
import { staffRequest } from '../api';
import { SelectField, useErrorText, type FormApi, type FormValues } from '../ui/form';
import { AccountEmployeesDocument, type AccountEmployeesQuery } from './AccountEmployees.generated';
import type { AccountUnitsQuery } from './AccountUnits.generated';
import { useAccountMessages } from './messages';
import { LabelWithHelp } from '../ui/help';

type Candidate = AccountEmployeesQuery['accountEmployeeCandidates'][number];
export type Units = AccountUnitsQuery['units'];
type LinkValues = FormValues & { employeeId: string; employeeLabel: string };

/** "Name (NIP …)": what the form shows for the chosen employee. */
export function employeeLabel(name: string, nip: string): string {
  return `${name}\n${nip}`;
}

function splitLabel(label: string): { name: string; nip: string } {
  const [name = '', nip = ''] = label.split('\n');
  return { name, nip };
}

export function EmployeePicker<V extends LinkValues>(props: { form: FormApi<V>; idPrefix: string; accountLogin?: string }) {
  const { t } = useAccountMessages();
  const errorText = useErrorText();
  const { form, idPrefix } = props;
  form.knownFields.add('employeeId');
  const [text, setText] = useState('');
  const [state, setState] = useState<{ at: 'idle' } | { at: 'short' } | { at: 'searching' } | { at: 'failed' } | { at: 'found'; rows: Candidate[] }>({ at: 'idle' });
  const errors = form.errorsOf('employeeId' as keyof V & string);
  const errorId = `${idPrefix}-employee-error`;
  const chosen = form.values.employeeId ? splitLabel(form.values.employeeLabel) : null;

  const search = async () => {
    const term = text.trim();
    if (term.replace(/\s/g, '').length < 2) {
      setState({ at: 'short' });
      return;
    }
    setState({ at: 'searching' });
    try {
      const data = await staffRequest(AccountEmployeesDocument, { search: term.slice(0, 100) });
      setState({ at: 'found', rows: data.accountEmployeeCandidates });
    } catch {
      setState({ at: 'failed' });
    }
  };

  return (
    <fieldset
      class="field employee-picker"
      id={form.fieldId('employeeId' as keyof V & string)}
      tabIndex={-1}
      aria-describedby={`${idPrefix}-employee-hint${errors.length > 0 ? ` ${errorId}` : ''}`}
      data-testid="employee-picker"
    >
      <legend>
        {t('acc.employee')} <span class="field-optional">({t('acc.optional')})</span>
      </legend>
      <p id={`${idPrefix}-employee-hint`} class="hint">
        {t('acc.employeeHint')}
      </p>
      {errors.length > 0 ? (
        <p id={errorId} class="field-error" data-testid="error-employeeId">
          {errors.map((e) => errorText(e)).join(' ')}
        </p>
      ) : null}
      <p data-testid="employee-chosen" data-employee-id={form.values.employeeId}>
        {chosen ? t('acc.employeeChosen', chosen) : t('acc.employeeNoneChosen')}{' '}
        {chosen ? (
          <button type="button" class="button button-link" onClick={() => {
            form.set('employeeId' as keyof V & string, '');
            form.set('employeeLabel' as keyof V & string, '');
          }} data-testid="employee-clear">
            {t('acc.employeeClear')}
          </button>
        ) : null}
      </p>
      <div class="employee-search">
        <LabelWithHelp for={`${idPrefix}-employee-search`} topic={t('acc.employeeSearch')} help={t('acc.help.employee')}>
          {t('acc.employeeSearch')}
        </LabelWithHelp>
        <input
          id={`${idPrefix}-employee-search`}
          type="search"
          maxLength={100}
          value={text}
          autoComplete="off"
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            // Enter searches; it must not submit the account form around it.
            if (event.key === 'Enter') {
              event.preventDefault();
              void search();
            }
          }}
        />
        <button type="button" class="button button-secondary button-small" onClick={() => void search()} data-testid="employee-find">
          {t('acc.employeeFind')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {state.at === 'searching' ? <p>{t('acc.employeeSearching')}</p> : null}
        {state.at === 'short' ? <p class="field-error">{t('acc.employeeShort')}</p> : null}
        {state.at === 'failed' ? <p class="field-error">{t('acc.employeeError')}</p> : null}
        {state.at === 'found' && state.rows.length === 0 ? <p>{t('acc.employeeNone')}</p> : null}
      </div>
      {state.at === 'found' && state.rows.length > 0 ? (
        <ul class="employee-results" aria-label={t('acc.employeeResults')}>
          {state.rows.map((c) => {
            const takenByOther = c.accountLogin !== null && c.accountLogin !== props.accountLogin;
            return (
              <li key={c.id} data-testid="employee-candidate" data-nip={c.nip}>
                <span>
                  {c.name} <span class="nowrap">({c.nip})</span>
                  {takenByOther ? <span class="hint"> — {t('acc.employeeTaken', { login: c.accountLogin ?? '' })}</span> : null}
                </span>
                <button
                  type="button"
                  class="button button-secondary button-small"
                  disabled={takenByOther}
                  aria-label={t('acc.employeePickName', { name: c.name })}
                  onClick={() => {
                    form.set('employeeId' as keyof V & string, c.id);
                    form.set('employeeLabel' as keyof V & string, employeeLabel(c.name, c.nip));
                    setState({ at: 'idle' });
                    setText('');
                  }}
                >
                  {t('acc.employeePick')}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </fieldset>
  );
}

export function ManagedUnitField<V extends FormValues & { managedUnitId: string }>(props: { form: FormApi<V>; units: Units }) {
  const { t } = useAccountMessages();
  const options = [...props.units].sort((a, b) => a.name.localeCompare(b.name)).map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }));
  return <SelectField help={t('acc.help.unit')} form={props.form} name={'managedUnitId' as keyof V & string} label={t('acc.unit')} hint={t('acc.unitHint')} emptyLabel={t('acc.unitChoose')} options={options} />;
}
