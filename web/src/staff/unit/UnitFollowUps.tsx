/**
 * /portal/unit/tindak-lanjut (?unit=&tahun=): follow-up actions (rencana tindak lanjut) on the
 * survey results of the unit I manage — what is done, for which unsur, by when, and whether it is
 * done — beside the unit's IKM of the year and its weakest unsur. The unit must publish both
 * (PermenPANRB 14/2017); the public unit page shows these actions once a release is published.
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { EmptyState, PageHeading } from '../../components';
import type { SurveyUnsur } from '../../graphql/internal/types';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { formatDay } from '../messages';
import { portalPaths } from '../paths';
import { currentYear } from '../../lib/instansiTime';
import { Form, SelectField, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { CreateFollowUpDocument } from './CreateFollowUp.generated';
import { useUnitMessages } from './messages';
import { pickYear, UnitNav, UnitScope, type UnitChoice } from './scope';
import { UnitFollowUpsDocument, type UnitFollowUpsQuery } from './UnitFollowUps.generated';
import { UpdateFollowUpDocument } from './UpdateFollowUp.generated';
import './unit.css';

type FollowUp = UnitFollowUpsQuery['surveyFollowUps'][number];
type UnsurValue = UnitFollowUpsQuery['surveyIkm']['unsur'][number];
const UNSUR: readonly SurveyUnsur[] = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];
const MAX_ACTION = 2000;

export function UnitFollowUpsPage() {
  const { t } = useUnitMessages();
  return (
    <>
      <PageHeading>{t('fu.title')}</PageHeading>
      <UnitNav current="followUps" />
      <UnitScope action={portalPaths.unitFollowUps()}>{(unit) => <FollowUps unit={unit} />}</UnitScope>
    </>
  );
}

function FollowUps(props: { unit: UnitChoice }) {
  const { t, locale } = useUnitMessages();
  const { query: params } = useLocation();
  const year = pickYear(props.unit.years, params['tahun'])?.year ?? currentYear();
  const query = useStaffQuery(UnitFollowUpsDocument, { unitId: props.unit.id, year });
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string) => {
    setNotice(message);
    query.reload();
  };
  return (
    <>
      <p class="lead">{t('fu.lead', { unit: props.unit.name, year: String(year) })}</p>
      <div role="status" aria-live="polite" data-testid="follow-up-notice">
        {notice ? <p class="notice notice-info">{notice}</p> : null}
      </div>
      <QueryView query={query}>
        {(data) => {
          const unsurName = new Map<SurveyUnsur, string>(data.surveyIkm.unsur.map((u) => [u.unsur, u.name]));
          const ikm = data.surveyIkm;
          const weakest = ikm.unsur.filter((u) => u.nrr !== null && u.nrr !== undefined).sort((a, b) => Number(a.nrr) - Number(b.nrr))[0] as UnsurValue | undefined;
          const rows = [...data.surveyFollowUps].sort((a, b) => Number(a.done) - Number(b.done) || (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999'));
          const number = (value: unknown, digits: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(value));
          return (
            <>
              <p data-testid="follow-up-ikm">
                {ikm.converted === null || ikm.converted === undefined
                  ? t('fu.ikmNone', { year: String(year) })
                  : t('fu.ikm', { year: String(year), value: number(ikm.converted, 2), band: ikm.bandLabel ?? '', responses: ikm.responses })}
                {weakest ? ` ${t('fu.lowest', { name: weakest.name, nrr: number(weakest.nrr, 3) })}` : ''}
              </p>
              <section class="section" aria-labelledby="follow-up-list">
                <h2 id="follow-up-list">{t('fu.list')}</h2>
                {rows.length === 0 ? (
                  <EmptyState testId="follow-ups-empty">
                    <p>{t('fu.empty')}</p>
                  </EmptyState>
                ) : (
                  <div class="table-scroll unit-table" tabIndex={0} role="region" aria-labelledby="follow-up-caption">
                    <table class="data-table" data-testid="follow-up-table">
                      <caption id="follow-up-caption">{t('fu.caption', { year: String(year) })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('fu.col.action')}</th>
                          <th scope="col">{t('fu.col.unsur')}</th>
                          <th scope="col">{t('fu.col.date')}</th>
                          <th scope="col">{t('fu.col.status')}</th>
                          <th scope="col">{t('fu.col.change')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((f) => (
                          <FollowUpRow key={`${f.id}:${String(f.done)}`} followUp={f} unsurName={f.unsur ? (unsurName.get(f.unsur) ?? f.unsur) : t('fu.general')} onDone={done} />
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </section>
              <CreateForm unitId={props.unit.id} year={year} unsurName={unsurName} onDone={() => done(t('fu.created'))} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function FollowUpRow(props: { followUp: FollowUp; unsurName: string; onDone: (message: string) => void }) {
  const { t, locale } = useUnitMessages();
  const f = props.followUp;
  const form = useForm({ id: `follow-up-${f.id}`, initial: {}, draft: false });
  const short = f.action.length > 60 ? `${f.action.slice(0, 57)}…` : f.action;
  return (
    <tr data-testid="follow-up-row" data-id={f.id} data-done={String(f.done)}>
      <th scope="row" lang="id">
        {f.action}
      </th>
      <td>{f.unsur ? `${f.unsur} · ${props.unsurName}` : props.unsurName}</td>
      <td>{f.targetDate ? formatDay(f.targetDate, locale) : t('fu.noDate')}</td>
      <td data-testid="follow-up-status">{f.done ? t('fu.done') : t('fu.planned')}</td>
      <td>
        <Form
          form={form}
          class="form form-compact"
          onSubmit={() => runMutation(UpdateFollowUpDocument, { input: { id: f.id, done: !f.done } }, (d) => d.updateSurveyFollowUp)}
          onSuccess={() => props.onDone(t('fu.updated'))}
        >
          <div class="form-actions">
            <button type="submit" class="button button-secondary button-small" disabled={form.submitting} data-testid="follow-up-toggle">
              {f.done ? t('fu.markPlannedShort') : t('fu.markDoneShort')}
              <span class="visually-hidden">: {short}</span>
            </button>
          </div>
        </Form>
      </td>
    </tr>
  );
}

function CreateForm(props: { unitId: string; year: number; unsurName: Map<SurveyUnsur, string>; onDone: () => void }) {
  const { t } = useUnitMessages();
  const initial = { action: '', unsur: '', targetDate: '', done: '' };
  const form = useForm({
    id: 'follow-up-new',
    initial,
    validate: (v) => {
      const errors: FieldError[] = [];
      if (!v.action.trim()) errors.push({ field: 'action', message: t('svc.required', { label: t('fu.action') }), code: 'INVALID_INPUT' });
      else if (v.action.trim().length > MAX_ACTION) errors.push({ field: 'action', message: t('svc.tooLong', { label: t('fu.action'), max: MAX_ACTION }), code: 'INVALID_INPUT' });
      if (v.targetDate && !/^\d{4}-\d{2}-\d{2}$/.test(v.targetDate)) errors.push({ field: 'targetDate', message: t('fu.dateBad'), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  return (
    <section class="section card" aria-labelledby="follow-up-create" data-testid="follow-up-create">
      <h2 id="follow-up-create">{t('fu.create')}</h2>
      <Form
        form={form}
        labelledBy="follow-up-create"
        onSubmit={async (v) => {
          const created = await runMutation(
            CreateFollowUpDocument,
            { input: { unitId: props.unitId, year: props.year, action: v.action.trim(), unsur: (v.unsur || null) as SurveyUnsur | null, targetDate: v.targetDate || null } },
            (d) => d.createSurveyFollowUp,
          );
          // "Done" is a second step of the same record: the API creates actions as planned.
          if (created.ok && v.done === 'true') return runMutation(UpdateFollowUpDocument, { input: { id: created.result.id, done: true } }, (d) => d.updateSurveyFollowUp);
          return created;
        }}
        onSuccess={() => {
          form.reset(initial);
          props.onDone();
        }}
      >
        <TextField help={t('fu.help.action')} form={form} name="action" label={t('fu.action')} hint={t('fu.actionHint')} multiline rows={3} required />
        <SelectField help={t('fu.help.unsur')}
          form={form}
          name="unsur"
          label={t('fu.unsur')}
          emptyLabel={t('fu.unsurNone')}
          options={UNSUR.map((u) => ({ value: u, label: `${u} · ${props.unsurName.get(u) ?? u}` }))}
        />
        <TextField help={t('fu.help.date')} form={form} name="targetDate" type="date" label={t('fu.date')} />
        <SelectField help={t('fu.help.status')}
          form={form}
          name="done"
          label={t('fu.status')}
          required
          emptyLabel={t('fu.planned')}
          options={[{ value: 'true', label: t('fu.done') }]}
        />
        <SubmitButton form={form}>{t('fu.createSubmit')}</SubmitButton>
      </Form>
    </section>
  );
}
