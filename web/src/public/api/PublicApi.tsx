/**
 * /api-publik — the journalists' and developers' page: how to call the public GraphQL API, its
 * limits, the example queries one click away, and the explorer (GraphiQL, loaded on demand as its
 * own chunk: see Explorer.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { LoadError, Loading, PageHeading, ScrollTable } from '../../components';
import { formatNumber } from '../../lib/figures';
import type { Explorer } from './Explorer';
import { loadSiteInfo } from '../../lib/siteInfo';
import { useAsync } from '../../lib/useAsync';
import { EXAMPLES, exampleHref, loadExample, type ExampleName } from './examples';
import { useApiMessages, type ApiMessageKey } from './messages';

const DEFAULT_QUERY = `# Tulis kueri di sini, lalu tekan ▶ / write a query here, then press ▶
{
  latestRelease {
    number
    periodCode
    city { name headcount skpCoveragePct survey { ikmConverted band } }
  }
}
`;

type ExplorerState = { status: 'closed' } | { status: 'loading' } | { status: 'open' } | { status: 'error' };

export function PublicApiPage() {
  const { t } = useApiMessages();
  const frame = useRef<HTMLDivElement>(null);
  const explorer = useRef<Explorer | null>(null);
  const [state, setState] = useState<ExplorerState>({ status: 'closed' });
  const [wanted, setWanted] = useState<{ query: string; n: number } | null>(null);

  useEffect(() => () => explorer.current?.unmount(), []);

  // Mount GraphiQL once its chunk is here and the frame is rendered; later requests only swap the query.
  useEffect(() => {
    if (wanted === null) return;
    if (explorer.current) {
      explorer.current.show(wanted.query);
      frame.current?.scrollIntoView({ block: 'start' });
      return;
    }
    let cancelled = false;
    setState({ status: 'loading' });
    import('./Explorer').then(
      (module) => {
        if (cancelled || frame.current === null) return;
        explorer.current = module.mountExplorer(frame.current, wanted.query);
        setState({ status: 'open' });
        frame.current.scrollIntoView({ block: 'start' });
      },
      () => {
        if (!cancelled) setState({ status: 'error' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [wanted]);

  const open = (query: string): void => setWanted((w) => ({ query, n: (w?.n ?? 0) + 1 }));
  const openExample = (name: ExampleName): void => {
    loadExample(name).then(open, () => setState({ status: 'error' }));
  };

  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p class="lead">{t('intro')}</p>

      <section aria-labelledby="use-heading" class="section">
        <h2 id="use-heading">{t('endpointHeading')}</h2>
        <p>{t('endpointBody')}</p>
        <pre class="code-block">
          <code>{`curl -s ${location.origin}/public/graphql \\\n  -H 'Content-Type: application/json' \\\n  -d '{"query": "{ latestRelease { number periodCode city { headcount } } }"}'`}</code>
        </pre>
        <p>{t('withheldNote')}</p>
        <ul>
          <li>
            <a href="/public/schema.graphql">{t('schemaLink')}</a>
          </li>
          <li>
            <a href="/data">{t('dataLink')}</a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="examples-heading" class="section" data-testid="api-examples">
        <h2 id="examples-heading">{t('examplesHeading')}</h2>
        <p>{t('examplesIntro')}</p>
        <ul class="example-list">
          {EXAMPLES.map((name) => {
            const label = t(`example.${name}` as ApiMessageKey);
            return (
              <li key={name} data-example={name}>
                <span class="example-name">{label}</span>{' '}
                <button
                  type="button"
                  class="button button-secondary"
                  aria-label={t('openExampleNamed', { name: label })}
                  data-testid="open-example"
                  onClick={() => openExample(name)}
                >
                  {t('openExample')}
                </button>{' '}
                <a href={exampleHref(name)}>
                  {t('viewText')} <span class="visually-hidden">{label}</span>
                </a>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="explorer-heading" class="section">
        <h2 id="explorer-heading">{t('explorerHeading')}</h2>
        <p>{t('explorerIntro')}</p>
        {state.status === 'closed' ? (
          <button type="button" class="button button-primary" data-testid="open-explorer" onClick={() => open(DEFAULT_QUERY)}>
            {t('explorerOpen')}
          </button>
        ) : null}
        {state.status === 'loading' ? (
          <p class="status-loading" role="status" data-testid="explorer-loading">
            {t('explorerLoading')}
          </p>
        ) : null}
        {state.status === 'error' ? (
          <p class="notice notice-error" role="alert" data-testid="explorer-error">
            {t('explorerError')}
          </p>
        ) : null}
        <div ref={frame} class={state.status === 'open' || state.status === 'loading' ? 'explorer-frame' : 'explorer-frame-closed'} data-testid="explorer" />
      </section>

      <Limits />

      <section aria-labelledby="caching-heading" class="section">
        <h2 id="caching-heading">{t('cachingHeading')}</h2>
        <p>{t('cachingBody')}</p>
      </section>
    </>
  );
}

function Limits() {
  const { t, locale } = useApiMessages();
  // The server's own figures (about.limits): the same values it enforces, as configured here.
  // Loaded as a page's data, not through useSiteInfo: a failed load must say so and offer a
  // retry, never leave the loading line on screen.
  const about = useAsync(loadSiteInfo);
  const limits = about.status === 'success' ? about.data.limits : null;
  const n = (value: number): string => formatNumber(value, locale);
  const rows: Array<[ApiMessageKey, string, ApiMessageKey]> =
    limits === null
      ? []
      : [
          ['limit.depth', n(limits.maxDepth), 'limit.depthWhat'],
          ['limit.aliases', n(limits.maxAliases), 'limit.aliasesWhat'],
          ['limit.tokens', n(limits.maxTokens), 'limit.tokensWhat'],
          ['limit.cost', n(limits.maxCost), 'limit.costWhat'],
          ['limit.page', t('limit.pageValue', { default: n(limits.defaultPageSize), max: n(limits.maxPageSize) }), 'limit.pageWhat'],
          ['limit.filter', n(limits.maxFilterValues), 'limit.filterWhat'],
          ['limit.rate', t('limit.rateValue', { perMinute: n(limits.ratePerMinute), burst: n(limits.rateBurst) }), 'limit.rateWhat'],
          ['limit.body', t('limit.bodyValue', { kb: n(limits.maxBodyBytes / 1000) }), 'limit.bodyWhat'],
        ];
  return (
    <section aria-labelledby="limits-heading" class="section" data-testid="api-limits">
      <h2 id="limits-heading">{t('limitsHeading')}</h2>
      <p>{t('limitsIntro')}</p>
      {about.status === 'error' ? <LoadError error={about.error} onRetry={about.reload} /> : null}
      {about.status === 'loading' ? <Loading label={t('limitsLoading')} /> : null}
      {limits === null ? null : (
        <ScrollTable captionId="limits-caption" caption={t('limitsCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('colLimit')}</th>
              <th scope="col">{t('colValue')}</th>
              <th scope="col">{t('colWhat')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, value, what]) => (
              <tr key={label} data-testid="api-limit" data-limit={label}>
                <th scope="row">{t(label)}</th>
                <td>{value}</td>
                <td>{t(what)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}
