/** Small shared pieces: links, the page heading (title + focus), loading and error states. */
import type { ComponentChildren, FunctionComponent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from './i18n';
import { handleLinkClick, useLocation } from './lib/router';

export function Link(props: { href: string; class?: string; children: ComponentChildren }) {
  return (
    <a href={props.href} class={props.class} onClick={(event) => handleLinkClick(event, props.href)}>
      {props.children}
    </a>
  );
}

/**
 * The page's <h1>. Sets document.title, and after a client-side navigation moves focus
 * to the heading so screen-reader and keyboard users start at the new content (WCAG 2.4.3).
 */
export function PageHeading(props: { children: string }) {
  const { t } = useI18n();
  const { navCount } = useLocation();
  const ref = useRef<HTMLHeadingElement>(null);
  const appName = t('app.name');
  const title = props.children;

  useEffect(() => {
    document.title = title === appName ? appName : `${title} — ${appName}`;
  }, [title, appName]);

  useEffect(() => {
    if (navCount > 0) ref.current?.focus();
  }, [navCount]);

  return (
    <h1 ref={ref} tabIndex={-1}>
      {title}
    </h1>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="status-loading" role="status">
      {t('app.loading')}
    </p>
  );
}

export function LoadError(props: { onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice notice-error" role="alert">
      <p>{t('app.loadError')}</p>
      <button type="button" class="button button-secondary" onClick={props.onRetry}>
        {t('app.retry')}
      </button>
    </div>
  );
}

/**
 * A page loaded on first use (its own JS chunk). The module promise is kept, so a failed
 * load can be retried and a loaded one is never fetched twice.
 */
export function lazyPage<P extends object>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  let pending: Promise<FunctionComponent<P>> | null = null;
  let loaded: FunctionComponent<P> | null = null;
  const get = (): Promise<FunctionComponent<P>> => {
    if (pending === null) {
      pending = load().then((component) => {
        loaded = component;
        return component;
      });
      pending.catch(() => {
        pending = null;
      });
    }
    return pending;
  };
  return function LazyPage(props: P) {
    const [, setVersion] = useState(0);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded !== null) return;
      let active = true;
      get().then(
        () => active && setVersion((n) => n + 1),
        () => active && setFailed(true),
      );
      return () => {
        active = false;
      };
    }, [failed]);
    if (loaded !== null) {
      const Page = loaded;
      return <Page {...props} />;
    }
    if (failed) return <LoadError onRetry={() => setFailed(false)} />;
    return <Loading />;
  };
}
