/** /portal/audit: the audit log (filter by object, actor, action and time; paged) and the hash chain check. Read-only. */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { EmptyState, LoadError, Loading, PageHeading } from '../../components';
import { staffRequest, useStaffQuery } from '../api';
import { formatDateTime } from '../messages';
import { portalPaths } from '../paths';
import { QueryView } from '../ui/states';
import { AuditChainDocument, type AuditChainQuery } from './AuditChain.generated';
import { AuditLogDocument, type AuditLogQuery } from './AuditLog.generated';
import { useAuditMessages } from './messages';

const PAGE_SIZE = 20;
/** URL parameter → query variable; the filters live in the address so a search can be shared. */
const FILTERS = [
  ['objek', 'objectType'],
  ['id', 'objectId'],
  ['aksi', 'action'],
  ['pelaku', 'actor'],
  ['dari', 'occurredFrom'],
  ['sampai', 'occurredUntil'],
] as const;
type Param = (typeof FILTERS)[number][0];

/** The API's cursor for the page (offset-based: "o:<last offset of the previous page>"). */
function cursorOf(page: number): string | null {
  if (page <= 1) return null;
  return btoa(`o:${(page - 1) * PAGE_SIZE - 1}`).replace(/\+/g, '-').replace(/\//g, '_');
}

function searchUrl(values: Partial<Record<Param | 'hal', string>>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${portalPaths.audit()}?${text}` : portalPaths.audit();
}

export function AuditLogPage() {
  const { t } = useAuditMessages();
  const { query: params } = useLocation();
  return (
    <>
      <PageHeading>{t('audit.title')}</PageHeading>
      <p class="lead">{t('audit.lead')}</p>
      <ChainCheck />
      <Filters params={params} />
      <Events params={params} />
    </>
  );
}

function Filters(props: { params: Record<string, string> }) {
  const { t } = useAuditMessages();
  const { route } = useLocation();
  const [error, setError] = useState<string | null>(null);
  const field = (param: Param, label: string, type: 'text' | 'date' = 'text', hint?: string) => {
    const id = `audit-${param}`;
    const invalid = param === 'sampai' && error !== null;
    const describedBy = [hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
    return (
      <div class={invalid ? 'field field-invalid' : 'field'}>
        <label for={id}>{label}</label>
        {hint ? (
          <p id={`${id}-hint`} class="hint">
            {hint}
          </p>
        ) : null}
        {invalid ? (
          <p id={`${id}-error`} class="field-error" data-testid="error-sampai">
            {error}
          </p>
        ) : null}
        <input id={id} name={param} type={type as 'text'} maxLength={100} defaultValue={props.params[param] ?? ''} aria-invalid={invalid ? 'true' : undefined} aria-describedby={describedBy} />
      </div>
    );
  };
  return (
    <section class="section" aria-labelledby="audit-filters">
      <h2 id="audit-filters">{t('audit.filters')}</h2>
      <form
        class="audit-filters"
        data-testid="audit-filters"
        method="get"
        action={portalPaths.audit()}
        key={JSON.stringify(props.params)}
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const values = Object.fromEntries(FILTERS.map(([param]) => [param, String(data.get(param) ?? '').trim()]));
          if (values['dari'] && values['sampai'] && values['sampai'] < values['dari']) {
            setError(t('audit.badDate'));
            (event.currentTarget.elements.namedItem('sampai') as HTMLInputElement | null)?.focus();
            return;
          }
          setError(null);
          route(searchUrl(values));
        }}
      >
        {field('objek', t('audit.objectType'), 'text', t('audit.objectTypeHint'))}
        {field('id', t('audit.objectId'))}
        {field('aksi', t('audit.action'), 'text', t('audit.actionHint'))}
        {field('pelaku', t('audit.actor'))}
        {field('dari', t('audit.from'), 'date')}
        {field('sampai', t('audit.until'), 'date')}
        <div class="form-actions">
          <button type="submit" class="button" data-testid="audit-search">
            {t('audit.search')}
          </button>
          <a class="button button-secondary" href={portalPaths.audit()}>
            {t('audit.clear')}
          </a>
        </div>
      </form>
    </section>
  );
}

function Events(props: { params: Record<string, string> }) {
  const { t } = useAuditMessages();
  const page = Math.max(1, Number.parseInt(props.params['hal'] ?? '1', 10) || 1);
  const variables = Object.fromEntries(FILTERS.map(([param, name]) => [name, props.params[param] || null]));
  const query = useStaffQuery(AuditLogDocument, { ...variables, first: PAGE_SIZE, after: cursorOf(page) });
  return (
    <section class="section" aria-labelledby="audit-results">
      <h2 id="audit-results">{t('audit.results')}</h2>
      <QueryView query={query}>{(data) => <EventTable data={data.auditEvents} page={page} params={props.params} />}</QueryView>
    </section>
  );
}

function EventTable(props: { data: AuditLogQuery['auditEvents']; page: number; params: Record<string, string> }) {
  const { t, locale } = useAuditMessages();
  const { data, page } = props;
  if (data.nodes.length === 0) {
    return (
      <EmptyState testId="audit-empty">
        <p>{t('audit.empty')}</p>
      </EmptyState>
    );
  }
  const pages = Math.max(1, Math.ceil(data.totalCount / PAGE_SIZE));
  const link = (target: number) => searchUrl({ ...props.params, hal: target > 1 ? String(target) : '' });
  return (
    <>
      <p data-testid="audit-count" data-count={data.totalCount} role="status">
        {t('audit.count', { count: data.totalCount })}
      </p>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="audit-caption">
        <table class="data-table" data-testid="audit-table">
          <caption id="audit-caption" class="visually-hidden">
            {t('audit.results')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.col.seq')}</th>
              <th scope="col">{t('audit.col.time')}</th>
              <th scope="col">{t('audit.col.actor')}</th>
              <th scope="col">{t('audit.col.action')}</th>
              <th scope="col">{t('audit.col.object')}</th>
              <th scope="col">{t('audit.col.change')}</th>
            </tr>
          </thead>
          <tbody>
            {data.nodes.map((e) => (
              <tr key={e.seq} data-testid="audit-event" data-seq={e.seq} data-action={e.action}>
                <th scope="row">{e.seq}</th>
                <td>{formatDateTime(e.occurredAt, locale)}</td>
                <td>{e.actorLabel}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  <code>
                    {e.objectType}
                    {e.objectId ? ` #${e.objectId}` : ''}
                  </code>
                </td>
                <td>
                  {e.before == null && e.after == null ? (
                    <span aria-hidden="true">{t('audit.none')}</span>
                  ) : (
                    <details class="audit-change">
                      <summary>{t('audit.showChange', { seq: e.seq })}</summary>
                      {e.before != null ? (
                        <>
                          <h3 class="audit-change-title">{t('audit.before')}</h3>
                          <pre>{JSON.stringify(e.before, null, 2)}</pre>
                        </>
                      ) : null}
                      {e.after != null ? (
                        <>
                          <h3 class="audit-change-title">{t('audit.after')}</h3>
                          <pre>{JSON.stringify(e.after, null, 2)}</pre>
                        </>
                      ) : null}
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label={t('audit.pages')}>
        {page > 1 ? (
          <a href={link(page - 1)} data-testid="audit-prev">
            {t('audit.prev')}
          </a>
        ) : null}
        <span data-testid="audit-page">{t('audit.page', { page, pages })}</span>
        {data.pageInfo.hasNextPage ? (
          <a href={link(page + 1)} data-testid="audit-next">
            {t('audit.next')}
          </a>
        ) : null}
      </nav>
    </>
  );
}

type Chain = AuditChainQuery['auditChain'];

function ChainCheck() {
  const { t } = useAuditMessages();
  const [state, setState] = useState<{ status: 'idle' } | { status: 'running' } | { status: 'done'; chain: Chain } | { status: 'error'; error: unknown }>({ status: 'idle' });
  const run = () => {
    setState({ status: 'running' });
    staffRequest(AuditChainDocument, {}).then(
      (data) => setState({ status: 'done', chain: data.auditChain }),
      (error: unknown) => setState({ status: 'error', error }),
    );
  };
  return (
    <section class="section" aria-labelledby="audit-chain" data-testid="audit-chain">
      <h2 id="audit-chain">{t('audit.chain')}</h2>
      <p>{t('audit.chainLead')}</p>
      <button type="button" class="button button-secondary" onClick={run} disabled={state.status === 'running'} aria-busy={state.status === 'running'} data-testid="verify-chain">
        {state.status === 'done' ? t('audit.verifyAgain') : t('audit.verify')}
      </button>
      <div aria-live="polite">
        {state.status === 'running' ? <Loading /> : null}
        {state.status === 'error' ? <LoadError error={state.error} onRetry={run} /> : null}
        {state.status === 'done' ? <ChainResult chain={state.chain} /> : null}
      </div>
    </section>
  );
}

function ChainResult(props: { chain: Chain }) {
  const { t } = useAuditMessages();
  const { chain } = props;
  return (
    <div class={chain.intact ? 'notice notice-info' : 'notice notice-error'} data-testid="chain-result" data-intact={String(chain.intact)} data-checked={chain.eventsChecked}>
      <p>
        <strong>{chain.intact ? t('audit.intact') : t('audit.broken')}</strong>
      </p>
      <p>{t('audit.checked', { count: chain.eventsChecked })}</p>
      {chain.firstBrokenSeq != null ? (
        <p data-testid="chain-broken" data-seq={chain.firstBrokenSeq}>
          {t('audit.firstBroken', { seq: chain.firstBrokenSeq })}
        </p>
      ) : null}
      {chain.problem ? <p lang="id">{t('audit.problem', { problem: chain.problem })}</p> : null}
    </div>
  );
}
