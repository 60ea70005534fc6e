/**
 * Shared pieces of every page (public and staff): the page heading (title + focus), the loading,
 * empty and error states, the synthetic-data banner, lazily loaded routes and the scrolling table shell.
 *
 * Links are plain `<a href="…">`: the router (preact-iso) handles those inside the SPA.
 */
import type { ComponentChildren, FunctionComponent } from 'preact';
import { lazy } from 'preact-iso';
import { useEffect, useRef } from 'preact/hooks';
import { RequestError } from './graphql/client';
import { useI18n, type MessageKey } from './i18n';
import { useNavCount } from './lib/navigation';
import { useSiteInfo } from './lib/siteInfo';

/**
 * The page's one <h1>. Sets document.title ("<heading> — e-Kinerja Kota Salatiga"), and after a
 * client-side navigation moves focus to the heading, so screen-reader and keyboard users start
 * at the new content (WCAG 2.4.3). `title` overrides the document title when it should say more.
 */
export function PageHeading(props: { children: string; title?: string }) {
  const { t } = useI18n();
  const navCount = useNavCount();
  const ref = useRef<HTMLHeadingElement>(null);
  const appName = t('app.name');
  const title = props.title ?? props.children;

  useEffect(() => {
    document.title = title === appName ? appName : `${title} — ${appName}`;
  }, [title, appName]);

  useEffect(() => {
    if (navCount > 0) ref.current?.focus();
  }, [navCount]);

  return (
    <h1 ref={ref} tabIndex={-1}>
      {props.children}
    </h1>
  );
}

/** A polite "loading" line; `label` says what is loading when the page shows several. */
export function Loading(props: { label?: string }) {
  const { t } = useI18n();
  return (
    <p class="status-loading" role="status" data-testid="loading">
      {props.label ?? t('app.loading')}
    </p>
  );
}

/** Nothing to show: a sentence, and optionally what to do about it. */
export function EmptyState(props: { children: ComponentChildren; testId?: string }) {
  return (
    <div class="empty-state" data-testid={props.testId ?? 'empty-state'}>
      {props.children}
    </div>
  );
}

/** What went wrong, in words a person can act on. */
export function errorMessageKey(error: unknown): MessageKey {
  if (error instanceof RequestError) {
    if (error.kind === 'network') return 'app.errorNetwork';
    const code = error.errors[0]?.extensions?.code;
    if (code === 'FORBIDDEN') return 'app.errorForbidden';
    if (code === 'NOT_FOUND') return 'app.errorNotFound';
    if (error.status === 503) return 'app.errorUnavailable';
  }
  return 'app.loadError';
}

/** A failed load, with a retry button (and the reason when it is known). */
export function LoadError(props: { onRetry: () => void; error?: unknown }) {
  const { t } = useI18n();
  return (
    <div class="notice notice-error" role="alert" data-testid="load-error">
      <p>{t(errorMessageKey(props.error))}</p>
      <button type="button" class="button button-secondary" onClick={props.onRetry}>
        {t('app.retry')}
      </button>
    </div>
  );
}

/** Shown instead of a page whose code could not be downloaded (offline, or a new release). */
function ChunkLoadFailed() {
  const { t } = useI18n();
  return (
    <div class="notice notice-error" role="alert" data-testid="load-error">
      <p>{t('app.chunkError')}</p>
      <button type="button" class="button button-secondary" onClick={() => window.location.reload()}>
        {t('app.reload')}
      </button>
    </div>
  );
}

/**
 * A route whose page is a separate JS chunk, downloaded on first visit:
 *
 *   <Route path="/kinerja" component={lazyRoute(() => import('./public/Kinerja').then((m) => m.KinerjaPage))} />
 *
 * preact-iso's `lazy` keeps the previous page on screen while the chunk loads (the router's
 * `onLoadStart` shows a loading line); a failed download renders a message with a reload button.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyRoute<P = any>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  return lazy(() => load().catch(() => ChunkLoadFailed as FunctionComponent<P>)) as FunctionComponent<P>;
}

/** "Data demo sintetis": on every page while the server runs with KINERJA_DEMO. */
export function SyntheticBanner() {
  const { t } = useI18n();
  const site = useSiteInfo();
  if (site === null || !site.syntheticData) return null;
  return (
    <p class="banner-synthetic" data-testid="synthetic-banner">
      <strong>{t('app.synthetic')}</strong>
    </p>
  );
}

/**
 * A <table class="data-table"> inside a region that scrolls on narrow screens; the region is
 * focusable (keyboard scrolling) and named by the table's caption.
 */
export function ScrollTable(props: { captionId: string; caption: ComponentChildren; testId?: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-labelledby={props.captionId} tabIndex={0}>
      <table class="data-table" data-testid={props.testId}>
        <caption id={props.captionId}>{props.caption}</caption>
        {props.children}
      </table>
    </div>
  );
}
