/**
 * Editing my SKP's content while it is a draft (DRAFT, DITOLAK, REVISI_DRAFT): RHK with the RHK
 * of my Pejabat Penilai they intervene (a JPT: the unit's organisation goal), their IKI with
 * aspect, target and unit, and the lampiran. Every change is one mutation with the plan's
 * version; afterwards the screen refreshes its data in place.
 */
import { useState } from 'preact/hooks';
import type { IndicatorAspect, Perspective, WorkResultKind } from '../../graphql/internal/types';
import type { FieldError } from '../api';
import { runMutation } from '../api';
import { useStaffMessages } from '../messages';
import { Form, SelectField, SubmitButton, TextField, useForm } from '../ui/form';
import { AddIndicatorDocument } from './AddIndicator.generated';
import { AddWorkResultDocument } from './AddWorkResult.generated';
import { DeleteIndicatorDocument } from './DeleteIndicator.generated';
import { DeleteWorkResultDocument } from './DeleteWorkResult.generated';
import { useSkpMessages } from './messages';
import { ActionButton, Card, decimalOf } from './parts';
import type { PlanFieldsFragment } from './PlanFields.generated';
import { targetText } from './planData';
import { UpdateIndicatorDocument } from './UpdateIndicator.generated';
import { UpdatePlanDocument } from './UpdatePlan.generated';
import { UpdateWorkResultDocument } from './UpdateWorkResult.generated';
import { useHelpMessages } from '../help/messages';

type Plan = PlanFieldsFragment;
type WorkResult = Plan['workResults'][number];
type Indicator = WorkResult['indicators'][number];

/** What an RHK can hang on: my assessor's RHKs, or (JPT) my unit's organisation goals. */
export interface LinkOptions {
  jpt: boolean;
  options: ReadonlyArray<{ value: string; label: string }>;
}

const ASPECTS: IndicatorAspect[] = ['KUANTITAS', 'KUALITAS', 'WAKTU', 'BIAYA'];
const PERSPECTIVES: Perspective[] = ['PENERIMA_LAYANAN', 'PROSES_BISNIS', 'PENGUATAN_INTERNAL', 'ANGGARAN'];
const KINDS: WorkResultKind[] = ['UTAMA', 'TAMBAHAN'];

export function PlanEditor(props: { plan: Plan; links: LinkOptions; refresh: () => Promise<void> }) {
  const { t } = useSkpMessages();
  const { plan } = props;
  return (
    <>
      <Card id="rhk" title={t('rhk.heading')} class="no-print" testId="rhk-editor">
        {plan.workResults.length === 0 ? <p data-testid="rhk-none">{t('rhk.none')}</p> : null}
        <ol class="rhk-list">
          {plan.workResults.map((r, index) => (
            <RhkItem key={r.id} plan={plan} result={r} number={index + 1} links={props.links} refresh={props.refresh} />
          ))}
        </ol>
        <section class="subsection" aria-labelledby="rhk-new-heading">
          <h3 id="rhk-new-heading">{t('rhk.new')}</h3>
          <RhkForm plan={plan} links={props.links} refresh={props.refresh} />
        </section>
      </Card>
      <LampiranForm plan={plan} refresh={props.refresh} />
    </>
  );
}

function linkText(r: WorkResult, t: ReturnType<typeof useSkpMessages>['t']): string | null {
  if (r.orgGoal) return t('rhk.refersTo', { text: r.orgGoal.text });
  if (r.parent) return t('rhk.intervenes', { text: r.parent.ownerName ? `${r.parent.text} (${r.parent.ownerName})` : r.parent.text });
  return null;
}

function RhkItem(props: { plan: Plan; result: WorkResult; number: number; links: LinkOptions; refresh: () => Promise<void> }) {
  const { t } = useSkpMessages();
  const { plan, result: r, number } = props;
  const [editing, setEditing] = useState(false);
  const link = linkText(r, t);
  return (
    <li class="rhk-item" data-testid="rhk-item" data-rhk-id={r.id}>
      <h3 class="rhk-title">
        {t('rhk.item', { number })} <span class="badge">{t(`kind.${r.kind}`)}</span>
      </h3>
      {editing ? (
        <RhkForm plan={plan} result={r} links={props.links} refresh={props.refresh} onDone={() => setEditing(false)} />
      ) : (
        <>
          <p class="rhk-text" data-testid="rhk-text">
            {r.text}
          </p>
          {link ? <p class="rhk-link">{link}</p> : null}
          <div class="button-row">
            <button type="button" class="button button-secondary button-small" onClick={() => setEditing(true)} aria-label={t('rhk.edit', { number })}>
              {t('common.edit')}
            </button>
            <ActionButton
              id={`rhk-delete-${r.id}`}
              label={t('common.delete')}
              small
              testId="rhk-delete"
              confirm={{ question: t('rhk.deleteConfirm', { number }), yes: t('rhk.deleteYes'), no: t('common.cancel') }}
              run={() => runMutation(DeleteWorkResultDocument, { id: r.id, expectedVersion: plan.version }, (d) => d.deleteWorkResult)}
              onDone={props.refresh}
            />
          </div>
        </>
      )}
      <div class="iki-block">
        <h4>{t('iki.heading')}</h4>
        {r.indicators.length === 0 ? <p class="muted">{t('iki.none')}</p> : null}
        <ul class="iki-list">
          {r.indicators.map((i) => (
            <IkiItem key={i.id} plan={plan} indicator={i} jpt={props.links.jpt} refresh={props.refresh} />
          ))}
        </ul>
        <details class="iki-new">
          <summary>{t('iki.new', { number })}</summary>
          <IkiForm plan={plan} workResultId={r.id} jpt={props.links.jpt} refresh={props.refresh} />
        </details>
      </div>
    </li>
  );
}

function RhkForm(props: { plan: Plan; result?: WorkResult; links: LinkOptions; refresh: () => Promise<void>; onDone?: () => void }) {
  const { t } = useSkpMessages();
  const { t: h } = useHelpMessages();
  const staff = useStaffMessages();
  const { plan, result, links } = props;
  const empty = { text: '', kind: 'UTAMA', link: '' };
  const initial = result ? { text: result.text, kind: result.kind, link: (links.jpt ? result.orgGoal?.id : result.parent?.id) ?? '' } : empty;
  const linkLabel = links.jpt ? t('rhk.goal') : t('rhk.parent');
  const form = useForm({
    id: result ? `rhk-${result.id}` : 'rhk-new',
    initial,
    fieldMap: { parentId: 'link', orgGoalId: 'link', input: 'text' },
    validate: (v) => {
      const errors: FieldError[] = [];
      if (!v.text.trim()) errors.push({ field: 'text', message: staff.t('form.required', { label: t('rhk.text') }), code: 'INVALID_INPUT' });
      if (!v.kind) errors.push({ field: 'kind', message: staff.t('form.required', { label: t('rhk.kind') }), code: 'INVALID_INPUT' });
      if (!v.link) errors.push({ field: 'link', message: staff.t('form.required', { label: linkLabel }), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  const noOptions = links.options.length === 0;
  return (
    <Form
      form={form}
      onSubmit={(v) => {
        const kind = v.kind as WorkResultKind;
        const link = links.jpt ? { orgGoalId: v.link } : { parentId: v.link };
        return result
          ? runMutation(
              UpdateWorkResultDocument,
              { input: { id: result.id, expectedVersion: plan.version, kind, text: v.text, ...link } },
              (d) => d.updateWorkResult,
            )
          : runMutation(AddWorkResultDocument, { input: { planId: plan.id, expectedVersion: plan.version, kind, text: v.text, ...link } }, (d) => d.addWorkResult);
      }}
      onSuccess={() => {
        if (!result) form.reset(empty);
        props.onDone?.();
        void props.refresh();
      }}
    >
      <TextField form={form} name="text" label={t('rhk.text')} hint={t('rhk.textHint')} help={h('help.rhk.text')} multiline rows={3} required maxLength={1000} />
      <SelectField
        form={form}
        name="kind"
        label={t('rhk.kind')}
        help={h('help.rhk.kind')}
        required
        emptyLabel={t('rhk.kindChoose')}
        options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      />
      {noOptions ? (
        <p class="notice notice-warning" data-testid="link-none">
          {links.jpt ? t('rhk.goalNone', { year: String(plan.year.year) }) : t('rhk.parentNone', { year: String(plan.year.year) })}
        </p>
      ) : null}
      <SelectField
        form={form}
        name="link"
        label={linkLabel}
        hint={links.jpt ? t('rhk.goalHint') : t('rhk.parentHint')}
        help={h('help.rhk.link')}
        required
        emptyLabel={links.jpt ? t('rhk.goalChoose') : t('rhk.parentChoose')}
        options={links.options}
      />
      <div class="button-row">
        <SubmitButton form={form}>{result ? t('rhk.save') : t('rhk.add')}</SubmitButton>
        {props.onDone ? (
          <button
            type="button"
            class="button button-secondary"
            onClick={() => {
              form.reset();
              props.onDone?.();
            }}
          >
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </Form>
  );
}

function IkiItem(props: { plan: Plan; indicator: Indicator; jpt: boolean; refresh: () => Promise<void> }) {
  const { t, locale } = useSkpMessages();
  const { indicator: i, plan } = props;
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li class="iki-item" data-testid="iki-item">
        <IkiForm plan={plan} indicator={i} jpt={props.jpt} refresh={props.refresh} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li class="iki-item" data-testid="iki-item" data-iki-id={i.id}>
      <p>
        <span class="badge">{t(`aspect.${i.aspect}`)}</span> <span data-testid="iki-text">{i.text}</span>
      </p>
      <p class="muted">{t('iki.target', { target: targetText(i, locale) || t('doc.notSet') })}</p>
      <div class="button-row">
        <button type="button" class="button button-secondary button-small" onClick={() => setEditing(true)} aria-label={t('iki.editNamed', { text: i.text })}>
          {t('common.edit')}
        </button>
        <ActionButton
          id={`iki-delete-${i.id}`}
          label={t('common.delete')}
          small
          confirm={{ question: t('iki.deleteConfirm'), yes: t('iki.deleteYes'), no: t('common.cancel') }}
          run={() => runMutation(DeleteIndicatorDocument, { id: i.id, expectedVersion: plan.version }, (d) => d.deleteIndicator)}
          onDone={props.refresh}
        />
      </div>
    </li>
  );
}

function IkiForm(props: { plan: Plan; workResultId?: string; indicator?: Indicator; jpt: boolean; refresh: () => Promise<void>; onDone?: () => void }) {
  const { t } = useSkpMessages();
  const { t: h } = useHelpMessages();
  const staff = useStaffMessages();
  const { plan, indicator: i } = props;
  const empty = { text: '', aspect: 'KUANTITAS', targetValue: '', targetUnit: '', targetDescription: '', perspective: '' };
  const initial = i
    ? {
        text: i.text,
        aspect: i.aspect,
        targetValue: i.targetValue ?? '',
        targetUnit: i.targetUnit ?? '',
        targetDescription: i.targetDescription ?? '',
        perspective: i.perspective ?? '',
      }
    : empty;
  const form = useForm({
    id: i ? `iki-${i.id}` : `iki-new-${props.workResultId ?? ''}`,
    initial,
    validate: (v) => {
      const errors: FieldError[] = [];
      const bad = (field: string, message: string) => errors.push({ field, message, code: 'INVALID_INPUT' });
      if (!v.text.trim()) bad('text', staff.t('form.required', { label: t('iki.text') }));
      if (!v.aspect) bad('aspect', staff.t('form.required', { label: t('iki.aspect') }));
      const value = decimalOf(v.targetValue);
      if (value === undefined) bad('targetValue', t('iki.badNumber'));
      else if (value === null && !v.targetDescription.trim()) bad('targetValue', t('iki.targetMissing'));
      return errors;
    },
  });
  const fields = (v: typeof initial) => ({
    text: v.text,
    aspect: v.aspect as IndicatorAspect,
    targetValue: decimalOf(v.targetValue) ?? null,
    targetUnit: v.targetUnit.trim() || null,
    targetDescription: v.targetDescription.trim() || null,
    perspective: props.jpt && v.perspective ? (v.perspective as Perspective) : null,
  });
  return (
    <Form
      form={form}
      onSubmit={(v) =>
        i
          ? runMutation(UpdateIndicatorDocument, { input: { id: i.id, expectedVersion: plan.version, ...fields(v) } }, (d) => d.updateIndicator)
          : runMutation(
              AddIndicatorDocument,
              { input: { workResultId: props.workResultId ?? '', expectedVersion: plan.version, ...fields(v) } },
              (d) => d.addIndicator,
            )
      }
      onSuccess={() => {
        if (!i) form.reset(empty);
        props.onDone?.();
        void props.refresh();
      }}
    >
      <TextField form={form} name="text" label={t('iki.text')} hint={t('iki.textHint')} help={h('help.iki.text')} multiline rows={2} required maxLength={1000} />
      <SelectField
        form={form}
        name="aspect"
        label={t('iki.aspect')}
        help={h('help.iki.aspect')}
        required
        emptyLabel={t('iki.aspectChoose')}
        options={ASPECTS.map((a) => ({ value: a, label: t(`aspect.${a}`) }))}
      />
      <div class="field-pair">
        <TextField form={form} name="targetValue" label={t('iki.targetValue')} hint={t('iki.targetValueHint')} help={h('help.iki.target')} inputMode="decimal" />
        <TextField help={h('help.iki.targetUnit')} form={form} name="targetUnit" label={t('iki.targetUnit')} hint={t('iki.targetUnitHint')} maxLength={60} />
      </div>
      <TextField help={h('help.iki.targetDescription')} form={form} name="targetDescription" label={t('iki.targetDescription')} hint={t('iki.targetDescriptionHint')} maxLength={1000} />
      {props.jpt ? (
        <SelectField help={h('help.iki.perspective')}
          form={form}
          name="perspective"
          label={t('iki.perspective')}
          emptyLabel={t('iki.perspectiveChoose')}
          options={PERSPECTIVES.map((p) => ({ value: p, label: t(`perspective.${p}`) }))}
        />
      ) : null}
      <div class="button-row">
        <SubmitButton form={form}>{i ? t('iki.save') : t('iki.add')}</SubmitButton>
        {props.onDone ? (
          <button
            type="button"
            class="button button-secondary"
            onClick={() => {
              form.reset();
              props.onDone?.();
            }}
          >
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </Form>
  );
}

function LampiranForm(props: { plan: Plan; refresh: () => Promise<void> }) {
  const { t } = useSkpMessages();
  const { plan } = props;
  const form = useForm({
    id: 'lampiran',
    initial: {
      resourceSupport: plan.lampiran.resourceSupport ?? '',
      accountabilityScheme: plan.lampiran.accountabilityScheme ?? '',
      consequences: plan.lampiran.consequences ?? '',
    },
  });
  return (
    <Card id="lampiran" title={t('lampiran.heading')} class="no-print">
      <Form
        form={form}
        onSubmit={(v) =>
          runMutation(
            UpdatePlanDocument,
            {
              input: {
                id: plan.id,
                expectedVersion: plan.version,
                resourceSupport: v.resourceSupport,
                accountabilityScheme: v.accountabilityScheme,
                consequences: v.consequences,
              },
            },
            (d) => d.updatePlan,
          )
        }
        onSuccess={() => void props.refresh()}
      >
        <TextField help={t('doc.help.resourceSupport')} form={form} name="resourceSupport" label={t('doc.resourceSupport')} multiline rows={3} maxLength={5000} />
        <TextField help={t('doc.help.accountabilityScheme')} form={form} name="accountabilityScheme" label={t('doc.accountabilityScheme')} multiline rows={3} maxLength={5000} />
        <TextField help={t('doc.help.consequences')} form={form} name="consequences" label={t('doc.consequences')} multiline rows={3} maxLength={5000} />
        <SubmitButton form={form}>{t('lampiran.save')}</SubmitButton>
      </Form>
    </Card>
  );
}
