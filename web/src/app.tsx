/** The application shell: skip link, header with navigation and language switch, routes, footer. */
import type { FunctionComponent } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Link, lazyPage } from './components';
import type { LandingAbout } from './graphql/types';
import { I18nContext, createTranslator, readStoredLang, storeLang, useI18n, type Lang } from './i18n';
import { loadLanding } from './lib/landingData';
import { handleLinkClick, matchPath, useLocation, type RouteParams } from './lib/router';
import { LandingPage } from './pages/Landing';
import { LoginPage } from './pages/Login';
import { NotFoundPage } from './pages/NotFound';
import { PortalPage } from './pages/Portal';

type PageProps = { params: RouteParams };

// The public performance pages and the survey are separate chunks, loaded on first visit.
const KinerjaPage = lazyPage<PageProps>(() => import('./pages/Kinerja').then((m) => m.KinerjaPage));
const KinerjaUnitPage = lazyPage<PageProps>(() => import('./pages/KinerjaUnit').then((m) => m.KinerjaUnitPage));
const MethodologyPage = lazyPage<PageProps>(() => import('./pages/Methodology').then((m) => m.MethodologyPage));
const SurveyPage = lazyPage<PageProps>(() => import('./pages/Survey').then((m) => m.SurveyPage));

/**
 * Route table, first match wins. `/survei/<token>` is NOT a client route: the server serves
 * the survey's plain HTML form there (works without JavaScript).
 */
export const routes: Array<{ pattern: string; page: FunctionComponent<PageProps> }> = [
  { pattern: '/', page: LandingPage },
  { pattern: '/masuk', page: LoginPage },
  { pattern: '/portal', page: PortalPage },
  { pattern: '/kinerja', page: KinerjaPage },
  { pattern: '/kinerja/metodologi', page: MethodologyPage },
  { pattern: '/kinerja/unit/:code', page: KinerjaUnitPage },
  { pattern: '/layanan/:token', page: SurveyPage },
];

export function resolveRoute(path: string): { page: FunctionComponent<PageProps>; params: RouteParams } {
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (params !== null) return { page: route.page, params };
  }
  return { page: NotFoundPage, params: {} };
}

export function App() {
  const [lang, setLangState] = useState<Lang>(readStoredLang);
  const context = useMemo(
    () => ({
      ...createTranslator(lang),
      setLang: (next: Lang) => {
        storeLang(next);
        setLangState(next);
      },
    }),
    [lang],
  );

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const { path } = useLocation();
  const { page: Page, params } = resolveRoute(path);

  return (
    <I18nContext.Provider value={context}>
      <SkipLink />
      <Header path={path} />
      <main id="main" tabIndex={-1} class="main">
        <div class="container">
          <Page key={path} params={params} />
        </div>
      </main>
      <Footer />
    </I18nContext.Provider>
  );
}

function SkipLink() {
  const { t } = useI18n();
  return (
    <a
      href="#main"
      class="skip-link"
      onClick={(event) => {
        // Focus <main> without touching the URL (a hash would look like a route change).
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      {t('app.skipLink')}
    </a>
  );
}

function Header(props: { path: string }) {
  const { t, lang, setLang } = useI18n();
  const other: Lang = lang === 'id' ? 'en' : 'id';
  const navItems: Array<{ href: string; label: string }> = [
    { href: '/', label: t('app.nav.home') },
    { href: '/kinerja', label: t('app.nav.kinerja') },
    { href: '/portal', label: t('app.nav.portal') },
  ];
  return (
    <header class="site-header">
      <div class="container header-inner">
        <Link href="/" class="brand">
          <span class="brand-mark" aria-hidden="true">
            eK
          </span>
          <span class="brand-text">
            <span class="brand-name">{t('app.shortName')}</span>
            <span class="brand-city">{t('app.city')}</span>
          </span>
        </Link>
        <nav aria-label={t('app.navLabel')} class="site-nav">
          <ul>
            {navItems.map((item) => (
              <li key={item.href}>
                <a
                  href={item.href}
                  aria-current={currentness(props.path, item.href)}
                  onClick={(event) => handleLinkClick(event, item.href)}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          class="lang-switch"
          lang={other}
          aria-label={t('app.langSwitchLabel')}
          onClick={() => setLang(other)}
        >
          {t('app.langSwitch')}
        </button>
      </div>
    </header>
  );
}

/** `page` for the page itself; `true` inside its section (`/kinerja/unit/X` under "Kinerja"). */
function currentness(path: string, href: string): 'page' | 'true' | undefined {
  if (path === href) return 'page';
  return href !== '/' && path.startsWith(`${href}/`) ? 'true' : undefined;
}

function Footer() {
  const { t } = useI18n();
  const [about, setAbout] = useState<LandingAbout | null>(null);
  useEffect(() => {
    let active = true;
    loadLanding().then(
      (data) => {
        if (active) setAbout(data.about);
      },
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, []);

  return (
    <footer class="site-footer">
      <div class="container">
        <p>{t('app.footer.tagline')}</p>
        {about ? (
          <ul class="footer-facts">
            <li>{t('app.footer.publisher', { instansi: about.instansi })}</li>
            <li>
              {t('app.footer.licence')}{' '}
              {about.licenceUrl ? (
                <a href={about.licenceUrl} rel="license">
                  {about.licence}
                </a>
              ) : (
                about.licence
              )}
            </li>
            {about.contact ? (
              <li>
                {t('app.footer.contact')} <Contact value={about.contact} />
              </li>
            ) : null}
          </ul>
        ) : null}
      </div>
    </footer>
  );
}

function Contact(props: { value: string }) {
  const value = props.value.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return <a href={`mailto:${value}`}>{value}</a>;
  if (/^https?:\/\//.test(value)) return <a href={value}>{value}</a>;
  return <>{value}</>;
}
