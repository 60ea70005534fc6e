/**
 * /portal/dialog/:planId — the dialog kinerja notes of one SKP: read by whoever may read the SKP,
 * recorded by the employee or their Pejabat Penilai while the year is open (the server decides;
 * the form is offered to those two only).
 */
import { useState } from 'preact/hooks';
import { EmptyState, PageHeading } from '../../components';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { formatDateTime, formatDay, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { Form, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import type { DialogueFieldsFragment } from './DialogueFields.generated';
import { PlanDialoguesDocument, type PlanDialoguesQuery } from './PlanDialogues.generated';
import { RecordDialogueDocument } from './RecordDialogue.generated';
import { useDialogueMessages } from './messages';
import '../work/work.css';
import { useHelpMessages } from '../help/messages';
import { Help } from '../ui/help';

type Dialogue = DialogueFieldsFragment;
type Plan = NonNullable<PlanDialoguesQuery['plan']>;

export function DialoguesPage({ params }: { params: { planId?: string } }) {
  const { t } = useDialogueMessages();
  const planId = params.planId !== undefined && /^\d{1,18}$/.test(params.planId) ? params.planId : null;
  const query = useStaffQuery(PlanDialoguesDocument, { planId: planId ?? '0' });
  const plan = query.status === 'success' ? query.data.plan : null;
  return (
    <>
      <PageHeading>{plan?.employee ? t('dlg.titleOf', { year: String(plan.year.year), name: plan.employee.name }) : t('dlg.title')}</PageHeading>
      <p class="lead">{t('dlg.intro')}</p>
      {planId === null ? (
        <EmptyState testId="dialogue-invalid">
          <p>{t('dlg.invalid')}</p>
        </EmptyState>
      ) : (
        <QueryView query={query}>
          {(data) =>
            data.plan === null ? (
              <EmptyState testId="dialogue-not-found">
                <p>{t('dlg.notFound')}</p>
              </EmptyState>
            ) : (
              <DialogueScreen plan={data.plan} initial={data.planDialogues} today={data.myAgenda.today} />
            )
          }
        </QueryView>
      )}
    </>
  );
}

function DialogueScreen(props: { plan: Plan; initial: Dialogue[]; today: string }) {
  const { t, locale } = useDialogueMessages();
  const { me } = useSession();
  const [items, setItems] = useState<Dialogue[]>(props.initial);
  const myId = me.employee?.id ?? null;
  const isOwner = myId !== null && myId === props.plan.employee?.id;
  const isAssessor = myId !== null && myId === props.plan.assessor?.id;
  const open = props.plan.year.status !== 'DITUTUP';
  return (
    <>
      {isOwner ? (
        <p>
          <a href={portalPaths.currentWork()}>{t('dlg.back')}</a>
        </p>
      ) : null}
      {(isOwner || isAssessor) && open ? (
        <section class="card" aria-labelledby="dialogue-form-heading">
          <h2 id="dialogue-form-heading">{t('dlg.formHeading')}</h2>
          <DialogueForm plan={props.plan} today={props.today} onAdded={(d) => setItems((all) => [d, ...all])} />
        </section>
      ) : (
        <p class="notice notice-info" data-testid="dialogue-read-only">
          {t('dlg.readOnly', { year: String(props.plan.year.year) })}
        </p>
      )}
      <section aria-labelledby="dialogue-list-heading" data-testid="dialogues">
        <h2 id="dialogue-list-heading">{t('dlg.listHeading')}</h2>
        {items.length === 0 ? (
          <EmptyState testId="dialogues-empty">
            <p>{t('dlg.empty')}</p>
          </EmptyState>
        ) : (
          <ul class="dialogue-list">
            {items.map((d) => (
              <li key={d.id} class="dialogue" data-testid="dialogue">
                <h3>{t('dlg.heldOn', { date: formatDay(d.heldOn, locale) })}</h3>
                <p>{d.summary}</p>
                {d.followUps ? (
                  <p>
                    <strong>{t('dlg.followUps')}:</strong> {d.followUps}
                  </p>
                ) : null}
                <p class="hint">{t('dlg.participants', { names: [...d.participants.map((p) => p.name), ...d.guestNames].join(', ') })}</p>
                <p class="hint">{t('dlg.recordedBy', { name: d.recordedBy?.name ?? '—', date: formatDateTime(d.createdAt, locale) })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function DialogueForm(props: { plan: Plan; today: string; onAdded: (d: Dialogue) => void }) {
  const { t } = useDialogueMessages();
  const { t: h } = useHelpMessages();
  const staff = useStaffMessages();
  const [both, setBoth] = useState(true);
  const form = useForm({
    id: 'dialogue',
    initial: { heldOn: props.today, summaryText: '', followUps: '', guestNames: '' },
    // Not `summary`: its error hook would be `error-summary`, the id of the form's error list.
    fieldMap: { summary: 'summaryText' },
    validate: (values): FieldError[] => {
      const errors: FieldError[] = [];
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.heldOn) || values.heldOn > props.today) errors.push({ field: 'heldOn', message: t('dlg.dateInvalid'), code: 'INVALID_INPUT' });
      if (values.summaryText.trim() === '') errors.push({ field: 'summaryText', message: staff.t('form.required', { label: t('dlg.summary') }), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  const participants = [props.plan.employee?.id, props.plan.assessor?.id].filter((id): id is string => typeof id === 'string');
  return (
    <Form
      form={form}
      labelledBy="dialogue-form-heading"
      onSubmit={(values) =>
        runMutation(
          RecordDialogueDocument,
          {
            input: {
              planId: props.plan.id,
              heldOn: values.heldOn,
              summary: values.summaryText.trim(),
              followUps: values.followUps.trim() === '' ? null : values.followUps.trim(),
              participantIds: both ? participants : [],
              guestNames: values.guestNames
                .split(',')
                .map((n) => n.trim())
                .filter((n) => n !== ''),
            },
          },
          (d) => d.recordPerformanceDialogue,
        )
      }
      onSuccess={(added) => {
        props.onAdded(added);
        form.reset();
      }}
    >
      <TextField help={h('help.dialogue.date')} form={form} name="heldOn" type="date" label={t('dlg.date')} required />
      <TextField form={form} name="summaryText" label={t('dlg.summary')} hint={t('dlg.summaryHint')} help={h('help.dialogue.summary')} multiline rows={4} required />
      <TextField form={form} name="followUps" label={t('dlg.followUpsField')} help={h('help.dialogue.followUps')} multiline rows={3} />
      <div class="field field-check">
        <input id="dialogue-both" type="checkbox" checked={both} onChange={(e) => setBoth(e.currentTarget.checked)} />
        <label for="dialogue-both">{t('dlg.both')}</label>
      </div>
      <Help id="dialogue-both-help" topic={t('dlg.both')}>
        <p>{h('help.dialogue.both')}</p>
      </Help>
      <TextField help={h('help.dialogue.guests')} form={form} name="guestNames" label={t('dlg.guests')} hint={t('dlg.guestsHint')} />
      <SubmitButton form={form}>{t('dlg.submit')}</SubmitButton>
    </Form>
  );
}
