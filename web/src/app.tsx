/**
 * The application: language, router (preact-iso) and the two layouts.
 *
 * - Public pages (landing, /kinerja…, /layanan/:token, /masuk) use the public layout below and
 *   stay within the public JavaScript budget (60 KB gzip, checked by a test on the build).
 * - Everything under /portal is the staff portal: one lazily loaded chunk (`staff/StaffArea`)
 *   with its own layout, session and route table (`staff/routes.tsx`), whose role screens are
 *   further chunks.
 *
 * `/survei/<token>` is NOT a client route: the server serves the survey's plain HTML form there.
 */
import type { ComponentChildren } from 'preact';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Loading, SyntheticBanner, lazyRoute } from './components';
import { I18nContext, createTranslator, readStoredLang, storeLang, useI18n, type Lang } from './i18n';
import { NavigationRoot, SPA_SCOPE, isStaffPath } from './lib/navigation';
import { Footer, LanguageSwitch, SkipLink, currentness } from './layout';
import { LandingPage } from './public/Landing';
import { LoginPage } from './public/Login';
import { NotFoundPage } from './public/NotFound';

const KinerjaPage = lazyRoute(() => import('./public/Kinerja').then((m) => m.KinerjaPage));
const KinerjaUnitPage = lazyRoute(() => import('./public/KinerjaUnit').then((m) => m.KinerjaUnitPage));
const MethodologyPage = lazyRoute(() => import('./public/method/Methodology').then((m) => m.MethodologyPage));
const OpenDataPage = lazyRoute(() => import('./public/data/OpenData').then((m) => m.OpenDataPage));
const PublicApiPage = lazyRoute(() => import('./public/api/PublicApi').then((m) => m.PublicApiPage));
const SurveyPage = lazyRoute(() => import('./public/Survey').then((m) => m.SurveyPage));
const StaffArea = lazyRoute(() => import('./staff/StaffArea').then((m) => m.StaffArea));

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

  return (
    <I18nContext.Provider value={context}>
      <LocationProvider scope={SPA_SCOPE}>
        <NavigationRoot>
          <Areas />
        </NavigationRoot>
      </LocationProvider>
    </I18nContext.Provider>
  );
}

function Areas() {
  const { path } = useLocation();
  const [loading, setLoading] = useState(false);
  const events = { onLoadStart: () => setLoading(true), onLoadEnd: () => setLoading(false) };
  if (isStaffPath(path)) {
    // The staff area renders its own layout; until its chunk arrives, a bare loading line.
    return (
      <>
        {loading ? <StaffLoading /> : null}
        <Router {...events}>
          <Route path="/portal" component={StaffArea} />
          <Route path="/portal/*" component={StaffArea} />
        </Router>
      </>
    );
  }
  return (
    <PublicLayout path={path} loading={loading}>
      <Router {...events}>
        <Route path="/" component={LandingPage} />
        <Route path="/masuk" component={LoginPage} />
        <Route path="/kinerja" component={KinerjaPage} />
        <Route path="/kinerja/metodologi" component={MethodologyPage} />
        <Route path="/kinerja/unit/:code" component={KinerjaUnitPage} />
        <Route path="/layanan/:token" component={SurveyPage} />
        <Route path="/data" component={OpenDataPage} />
        <Route path="/api-publik" component={PublicApiPage} />
        <Route default component={NotFoundPage} />
      </Router>
    </PublicLayout>
  );
}

function StaffLoading() {
  return (
    <main id="main" class="main">
      <div class="container">
        <Loading />
      </div>
    </main>
  );
}

function PublicLayout(props: { path: string; loading: boolean; children: ComponentChildren }) {
  return (
    <>
      <SkipLink />
      <Header path={props.path} />
      <main id="main" tabIndex={-1} class="main">
        <div class="container">
          <SyntheticBanner />
          {props.loading ? <Loading /> : null}
          {props.children}
        </div>
      </main>
      <Footer />
    </>
  );
}

function Header(props: { path: string }) {
  const { t } = useI18n();
  const navItems: Array<{ href: string; label: string }> = [
    { href: '/', label: t('app.nav.home') },
    { href: '/kinerja', label: t('app.nav.kinerja') },
    { href: '/data', label: t('app.nav.data') },
    { href: '/api-publik', label: t('app.nav.api') },
    { href: '/portal', label: t('app.nav.portal') },
  ];
  return (
    <header class="site-header">
      <div class="container header-inner">
        <a href="/" class="brand">
          <span class="brand-mark" aria-hidden="true">
            eK
          </span>
          <span class="brand-text">
            <span class="brand-name">{t('app.shortName')}</span>
            <span class="brand-city">{t('app.city')}</span>
          </span>
        </a>
        <nav aria-label={t('app.navLabel')} class="site-nav">
          <ul>
            {navItems.map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={currentness(props.path, item.href)}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <LanguageSwitch />
      </div>
    </header>
  );
}

