/**
 * /portal/bkpsdm/predikat (?tahun=): BKPSDM sets the organisation predicate (Predikat Kinerja
 * Organisasi) of each unit for a year. Beside the form and in the table: the distribution pattern
 * each predicate allows (`distributionPatterns`, the server's policy), so the effect is visible
 * before and after setting it.
 */
import { useLocation } from 'preact-iso';
import { EmptyState, PageHeading } from '../../components';
import type { OrgPredicate } from '../../graphql/internal/types';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { formatDateTime, formatDay, useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { Form, SelectField, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { HrOnly } from './HrOnly';
import { Notice, useNotice } from './Notice';
import { useHrMessages } from './hrMessages';
import { HrOrgPredicatesDocument } from './HrOrgPredicates.generated';
import { HrPredicateScopesDocument, type HrPredicateScopesQuery } from './HrPredicateScopes.generated';
import { defaultYear, sortedUnits } from './scopes';
import { HrSetOrgPredicateDocument } from './HrSetOrgPredicate.generated';

type Scopes = HrPredicateScopesQuery;
type Pattern = Scopes['distributionPatterns'][number];
type Year = Scopes['appraisalYears'][number];
const ORG_PREDICATES: readonly OrgPredicate[] = ['ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'];
/** Units that carry an organisation predicate: the city's organisations, not their parts. */
const ORGANISATION_KINDS = new Set(['PERANGKAT_DAERAH', 'KECAMATAN', 'SEKRETARIAT', 'INSTANSI', 'UPTD', 'KELURAHAN']);
const MAX_BASIS = 500;

export function PredicatesPage() {
  const { t } = useHrMessages();
  return (
    <HrOnly title={t('pred.title')}>
      <PredicatesPageContent />
    </HrOnly>
  );
}

function PredicatesPageContent() {
  const { t } = useHrMessages();
  const query = useStaffQuery(HrPredicateScopesDocument, {});
  const { query: params, route } = useLocation();
  return (
    <>
      <PageHeading>{t('pred.title')}</PageHeading>
      <p class="lead">{t('pred.lead')}</p>
      <QueryView query={query}>
        {(data) => {
          if (data.appraisalYears.length === 0) {
            return (
              <EmptyState>
                <p>{t('hr.noYears')}</p>
              </EmptyState>
            );
          }
          const year = data.appraisalYears.find((y) => String(y.year) === params['tahun']) ?? defaultYear(data.appraisalYears);
          return (
            <>
              <form
                class="scope-picker"
                method="get"
                action={portalPaths.orgPredicates()}
                key={year.year}
                onSubmit={(event) => {
                  event.preventDefault();
                  route(portalPaths.orgPredicates(Number(new FormData(event.currentTarget).get('tahun'))));
                }}
              >
                <label for="predicate-year">{t('hr.year')}</label>
                <select id="predicate-year" name="tahun">
                  {data.appraisalYears.map((y) => (
                    <option key={y.id} value={String(y.year)} selected={y.year === year.year}>
                      {y.year}
                    </option>
                  ))}
                </select>
                <button type="submit" class="button button-secondary button-small">
                  {t('hr.show')}
                </button>
              </form>
              <YearPredicates key={year.id} year={year} scopes={data} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function YearPredicates(props: { year: Year; scopes: Scopes }) {
  const { t } = useHrMessages();
  const query = useStaffQuery(HrOrgPredicatesDocument, { yearId: props.year.id });
  const [notice, setNotice] = useNotice();
  const patterns = props.scopes.distributionPatterns;
  const units = sortedUnits(props.scopes.units.filter((u) => ORGANISATION_KINDS.has(u.kind)));
  return (
    <>
      <Notice notice={notice} testId="predicate-notice" />
      <SetPredicateForm
        year={props.year}
        units={units}
        patterns={patterns}
        onDone={(message) => {
          setNotice(message);
          query.reload();
        }}
      />
      <section class="section" aria-labelledby="predicates-current">
        <h2 id="predicates-current">{t('pred.current', { year: String(props.year.year) })}</h2>
        <QueryView query={query}>
          {(data) => {
            const rows = data.orgPredicates.filter((a) => a.periodId === null);
            if (rows.length === 0) {
              return (
                <EmptyState testId="predicates-empty">
                  <p>{t('pred.empty')}</p>
                </EmptyState>
              );
            }
            return <PredicateTable rows={rows} patterns={patterns} />;
          }}
        </QueryView>
      </section>
    </>
  );
}

function PredicateTable(props: { rows: ReadonlyArray<{ id: string; predicate: OrgPredicate; basis: string; updatedAt: string; unit: { id: string; name: string; code: string } | null }>; patterns: readonly Pattern[] }) {
  const { t, locale } = useHrMessages();
  const rows = [...props.rows].sort((a, b) => (a.unit?.name ?? '').localeCompare(b.unit?.name ?? '', 'id'));
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="predicates-caption">
      <table class="data-table" data-testid="org-predicates">
        <caption id="predicates-caption" class="visually-hidden">
          {t('pred.current', { year: '' })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('pred.col.unit')}</th>
            <th scope="col">{t('pred.col.predicate')}</th>
            <th scope="col">{t('pred.col.pattern')}</th>
            <th scope="col">{t('pred.col.basis')}</th>
            <th scope="col">{t('pred.col.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="org-predicate" data-unit-code={r.unit?.code ?? ''} data-predicate={r.predicate}>
              <th scope="row">{r.unit?.name ?? '—'}</th>
              <td>{t(`hr.orgPredicate.${r.predicate}`)}</td>
              <td>
                <PatternRules pattern={props.patterns.find((p) => p.orgPredicate === r.predicate) ?? null} />
              </td>
              <td lang="id">{r.basis}</td>
              <td>{formatDateTime(r.updatedAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The allowed pattern in words: the largest group, then the bounds (server text, Indonesian). */
function PatternRules(props: { pattern: Pattern | null }) {
  const { t } = useHrMessages();
  const s = useStaffMessages();
  const { pattern } = props;
  if (pattern === null) return null;
  return (
    <ul class="plain-list" data-testid="pattern-rules">
      {pattern.largest ? <li>{t('pred.largest', { predicate: s.t(`predicate.${pattern.largest}`) })}</li> : null}
      {pattern.rules.map((rule) => (
        <li key={rule} lang="id">
          {rule}
        </li>
      ))}
    </ul>
  );
}

function SetPredicateForm(props: { year: Year; units: Scopes['units']; patterns: readonly Pattern[]; onDone: (message: string) => void }) {
  const { t, locale } = useHrMessages();
  const initial = { unitId: '', predicate: '', basis: '' };
  const form = useForm({
    id: 'org-predicate',
    initial,
    validate: (v) => {
      const errors: FieldError[] = [];
      if (!v.unitId) errors.push({ field: 'unitId', message: t('hr.required', { label: t('hr.unit') }), code: 'INVALID_INPUT' });
      if (!v.predicate) errors.push({ field: 'predicate', message: t('hr.required', { label: t('pred.predicate') }), code: 'INVALID_INPUT' });
      if (!v.basis.trim()) errors.push({ field: 'basis', message: t('hr.required', { label: t('pred.basis') }), code: 'INVALID_INPUT' });
      else if (v.basis.trim().length > MAX_BASIS) errors.push({ field: 'basis', message: t('hr.tooLong', { label: t('pred.basis'), max: MAX_BASIS }), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  const chosen = props.patterns.find((p) => p.orgPredicate === form.values.predicate) ?? null;
  return (
    <section class="section card" aria-labelledby="predicate-set">
      <h2 id="predicate-set">{t('pred.set')}</h2>
      <div class="field-pair">
        <Form
          form={form}
          labelledBy="predicate-set"
          onSubmit={(v) =>
            runMutation(HrSetOrgPredicateDocument, { input: { unitId: v.unitId, predicate: v.predicate as OrgPredicate, basis: v.basis.trim(), scope: { yearId: props.year.id } } }, (d) => d.setOrgPredicate)
          }
          onSuccess={(result, v) => {
            const unit = props.units.find((u) => u.id === v.unitId);
            form.reset(initial);
            props.onDone(t('pred.savedMsg', { unit: unit?.name ?? '', year: String(props.year.year), predicate: t(`hr.orgPredicate.${result.predicate}`) }));
          }}
        >
          <SelectField help={t('pred.help.unit')} form={form} name="unitId" label={t('hr.unit')} emptyLabel={t('hr.chooseUnit')} options={props.units.map((u) => ({ value: u.id, label: u.name }))} required />
          <SelectField help={t('pred.help.predicate')} form={form} name="predicate" label={t('pred.predicate')} emptyLabel={t('pred.choose')} options={ORG_PREDICATES.map((p) => ({ value: p, label: t(`hr.orgPredicate.${p}`) }))} required />
          <TextField help={t('pred.help.basis')} form={form} name="basis" label={t('pred.basis')} hint={t('pred.basisHint')} maxLength={MAX_BASIS} required />
          <SubmitButton form={form}>{t('pred.submit')}</SubmitButton>
        </Form>
        <aside class="card" aria-labelledby="predicate-effect" data-testid="predicate-effect" data-predicate={chosen?.orgPredicate ?? ''}>
          <h3 id="predicate-effect">{t('pred.effect')}</h3>
          <div aria-live="polite">
            {chosen ? (
              <>
                <p>{t('pred.effectFor', { predicate: t(`hr.orgPredicate.${chosen.orgPredicate}`) })}</p>
                <PatternRules pattern={chosen} />
                <p class="hint">{t('pred.policy', { date: formatDay(chosen.effectiveFrom, locale) })}</p>
              </>
            ) : (
              <p>{t('pred.effectChoose')}</p>
            )}
          </div>
        </aside>
      </div>
    </section>
  );
}
