/**
 * The staff portal (everything under /portal), one lazily loaded chunk: the session (who is
 * signed in), the staff layout (header with name, roles, notification bell, language, logout;
 * the role-aware menu; the synthetic-data banner; the footer) and the staff routes.
 */
import type { ComponentChildren } from 'preact';
import { Route, Router, useLocation } from 'preact-iso';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Loading, LoadError, SyntheticBanner } from '../components';
import { StaffSessionDocument, type StaffSessionQuery } from './StaffSession.generated';
import { UnreadCountDocument } from './UnreadCount.generated';
import { Footer, LanguageSwitch, SkipLink, currentness } from '../layout';
import { logout } from '../lib/auth';
import { confirmLeave, navigate } from '../lib/navigation';
import { isUnauthenticated, markSessionSeen, staffRequest, useStaffQuery } from './api';
import { useStaffMessages } from './messages';
import { portalPaths } from './paths';
import { navSections, staffRoutes, type NavGroup } from './routes';
import { NARROW_MENU_QUERY, menuFolds, onRevealInMenu, openSections, sectionsHolding, useMediaQuery } from './navMenu';
import { SessionContext, roleLines, type Me, type Session } from './session';
import { StaffNotFoundPage } from './NotFound';
import type { Tour as TourComponent } from './tour/Tour';
import { onTourRequested } from './tour/state';
import { PracticeBanner } from './practice/PracticeBanner';

export function StaffArea() {
  const query = useStaffQuery(StaffSessionDocument, {});
  if (query.status === 'success') return <SignedIn initial={query.data} />;
  return (
    <Frame me={null}>
      {query.status === 'error' && !isUnauthenticated(query.error) ? <LoadError error={query.error} onRetry={query.reload} /> : <Loading />}
    </Frame>
  );
}

function SignedIn(props: { initial: StaffSessionQuery }) {
  const [unread, setUnread] = useState(props.initial.unreadNotificationCount);
  const { path } = useLocation();
  const first = useRef(true);
  const me = props.initial.me;
  useEffect(() => markSessionSeen(), []);

  const refreshUnread = useMemo(
    () => () => {
      if (me.employee === null) return;
      staffRequest(UnreadCountDocument, {}).then(
        (data) => setUnread(data.unreadNotificationCount),
        () => undefined, // the bell keeps its last count; a 401 already went to the login page
      );
    },
    [me.employee],
  );

  // Each navigation inside the portal refreshes the bell (one cheap query).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    refreshUnread();
  }, [path, refreshUnread]);

  // The guided first visit: due until the account finished or skipped it; "Ulangi tur" in the
  // Panduan asks for it again.
  const practice = props.initial.practiceMode;
  // No tour over practice (the person saw it in the real portal; the personas are shared).
  const [tourDue, setTourDue] = useState(!practice && !props.initial.myOnboarding.tourCompleted);
  useEffect(() => onTourRequested(() => setTourDue(true)), []);

  const session: Session = useMemo(() => ({ me, unread, setUnread, refreshUnread }), [me, unread, refreshUnread]);
  const [loading, setLoading] = useState(false);

  return (
    <SessionContext.Provider value={session}>
      <Frame me={me} unread={unread} path={path} loading={loading} practice={practice}>
        <Router onLoadStart={() => setLoading(true)} onLoadEnd={() => setLoading(false)}>
          {[...staffRoutes.map((route) => <Route key={route.path} path={route.path} component={route.component} />), <Route key="*" default component={StaffNotFoundPage} />]}
        </Router>
        {tourDue ? <LazyTour onClose={() => setTourDue(false)} /> : null}
      </Frame>
    </SessionContext.Provider>
  );
}

/** The tour's code (its own chunk) is loaded only when the tour is due. */
function LazyTour(props: { onClose: () => void }) {
  const [Tour, setTour] = useState<typeof TourComponent | null>(null);
  useEffect(() => {
    let live = true;
    import('./tour/Tour').then(
      (m) => live && setTour(() => m.Tour),
      () => undefined, // no tour this time (offline): it stays due and comes back next visit
    );
    return () => {
      live = false;
    };
  }, []);
  return Tour ? <Tour onClose={props.onClose} /> : null;
}

function Frame(props: { me: Me | null; unread?: number; path?: string; loading?: boolean; practice?: boolean; children: ComponentChildren }) {
  return (
    <>
      <SkipLink />
      <StaffHeader me={props.me} unread={props.unread ?? 0} />
      {props.me ? <StaffNav me={props.me} path={props.path ?? '/portal'} /> : null}
      <main id="main" tabIndex={-1} class="main main-staff">
        <div class="container">
          {props.practice ? <PracticeBanner /> : null}
          <SyntheticBanner />
          {props.loading ? <Loading /> : null}
          {props.children}
        </div>
      </main>
      <Footer />
    </>
  );
}

function StaffHeader(props: { me: Me | null; unread: number }) {
  const { t } = useStaffMessages();
  const { me } = props;
  return (
    <header class="site-header staff-header">
      <div class="container header-inner">
        <a href={portalPaths.home()} class="brand">
          <span class="brand-mark" aria-hidden="true">
            eK
          </span>
          <span class="brand-text">
            <span class="brand-name">{t('shell.portalName')}</span>
          </span>
        </a>
        {me ? (
          <div class="staff-person">
            <span class="visually-hidden">{t('shell.signedInAs')} </span>
            <span class="staff-person-name" data-testid="user-name">
              {me.displayName}
            </span>
            <span class="staff-person-roles" data-testid="user-roles">
              {roleLines(me, t).join(' · ')}
            </span>
          </div>
        ) : null}
        <div class="staff-tools">
          {me && me.employee !== null ? <Bell unread={props.unread} /> : null}
          <LanguageSwitch />
          {me ? <LogoutButton /> : null}
        </div>
      </div>
    </header>
  );
}

function Bell(props: { unread: number }) {
  const { t } = useStaffMessages();
  const label = props.unread > 0 ? t('shell.notificationsUnread', { count: props.unread }) : t('shell.notificationsNone');
  return (
    <a href={portalPaths.notifications()} class="bell" aria-label={label} data-testid="bell">
      <svg class="bell-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          fill="currentColor"
        />
      </svg>
      {props.unread > 0 ? (
        <span class="bell-count" aria-hidden="true" data-testid="bell-count">
          {props.unread > 99 ? '99+' : props.unread}
        </span>
      ) : null}
    </a>
  );
}

function StaffNav(props: { me: Me; path: string }) {
  const { t } = useStaffMessages();
  const sections = useMemo(() => navSections(props.me), [props.me]);
  const narrow = useMediaQuery(NARROW_MENU_QUERY);
  const folds = menuFolds(sections, narrow);
  const home = portalPaths.home();
  const [open, setOpen] = useState<ReadonlySet<NavGroup>>(() => openSections(sections, props.path, home, narrow));
  // Arriving at a page (or turning the phone): its section open, the others folded again.
  useEffect(() => setOpen(openSections(sections, props.path, home, narrow)), [sections, props.path, home, narrow]);
  // The tour marks menu items: their sections open so the marks can be seen.
  useEffect(() => onRevealInMenu((hrefs) => setOpen((old) => new Set([...old, ...sectionsHolding(sections, hrefs)]))), [sections]);
  const toggle = (group: NavGroup) =>
    setOpen((old) => {
      const next = new Set(old);
      if (!next.delete(group)) next.add(group);
      return next;
    });
  // One flat row for a person with only their own work; with unit, BKPSDM or system screens
  // the menu is sectioned, each section a labelled list, so twenty links stay scannable. On a
  // phone each section folds behind a button (navMenu.ts).
  return (
    <nav aria-label={t('shell.navLabel')} class={folds ? 'staff-nav staff-nav-folding' : 'staff-nav'} data-folding={String(folds)}>
      <div class="container staff-nav-sections">
        {sections.map((section) => {
          const labelId = `nav-section-${section.group}`;
          const listId = `nav-list-${section.group}`;
          const expanded = !folds || open.has(section.group);
          const label = section.group === 'mine' ? (folds ? t('nav.section.mine') : null) : t(`nav.section.${section.group}`);
          return (
            <div key={section.group} class="staff-nav-section" data-section={section.group} data-open={String(expanded)}>
              {label === null ? null : folds ? (
                <button type="button" id={labelId} class="staff-nav-toggle" aria-expanded={expanded ? 'true' : 'false'} aria-controls={listId} data-testid="nav-section-toggle" onClick={() => toggle(section.group)}>
                  {label}
                  <span class="staff-nav-count">
                    {' '}
                    {t('nav.sectionCount', { count: section.items.length })}
                  </span>
                </button>
              ) : (
                <span class="staff-nav-label" id={labelId}>
                  {label}
                </span>
              )}
              <ul id={listId} aria-labelledby={label === null ? undefined : labelId} hidden={!expanded}>
                {section.items.map((item) => (
                  <li key={item.href}>
                    <a href={item.href} aria-current={currentness(props.path, item.href, home)}>
                      {t(item.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </nav>
  );
}

function LogoutButton() {
  const { t } = useStaffMessages();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function onClick(): Promise<void> {
    if (!confirmLeave()) return;
    setBusy(true);
    setFailed(false);
    if (await logout()) {
      navigate('/masuk?keluar=1', { force: true });
      return;
    }
    setBusy(false);
    setFailed(true);
  }

  return (
    <span class="logout">
      <button type="button" class="button button-secondary button-small" disabled={busy} onClick={onClick} data-testid="logout">
        {t('shell.logout')}
      </button>
      <span role="status" class="logout-status">
        {failed ? t('shell.logoutError') : busy ? t('shell.loggingOut') : ''}
      </span>
    </span>
  );
}
