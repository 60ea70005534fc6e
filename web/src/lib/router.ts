/** Minimal History API router: a path, a navigation counter, and subscribers. */
import { useEffect, useState } from 'preact/hooks';

export interface LocationState {
  path: string;
  /** 0 on the first page load; increases with every client-side navigation. */
  navCount: number;
}

let navCount = 0;
const listeners = new Set<() => void>();

/** `/portal/` → `/portal`; keeps `/`. */
export function normalisePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function current(): LocationState {
  return { path: normalisePath(window.location.pathname), navCount };
}

function notify(): void {
  for (const listener of listeners) listener();
}

export function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}): void {
  const state = options.state ?? null;
  if (options.replace) window.history.replaceState(state, '', to);
  else window.history.pushState(state, '', to);
  navCount += 1;
  notify();
}

let listening = false;
function ensurePopstateListener(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('popstate', () => {
    navCount += 1;
    notify();
  });
}

export function useLocation(): LocationState {
  const [location, setLocation] = useState<LocationState>(current);
  useEffect(() => {
    ensurePopstateListener();
    const listener = (): void => setLocation(current());
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return location;
}

/** Click handler for same-origin links: client-side navigation unless the user asked otherwise. */
export function handleLinkClick(event: MouseEvent, href: string): void {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  ) {
    return;
  }
  event.preventDefault();
  navigate(href);
}

export type RouteParams = Record<string, string>;

/**
 * Matches a normalised path against a pattern such as `/kinerja/unit/:code`; returns the
 * decoded parameters, or null. A parameter matches one non-empty path segment.
 */
export function matchPath(pattern: string, path: string): RouteParams | null {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i] ?? '';
    const h = have[i] ?? '';
    if (w.startsWith(':')) {
      if (h === '') return null;
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null; // malformed escape: no such page
      }
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}
