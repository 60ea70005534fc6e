/**
 * The sectioned staff menu on a phone: a BKPSDM account has some twenty links, a screenful before
 * the page starts. At narrow widths each section folds behind a button (aria-expanded): the section
 * holding the current page is open, the others closed; at desktop width every section is open and
 * there are no buttons. A one-section menu (a person with only their own work) never folds.
 */
import { useEffect, useState } from 'preact/hooks';
import { currentness } from '../layout';
import type { NavGroup } from './routes';

/** The width at which the menu folds: the stylesheet's phone breakpoint. */
export const NARROW_MENU_QUERY = '(max-width: 40rem)';

export interface MenuSection {
  group: NavGroup;
  items: ReadonlyArray<{ href: string }>;
}

/** Whether the sections fold: only at narrow widths and only with more than one section. */
export function menuFolds(sections: readonly MenuSection[], narrow: boolean): boolean {
  return narrow && sections.length > 1;
}

/** The section whose link is the current page (or its parent page), if any. */
export function sectionOfPage(sections: readonly MenuSection[], path: string, home: string): NavGroup | null {
  const exact = sections.find((s) => s.items.some((item) => currentness(path, item.href, home) === 'page'));
  if (exact) return exact.group;
  return sections.find((s) => s.items.some((item) => currentness(path, item.href, home) !== undefined))?.group ?? null;
}

/** The open sections on arriving at ``path``: all when the menu does not fold, else the current one. */
export function openSections(sections: readonly MenuSection[], path: string, home: string, narrow: boolean): ReadonlySet<NavGroup> {
  if (!menuFolds(sections, narrow)) return new Set(sections.map((s) => s.group));
  const current = sectionOfPage(sections, path, home);
  return new Set(current ? [current] : []);
}

/** The sections holding any of ``hrefs`` (the tour opens them to show the links it marks). */
export function sectionsHolding(sections: readonly MenuSection[], hrefs: readonly string[]): NavGroup[] {
  return sections.filter((s) => s.items.some((item) => hrefs.includes(item.href))).map((s) => s.group);
}

const REVEAL_EVENT = 'staff-nav-reveal';

/** Asks the menu to open the sections of these links (the tour, which marks menu items). */
export function revealInMenu(hrefs: readonly string[]): void {
  document.dispatchEvent(new CustomEvent<readonly string[]>(REVEAL_EVENT, { detail: hrefs }));
}

export function onRevealInMenu(listener: (hrefs: readonly string[]) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<readonly string[]>).detail);
  document.addEventListener(REVEAL_EVENT, handler);
  return () => document.removeEventListener(REVEAL_EVENT, handler);
}

/** Whether a media query matches now, following its changes (e.g. a phone turned sideways). */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(query).matches);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}
