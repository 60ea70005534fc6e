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
