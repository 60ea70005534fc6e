/**
 * /portal/bkpsdm/jabatan (?unit=&cari=&usulan=) for BKPSDM and /portal/unit/jabatan (?cari=&usulan=)
 * for a unit manager (their unit only): the position tree of a unit with its holders and each
 * holder's Pejabat Penilai Kinerja (an appointed one is marked Plt./Plh./penunjukan), the
 * appointments in force, the proposals of appointments (BKPSDM approves or refuses; a unit
 * manager follows theirs) and the form that proposes (unit manager) or sets (BKPSDM) one.
 * Who may appoint whom is the server's rule (not the holder, not below the position, not oneself).
 */
import { useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { DataTable } from '../../charts/ChartFigure';
import { EmptyState, PageHeading } from '../../components';
import type { ActingKind, ProposalStatus } from '../../graphql/internal/types';
import { runMutation, staffRequest, useStaffQuery, type FieldError } from '../api';
import { todayInstansi } from '../../lib/instansiTime';
import { formatDateTime, formatDay } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { Form, SelectField, SubmitButton, TextField, useForm, type FormApi } from '../ui/form';
import { QueryView } from '../ui/states';
import { AppointeeCandidatesDocument, type AppointeeCandidatesQuery } from './AppointeeCandidates.generated';
import { ApproveOverrideProposalDocument } from './ApproveOverrideProposal.generated';
import { OverridesInForceDocument } from './OverridesInForce.generated';
import { OverrideProposalsDocument, type OverrideProposalsQuery } from './OverrideProposals.generated';
import { PositionUnitsDocument, type PositionUnitsQuery } from './PositionUnits.generated';
import { ProposeAssessorOverrideDocument } from './ProposeAssessorOverride.generated';
import { RefuseOverrideProposalDocument } from './RefuseOverrideProposal.generated';
import { SetAssessorOverrideDocument } from './SetAssessorOverride.generated';
import { UnitPositionsDocument, type UnitPositionsQuery } from './UnitPositions.generated';
import { useBkpsdmMessages } from './messages';
import { MoreButton, PAGE_SIZE, useMorePages } from './morePages';
import './bkpsdm.css';

type Position = UnitPositionsQuery['positions']['nodes'][number];
type Proposal = OverrideProposalsQuery['assessorOverrideProposals'][number];
type Mode = 'hr' | 'manager';
const KINDS: readonly ActingKind[] = ['PLT', 'PLH', 'PENUNJUKAN'];
const STATUSES: readonly ProposalStatus[] = ['DIAJUKAN', 'DISETUJUI', 'DITOLAK'];
const MAX_REASON = 500;

function pageUrl(mode: Mode, values: { unit?: string; cari?: string; usulan?: string }): string {
  const query = new URLSearchParams();
  if (mode === 'hr' && values.unit) query.set('unit', values.unit);
  if (values.cari) query.set('cari', values.cari);
  if (values.usulan && values.usulan !== 'DIAJUKAN') query.set('usulan', values.usulan);
  const base = mode === 'hr' ? portalPaths.positions() : portalPaths.unitPositions();
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

/** BKPSDM: any unit, the proposals queue with approve/refuse, sets appointments directly. */
export function PositionsPage() {
  const { t } = useBkpsdmMessages();
  const { query: params } = useLocation();
  const units = useStaffQuery(PositionUnitsDocument, {});
  const [notice, setNotice] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const done = (message: string) => {
    setNotice(message);
    setRound((n) => n + 1);
  };
  const status = (STATUSES as readonly string[]).includes(params['usulan'] ?? '') ? (params['usulan'] as ProposalStatus) : 'DIAJUKAN';
  return (
    <>
      <PageHeading>{t('pos.title')}</PageHeading>
      <p class="lead">{t('pos.lead')}</p>
      <Notice text={notice} />
      <Proposals key={`p${round}`} mode="hr" status={status} unit={params['unit']} search={params['cari']} onDone={done} />
      <InForce key={`f${round}`} />
      <QueryView query={units}>
        {(data) => {
          const unit = data.units.find((u) => u.id === params['unit']) ?? null;
          return (
            <>
              <h2>{t('pos.byUnit')}</h2>
              <UnitSearch mode="hr" units={data.units} unitId={unit?.id ?? null} search={params['cari'] ?? ''} status={status} />
              {unit === null ? <p class="hint">{t('pos.chooseUnit')}</p> : null}
              {unit ? (
                <UnitPositions key={`${unit.id}:${round}`} mode="hr" unitId={unit.id} search={params['cari'] ?? ''} onDone={done} />
              ) : null}
            </>
          );
        }}
      </QueryView>
    </>
  );
}

/** A unit manager: their unit, their proposals, the proposal form. */
export function UnitPositionsPage() {
  const { t } = useBkpsdmMessages();
  const { me } = useSession();
  const { query: params } = useLocation();
  const [notice, setNotice] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const unit = me.managedUnit;
  const status = (STATUSES as readonly string[]).includes(params['usulan'] ?? '') ? (params['usulan'] as ProposalStatus) : 'DIAJUKAN';
  return (
    <>
      <PageHeading>{t('pos.title')}</PageHeading>
      {unit === null ? (
        <EmptyState>
          <p>{t('pos.noUnit')}</p>
        </EmptyState>
      ) : (
        <>
          <p class="lead">{t('pos.leadManager', { unit: unit.name })}</p>
          <Notice text={notice} />
          <UnitSearch mode="manager" units={null} unitId={unit.id} search={params['cari'] ?? ''} status={status} />
          <UnitPositions
            key={round}
            mode="manager"
            unitId={unit.id}
            search={params['cari'] ?? ''}
            onDone={(message) => {
              setNotice(message);
              setRound((n) => n + 1);
            }}
          />
          <InForce key={`f${round}`} />
          <Proposals key={`p${round}`} mode="manager" status={status} unit={undefined} search={params['cari']} onDone={setNotice} />
        </>
      )}
    </>
  );
}

function Notice(props: { text: string | null }) {
  return (
    <div role="status" aria-live="polite" data-testid="positions-notice">
      {props.text ? <p class="notice notice-info">{props.text}</p> : null}
    </div>
  );
}

/** Units in tree order, each name indented by its depth (the picker of BKPSDM). */
function unitOptions(units: PositionUnitsQuery['units']): Array<{ value: string; label: string }> {
  const children = new Map<string | null, PositionUnitsQuery['units']>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = u.parent && ids.has(u.parent.id) ? u.parent.id : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: Array<{ value: string; label: string }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      out.push({ value: u.id, label: `${'\u00a0\u00a0'.repeat(depth)}${u.name}` });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function UnitSearch(props: { mode: Mode; units: PositionUnitsQuery['units'] | null; unitId: string | null; search: string; status: ProposalStatus }) {
  const { t } = useBkpsdmMessages();
  const { route } = useLocation();
  return (
    <form
      class="scope-picker"
      role="search"
      aria-label={t('pos.search')}
      method="get"
      action={props.mode === 'hr' ? portalPaths.positions() : portalPaths.unitPositions()}
      key={`${props.unitId}:${props.search}`}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        route(pageUrl(props.mode, { unit: String(form.get('unit') ?? props.unitId ?? ''), cari: String(form.get('cari') ?? '').trim(), usulan: props.status }));
      }}
    >
      {props.units ? (
        <>
          <label for="positions-unit">{t('pos.unit')}</label>
          <select id="positions-unit" name="unit">
            <option value="">{t('pos.choose')}</option>
            {unitOptions(props.units).map((o) => (
              <option key={o.value} value={o.value} selected={o.value === props.unitId}>
                {o.label}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <label for="positions-search">{t('pos.search')}</label>
      <input id="positions-search" name="cari" type="search" maxLength={100} defaultValue={props.search} />
      <button type="submit" class="button button-secondary button-small" data-testid="positions-show">
        {t('pos.show')}
      </button>
    </form>
  );
}

/** Positions in tree order (parents before their children), with their depth. */
function treeOrder(nodes: readonly Position[]): Array<{ p: Position; depth: number }> {
  const ids = new Set(nodes.map((p) => p.id));
  const children = new Map<string | null, Position[]>();
  for (const p of nodes) {
    const parent = p.parent && ids.has(p.parent.id) ? p.parent.id : null;
    children.set(parent, [...(children.get(parent) ?? []), p]);
  }
  const out: Array<{ p: Position; depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const p of children.get(parent) ?? []) {
      out.push({ p, depth });
      walk(p.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function UnitPositions(props: { mode: Mode; unitId: string; search: string; onDone: (message: string) => void }) {
  const query = useStaffQuery(UnitPositionsDocument, { unitId: props.unitId, first: PAGE_SIZE, after: null });
  return <QueryView query={query}>{(data) => <PositionList first={data.positions} {...props} />}</QueryView>;
}

/** The positions loaded so far (a page of 100, "Muat lebih banyak" for the next), the form below. */
function PositionList(props: { first: UnitPositionsQuery['positions']; mode: Mode; unitId: string; search: string; onDone: (message: string) => void }) {
  const { t } = useBkpsdmMessages();
  const pages = useMorePages(props.first, (after) => staffRequest(UnitPositionsDocument, { unitId: props.unitId, first: PAGE_SIZE, after }).then((d) => d.positions));
  const acting = (kind: ActingKind | null | undefined) => (kind ? `${t(`pos.acting.${kind}`)} ` : '');
  const needle = props.search.trim().toLocaleLowerCase('id');
  const rows = treeOrder(pages.nodes).filter(
    ({ p }) => !needle || p.name.toLocaleLowerCase('id').includes(needle) || (p.holder?.name ?? '').toLocaleLowerCase('id').includes(needle) || p.code.toLocaleLowerCase('id').includes(needle),
  );
  return (
    <>
      <section class="section" aria-labelledby="positions-tree">
        <h2 id="positions-tree">{t('pos.tree')}</h2>
        <p data-testid="positions-count">{t('pos.count', { shown: rows.length, total: pages.total })}</p>
        {pages.hasMore ? <p class="notice notice-info">{t('pos.truncated')}</p> : null}
        {rows.length === 0 ? (
          <EmptyState>
            <p>{t('pos.empty')}</p>
          </EmptyState>
        ) : (
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="positions-caption">
            <table class="data-table positions-table" data-testid="positions-table">
              <caption id="positions-caption" class="visually-hidden">
                {t('pos.tree')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('pos.col.position')}</th>
                  <th scope="col">{t('pos.col.holder')}</th>
                  <th scope="col">{t('pos.col.assessor')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ p, depth }) => (
                  <tr key={p.id} data-testid="position-row" data-position={p.id}>
                    <th scope="row" style={{ paddingInlineStart: `${0.75 + Math.min(depth, 6)}rem` }}>
                      {p.name}
                      <span class="cell-kind">
                        {p.code} · {p.unit.name}
                      </span>
                    </th>
                    <td>{p.holder ? p.holder.name : <em>{t('pos.vacant')}</em>}</td>
                    <td data-testid="position-assessor" data-basis={p.holder?.assessor?.basis ?? ''}>
                      {p.holder?.assessor ? (
                        <>
                          {acting(p.holder.assessor.actingKind)}
                          {p.holder.assessor.employee.name}
                          <span class="cell-kind">{t(`pos.basis.${p.holder.assessor.basis}`)}</span>
                        </>
                      ) : p.holder ? (
                        t('pos.noAssessor')
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <MoreButton pages={pages} what={t('more.positions')} testId="positions-more" countTestId="positions-loaded" />
      </section>
      <OverrideForm mode={props.mode} unitId={props.unitId} positions={pages.nodes} onDone={props.onDone} />
    </>
  );
}

function OverrideForm(props: { mode: Mode; unitId: string; positions: readonly Position[]; onDone: (message: string) => void }) {
  const { t } = useBkpsdmMessages();
  const initial = { positionId: '', assessorEmployeeId: '', actingKind: 'PLT', reason: '', validFrom: todayInstansi(), validUntil: '' };
  const form = useForm({
    id: `override-${props.mode}-${props.unitId}`,
    initial,
    validate: (v) => {
      const errors: FieldError[] = [];
      const need = (field: keyof typeof initial, label: string) => {
        if (!v[field].trim()) errors.push({ field, message: t('pos.required', { label }), code: 'INVALID_INPUT', local: true });
      };
      need('positionId', t('pos.field.position'));
      need('assessorEmployeeId', t('pos.field.assessor'));
      need('reason', t('pos.field.reason'));
      need('validFrom', t('pos.field.from'));
      if (v.reason.trim().length > MAX_REASON) errors.push({ field: 'reason', message: t('pos.tooLong', { label: t('pos.field.reason'), max: MAX_REASON }), code: 'INVALID_INPUT', local: true });
      if (v.validUntil && v.validFrom && v.validUntil < v.validFrom) errors.push({ field: 'validUntil', message: t('pos.untilBefore'), code: 'INVALID_INPUT', local: true });
      return errors;
    },
  });
  const title = props.mode === 'hr' ? t('pos.setTitle') : t('pos.proposeTitle');
  return (
    <section class="section card" aria-labelledby="override-form-title" data-testid="override-form">
      <h2 id="override-form-title">{title}</h2>
      <p class="hint">{t('pos.proposeHint')}</p>
      <Form
        form={form}
        labelledBy="override-form-title"
        onSubmit={(v) => {
          const input = {
            positionId: v.positionId,
            assessorEmployeeId: v.assessorEmployeeId,
            actingKind: v.actingKind as ActingKind,
            reason: v.reason.trim(),
            validFrom: v.validFrom,
            validUntil: v.validUntil || null,
          };
          return props.mode === 'hr'
            ? runMutation(SetAssessorOverrideDocument, { input }, (d) => d.setAssessorOverride)
            : runMutation(ProposeAssessorOverrideDocument, { input }, (d) => d.proposeAssessorOverride);
        }}
        onSuccess={() => {
          form.reset(initial);
          props.onDone(props.mode === 'hr' ? t('pos.set') : t('pos.proposed'));
        }}
      >
        <SelectField help={t('pos.help.position')}
          form={form}
          name="positionId"
          label={t('pos.field.position')}
          emptyLabel={t('pos.choose')}
          required
          options={props.positions.filter((p) => p.holder).map((p) => ({ value: p.id, label: `${p.name} — ${p.holder!.name}` }))}
        />
        <AppointeePicker form={form} unitId={props.unitId} />
        <SelectField help={t('pos.help.kind')} form={form} name="actingKind" label={t('pos.field.kind')} emptyLabel={t('pos.choose')} required options={KINDS.map((k) => ({ value: k, label: t(`pos.acting.${k}`) }))} />
        <TextField help={t('pos.help.reason')} form={form} name="reason" label={t('pos.field.reason')} multiline rows={3} required />
        <TextField help={t('pos.help.from')} form={form} name="validFrom" type="date" label={t('pos.field.from')} required />
        <TextField help={t('pos.help.until')} form={form} name="validUntil" type="date" label={t('pos.field.until')} />
        <SubmitButton form={form}>{props.mode === 'hr' ? t('pos.setSubmit') : t('pos.proposeSubmit')}</SubmitButton>
      </Form>
    </section>
  );
}

type Candidate = AppointeeCandidatesQuery['employees']['nodes'][number];
type OverrideValues = { positionId: string; assessorEmployeeId: string; actingKind: string; reason: string; validFrom: string; validUntil: string };

function candidateLabel(e: Candidate): string {
  const where = [e.position?.name, e.unit?.name].filter(Boolean).join(' · ');
  return where ? `${e.name} — ${where}` : e.name;
}

/**
 * The Pejabat Penilai to appoint: the people of the unit (with its sub-units) to choose from, a
 * page at a time, or anyone of any unit found by name or NIP (the server decides who may be
 * appointed). The person chosen stays in the list while another search is shown.
 */
function AppointeePicker(props: { form: FormApi<OverrideValues>; unitId: string }) {
  const { t } = useBkpsdmMessages();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const chosen = useRef(new Map<string, string>());
  const variables = { unitId: search ? null : props.unitId, search: search || null, first: PAGE_SIZE, after: null };
  const query = useStaffQuery(AppointeeCandidatesDocument, variables);
  const apply = () => setSearch(text.trim());
  return (
    <div class="appointee-picker" data-testid="appointee-picker">
      <div class="field">
        <label for="override-assessor-search">{t('pos.appointeeSearch')}</label>
        <p class="hint" id="override-assessor-search-hint">
          {t('pos.appointeeSearchHint')}
        </p>
        <div class="inline-search">
          <input
            id="override-assessor-search"
            type="search"
            maxLength={100}
            value={text}
            aria-describedby="override-assessor-search-hint"
            onInput={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault(); // searching, not sending the form
              apply();
            }}
          />
          <button type="button" class="button button-secondary button-small" data-testid="appointee-search" onClick={apply}>
            {t('pos.appointeeSearchButton')}
          </button>
        </div>
      </div>
      {query.status === 'success' ? (
        <Candidates key={JSON.stringify(variables)} first={query.data.employees} variables={variables} form={props.form} chosen={chosen.current} searching={search !== ''} />
      ) : (
        <>
          <CandidateSelect form={props.form} options={[...chosen.current].filter(([id]) => id === props.form.values.assessorEmployeeId).map(([value, label]) => ({ value, label }))} />
          {query.status === 'error' ? (
            <p class="field-error">
              {t('more.failed')}{' '}
              <button type="button" class="button button-link" onClick={query.reload}>
                {t('more.retry')}
              </button>
            </p>
          ) : (
            <p role="status">{t('more.loading')}</p>
          )}
        </>
      )}
    </div>
  );
}

function Candidates(props: {
  first: AppointeeCandidatesQuery['employees'];
  variables: { unitId: string | null; search: string | null; first: number };
  form: FormApi<OverrideValues>;
  chosen: Map<string, string>;
  searching: boolean;
}) {
  const { t } = useBkpsdmMessages();
  const pages = useMorePages(props.first, (after) => staffRequest(AppointeeCandidatesDocument, { ...props.variables, after }).then((d) => d.employees));
  const options = pages.nodes.map((e) => ({ value: e.id, label: candidateLabel(e) }));
  for (const o of options) props.chosen.set(o.value, o.label);
  const selected = props.form.values.assessorEmployeeId;
  if (selected && !options.some((o) => o.value === selected) && props.chosen.has(selected)) options.unshift({ value: selected, label: props.chosen.get(selected) ?? selected });
  return (
    <>
      <CandidateSelect form={props.form} options={options} />
      {props.searching && pages.total === 0 ? <p class="hint">{t('pos.appointeeNone')}</p> : null}
      <MoreButton pages={pages} what={t('more.people')} testId="appointees-more" countTestId="appointees-loaded" />
    </>
  );
}

function CandidateSelect(props: { form: FormApi<OverrideValues>; options: ReadonlyArray<{ value: string; label: string }> }) {
  const { t } = useBkpsdmMessages();
  return <SelectField help={t('pos.help.assessor')} form={props.form} name="assessorEmployeeId" label={t('pos.field.assessor')} emptyLabel={t('pos.choose')} required options={props.options} />;
}

function Proposals(props: { mode: Mode; status: ProposalStatus; unit: string | undefined; search: string | undefined; onDone: (message: string) => void }) {
  const { t } = useBkpsdmMessages();
  const { route } = useLocation();
  const query = useStaffQuery(OverrideProposalsDocument, { status: props.status });
  return (
    <section class="section" aria-labelledby="proposals-title" data-testid="override-proposals">
      <h2 id="proposals-title">{t('pos.proposals')}</h2>
      <form
        class="scope-picker"
        method="get"
        onSubmit={(event) => {
          event.preventDefault();
          route(pageUrl(props.mode, { unit: props.unit, cari: props.search, usulan: String(new FormData(event.currentTarget).get('usulan') ?? '') }));
        }}
      >
        <label for="proposals-status">{t('pos.proposalsStatus')}</label>
        <select id="proposals-status" name="usulan" key={props.status}>
          {STATUSES.map((s) => (
            <option key={s} value={s} selected={s === props.status}>
              {t(`pos.status.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="button button-secondary button-small" data-testid="proposals-show">
          {t('pos.show')}
        </button>
      </form>
      <QueryView query={query}>
        {(data) =>
          data.assessorOverrideProposals.length === 0 ? (
            <EmptyState testId="proposals-empty">
              <p>{t('pos.proposalsNone')}</p>
            </EmptyState>
          ) : (
            <ul class="plain-list">
              {data.assessorOverrideProposals.map((p) => (
                <ProposalItem key={`${p.id}:${p.version}`} proposal={p} mode={props.mode} onDone={props.onDone} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}

function ProposalItem(props: { proposal: Proposal; mode: Mode; onDone: (message: string) => void }) {
  const { t, locale } = useBkpsdmMessages();
  const p = props.proposal;
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [refusing, setRefusing] = useState(false);
  const refuse = useForm({
    id: `refuse-${p.id}`,
    initial: { reason: '' },
    draft: false,
    validate: (v) =>
      !v.reason.trim()
        ? [{ field: 'reason', message: t('pos.required', { label: t('pos.refuseReason') }), code: 'INVALID_INPUT', local: true }]
        : v.reason.trim().length > MAX_REASON
          ? [{ field: 'reason', message: t('pos.tooLong', { label: t('pos.refuseReason'), max: MAX_REASON }), code: 'INVALID_INPUT', local: true }]
          : [],
  });
  const headingId = `proposal-${p.id}`;
  return (
    <li class="card" data-testid="override-proposal" data-id={p.id} data-status={p.status} data-position={p.position?.id ?? ''} data-assessor={p.assessor?.id ?? ''} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t('pos.proposal', { kind: t(`pos.acting.${p.actingKind}`), assessor: p.assessor?.name ?? '—', position: p.position?.name ?? '—' })}
      </h3>
      <p>
        <strong>{t(`pos.status.${p.status}`)}</strong> ·{' '}
        {t('pos.proposalFacts', {
          holder: p.position?.holder?.name ?? t('pos.vacant'),
          unit: p.position?.unit.name ?? '—',
          from: formatDay(p.validFrom, locale),
          until: p.validUntil ? t('pos.until', { date: formatDay(p.validUntil, locale) }) : '',
        })}
      </p>
      <p lang="id">{t('pos.reason', { reason: p.reason })}</p>
      {p.decidedAt ? <p lang="id">{t('pos.decision', { when: formatDateTime(p.decidedAt, locale), note: p.decisionNote ?? '—' })}</p> : null}
      {errors.length > 0 ? (
        <div class="notice notice-error" role="alert" data-testid="proposal-error">
          {errors.map((e, i) => (
            <p key={i} lang="id">
              {e.message}
            </p>
          ))}
        </div>
      ) : null}
      {props.mode === 'hr' && p.status === 'DIAJUKAN' ? (
        <>
          <p class="form-actions">
            <button
              type="button"
              class="button button-primary"
              disabled={busy}
              data-testid="proposal-approve"
              onClick={async () => {
                setBusy(true);
                const outcome = await runMutation(ApproveOverrideProposalDocument, { id: p.id, expectedVersion: p.version }, (d) => d.approveAssessorOverrideProposal);
                setBusy(false);
                if (outcome.ok) props.onDone(t('pos.approved'));
                else setErrors(outcome.errors);
              }}
            >
              {t('pos.approve')}
            </button>
            <button type="button" class="button button-secondary" aria-expanded={refusing} data-testid="proposal-refuse" onClick={() => setRefusing(!refusing)}>
              {t('pos.refuse')}
            </button>
          </p>
          {refusing ? (
            <Form
              form={refuse}
              labelledBy={headingId}
              onSubmit={(v) => runMutation(RefuseOverrideProposalDocument, { id: p.id, reason: v.reason.trim(), expectedVersion: p.version }, (d) => d.refuseAssessorOverrideProposal)}
              onSuccess={() => props.onDone(t('pos.refused'))}
            >
              <TextField help={t('pos.help.refuseReason')} form={refuse} name="reason" label={t('pos.refuseReason')} multiline rows={3} required />
              <SubmitButton form={refuse}>{t('pos.refuseSubmit')}</SubmitButton>
            </Form>
          ) : null}
        </>
      ) : null}
    </li>
  );
}

/** The appointments in force or starting later (BKPSDM: the whole instansi; a unit manager: theirs). */
function InForce() {
  const { t, locale } = useBkpsdmMessages();
  const query = useStaffQuery(OverridesInForceDocument, {});
  return (
    <section class="section" aria-labelledby="positions-current" data-testid="overrides-current">
      <h2 id="positions-current">{t('pos.current')}</h2>
      <QueryView query={query}>
        {(data) =>
          data.assessorOverrides.length === 0 ? (
            <p>{t('pos.currentNone')}</p>
          ) : (
            <DataTable
              id="positions-current"
              caption={t('pos.current')}
              columns={[{ label: t('pos.col.position') }, { label: t('pos.col.holder') }, { label: t('pos.field.assessor') }, { label: t('pos.col.period') }]}
              rows={data.assessorOverrides.map((o) => ({
                key: o.id,
                cells: [
                  <span key="p" data-testid="override-current" data-position={o.position?.id ?? ''}>
                    {o.position?.name ?? '—'}
                    <span class="cell-kind">{o.position?.unit.name ?? ''}</span>
                  </span>,
                  o.position?.holder?.name ?? t('pos.vacant'),
                  <>
                    {t(`pos.acting.${o.actingKind}`)} {o.assessor?.name ?? '—'}
                    <span class="cell-kind" lang="id">
                      {o.reason}
                    </span>
                  </>,
                  `${formatDay(o.validFrom, locale)}${o.validUntil ? t('pos.until', { date: formatDay(o.validUntil, locale) }) : ''}`,
                ],
              }))}
            />
          )
        }
      </QueryView>
    </section>
  );
}
