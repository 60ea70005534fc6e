/**
 * /portal/bkpsdm/rilis: publishing a public data release (BKPSDM). Choose a period, see what
 * would be public and the disclosure audit's result (`releasePreview`: the same build,
 * suppression and audit as publishing, nothing written), then publish — final or provisional;
 * a period already released is replaced (supersede) and needs a public reason. Below: every
 * release with its status (current, replaced, provisional) and its changelog.
 */
import { useState } from 'preact/hooks';
import { EmptyState, PageHeading } from '../../components';
import { todayInstansi } from '../../lib/instansiTime';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { formatDateTime } from '../messages';
import { Form, SelectField, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { HrOnly } from './HrOnly';
import { Notice, useNotice } from './Notice';
import { useHrMessages, type HrMessageKey } from './hrMessages';
import { HrPublishReleaseDocument } from './HrPublishRelease.generated';
import { HrReleasePreviewDocument, type HrReleasePreviewQuery } from './HrReleasePreview.generated';
import { HrReleasesDocument, type HrReleasesQuery } from './HrReleases.generated';

type Preview = HrReleasePreviewQuery['releasePreview'];
type Release = HrReleasesQuery['dataReleases'][number];
type T = ReturnType<typeof useHrMessages>['t'];
const MAX_NOTE = 1000;
/** The disclosure audit's tables (server/services/releases/disclosure_tables.py) that have a name here. */
const TABLES = new Set(['headcount', 'skp_coverage', 'evaluation_completion', 'realization_on_time', 'distribution', 'objections']);

/** The period codes a release can have (server/services/releases/periods.py) for one year. */
function periodCodes(year: number): string[] {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-M${String(i + 1).padStart(2, '0')}`);
  return [String(year), `${year}-S1`, `${year}-S2`, ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`), ...months];
}

export function periodCodeLabel(code: string, t: T, locale: string): string {
  const match = /^(\d{4})(?:-([SQM])(\d{1,2}))?$/.exec(code);
  if (!match) return code;
  const [, year, kind, n] = match;
  if (!kind) return t('rel.periodYear', { year: year! });
  if (kind === 'S') return t('rel.periodSemester', { n: n!, year: year! });
  if (kind === 'Q') return t('rel.periodQuarter', { n: n!, year: year! });
  const month = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, Number(n) - 1, 1)));
  return t('rel.periodMonth', { month, year: year! });
}

export function ReleasesPage() {
  const { t } = useHrMessages();
  return (
    <HrOnly title={t('rel.title')}>
      <ReleasesPageContent />
    </HrOnly>
  );
}

function ReleasesPageContent() {
  const { t } = useHrMessages();
  const query = useStaffQuery(HrReleasesDocument, {});
  const [period, setPeriod] = useState<string | null>(null);
  const [notice, setNotice] = useNotice();
  return (
    <>
      <PageHeading>{t('rel.title')}</PageHeading>
      <p class="lead">{t('rel.lead')}</p>
      <Notice notice={notice} testId="release-notice" />
      <QueryView query={query}>
        {(data) => (
          <>
            <PeriodForm years={data.appraisalYears.map((y) => y.year)} onChoose={(code) => {
              setNotice(null);
              setPeriod(code);
            }} />
            {period ? (
              <PreviewPanel
                key={period}
                period={period}
                onPublished={(message) => {
                  setNotice(message);
                  setPeriod(null);
                  query.reload();
                }}
              />
            ) : null}
            <History releases={data.dataReleases} />
          </>
        )}
      </QueryView>
    </>
  );
}

function PeriodForm(props: { years: readonly number[]; onChoose: (code: string) => void }) {
  const { t, locale } = useHrMessages();
  const running = Number(todayInstansi().slice(0, 4));
  const years = [...new Set([running, ...props.years])].filter((y) => y <= running).sort((a, b) => b - a);
  const form = useForm({
    id: 'release-period',
    initial: { period: String(running) },
    draft: false,
    validate: (v) => (v.period ? [] : [{ field: 'period', message: t('hr.required', { label: t('rel.period') }), code: 'INVALID_INPUT' }]),
  });
  return (
    <section class="section card" aria-labelledby="release-choose">
      <h2 id="release-choose">{t('rel.choose')}</h2>
      <Form
        form={form}
        labelledBy="release-choose"
        onSubmit={async (v) => ({ ok: true as const, result: v.period })}
        onSuccess={(code) => props.onChoose(code)}
      >
        <SelectField help={t('rel.help.period')}
          form={form}
          name="period"
          label={t('rel.period')}
          emptyLabel={t('rel.choose')}
          options={years.flatMap((y) => periodCodes(y).map((code) => ({ value: code, label: periodCodeLabel(code, t, locale) })))}
          required
        />
        <div class="form-actions">
          <button type="submit" class="button button-secondary" data-testid="release-preview">
            {t('rel.preview')}
          </button>
        </div>
      </Form>
    </section>
  );
}

function PreviewPanel(props: { period: string; onPublished: (message: string) => void }) {
  const { t, locale } = useHrMessages();
  const query = useStaffQuery(HrReleasePreviewDocument, { period: props.period });
  const label = periodCodeLabel(props.period, t, locale);
  return (
    <section class="section" aria-labelledby="release-preview-heading" data-testid="preview-panel">
      <h2 id="release-preview-heading">{t('rel.previewHeading', { period: label })}</h2>
      {query.status === 'loading' ? (
        <p class="status-loading" role="status" data-testid="preview-running">
          <progress aria-label={t('rel.previewRunning')} /> {t('rel.previewRunning')}
        </p>
      ) : (
        <QueryView query={query}>
          {(data) => (
            <>
              <PreviewFacts preview={data.releasePreview} />
              <PublishForm preview={data.releasePreview} label={label} onPublished={props.onPublished} />
            </>
          )}
        </QueryView>
      )}
    </section>
  );
}

function PreviewFacts(props: { preview: Preview }) {
  const { t, locale } = useHrMessages();
  const p = props.preview;
  const number = (n: number) => n.toLocaleString(locale);
  return (
    <div data-testid="preview" data-cells-withheld={p.cellsWithheld} data-cells-added={p.cellsAdded} data-current={p.currentReleaseNumber ?? ''}>
      <dl class="stats">
        <div class="stat">
          <dt>{t('rel.units')}</dt>
          <dd>{number(p.units)}</dd>
        </div>
        <div class="stat">
          <dt>{t('rel.services')}</dt>
          <dd>{number(p.services)}</dd>
        </div>
        <div class="stat">
          <dt>{t('rel.headcount')}</dt>
          <dd>{p.headcount === null ? t('rel.withheldHead') : number(p.headcount)}</dd>
        </div>
        <div class="stat">
          <dt>{t('rel.cellsWithheld')}</dt>
          <dd data-testid="cells-withheld">{number(p.cellsWithheld)}</dd>
        </div>
        <div class="stat">
          <dt>{t('rel.cellsAdded')}</dt>
          <dd data-testid="cells-added">{number(p.cellsAdded)}</dd>
        </div>
        <div class="stat">
          <dt>{t('rel.seconds')}</dt>
          <dd>{t('rel.secondsValue', { s: p.seconds.toLocaleString(locale, { maximumFractionDigits: 2 }) })}</dd>
        </div>
      </dl>
      <p class="hint">{t('rel.auditNote')}</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="preview-tables">
        <table class="data-table">
          <caption id="preview-tables">{t('rel.tables')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rel.col.table')}</th>
              <th scope="col">{t('rel.col.withheld')}</th>
              <th scope="col">{t('rel.col.added')}</th>
            </tr>
          </thead>
          <tbody>
            {p.tables.map((row) => (
              <tr key={row.table}>
                <th scope="row">{TABLES.has(row.table) ? t(`rel.table.${row.table}` as HrMessageKey) : row.table}</th>
                <td>{number(row.cellsWithheld)}</td>
                <td>{number(row.cellsAdded)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function PublishForm(props: { preview: Preview; label: string; onPublished: (message: string) => void }) {
  const { t } = useHrMessages();
  const p = props.preview;
  const replaces = p.currentReleaseNumber;
  const finalAllowed = p.finalRefusal === null;
  const initial = { kind: finalAllowed ? 'final' : 'provisional', note: '' };
  const form = useForm({
    id: 'publish-release',
    initial,
    draft: false,
    // The server names the period for a refusal (e.g. a final release too early): the kind is the choice to change.
    fieldMap: { period: 'kind' },
    validate: (v) => {
      const errors: FieldError[] = [];
      if (!v.kind) errors.push({ field: 'kind', message: t('hr.required', { label: t('rel.kind') }), code: 'INVALID_INPUT' });
      if (replaces !== null && !v.note.trim()) errors.push({ field: 'note', message: t('rel.noteRequired'), code: 'INVALID_INPUT' });
      if (v.note.trim().length > MAX_NOTE) errors.push({ field: 'note', message: t('hr.tooLong', { label: t('rel.note'), max: MAX_NOTE }), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  return (
    <section class="section card" aria-labelledby="release-publish" data-testid="publish">
      <h3 id="release-publish">{t('rel.publish')}</h3>
      {p.finalRefusal ? (
        <p class="notice notice-warning" data-testid="final-refused">
          {t('rel.finalRefused', { reason: '' })}
          <span lang="id">{p.finalRefusal}</span>
        </p>
      ) : null}
      {replaces !== null ? (
        <p class="notice notice-info" data-testid="supersedes">
          {t('rel.current', { number: replaces })}
        </p>
      ) : null}
      <Form
        form={form}
        labelledBy="release-publish"
        onSubmit={(v) =>
          runMutation(
            HrPublishReleaseDocument,
            { input: { period: p.periodCode, provisional: v.kind === 'provisional', supersede: replaces !== null, note: v.note.trim() || null } },
            (d) => d.publishRelease,
          )
        }
        onSuccess={(result) => props.onPublished(t('rel.published', { number: result.number, period: props.label, units: result.units, services: result.services }))}
      >
        <SelectField help={t('rel.help.kind')}
          form={form}
          name="kind"
          label={t('rel.kind')}
          hint={`${t('rel.final')}: ${t('rel.finalHint')} ${t('rel.provisional')}: ${t('rel.provisionalHint')}`}
          emptyLabel={t('rel.kind')}
          options={[...(finalAllowed ? [{ value: 'final', label: t('rel.final') }] : []), { value: 'provisional', label: t('rel.provisional') }]}
          required
        />
        {replaces !== null ? <p data-testid="supersede-note">{t('rel.supersede', { number: replaces })}</p> : null}
        <TextField help={t('rel.help.note')} form={form} name="note" label={t('rel.note')} hint={t('rel.noteHint')} multiline rows={3} required={replaces !== null} />
        <SubmitButton form={form}>{t('rel.submit')}</SubmitButton>
        {form.submitting ? (
          <p class="status-loading" data-testid="publishing">
            <progress aria-label={t('rel.publishing')} /> {t('rel.publishing')}
          </p>
        ) : null}
      </Form>
    </section>
  );
}

function History(props: { releases: readonly Release[] }) {
  const { t, locale } = useHrMessages();
  return (
    <section class="section" aria-labelledby="release-history">
      <h2 id="release-history">{t('rel.history')}</h2>
      {props.releases.length === 0 ? (
        <EmptyState testId="releases-empty">
          <p>{t('rel.historyEmpty')}</p>
        </EmptyState>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="release-history">
          <table class="data-table" data-testid="releases">
            <thead>
              <tr>
                <th scope="col">{t('rel.col.number')}</th>
                <th scope="col">{t('rel.col.period')}</th>
                <th scope="col">{t('rel.col.published')}</th>
                <th scope="col">{t('rel.col.status')}</th>
                <th scope="col">{t('rel.col.audit')}</th>
                <th scope="col">{t('rel.col.changelog')}</th>
              </tr>
            </thead>
            <tbody>
              {props.releases.map((r) => (
                <tr key={r.number} data-testid="release" data-number={r.number} data-period={r.periodCode} data-provisional={String(r.provisional)} data-superseded={String(r.supersededByNumber !== null)}>
                  <th scope="row">#{r.number}</th>
                  <td>{periodCodeLabel(r.periodCode, t, locale)}</td>
                  <td>{formatDateTime(r.publishedAt, locale)}</td>
                  <td>
                    {r.supersededByNumber !== null ? t('rel.status.superseded', { number: r.supersededByNumber }) : t('rel.status.current')} ·{' '}
                    {r.provisional ? t('rel.status.provisional') : t('rel.status.final')}
                  </td>
                  <td>
                    {r.cellsWithheld === null
                      ? t('rel.auditNone')
                      : t('rel.auditCells', { withheld: r.cellsWithheld, added: r.cellsAdded ?? 0, s: (r.auditSeconds ?? 0).toLocaleString(locale, { maximumFractionDigits: 2 }) })}
                  </td>
                  <td>
                    {r.supersedesNumber !== null ? t('rel.replaces', { number: r.supersedesNumber }) : t('rel.firstOfPeriod')}
                    {r.note ? (
                      <>
                        {' '}
                        <span lang="id">{r.note}</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
