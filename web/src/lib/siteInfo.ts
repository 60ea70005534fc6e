/**
 * Facts about the site shown on every page (footer, synthetic-data banner), from the public API:
 * fetched once per page load and shared. A failed load is retried by the next caller.
 */
import { useEffect, useState } from 'preact/hooks';
import { PUBLIC_ENDPOINT, request } from '../graphql/client';
import { SiteInfoDocument, type SiteInfoQuery } from '../public/SiteInfo.generated';

export type SiteInfo = SiteInfoQuery['about'];

let cached: Promise<SiteInfo> | null = null;
let known: SiteInfo | null = null;

export function loadSiteInfo(): Promise<SiteInfo> {
  if (cached === null) {
    const pending = request(SiteInfoDocument, {}, { endpoint: PUBLIC_ENDPOINT }).then((data) => {
      known = data.about;
      return data.about;
    });
    cached = pending;
    pending.catch(() => {
      if (cached === pending) cached = null;
    });
  }
  return cached;
}

/** The site facts once loaded (null before, or when they could not be loaded). */
export function useSiteInfo(): SiteInfo | null {
  const [info, setInfo] = useState<SiteInfo | null>(known);
  useEffect(() => {
    if (known !== null) return;
    let active = true;
    loadSiteInfo().then(
      (about) => active && setInfo(about),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, []);
  return info;
}
