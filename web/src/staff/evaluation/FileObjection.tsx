/**
 * /portal/penilaian/:evaluationId/keberatan: the pegawai files a keberatan against a set result,
 * inside the window (deadline shown, fixed on the record when the result was set). After the
 * deadline, or when one was already filed, the page says so instead of showing the form; the
 * server refuses too, and its error appears next to the field.
 */
import { useState } from 'preact/hooks';
import { PageHeading } from '../../components';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { Form, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { useDeadlineText, useEvaluationPeriod } from './common';
import { EvaluationDetailDocument, type EvaluationDetailQuery } from './EvaluationDetail.generated';
import { FileObjectionDocument, type FileObjectionMutation } from './FileObjection.generated';
import { useEvaluationMessages } from './messages';
import { useHelpMessages } from '../help/messages';

type Ev = NonNullable<EvaluationDetailQuery['evaluation']>;
type Filed = NonNullable<FileObjectionMutation['fileObjection']['result']>;

const MAX_REASONS = 4000;
const MAX_LINKS = 10;

export function FileObjectionPage({ params }: { params: { evaluationId: string } }) {
  const { t } = useEvaluationMessages();
  const query = useStaffQuery(EvaluationDetailDocument, { id: params.evaluationId });
  return (
    <>
      <PageHeading>{t('file.title')}</PageHeading>
      <p>
        <a href={portalPaths.evaluation(params.evaluationId)} class="back-link">
          {t('file.back')}
        </a>
      </p>
      <QueryView query={query}>
        {(data) =>
          data.evaluation === null ? (
            <div class="notice notice-error" role="alert" data-testid="evaluation-not-found">
              <p>{t('eval.notFound')}</p>
            </div>
          ) : (
            <Filing ev={data.evaluation} filed={data.objections.find((o) => o.evaluationId === data.evaluation?.id) ?? null} />
          )
        }
      </QueryView>
    </>
  );
}

function Filing(props: { ev: Ev; filed: EvaluationDetailQuery['objections'][number] | null }) {
  const { t } = useEvaluationMessages();
  const s = useStaffMessages();
  const { me } = useSession();
  const periodOf = useEvaluationPeriod();
  const deadline = useDeadlineText();
  const [done, setDone] = useState<Filed | null>(null);
  const { ev } = props;
  const what = `${s.t(`evaluationKind.${ev.kind}`)} ${periodOf(ev)}`;
  const mine = me.employee !== null && ev.plan?.employee?.id === me.employee.id;
  if (!mine) {
    return (
      <p class="notice notice-info" data-testid="not-mine">
        {t('eval.notMine', { name: ev.plan?.employee?.name ?? '—' })}
      </p>
    );
  }
  if (done !== null) {
    return (
      <div class="notice notice-info" role="status" data-testid="objection-filed">
        <p>{t('file.done', { date: deadline(done.decisionDeadline).date })}</p>
        <p>
          <a href={portalPaths.objection(done.id)}>{t('file.view')}</a>
        </p>
      </div>
    );
  }
  if (props.filed !== null) {
    return (
      <div class="notice notice-info" data-testid="objection-already">
        <p>{t('file.already')}</p>
        <p>
          <a href={portalPaths.objection(props.filed.id)}>{t('file.view')}</a>
        </p>
      </div>
    );
  }
  if (ev.status === 'DRAFT' || ev.objectionFilingDeadline === null) {
    return (
      <p class="notice notice-info" data-testid="objection-not-set">
        {t('file.notSet')}
      </p>
    );
  }
  const window = deadline(ev.objectionFilingDeadline);
  if (window.passed) {
    return (
      <div class="notice notice-warning" role="alert" data-testid="objection-closed">
        <p>{t('file.closed', { date: window.date })}</p>
      </div>
    );
  }
  return (
    <>
      <p>{t('file.about', { what, predicate: ev.predicate ? s.t(`predicate.${ev.predicate}`) : t('eval.noPredicate') })}</p>
      <p class="deadline" data-testid="filing-deadline" data-date={ev.objectionFilingDeadline}>
        <strong>{t('file.deadline', { date: window.date, left: window.left })}</strong>
      </p>
      <p>{t('file.decider')}</p>
      <ObjectionForm ev={ev} onFiled={setDone} />
    </>
  );
}

function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function ObjectionForm(props: { ev: Ev; onFiled: (filed: Filed) => void }) {
  const { t } = useEvaluationMessages();
  const { t: h } = useHelpMessages();
  const s = useStaffMessages();
  const form = useForm({
    id: 'file-objection',
    initial: { reasons: '', links: '' },
    fieldMap: { evidenceLinks: 'links' },
    validate: (v) => {
      const errors: FieldError[] = [];
      const reasons = v.reasons.trim();
      if (reasons === '') errors.push({ field: 'reasons', message: s.t('form.required', { label: t('file.reasons') }), code: 'INVALID_INPUT' });
      else if (reasons.length > MAX_REASONS)
        errors.push({ field: 'reasons', message: s.t('form.tooLong', { label: t('file.reasons'), max: String(MAX_REASONS) }), code: 'INVALID_INPUT' });
      const links = linesOf(v.links);
      if (links.length > MAX_LINKS) errors.push({ field: 'links', message: t('file.tooManyLinks'), code: 'INVALID_INPUT' });
      else if (links.some((l) => !/^https?:\/\/\S+$/i.test(l))) errors.push({ field: 'links', message: t('file.linkBad'), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  return (
    <Form
      form={form}
      onSubmit={(v) =>
        runMutation(
          FileObjectionDocument,
          { input: { evaluationId: props.ev.id, reasons: v.reasons, evidenceLinks: linesOf(v.links) } },
          (d) => d.fileObjection,
        )
      }
      onSuccess={(filed) => props.onFiled(filed)}
    >
      <TextField form={form} name="reasons" label={t('file.reasons')} hint={t('file.reasonsHint')} help={h('help.objection.reasons')} multiline rows={8} required />
      <TextField form={form} name="links" label={t('file.links')} hint={t('file.linksHint')} help={h('help.objection.links')} multiline rows={3} />
      <SubmitButton form={form}>{t('file.submit')}</SubmitButton>
    </Form>
  );
}
