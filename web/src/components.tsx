/** Small shared pieces: links, the page heading (title + focus), loading and error states. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
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
