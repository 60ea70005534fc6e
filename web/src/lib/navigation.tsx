/**
 * Client-side navigation on top of preact-iso: which links the SPA handles, a navigation
 * counter (focus goes to the new page's <h1>), `navigate()` for code, and the guard that asks
 * before unsaved changes are left behind (links, back/forward, `navigate()`, closing the tab).
 *
 * Links are plain `<a href="/portal/…">`: preact-iso's LocationProvider turns clicks on them into
 * history navigation when the href is inside `SPA_SCOPE`.
 */
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useLocation } from 'preact-iso';
import { useContext, useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Paths the SPA renders. Everything else the server answers itself (API, downloads, the
 * no-JavaScript survey form, the evaluation document), so those links load normally.
 */
export const SPA_SCOPE = /^\/(?!(?:api|public|auth|survei|assets|healthz)(?:[/.?#]|$))/;

export function isStaffPath(path: string): boolean {
  return path === '/portal' || path.startsWith('/portal/');
}

// ---------------------------------------------------------------- unsaved changes

const unsaved = new Map<symbol, { message: string; discard?: () => void }>();

/**
 * Registers (message) or clears (null) one source of unsaved changes. `discard` runs when the
 * person agrees to leave them behind (e.g. a form drops its draft).
 */
export function setUnsaved(token: symbol, message: string | null, discard?: () => void): void {
  if (message === null) unsaved.delete(token);
  else unsaved.set(token, { message, discard });
}

export function hasUnsavedChanges(): boolean {
  return unsaved.size > 0;
}

/** True when nothing is unsaved or the person agrees to leave it (then it is forgotten). */
export function confirmLeave(): boolean {
  const first = unsaved.values().next().value;
  if (first === undefined) return true;
  if (!window.confirm(first.message)) return false;
  for (const entry of unsaved.values()) entry.discard?.();
  unsaved.clear();
  return true;
}

/**
 * While `dirty`, leaving the page (link, back/forward, `navigate()`, reload, closing the tab)
 * asks first. `message` is shown in the browser's confirmation dialog.
 */
export function useUnsavedChanges(dirty: boolean, message: string, discard?: () => void): void {
  const token = useRef(Symbol('unsaved')).current;
  const onDiscard = useRef(discard);
  onDiscard.current = discard;
  // A layout effect registers the change as the render that shows it commits: a plain effect
  // waits for the next frame, and a back button pressed right after typing would leave unasked.
  useLayoutEffect(() => {
    setUnsaved(token, dirty ? message : null, () => onDiscard.current?.());
  }, [dirty, message, token]);
  useLayoutEffect(() => () => setUnsaved(token, null), [token]);
}

let currentUrl = typeof location === 'undefined' ? '/' : location.pathname + location.search;

function linkOf(event: MouseEvent): HTMLAnchorElement | null {
  for (const target of event.composedPath()) {
    if (target instanceof HTMLAnchorElement && target.href) return target;
  }
  return null;
}

/** The same test preact-iso applies before it takes over a click. */
function isSpaClick(event: MouseEvent, link: HTMLAnchorElement): boolean {
  const href = link.getAttribute('href') ?? '';
  return (
    event.button === 0 &&
    !event.ctrlKey &&
    !event.metaKey &&
    !event.altKey &&
    !event.shiftKey &&
    link.origin === location.origin &&
    !href.startsWith('#') &&
    /^(_?self)?$/i.test(link.target) &&
    !link.hasAttribute('download') &&
    SPA_SCOPE.test(href)
  );
}

/**
 * Listeners that run before preact-iso's own: a refused leave stops the click or undoes the
 * back/forward step. Install once, BEFORE the app renders (main.tsx): on `window` itself, popstate
 * listeners run in the order they were added, capture or not.
 */
export function installLeaveGuard(): () => void {
  const onClick = (event: MouseEvent): void => {
    if (!hasUnsavedChanges()) return;
    const link = linkOf(event);
    if (link === null || !isSpaClick(event, link)) return;
    if (confirmLeave()) return;
    event.preventDefault();
    event.stopPropagation();
  };
  const onPopState = (event: PopStateEvent): void => {
    if (!hasUnsavedChanges()) return;
    if (confirmLeave()) return;
    // Put the page that has the unsaved changes back in the address bar; the router never sees
    // the step.
    event.stopImmediatePropagation();
    history.pushState(null, '', currentUrl);
  };
  const onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!hasUnsavedChanges()) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('click', onClick, true);
  window.addEventListener('popstate', onPopState, true);
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => {
    window.removeEventListener('click', onClick, true);
    window.removeEventListener('popstate', onPopState, true);
    window.removeEventListener('beforeunload', onBeforeUnload);
  };
}

// ---------------------------------------------------------------- navigation

type RouteFn = (url: string, replace?: boolean) => void;
let routeFn: RouteFn | null = null;

export interface NavigateOptions {
  replace?: boolean;
  /** Skip the unsaved-changes question (e.g. the session expired and the draft is kept). */
  force?: boolean;
}

/** Navigates inside the SPA. Returns false when the person chose to stay (unsaved changes). */
export function navigate(to: string, options: NavigateOptions = {}): boolean {
  if (options.force) unsaved.clear();
  else if (!confirmLeave()) return false;
  if (routeFn === null) {
    location.assign(to);
    return true;
  }
  routeFn(to, options.replace ?? false);
  return true;
}

const NavCountContext = createContext(0);

/**
 * 0 on the page the browser loaded; +1 with every client-side change of path (not of the query
 * string), so a page heading knows when to take focus.
 */
export function useNavCount(): number {
  return useContext(NavCountContext);
}

/** Inside preact-iso's LocationProvider: counts navigations and wires `navigate()`. */
export function NavigationRoot(props: { children: ComponentChildren }) {
  const location = useLocation();
  routeFn = location.route;
  currentUrl = location.url;
  const last = useRef(location.path);
  const count = useRef(0);
  if (last.current !== location.path) {
    last.current = location.path;
    count.current += 1;
  }
  return <NavCountContext.Provider value={count.current}>{props.children}</NavCountContext.Provider>;
}

/** `/portal/skp/2026` etc.: a same-site path under /portal, never `//host` or a scheme. */
export function safeReturnPath(value: string | undefined | null): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  const path = value.split(/[?#]/)[0] ?? '';
  return isStaffPath(path) ? value : null;
}

/** The login page, coming back to `returnTo` afterwards. */
export function loginUrl(returnTo: string, expired: boolean): string {
  const params = new URLSearchParams();
  if (safeReturnPath(returnTo) !== null) params.set('kembali', returnTo);
  if (expired) params.set('sesi', 'berakhir');
  const query = params.toString();
  return query ? `/masuk?${query}` : '/masuk';
}
