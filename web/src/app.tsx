/** The application shell: skip link, header with navigation and language switch, routes, footer. */
import type { FunctionComponent } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Link } from './components';
import type { LandingAbout } from './graphql/types';
import { I18nContext, createTranslator, readStoredLang, storeLang, useI18n, type Lang } from './i18n';
import { loadLanding } from './lib/landingData';
import { handleLinkClick, useLocation } from './lib/router';
import { LandingPage } from './pages/Landing';
import { LoginPage } from './pages/Login';
import { NotFoundPage } from './pages/NotFound';
import { PortalPage } from './pages/Portal';

export const routes: Record<string, FunctionComponent> = {
  '/': LandingPage,
  '/masuk': LoginPage,
  '/portal': PortalPage,
};

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
  const Page = routes[path] ?? NotFoundPage;

  return (
    <I18nContext.Provider value={context}>
      <SkipLink />
      <Header path={path} />
      <main id="main" tabIndex={-1} class="main">
        <div class="container">
          <Page key={path} />
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
                  aria-current={props.path === item.href ? 'page' : undefined}
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
