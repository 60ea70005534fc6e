/**
 * "Muat lebih banyak": a list that starts with the first page of a connection (from a query the
 * screen already shows) and appends the next page on request, through the API's cursor
 * (`after` = the last `endCursor`). Rows are keyed by id: a row that moved between two pages
 * (someone added one meanwhile) is not shown twice. The owner remounts the list (a `key`) when
 * the first page is asked again.
 */
import { useRef, useState } from 'preact/hooks';
import { useBkpsdmMessages } from './messages';

/** The largest page the internal API serves (`first` ≤ 100). */
export const PAGE_SIZE = 100;

export interface Page<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  nodes: readonly N[];
}

export interface MorePages<N> {
  nodes: readonly N[];
  total: number;
  hasMore: boolean;
  loading: boolean;
  failed: boolean;
  loadMore: () => void;
}

function nextCursor<N>(page: Page<N>): string | null {
  return page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
}

/** Appends `page` to `nodes`, leaving out ids already there. */
export function appendPage<N extends { id: string }>(nodes: readonly N[], page: readonly N[]): N[] {
  const seen = new Set(nodes.map((n) => n.id));
  return [...nodes, ...page.filter((n) => !seen.has(n.id))];
}

export function useMorePages<N extends { id: string }>(first: Page<N>, fetchAfter: (cursor: string) => Promise<Page<N>>): MorePages<N> {
  const [state, setState] = useState(() => ({ nodes: first.nodes, total: first.totalCount, next: nextCursor(first) }));
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  return {
    nodes: state.nodes,
    total: state.total,
    hasMore: state.next !== null,
    loading,
    failed,
    loadMore: () => {
      if (loading || state.next === null) return;
      setLoading(true);
      setFailed(false);
      fetchAfter(state.next).then(
        (page) => {
          setState((s) => ({ nodes: appendPage(s.nodes, page.nodes), total: page.totalCount, next: nextCursor(page) }));
          setLoading(false);
        },
        () => {
          setFailed(true);
          setLoading(false);
        },
      );
    },
  };
}

/**
 * How many rows are shown of how many, and the button that loads the next page. When the last
 * page came in the button goes away and the focus moves to the count (not lost to the page).
 */
export function MoreButton(props: { pages: MorePages<unknown>; what: string; testId: string; countTestId?: string }) {
  const { t } = useBkpsdmMessages();
  const { pages } = props;
  const count = useRef<HTMLParagraphElement>(null);
  const clicked = useRef(false);
  if (clicked.current && !pages.hasMore && !pages.loading) {
    clicked.current = false;
    window.setTimeout(() => count.current?.focus(), 0);
  }
  return (
    <div class="more-pages">
      <p ref={count} tabIndex={-1} role="status" data-testid={props.countTestId} data-shown={pages.nodes.length} data-total={pages.total}>
        {t('more.shown', { shown: pages.nodes.length, total: pages.total, what: props.what })}
        {pages.loading ? ` ${t('more.loading')}` : ''}
      </p>
      {pages.failed ? <p class="field-error">{t('more.failed')}</p> : null}
      {pages.hasMore ? (
        <button
          type="button"
          class="button button-secondary button-small"
          data-testid={props.testId}
          aria-disabled={pages.loading ? 'true' : undefined}
          onClick={() => {
            clicked.current = true;
            pages.loadMore();
          }}
        >
          {t('more.load', { what: props.what })}
        </button>
      ) : null}
    </div>
  );
}
